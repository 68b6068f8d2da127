package provenance

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/review"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

const (
	repoName = "riverside/factdesk"
	token    = "ghs_provenance_token_never_printed"
	rootSHA  = "0000000000000000000000000000000000000001"
)

// world is a fake GitHub holding a repository whose history the tests grow: merged
// pull requests, direct pushes, forged statuses.
type world struct {
	t      *testing.T
	fake   *githubfake.Server
	client *github.Client
	next   int
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// factCheck is a valid fact-check naming reviewers, with extra text in its body.
func factCheck(t *testing.T, reviewers []string, extra string) string {
	return strings.NewReplacer("{{VERDICT}}", "false", "{{REVIEWERS}}", strings.Join(reviewers, ", "), "{{EXTRA}}", extra).
		Replace(readFile(t, "../review/testdata/factcheck.md.tmpl"))
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{t: t, fake: githubfake.NewT(t), next: 100}
	w.fake.Token = token
	w.commit(rootSHA, []string{}, "main", "", "Initial commit", map[string]string{
		"data/reviewers.yaml": readFile(t, "../review/testdata/reviewers.yaml"),
		"factdesk.yaml":       readFile(t, "../review/testdata/factdesk.yaml"),
		"data/verdicts.yaml":  readFile(t, "../../data/verdicts.yaml"),
	})
	w.client = w.fake.Client(t, repoName)
	return w
}

func (w *world) sha() string {
	w.next++
	return fmt.Sprintf("%040x", w.next)
}

// commit records a commit changing files (path → content, "" removes) and pushes it
// to branch.
func (w *world) commit(sha string, parents []string, branch, author, msg string, files map[string]string) {
	w.fake.Commit(repoName, branch, sha, author, msg, parents, files)
}

func (w *world) tip() string {
	repo := w.fake.Repo(repoName)
	var s string
	w.fake.Update(func() { s = repo.Branches["main"] })
	return s
}

// merge merges pull request n by author changing files, approved by approvers; it
// returns the merge commit.
func (w *world) merge(n int, author string, files map[string]string, approvers ...string) string {
	return w.fake.Merge(repoName, n, author, w.sha(), w.sha(), files, approvers...).MergeCommitSHA
}

func (w *world) cfg() *config.Config {
	c := config.Default()
	c.Organisation.Repository = repoName
	return c
}

func (w *world) verify(st *State) *Result {
	w.t.Helper()
	res, err := Verify(context.Background(), w.client, w.cfg(), st, Options{Gather: review.GatherOptions{Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Mounts: mounts(w.t)}})
	if err != nil {
		w.t.Fatalf("Verify: %v", err)
	}
	return res
}

// mounts are the sample site's, as the pinned Hugo reports them.
func mounts(t *testing.T) []review.Mount {
	t.Helper()
	m, err := review.ParseMounts("/repo", []byte(readFile(t, "../review/testdata/hugo-config-mounts.json")))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var two = []string{"dr-ana-lima", "dr-james-okafor"}

func TestProvenance(t *testing.T) {
	t.Parallel()
	const fc = "factchecks/vaccines-autism.md"
	const other = "factchecks/measles-vitamin-a.md"
	tests := []struct {
		name string
		// grow adds to the history after a first reviewed pull request.
		grow func(w *world)
		// bad are the commit subjects expected to be unverified; empty: verified.
		bad []string
		// why are substrings of the reasons.
		why []string
	}{
		{
			name: "merged pull requests approved by the named clinicians",
			grow: func(w *world) {
				w.merge(3, "writer-kim", map[string]string{other: factCheck(t, two, "")}, two...)
			},
		},
		{
			name: "a direct push of an unreviewed fact-check",
			grow: func(w *world) {
				w.commit(w.sha(), nil, "main", "writer-kim", "Add measles fact-check", map[string]string{other: factCheck(t, two, "")})
			},
			bad: []string{"Add measles fact-check"},
			why: []string{"pushed to main without a pull request"},
		},
		{
			name: "a pull request merged with a forged success status and no approvals",
			grow: func(w *world) {
				w.merge(3, "writer-kim", map[string]string{other: factCheck(t, two, "")})
				repo := w.fake.Repo(repoName)
				w.fake.Update(func() {
					head := repo.Pulls[3].HeadSHA
					repo.Statuses[head] = append(repo.Statuses[head], githubfake.Status{State: "success", Context: "factdesk/review", Description: "All 1 reviewed files approved"})
				})
			},
			bad: []string{"Change change-3", "Merge pull request #3 from change-3"},
			why: []string{"merged through pull request #3, whose review gate does not pass when run again", "@dr-ana-lima has not approved yet"},
		},
		{
			name: "a reviewer approving their own change",
			grow: func(w *world) {
				w.merge(3, "dr-ana-lima", map[string]string{other: factCheck(t, two, "")}, two...)
			},
			bad: []string{"Change change-3", "Merge pull request #3 from change-3"},
			why: []string{"opened this pull request"},
		},
		{
			name: "a direct push cured by a later pull request that re-reviews the file",
			grow: func(w *world) {
				w.commit(w.sha(), nil, "main", "writer-kim", "Quick fix", map[string]string{fc: factCheck(t, two, "Unreviewed sentence.")})
				w.merge(4, "writer-kim", map[string]string{fc: factCheck(t, two, "Reviewed sentence.")}, two...)
			},
		},
		{
			name: "a direct push not cured by a pull request that changes another file",
			grow: func(w *world) {
				w.commit(w.sha(), nil, "main", "writer-kim", "Quick fix", map[string]string{fc: factCheck(t, two, "Unreviewed sentence.")})
				w.merge(4, "writer-kim", map[string]string{other: factCheck(t, two, "")}, two...)
			},
			bad: []string{"Quick fix"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			w.merge(2, "writer-kim", map[string]string{fc: factCheck(t, two, "")}, two...)
			tt.grow(w)
			st := &State{}
			res := w.verify(st)
			var got []string
			var why string
			for _, c := range res.Unverified {
				got = append(got, c.Subject)
				why += c.Why + "\n"
				if len(c.Files) == 0 {
					t.Errorf("unverified commit %s lists no files", c.SHA)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.bad, "|") {
				t.Fatalf("unverified %q, want %q\n%s", got, tt.bad, Describe(res))
			}
			for _, s := range tt.why {
				if !strings.Contains(why, s) {
					t.Errorf("reasons lack %q:\n%s", s, why)
				}
			}
			if res.OK() != (st.Verified == w.tip()) {
				t.Errorf("state remembers %q after a run that was OK=%v (tip %s)", st.Verified, res.OK(), w.tip())
			}
		})
	}
}

func TestProvenanceRemembersAndRestarts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.merge(2, "writer-kim", map[string]string{"factchecks/vaccines-autism.md": factCheck(t, two, "")}, two...)
	st := &State{}
	res := w.verify(st)
	if !res.OK() || !res.Restarted || res.From != rootSHA || res.Checked != 2 || res.Gates != 1 {
		t.Fatalf("first run: %+v", res)
	}
	// Nothing new: no request at all.
	before := len(w.fake.Requests())
	path := t.TempDir() + "/state.json"
	if err := st.Write(path, time.Now()); err != nil {
		t.Fatal(err)
	}
	st2, err := ReadState(path)
	if err != nil {
		t.Fatal(err)
	}
	res = Verify2(t, w, st2, Options{Head: w.tip()})
	if !res.OK() || res.Checked != 0 || len(w.fake.Requests()) != before {
		t.Fatalf("second run checked %d commits with %d requests", res.Checked, len(w.fake.Requests())-before)
	}
	// A new merge: only it is checked, from the remembered commit.
	w.merge(3, "writer-kim", map[string]string{"factchecks/measles-vitamin-a.md": factCheck(t, two, "")}, two...)
	res = Verify2(t, w, st2, Options{})
	if !res.OK() || res.Restarted || res.Checked != 2 || res.Gates != 1 {
		t.Fatalf("third run: %+v", res)
	}
	// The state lost: restart after FACTDESK_VERIFY_FROM, not from everything trusted.
	res = Verify2(t, w, &State{}, Options{From: w.fake.Repo(repoName).Pulls[3].BaseSHA})
	if !res.OK() || !res.Restarted || res.Checked != 2 {
		t.Fatalf("restart from a recorded point: %+v", res)
	}
	// A corrupt state file is reported and ignored.
	if err := os.WriteFile(path, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := ReadState(path); err == nil || st.Verified != "" {
		t.Fatalf("a corrupt state read as %+v, %v", st, err)
	}
}

func Verify2(t *testing.T, w *world, st *State, o Options) *Result {
	t.Helper()
	o.Gather.Today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	o.Gather.Mounts = mounts(t)
	res, err := Verify(context.Background(), w.client, w.cfg(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestProvenanceRewrittenBranch(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	m := w.merge(2, "writer-kim", map[string]string{"factchecks/vaccines-autism.md": factCheck(t, two, "")}, two...)
	st := &State{Branch: "main", Verified: m}
	// Force-push main back to the first commit and on to a new reviewed merge.
	repo := w.fake.Repo(repoName)
	w.fake.Update(func() { repo.Branches["main"] = rootSHA })
	w.merge(3, "writer-kim", map[string]string{"factchecks/measles-vitamin-a.md": factCheck(t, two, "")}, two...)
	res := Verify2(t, w, st, Options{})
	if res.OK() || !res.Rewritten || st.Verified != m {
		t.Fatalf("a rewritten branch passed: %+v", res)
	}
	if !strings.Contains(Body(res, ""), "was rewritten") {
		t.Errorf("issue body does not say the branch was rewritten:\n%s", Body(res, ""))
	}
}

func TestProvenanceSkips(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.commit(w.sha(), nil, "main", "admin", "Remove the sample content", map[string]string{"README.md": "ours"})
	res := Verify2(t, w, &State{}, Options{})
	if !res.OK() || !strings.Contains(res.Skipped, "no pull requests yet") {
		t.Fatalf("a repository without pull requests: %+v", res)
	}
	demo := w.cfg()
	demo.Organisation.Demonstration = true
	n := len(w.fake.Requests())
	res, err := Verify(context.Background(), w.client, demo, &State{}, Options{})
	if err != nil || !strings.Contains(res.Skipped, "demonstration") || len(w.fake.Requests()) != n {
		t.Fatalf("a demonstration site: %+v %v", res, err)
	}
}

func TestReportKeepsOneIssue(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.merge(2, "writer-kim", map[string]string{"factchecks/vaccines-autism.md": factCheck(t, two, "")}, two...)
	bad := w.sha()
	w.commit(bad, nil, "main", "writer-kim", "Add measles fact-check", map[string]string{"factchecks/measles-vitamin-a.md": factCheck(t, two, "")})
	st := &State{}
	for range 3 {
		res := Verify2(t, w, st, Options{})
		if _, err := Report(context.Background(), w.client, res, ""); err != nil {
			t.Fatal(err)
		}
	}
	issues := w.fake.Issues(repoName)
	var open []githubfake.Issue
	for _, is := range issues {
		if is.State == "open" {
			open = append(open, is)
		}
	}
	if len(open) != 1 {
		t.Fatalf("%d open issues after three runs, want 1: %+v", len(open), issues)
	}
	body := open[0].Body
	for _, want := range []string{bad, "pushed to main without a pull request", "factchecks/measles-vitamin-a.md", "git revert", "factdesk doctor"} {
		if !strings.Contains(body, want) {
			t.Errorf("issue body lacks %q:\n%s", want, body)
		}
	}
	// A reviewed pull request that re-reviews the file cures it: the issue closes.
	w.merge(5, "writer-kim", map[string]string{"factchecks/measles-vitamin-a.md": factCheck(t, two, "Reviewed.")}, two...)
	res := Verify2(t, w, st, Options{})
	if !res.OK() {
		t.Fatalf("not cured: %s", Describe(res))
	}
	if _, err := Report(context.Background(), w.client, res, ""); err != nil {
		t.Fatal(err)
	}
	for _, is := range w.fake.Issues(repoName) {
		if is.State == "open" {
			t.Errorf("issue #%d still open after the fix", is.Number)
		}
	}
	for _, r := range w.fake.Requests() {
		if strings.Contains(r.Body, token) {
			t.Errorf("the token was sent in a request body: %s %s", r.Method, r.Path)
		}
	}
}
