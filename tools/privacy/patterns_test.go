package privacy_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/bench/privacy/corpus"
	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

// TestPatternsMatchLikeRegexp holds every pattern to the regular expression it stands
// for: over each text of the labelled corpus, runs of corpus texts joined so that
// matches and context cross them, the copy samples and the shipped content, a
// pattern's matches must be exactly those of FindAllStringSubmatchIndex.
func TestPatternsMatchLikeRegexp(t *testing.T) {
	texts := equivalenceTexts(t)
	if len(fastre.Patterns()) < 50 {
		t.Fatalf("only %d patterns registered", len(fastre.Patterns()))
	}
	for _, p := range fastre.Patterns() {
		if !p.Fast() {
			continue
		}
		re := regexp.MustCompile(p.Source())
		for _, text := range texts {
			for _, str := range []string{text, strings.ToLower(text)} {
				want := re.FindAllStringSubmatchIndex(str, -1)
				got := p.FindAll(fastre.NewText(str))
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("pattern %s over %q:\n got %v\nwant %v", re, str, got, want)
				}
				if m := p.Match(fastre.NewText(str)); m != (want != nil) {
					t.Fatalf("pattern %s over %q: match says %v", re, str, m)
				}
			}
		}
	}
}

func TestPatternsMatchWindowsLikeRegexp(t *testing.T) {
	// The context checks read short windows that begin or end at a word's edge: test
	// each pattern over the 60 bytes from every such edge.
	texts := equivalenceTexts(t)
	res := make([]*regexp.Regexp, len(fastre.Patterns()))
	for i, p := range fastre.Patterns() {
		res[i] = regexp.MustCompile(p.Source())
	}
	wholes := make([]*regexp.Regexp, len(fastre.AtStarts()))
	for i, a := range fastre.AtStarts() {
		wholes[i] = regexp.MustCompile(a.Source())
	}
	edge := 0
	for _, text := range texts {
		for i := 0; i < len(text); i++ {
			if i > 0 && isASCIIAlnum(text[i-1]) == isASCIIAlnum(text[i]) {
				continue
			}
			if edge++; edge%29 != 0 {
				continue // a sample of the edges keeps the test short
			}
			for _, w := range []string{text[i:min(len(text), i+60)], text[max(0, i-30):i]} {
				for _, str := range []string{w, strings.ToLower(w)} {
					for i, p := range fastre.Patterns() {
						if got, want := p.MatchString(str), res[i].MatchString(str); got != want {
							t.Fatalf("%s over %q: matchString says %v", p.Source(), str, got)
						}
					}
					for i, a := range fastre.AtStarts() {
						if got, want := a.MatchString(str), wholes[i].MatchString(str); got != want {
							t.Fatalf("%s over %q: the split says %v", a.Source(), str, got)
						}
					}
				}
			}
		}
	}
}

func TestPatternsCoverTheGuard(t *testing.T) {
	// The searches over whole texts must all be fast; a pattern whose prefixes could not
	// be worked out falls back to the full regexp search, which is the slow path.
	slow := 0
	for _, p := range fastre.Patterns() {
		if !p.Fast() {
			slow++
			t.Logf("no prefix set: %s", p.Source())
		}
	}
	if slow > 0 {
		t.Errorf("%d patterns fall back to a full search", slow)
	}
}

func equivalenceTexts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	var texts, all []string
	for _, f := range files {
		samples, err := corpus.LoadSamples(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range samples {
			all = append(all, s.Text)
		}
	}
	texts = append(texts, all...)
	for i := 0; i+4 <= len(all); i += 23 {
		texts = append(texts, strings.Join(all[i:i+4], "\n"), strings.Join(all[i:i+4], " "))
	}
	for _, name := range []string{"clean-copy.txt", "replies-with-phi.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, dir := range []string{"factchecks", "campaigns", "content", "data"} {
		_ = filepath.WalkDir(filepath.Join("..", "..", dir), func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
				if b, err := os.ReadFile(p); err == nil {
					texts = append(texts, string(b))
				}
			}
			return nil
		})
	}
	// Edges: empty text, matches at the very start and end, multi-byte neighbours.
	texts = append(texts, "", "we saw you", "é we saw you", "_we saw you", "account 12345", "—account 12345", "x1account 12345",
		"MRN 00482913", "Call 312-867-5309", "née Maria Lopez was admitted", "ÉMaria", "3/14/2024", "9/9")
	return texts
}

// TestPatternsOnHostileShapesMatchLikeRegexp holds every pattern to its regular
// expression over pages where a search runs out of its budget of candidates or of
// window bytes and hands over to the whole expression: the result must not change.
func TestPatternsOnHostileShapesMatchLikeRegexp(t *testing.T) {
	var pages []string
	for _, sh := range corpus.Shapes {
		pages = append(pages, sh.Page(48<<10))
	}
	// A shape broken by a name in a patient context at its end: matches after the
	// hand-over are found too.
	pages = append(pages, strings.Repeat("Abc ", 12<<10)+"our patient Maria Lopez, 555-201-4567", strings.Repeat("1", 40<<10)+" 555-201-4567 ")
	for _, p := range fastre.Patterns() {
		if !p.Fast() {
			continue
		}
		re := regexp.MustCompile(p.Source())
		for _, page := range pages {
			for _, str := range []string{page, strings.ToLower(page)} {
				want := re.FindAllStringSubmatchIndex(str, -1)
				got := p.FindAll(fastre.NewText(str))
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("pattern %s over a page of %q…: got %d matches, want %d", re, str[:8], len(got), len(want))
				}
				if m := p.Match(fastre.NewText(str)); m != (want != nil) {
					t.Fatalf("pattern %s over a page of %q…: match says %v", re, str[:8], m)
				}
			}
		}
	}
}

func isASCIIAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// TestExactMatchersMatchLikeRegexp holds the hand-written matchers (WithExact) to their
// expressions over random texts made of the characters and words their steps turn on:
// capitals and lower case, ASCII and not, apostrophes, hyphens, dots, blanks, bytes
// that are not UTF-8; verbs and event words.
func TestExactMatchersMatchLikeRegexp(t *testing.T) {
	alphabets := [][]string{
		{"A", "Mr", "É", "a", "é", "ß", "'", "’", "-", ".", " ", "\t", "\n", "x", "1", ",", "\xff", "\xc3", "Ǆ", "ǅ"},
		{" ", " ", "\t", "\n", "was", "is", "has been", "had", "been", "got", "está", "admitted", "admitteds", "in", "the", "icu", "nicu",
			"er", "hospital", "dado", "de", "alta", "x", "_", "1", ".", "é", "s"},
	}
	rng := rand.New(rand.NewPCG(18, 1))
	exact := 0
	for _, p := range fastre.Patterns() {
		if !p.Exact() {
			continue
		}
		exact++
		re := regexp.MustCompile(p.Source())
		for i := range 40000 {
			alphabet := alphabets[i%len(alphabets)]
			var b strings.Builder
			for range rng.IntN(24) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			str := b.String()
			want := re.FindAllStringSubmatchIndex(str, -1)
			if got := p.FindAll(fastre.NewText(str)); !reflect.DeepEqual(got, want) {
				t.Fatalf("pattern %s over %q:\n got %v\nwant %v", p.Source(), str, got, want)
			}
			if got := p.MatchString(str); got != (want != nil) {
				t.Fatalf("pattern %s over %q: MatchString says %v", p.Source(), str, got)
			}
		}
	}
	if exact == 0 {
		t.Fatal("no pattern has a hand-written matcher")
	}
}
