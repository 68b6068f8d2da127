package review

import (
	"context"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	sample := testMounts(t)
	// docsMounted is a base branch whose hugo.toml also mounts docs/ as site pages.
	docsMounted := append(append([]Mount(nil), sample...), Mount{Source: "docs", Target: "content/guides"})
	// wholeRepo mounts the repository's root as static files.
	wholeRepo := append(append([]Mount(nil), sample...), Mount{Source: ".", Target: "static/source"})
	tests := []struct {
		path   string
		mounts []Mount
		policy config.Review
		want   Kind
		group  string
	}{
		{path: "factchecks/mmr-vaccine-autism.md", want: FactCheck},
		{path: "factchecks/es/mmr-vaccine-autism.md", want: FactCheck},
		{path: "campaigns/2027/wad-2027-testing.md", want: Post},
		{path: "factchecks/x.md.bak", want: Governed, group: "other files in the factchecks folders"},
		{path: "factchecks/images/chart.png", want: Governed, group: "other files in the factchecks folders"},
		{path: "factchecks/Mmr.md", want: Misplaced},
		{path: "factchecks/mmr_vaccine.md", want: Misplaced},
		{path: "factchecks/fr/x.md", want: Misplaced},
		{path: "content/es/factchecks/x.md", want: Misplaced},
		{path: "content/factchecks/x.adoc", want: Misplaced},
		{path: "content/campaigns/2027/x.md", want: Misplaced},
		{path: "static/campaigns/x.html", want: Misplaced},
		{path: "content/about.md", want: Governed, group: "the site's own pages"},
		{path: "static/images/chart.png", want: Image},
		{path: "static/images/chart.svg", want: Governed, group: "static files of the site"},
		{path: "data/reviewers.yaml", want: Governed, group: "the reviewer registry and the review policy"},
		{path: "factdesk.yaml", want: Governed, group: "the reviewer registry and the review policy"},
		{path: "data/verdicts.yaml", want: Governed, group: "the site's data (verdict scale, topics, observances, ledger)"},
		{path: ".github/workflows/pr.yml", want: Governed, group: "workflows and CI"},
		{path: "package-lock.json", want: Governed, group: "the tools and their build"},
		{path: "themes/factdesk/hugo.toml", want: Governed, group: "the site's configuration"},
		{path: "docs/review.md", want: Other, group: "documentation"},
		{path: "README.md", want: Other, group: "documentation"},
		{path: "Docs/review.md", want: Governed, group: "paths the review policy does not list"},
		{path: "docs/../tools/x.go", want: Governed, group: "paths that leave the repository"},
		{path: ".gitattributes", want: Governed, group: "paths the review policy does not list"},
		{path: "docs/review.md", mounts: docsMounted, want: Governed, group: "files the site is built from"},
		{path: "README.md", mounts: wholeRepo, want: Governed, group: "files the site is built from"},
		{path: "notes/todo.md", policy: config.Review{Unreviewed: []string{"notes/**"}}, want: Other, group: "documentation"},
		{path: "docs/review.md", policy: config.Review{Unreviewed: []string{"notes/**"}}, want: Governed, group: "paths the review policy does not list"},
		{path: "ops/run.sh", policy: config.Review{EditorPaths: []string{"ops/"}}, want: Governed, group: "the reviewer registry and the review policy"},
	}
	for _, tt := range tests {
		mounts := tt.mounts
		if mounts == nil {
			mounts = sample
		}
		c := Classify(tt.path, tt.policy, mounts)
		if c.Kind != tt.want || (tt.group != "" && c.Group != tt.group) {
			t.Errorf("Classify(%q) = %+v, want kind %d, group %q", tt.path, c, tt.want, tt.group)
		}
	}
}

func TestParseMounts(t *testing.T) {
	t.Parallel()
	out := `{"path":"project","dir":"/repo","mounts":[{"source":"factchecks","target":"content/factchecks"},{"source":"../outside","target":"content"}]}
{"path":"theme","dir":"/repo/themes/t/","mounts":[{"source":"content","target":"content"}]}
{"path":"github.com/x/y","dir":"/home/go/pkg/mod/github.com/x/y","mounts":[{"source":"layouts","target":"layouts"}]}`
	got, err := ParseMounts("/repo", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	want := []Mount{{"factchecks", "content/factchecks"}, {"themes/t/content", "content"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ParseMounts = %+v, want %+v (downloaded modules and sources outside the repository left out)", got, want)
	}
	for _, bad := range []string{"", "not json", `{"path":"project","mounts":[`} {
		if _, err := ParseMounts("/repo", []byte(bad)); err == nil {
			t.Errorf("ParseMounts(%q) succeeded; a gate that cannot read Hugo's mounts must not run", bad)
		}
	}
}

// TestGatherFailsClosedWithoutMounts: without Hugo's mounts the gate cannot tell what
// the site publishes, so it does not run (exit 2 in the command), never passes.
func TestGatherFailsClosedWithoutMounts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.pr(prSpec{author: "writer-kim", headFile: map[string]string{"docs/a.md": "x"}})
	pr, err := f.client.PullRequest(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Gather(context.Background(), f.client, pr, GatherOptions{})
	if err == nil || !strings.Contains(err.Error(), "Hugo's mounts of the base branch are unknown") {
		t.Fatalf("Gather without mounts: err = %v", err)
	}
}

// TestEvaluateIsPure: Evaluate decides from the snapshot alone, classifying its
// changes itself, with no policy read meaning no editor can approve.
func TestEvaluateIsPure(t *testing.T) {
	t.Parallel()
	s := &Snapshot{Number: 1, Author: "writer-kim", HeadSHA: headSHA, Mounts: testMounts(t),
		ChangedFiles: 2, Changes: []*Change{{Path: "hugo.toml", Status: "modified"}, {Path: "docs/a.md", Status: "added"}},
		Reviews: []Review{approve("editor-sam-rivera", headSHA)}}
	rep := Evaluate(s)
	if rep.Passed() || len(rep.Files) != 1 || rep.Files[0].Path != "hugo.toml" || !strings.Contains(rep.Files[0].Missing[0], "names no editors") {
		t.Fatalf("Evaluate without a policy:\n%s", Describe(rep))
	}
	s.Config = &config.Config{Editors: []string{"editor-sam-rivera"}}
	s.Registry = map[string]content.Reviewer{"editor-sam-rivera": {Name: "Sam Rivera", Roles: []string{"editor"}, Handle: "editor-sam-rivera"}}
	if rep := Evaluate(s); !rep.Passed() {
		t.Fatalf("Evaluate with an editor's approval:\n%s", Describe(rep))
	}
}
