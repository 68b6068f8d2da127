package review

import (
	"context"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

const (
	repoName = "riverside/factdesk"
	token    = "ghs_testtoken_do_not_print"
)

var (
	baseSHA  = strings.Repeat("a", 40)
	headSHA  = strings.Repeat("b", 40)
	olderSHA = strings.Repeat("c", 40)
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// factCheck returns a valid fact-check naming reviewers with verdict.
func factCheck(t *testing.T, verdict string, reviewers []string, extra string) string {
	t.Helper()
	return strings.NewReplacer("{{VERDICT}}", verdict, "{{REVIEWERS}}", strings.Join(reviewers, ", "), "{{EXTRA}}", extra).
		Replace(readTestdata(t, "factcheck.md.tmpl"))
}

// fixture is a fake GitHub holding one repository whose base commit has the
// registry and factdesk.yaml of testdata/.
type fixture struct {
	t      *testing.T
	fake   *githubfake.Server
	mu     sync.Mutex // guards waits: files are fetched in parallel
	waits  []time.Duration
	client *github.Client
	// noRoot runs the gate without a base checkout.
	noRoot bool
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, fake: githubfake.NewT(t)}
	f.fake.Token = token
	repo := f.fake.Repo(repoName)
	f.fake.Update(func() {
		repo.Files[baseSHA] = map[string]string{
			"data/reviewers.yaml": readTestdata(t, "reviewers.yaml"),
			"factdesk.yaml":       readTestdata(t, "factdesk.yaml"),
		}
		repo.Files[headSHA] = map[string]string{}
		repo.Files[olderSHA] = map[string]string{}
	})
	retry := &github.RetryTransport{
		MaxWait: 10 * time.Minute,
		Sleep: func(_ context.Context, d time.Duration) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.waits = append(f.waits, d)
			return nil
		},
	}
	c, err := github.NewClient(&http.Client{Timeout: 10 * time.Second}, f.fake.APIURL(), repoName, token, retry)
	if err != nil {
		t.Fatal(err)
	}
	f.client = c
	return f
}

// pr sets up pull request 7 from author changing files (path → head content; an empty
// content marks a removal) over base contents baseFiles.
type prSpec struct {
	author   string
	commits  []string
	baseFile map[string]string
	headFile map[string]string
	status   map[string]string // path → added/modified/removed; default by presence in baseFile
	reviews  []Review
	headRepo string
	// coAuthored is the message of one more commit by the author.
	coAuthored string
	// renamed maps a head path to the base path it was renamed from.
	renamed map[string]string
	// more are further commits, as GitHub lists them.
	more []githubfake.Commit
	// changedFiles and commitCount override the totals the pull request reports.
	changedFiles, commitCount int
	// links are symbolic links the pull request adds: path → target.
	links map[string]string
}

func (f *fixture) pr(s prSpec) {
	f.t.Helper()
	repo := f.fake.Repo(repoName)
	f.fake.Update(func() {
		p := &githubfake.Pull{Number: 7, Title: "Update", User: s.author, HeadSHA: headSHA, BaseSHA: baseSHA, HeadRef: "change", BaseRef: "main", HeadRepo: s.headRepo}
		for path, body := range s.baseFile {
			repo.Files[baseSHA][path] = body
		}
		for path, body := range s.headFile {
			st := s.status[path]
			if st == "" {
				st = "added"
				if _, ok := s.baseFile[path]; ok {
					st = "modified"
				}
			}
			if st != "removed" {
				repo.Files[headSHA][path] = body
			}
			file := githubfake.File{Filename: path, Status: st}
			if old, ok := s.renamed[path]; ok {
				file.Status, file.PreviousFilename = "renamed", old
			}
			p.Files = append(p.Files, file)
		}
		for path, target := range s.links {
			if repo.Links[headSHA] == nil {
				repo.Links[headSHA] = map[string]string{}
			}
			repo.Links[headSHA][path] = target
			p.Files = append(p.Files, githubfake.File{Filename: path, Status: "added"})
		}
		p.Commits = append(p.Commits, s.more...)
		p.ChangedFiles, p.CommitCount = s.changedFiles, s.commitCount
		for i, a := range append([]string{s.author}, s.commits...) {
			p.Commits = append(p.Commits, githubfake.Commit{SHA: strings.Repeat(string(rune('0'+i%10)), 40), Author: a, Committer: "web-flow"})
		}
		if s.coAuthored != "" {
			p.Commits = append(p.Commits, githubfake.Commit{SHA: strings.Repeat("d", 40), Author: s.author, Committer: "web-flow", Message: s.coAuthored})
		}
		for i, r := range s.reviews {
			p.Reviews = append(p.Reviews, githubfake.Review{ID: int64(100 + i), User: r.User, State: r.State, CommitID: r.CommitID, SubmittedAt: time.Date(2026, 11, 1, 9, i, 0, 0, time.UTC)})
		}
		repo.Pulls[7] = p
		repo.Issues[7] = &githubfake.Issue{Number: 7, Title: "Update", User: s.author, PullRequest: true}
	})
}

func approve(user, sha string) Review { return Review{User: user, State: "APPROVED", CommitID: sha} }

func (f *fixture) run(opts Options) (*Outcome, error) {
	f.t.Helper()
	if opts.Gather.Root == "" && !f.noRoot {
		// A base checkout holding the observance list that posts refer to.
		root := f.t.TempDir()
		if err := os.MkdirAll(root+"/data", 0o755); err != nil {
			f.t.Fatal(err)
		}
		if err := os.WriteFile(root+"/data/observances.yaml", []byte(readTestdata(f.t, "observances.yaml")), 0o644); err != nil {
			f.t.Fatal(err)
		}
		opts.Gather.Root = root
	}
	if opts.Gather.Mounts == nil {
		opts.Gather.Mounts = testMounts(f.t)
	}
	if opts.Gather.Today.IsZero() {
		opts.Gather.Today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	}
	return Run(context.Background(), f.client, 7, opts)
}

// testMounts are the sample site's mounts, as the pinned Hugo's `hugo config mounts`
// prints them (recorded in testdata with the repository at /repo).
func testMounts(t *testing.T) []Mount {
	t.Helper()
	m, err := ParseMounts("/repo", []byte(readTestdata(t, "hugo-config-mounts.json")))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
