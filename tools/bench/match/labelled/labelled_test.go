package labelled

import (
	"path/filepath"
	"testing"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/match"
)

// testdata holds the labelled comments, beside the matcher they measure.
var testdata = filepath.Join("..", "..", "..", "match", "testdata")

func loadRepo(t *testing.T) *content.Repo {
	t.Helper()
	repo, err := content.LoadRepo(filepath.Join("..", "..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

func loadLexicon(t *testing.T) *match.Lexicon {
	t.Helper()
	lx, err := match.LoadLexicon(filepath.Join("..", "..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func TestLabelledCommentsAreOurOwn(t *testing.T) {
	ls, err := Load(filepath.Join(testdata, "phrasings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 100 {
		t.Errorf("%d labelled comments; the benchmark needs at least 100", len(ls))
	}
	later, err := Load(filepath.Join(testdata, "phrasings-later.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ls = append(ls, later...)
	repo := loadRepo(t)
	for _, c := range Copied(ls, repo.FactChecks) {
		t.Errorf("labelled comment copies a fact-check's own words: %q", c)
	}
	for _, l := range ls {
		if repo.FactCheck(l.Slug) == nil {
			t.Errorf("label %q is not a fact-check", l.Slug)
		}
	}
}

func TestCopiedDetectsCopies(t *testing.T) {
	fc := &content.FactCheckDoc{FactCheck: content.FactCheck{Title: "Can the flu shot give you the flu?", Phrasings: []string{"the flu shot made me sick"}}}
	got := Copied([]Comment{{Text: "The flu shot made me sick!"}, {Text: "lol the flu shot made me sick again"}, {Text: "my arm hurt after the vaccine"}}, []*content.FactCheckDoc{fc})
	if len(got) != 2 {
		t.Errorf("Copied = %q; want the first two", got)
	}
}

// TestMatchTargets holds matching to its targets on the labelled comments: top-1
// accuracy of at least 0.85 and top-3 of at least 0.95 over the sample fact-checks.
func TestMatchTargets(t *testing.T) {
	ls, err := Load(filepath.Join(testdata, "phrasings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ix := match.New(loadRepo(t).FactChecks, match.Options{Lexicon: loadLexicon(t)})
	a := Measure(ix, ls)
	t.Logf("top-1 %.3f, top-3 %.3f over %d comments", a.Top1Rate(), a.Top3Rate(), a.N)
	if a.Top1Rate() < 0.85 || a.Top3Rate() < 0.95 {
		for _, m := range a.Misses {
			t.Log(m)
		}
		t.Errorf("top-1 %.3f (target 0.85), top-3 %.3f (target 0.95)", a.Top1Rate(), a.Top3Rate())
	}
}

// TestColloquialLabels checks the colloquial set: each label is a fact-check the index
// can answer with, or "none" with the kind of comment; enough of each in each half.
func TestColloquialLabels(t *testing.T) {
	repo := loadRepo(t)
	ix := match.New(repo.FactChecks, match.Options{Lexicon: loadLexicon(t)})
	var myths, none int
	for _, half := range []string{"dev", "heldout"} {
		ls, err := Load(filepath.Join(testdata, "colloquial-"+half+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		m, n := Split(ls)
		if half == "heldout" && (len(m) < 10 || len(n) < 10) {
			t.Errorf("held-out half has %d myths and %d no-rebuttal comments; want at least 10 of each", len(m), len(n))
		}
		myths += len(m)
		none += len(n)
		for _, l := range m {
			if !ix.Indexed(l.Slug) {
				t.Errorf("%s: %q is labelled %q, which is no published fact-check", half, l.Text, l.Slug)
			}
		}
		for _, l := range n {
			if l.Kind != match.Supportive && l.Kind != match.Question && l.Kind != match.OffTopic {
				t.Errorf("%s: %q has kind %q; want supportive, question or offtopic", half, l.Text, l.Kind)
			}
		}
		for _, c := range Copied(ls, repo.FactChecks) {
			t.Errorf("%s: labelled comment copies a fact-check's own words: %q", half, c)
		}
	}
	if myths < 100 || none < 30 {
		t.Errorf("%d myths and %d no-rebuttal comments; want at least 100 and 30", myths, none)
	}
}
