package words

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

const testSynonyms = `
en:
  jab: vaccine
  Z-pak: antibiotics
  u=u: undetectable untransmittable
  men's: men
es:
  sarampión: triple viral sarampión
stop: [lol, people]
no_rebuttal:
  min_score: 3
`

func testAnalyser(t *testing.T) *Analyser {
	t.Helper()
	a, err := Parse([]byte(testSynonyms))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name, text, lang string
		want             []string
	}{
		{"English inflections share a stem", "Vaccines vaccinated vaccination", "en", []string{"vaccin", "vaccin", "vaccin"}},
		{"Spanish inflections share a stem", "vacunas vacunación vacunado", "es", []string{"vacun", "vacun", "vacun"}},
		{"accents folded after stemming", "Vacunación VACUNACIÓN infecciones", "es", []string{"vacun", "vacun", "infeccion"}},
		{"decomposed accents are one word", "vacunacio\u0301n", "es", []string{"vacun"}},
		{"stop words left out in the text's language", "the flu and la gripe", "en", []string{"flu", "la", "gripe"}},
		{"Spanish stop words", "la gripe de los niños", "es", []string{"grip", "nin"}},
		{"synonyms give the fact-checks' words", "my jab, a Z-pak and U=U", "en", []string{"vaccin", "antibiot", "undetect", "untransmitt"}},
		{"synonyms of either section apply", "sarampión", "en", []string{"tripl", "viral", "sarampion"}},
		{"the file's stop words", "lol people", "en", nil},
		{"possessive s", "men's women's", "en", []string{"men", "women"}},
		{"one-letter words but vitamin c", "a b vitamin C", "en", []string{"vitamin", "c"}},
		{"words with digits kept whole", "COVID-19 B12 omega-3s", "en", []string{"covid-19", "b12", "omega-3s"}},
		{"hyphens and apostrophes trimmed", "--vaccine-- 'flu'", "en", []string{"vaccin", "flu"}},
		{"no words", " ¿¡ — … ", "en", nil},
	}
	an := testAnalyser(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := an.Terms(tt.text, tt.lang); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q, %s) = %q; want %q", tt.text, tt.lang, got, tt.want)
			}
		})
	}
}

func TestTermsWithoutSynonyms(t *testing.T) {
	if got := testAnalyser(t).TermsWithoutSynonyms("jab u=u", "en"); !slices.Equal(got, []string{"jab", "u=u"}) {
		t.Errorf("TermsWithoutSynonyms = %q; want the words themselves", got)
	}
}

func TestNilAnalyserHasSnowballRulesOnly(t *testing.T) {
	var an *Analyser
	if got := an.Terms("the jabs", "en"); !slices.Equal(got, []string{"jab"}) {
		t.Errorf("nil.Terms = %q; want [jab]", got)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"a word mapped twice", "en:\n  jab: vaccine\nes:\n  jab: vacuna\n", "mapped twice"},
		{"a word mapped to nothing", "en:\n  jab: \" \"\n", "maps to nothing"},
		{"two words as a key", "en:\n  flu shot: vaccine\n", "not one word"},
		{"an unknown section", "fr:\n  piqûre: vaccine\n", "field fr not found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) = %v; want an error saying %q", tt.in, err, tt.want)
			}
		})
	}
}

// TestStopWordsAreSnowballs keeps the stop word lists (which search.js gets through Rules)
// equal to the Snowball lists of the stemming library.
func TestStopWordsAreSnowballs(t *testing.T) {
	for lang, is := range map[string]func(string) bool{"en": english.IsStopWord, "es": spanish.IsStopWord} {
		if len(stopWords[lang]) < 100 {
			t.Errorf("%s has %d stop words; Snowball's list is longer", lang, len(stopWords[lang]))
		}
		for _, w := range stopWords[lang] {
			if !is(w) {
				t.Errorf("%q is in the %s list but not a Snowball stop word", w, lang)
			}
		}
	}
}

func TestRules(t *testing.T) {
	r := testAnalyser(t).Rules("es")
	if r.Lang != "es" || !slices.Contains(r.Stop, "los") || !slices.Contains(r.Stop, "lol") || slices.Contains(r.Stop, "the") || !slices.IsSorted(r.Stop) {
		t.Errorf("Rules(es) = %+v; want Spanish and the file's stop words, sorted", r)
	}
	if !slices.Equal(r.Synonyms["u=u"], []string{"undetectable", "untransmittable"}) {
		t.Errorf("Rules(es).Synonyms[u=u] = %q", r.Synonyms["u=u"])
	}
}

// The search index analyses languages at once.
func TestTermsConcurrently(t *testing.T) {
	an := testAnalyser(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 200 {
				if got := an.Terms("Vacunación pingüino corazón", Languages[i%2]); len(got) != 3 {
					t.Errorf("Terms = %q", got)
					return
				}
			}
		})
	}
	wg.Wait()
}
