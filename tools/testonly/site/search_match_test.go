package site

import (
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/match"
)

// TestSearchFindsWhatMatchFinds types words into the site's search page, in English and
// Spanish, plural and singular, with and without accents, and commenters' words that
// data/synonyms.yaml maps, and requires the fact-checks listed to be the ones `factdesk
// match` finds for the same word among that language's fact-checks: both use tools/words,
// and read the same fields (the short claim and the words of topic slugs included), so a
// word a reader searches and a word a commenter writes reach the same fact-checks.
// (The site also lists withdrawn fact-checks, with their badge; match never answers with
// one, so they are left out of the comparison.)
func TestSearchFindsWhatMatchFinds(t *testing.T) {
	s := underTest(t)
	if s != &real {
		t.Fatal("the repository has no sample fact-checks to compare with match")
	}
	repo, err := content.LoadRepo(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	lx, err := match.LoadLexicon(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	withdrawn := map[string]bool{}
	byLang := map[string][]*content.FactCheckDoc{}
	for _, fc := range repo.FactChecks {
		lang := fc.Lang
		if lang == "" {
			lang = "en"
		}
		byLang[lang] = append(byLang[lang], fc)
		if fc.Withdrawn != nil {
			withdrawn[lang+"/"+fc.Slug] = true
		}
	}
	tests := []struct{ lang, prefix, word string }{
		{"en", "", "vaccines"},
		{"en", "", "Vaccinated"},
		{"en", "", "autism"},
		{"en", "", "jab"},
		{"en", "", "shots"},
		{"en", "", "flu"},
		{"en", "", "influenza"},
		{"en", "", "antibiotics"},
		{"en", "", "Z-pak"},
		{"en", "", "colds"},
		{"en", "", "sunscreen"},
		{"en", "", "cancer"},
		{"en", "", "fluoridation"},
		{"en", "", "heart"},
		{"en", "", "undetectable"},
		{"en", "", "U=U"},
		{"en", "", "measles"},
		{"en", "", "men's"},
		{"en", "", "cardiovascular"},
		{"en", "", "transmit"},
		{"en", "", "mainly"},
		{"en", "", "cure"},
		{"es", "es/", "vacunas"},
		{"es", "es/", "vacunación"},
		{"es", "es/", "AUTÍSMO"},
		{"es", "es/", "autismo"},
		{"es", "es/", "sarampión"},
		{"es", "es/", "sarampion"},
		{"es", "es/", "gripe"},
		{"es", "es/", "gripa"},
	}
	indexes := map[string]*match.Index{}
	for lang, fcs := range byLang {
		indexes[lang] = match.New(fcs, match.Options{Lexicon: lx})
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			t.Parallel()
			var want []string
			for _, r := range indexes[tt.lang].Search(tt.word) {
				want = append(want, r.FactCheck.Slug)
			}
			if len(want) == 0 {
				t.Fatalf("match finds nothing for %q among the %s fact-checks; pick a word of their content", tt.word, tt.lang)
			}
			out, status := searchPage(t, s, tt.prefix, tt.word)
			var got []string
			for _, p := range out {
				slug := path.Base(strings.TrimSuffix(p, "/"))
				if !withdrawn[tt.lang+"/"+slug] {
					got = append(got, slug)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("searching %q on the %s site lists %v (%q); match finds %v", tt.word, tt.lang, got, status, want)
			}
		})
	}
}
