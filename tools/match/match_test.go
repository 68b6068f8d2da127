package match

import (
	"path/filepath"
	"testing"

	"github.com/factdesk/factdesk/tools/content"
)

func loadRepo(t *testing.T) *content.Repo {
	t.Helper()
	repo, err := content.LoadRepo(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

func loadLexicon(t *testing.T) *Lexicon {
	t.Helper()
	lx, err := LoadLexicon(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func TestLabelledCommentsAreOurOwn(t *testing.T) {
	ls, err := LoadLabelled(filepath.Join("testdata", "phrasings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 100 {
		t.Errorf("%d labelled comments; the benchmark needs at least 100", len(ls))
	}
	later, err := LoadLabelled(filepath.Join("testdata", "phrasings-later.yaml"))
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
	got := Copied([]Labelled{{Text: "The flu shot made me sick!"}, {Text: "lol the flu shot made me sick again"}, {Text: "my arm hurt after the vaccine"}}, []*content.FactCheckDoc{fc})
	if len(got) != 2 {
		t.Errorf("Copied = %q; want the first two", got)
	}
}

// TestMatchTargets holds matching to its targets on the labelled comments: top-1
// accuracy of at least 0.85 and top-3 of at least 0.95 over the sample fact-checks.
func TestMatchTargets(t *testing.T) {
	ls, err := LoadLabelled(filepath.Join("testdata", "phrasings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ix := New(loadRepo(t).FactChecks, Options{Lexicon: loadLexicon(t)})
	a := ix.Measure(ls)
	t.Logf("top-1 %.3f, top-3 %.3f over %d comments", a.Top1Rate(), a.Top3Rate(), a.N)
	if a.Top1Rate() < 0.85 || a.Top3Rate() < 0.95 {
		for _, m := range a.Misses {
			t.Log(m)
		}
		t.Errorf("top-1 %.3f (target 0.85), top-3 %.3f (target 0.95)", a.Top1Rate(), a.Top3Rate())
	}
}

func TestSearchPrefersCommentLanguageAndSkipsWithdrawn(t *testing.T) {
	ix := New(loadRepo(t).FactChecks, Options{Lexicon: loadLexicon(t)})
	tests := []struct {
		comment, slug, lang string
	}{
		{"me vacuné contra la gripe y me dio gripe", "flu-shot-gives-flu", "es"},
		{"I got the flu from my flu vaccine", "flu-shot-gives-flu", "en"},
		{"zinc lozenges cure colds", "", ""},
	}
	for _, tt := range tests {
		rs := ix.Search(tt.comment)
		for _, r := range rs {
			if r.FactCheck.Withdrawn != nil {
				t.Errorf("Search(%q) returned the withdrawn %s", tt.comment, r.FactCheck.Slug)
			}
		}
		if tt.slug == "" {
			continue
		}
		if len(rs) == 0 || rs[0].FactCheck.Slug != tt.slug || rs[0].FactCheck.Lang != tt.lang {
			t.Errorf("Search(%q) first = %v; want %s in %s", tt.comment, rs, tt.slug, tt.lang)
		}
	}
}

func TestTermsStemsBothLanguages(t *testing.T) {
	tests := []struct{ text, lang, want string }{
		{"Vaccines vaccinated", "en", "vaccin vaccin"},
		{"vacunas vacunación", "es", "vacun vacun"},
		{"infecciones bacterianas", "es", "infeccion bacterian"},
	}
	for _, tt := range tests {
		got := loadLexicon(t).Terms(tt.text, tt.lang)
		if s := join(got); s != tt.want {
			t.Errorf("Terms(%q, %s) = %q; want %q", tt.text, tt.lang, s, tt.want)
		}
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}

// TestColloquialLabels checks the colloquial set: each label is a fact-check the index
// can answer with, or "none" with the kind of comment; enough of each in each half.
func TestColloquialLabels(t *testing.T) {
	repo := loadRepo(t)
	ix := New(repo.FactChecks, Options{Lexicon: loadLexicon(t)})
	answerable := map[string]bool{}
	for _, r := range ix.docs {
		answerable[r.fc.Slug] = true
	}
	var myths, none int
	for _, half := range []string{"dev", "heldout"} {
		ls, err := LoadLabelled(filepath.Join("testdata", "colloquial-"+half+".yaml"))
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
			if !answerable[l.Slug] {
				t.Errorf("%s: %q is labelled %q, which is no published fact-check", half, l.Text, l.Slug)
			}
		}
		for _, l := range n {
			if l.Kind != Supportive && l.Kind != Question && l.Kind != OffTopic {
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

func TestClassify(t *testing.T) {
	ix := New(loadRepo(t).FactChecks, Options{Lexicon: loadLexicon(t)})
	tests := []struct {
		comment string
		kind    Kind
		slug    string
	}{
		{"Got my flu shot today, feeling fine!", Supportive, ""},
		{"gracias por la info, todo bien con la vacuna", Supportive, ""},
		{"what time does the pharmacy open", Question, ""},
		{"happy friday everyone", OffTopic, ""},
		{"the flu shot gave me the flu", Myth, "flu-shot-gives-flu"},
		{"el bloqueador solar da cáncer", Myth, "sunscreen-causes-cancer"},
		{"leftover amox 🤧 cures any cold in 2 days", Myth, "antibiotics-common-cold"},
		{"the jab gives kids autism", Myth, "mmr-vaccine-autism"},
	}
	for _, tt := range tests {
		kind, rs := ix.Answer(tt.comment)
		if kind != tt.kind {
			t.Errorf("%q: %s; want %s", tt.comment, kind, tt.kind)
			continue
		}
		if tt.slug != "" && (len(rs) == 0 || rs[0].FactCheck.Slug != tt.slug) {
			t.Errorf("%q: first fact-check is not %s", tt.comment, tt.slug)
		}
	}
}

func TestParseLexiconRefusesConflicts(t *testing.T) {
	for _, in := range []string{
		"en: {jab: vaccine}\nes: {jab: vacuna}\n",
		"en: {jab: \"\"}\n",
		"en: {jab: vaccine}\nsynonyms: {}\n",
	} {
		if _, err := ParseLexicon([]byte(in)); err == nil {
			t.Errorf("ParseLexicon(%q) accepted it", in)
		}
	}
}
