package publish_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	provenancecmd "github.com/factdesk/factdesk/tools/cli/provenance"
	"github.com/factdesk/factdesk/tools/provenance"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

func readRepoFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// provenanceWorld is a fake GitHub whose default branch holds a reviewed merge and then
// a commit that did not come through review (made by bad), and the environment that
// points publish and provenance at it.
func provenanceWorld(t *testing.T, fx *fixture, bad func(gh *githubfake.Server, repo string)) *githubfake.Server {
	t.Helper()
	const repo = "example/factdesk"
	gh := githubfake.NewT(t)
	gh.Token = "ghs_publish_provenance_token"
	fcTmpl := readRepoFile(t, "tools/review/testdata/factcheck.md.tmpl")
	fc := strings.NewReplacer("{{VERDICT}}", "false", "{{REVIEWERS}}", "dr-ana-lima, dr-james-okafor", "{{EXTRA}}", "").Replace(fcTmpl)
	gh.Commit(repo, "main", strings.Repeat("1", 40), "", "Initial commit", []string{}, map[string]string{
		"data/reviewers.yaml": readRepoFile(t, "tools/review/testdata/reviewers.yaml"),
		"factdesk.yaml":       readRepoFile(t, "tools/review/testdata/factdesk.yaml"),
		"data/verdicts.yaml":  readRepoFile(t, "data/verdicts.yaml"),
	})
	gh.Merge(repo, 2, "writer-kim", strings.Repeat("2", 40), strings.Repeat("3", 40),
		map[string]string{"factchecks/measles-vitamin-a.md": fc}, "dr-ana-lima", "dr-james-okafor")
	bad(gh, repo)
	fx.env["GITHUB_TOKEN"] = gh.Token
	fx.env["GITHUB_REPOSITORY"] = repo
	fx.env["FACTDESK_GITHUB_API_URL"] = gh.APIURL()
	return gh
}

// mountsFile is the sample site's `hugo config mounts`, as the pinned Hugo prints it
// in a checkout at root.
func mountsFile(t *testing.T, root string) string {
	t.Helper()
	out := strings.ReplaceAll(readRepoFile(t, "tools/review/testdata/hugo-config-mounts.json"), `"dir": "/repo"`, fmt.Sprintf(`"dir": %q`, root))
	p := filepath.Join(t.TempDir(), "mounts.json")
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func fcBody(t *testing.T) string {
	return strings.NewReplacer("{{VERDICT}}", "false", "{{REVIEWERS}}", "dr-ana-lima, dr-james-okafor", "{{EXTRA}}", "").
		Replace(readRepoFile(t, "tools/review/testdata/factcheck.md.tmpl"))
}

// unverified are the two ways the issue names of getting an unreviewed fact-check onto
// main: a direct push, and a merge whose success status was forged.
func unverified(t *testing.T, fcPath string) map[string]func(gh *githubfake.Server, repo string) {
	return map[string]func(gh *githubfake.Server, repo string){
		"a direct push of an unreviewed fact-check": func(gh *githubfake.Server, repo string) {
			gh.Commit(repo, "main", strings.Repeat("4", 40), "writer-kim", "Add the MMR fact-check", nil, map[string]string{fcPath: fcBody(t)})
		},
		"a merge with a forged success status": func(gh *githubfake.Server, repo string) {
			p := gh.Merge(repo, 5, "writer-kim", strings.Repeat("5", 40), strings.Repeat("6", 40), map[string]string{fcPath: fcBody(t)})
			r := gh.Repo(repo)
			gh.Update(func() {
				r.Statuses[p.HeadSHA] = append(r.Statuses[p.HeadSHA], githubfake.Status{State: "success", Context: "factdesk/review", Description: "All 1 reviewed files approved by their named reviewers at the latest commit"})
			})
		},
	}
}

func TestPublishHoldsPostsTouchedByUnverifiedCommits(t *testing.T) {
	t.Parallel()
	const fcPath = "factchecks/mmr-vaccine-autism.md"
	bad := unverified(t, fcPath)
	for name, push := range bad {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			posts := []fakeplatform.FixturePost{
				{Slug: "wiw-mmr", PublishAt: "2027-04-24T10:00", Channels: []string{"mastodon-main", "bluesky-main"}, FactCheck: "mmr-vaccine-autism",
					Copy: "[wiw-mmr] Vaccines do not cause autism."},
				{Slug: "wiw-general", PublishAt: "2027-04-24T10:00", Channels: []string{"mastodon-main"},
					Copy: "[wiw-general] It is World Immunization Week."},
			}
			fx := newFixture(t, posts, "")
			fx.live("mmr-vaccine-autism")
			gh := provenanceWorld(t, fx, push)
			for run := 1; run <= 2; run++ {
				code, out, errOut := fx.run(ny("2027-04-24T10:05"), "publish", "--provenance", "--hugo-mounts", mountsFile(t, fx.root))
				if code != 1 {
					t.Fatalf("run %d: publish --provenance exited %d, want 1\nstdout:\n%s\nstderr:\n%s", run, code, out, errOut)
				}
				if !strings.Contains(out, "held: the fact-check it links to (factchecks/mmr-vaccine-autism.md)") {
					t.Errorf("run %d: the summary does not say why wiw-mmr is held:\n%s\n%s", run, out, errOut)
				}
				if strings.Contains(out+errOut, gh.Token) {
					t.Errorf("run %d printed the GitHub token", run)
				}
			}
			if n := countLive(fx.srv.Posts("mastodon"), "wiw-mmr") + countLive(fx.srv.Posts("bluesky"), "wiw-mmr"); n != 0 {
				t.Errorf("the held post went out %d times", n)
			}
			if n := countLive(fx.srv.Posts("mastodon"), "wiw-general"); n != 1 {
				t.Errorf("the post that touches nothing unverified went out %d times, want 1", n)
			}
			var open []githubfake.Issue
			for _, is := range gh.Issues("example/factdesk") {
				if is.State == "open" {
					open = append(open, is)
				}
			}
			if len(open) != 1 || !strings.Contains(open[0].Body, fcPath) || !strings.Contains(open[0].Body, "How to fix it") {
				t.Fatalf("want one open issue naming %s and the fix, got %+v", fcPath, open)
			}
		})
	}
}

// The deploy workflow's step: factdesk provenance --issue exits 1 and opens one issue,
// so the deploy job stops before the site is built.
func TestProvenanceFailsTheDeployStep(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"a direct push of an unreviewed fact-check": `FAIL 4444444 "Add the MMR fact-check" by @writer-kim: pushed to main without a pull request`,
		"a merge with a forged success status":      `FAIL 6666666 "Merge pull request #5 from change-5" by @web-flow: merged through pull request #5, whose review gate does not pass when run again`,
	}
	for name, push := range unverified(t, "factchecks/mmr-vaccine-autism.md") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fx := newFixture(t, nil, "")
			gh := provenanceWorld(t, fx, push)
			for run := 1; run <= 2; run++ {
				code, out, errOut := executeProvenance(t, fx, "provenance", "--issue", "--hugo-mounts", mountsFile(t, fx.root))
				if code != 1 {
					t.Fatalf("run %d: provenance exited %d, want 1\n%s%s", run, code, out, errOut)
				}
				for _, w := range []string{want[name], "are listed in https://"} {
					if !strings.Contains(errOut, w) {
						t.Errorf("run %d: output lacks %q:\n%s", run, w, errOut)
					}
				}
			}
			var open int
			for _, is := range gh.Issues("example/factdesk") {
				if is.State == "open" {
					open++
				}
			}
			if open != 1 {
				t.Errorf("%d open issues after two deploys, want 1", open)
			}
			st, err := provenance.ReadState(filepath.Join(fx.root, provenancecmd.DefaultState))
			if err != nil || st.Verified != "" {
				t.Errorf("the state remembers %q as verified after a failure (%v)", st.Verified, err)
			}
		})
	}
}

func executeProvenance(t *testing.T, fx *fixture, args ...string) (int, string, string) {
	t.Helper()
	return execute(context.Background(), fx.root, fx.env, ny("2027-04-24T10:05"), args...)
}
