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
