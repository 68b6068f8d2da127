// Package hashtag tells whether an all-lower-case hashtag joins several words, which
// screen readers then read as one unknown word (#flushot for #FluShot).
//
// It splits the tag into as few known words as it can: the English words of SCOWL
// (sizes 10 to 35, English, American and British spellings; words.COPYRIGHT), plus
// the words of the post's own copy, so that a tag built from the post's words is
// recognised in any language (#saludpublica beside "salud pública").
package hashtag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed words.txt.gz
var wordsGz []byte

var (
	loadOnce sync.Once
	english  map[string]bool
	longest  int
)

// short lists the words of one or two letters a tag may contain; other pieces of a
// split need three letters at least, so that an unknown word is not read as two
// fragments ("co" + "vid").
var short = map[string]bool{
	"a": true, "i": true, "an": true, "at": true, "be": true, "by": true, "do": true, "go": true, "he": true,
	"in": true, "is": true, "it": true, "me": true, "my": true, "no": true, "of": true, "on": true, "or": true,
	"so": true, "to": true, "up": true, "us": true, "we": true,
	// Spanish
	"y": true, "o": true, "de": true, "el": true, "en": true, "la": true, "lo": true, "mi": true, "tu": true,
	"su": true, "se": true, "si": true, "ya": true,
}

func load() {
	english = map[string]bool{}
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		return // a damaged list knows no words; TestWordList fails on it
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Text()
		english[w] = true
		longest = max(longest, len(w))
	}
}

// fold lower-cases s and removes its accents, so that "pública" matches "publica".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// Vocabulary is the extra words a split may use: those of a post's copy.
type Vocabulary map[string]bool

// Words returns the words of texts, folded, for Split.
func Words(texts ...string) Vocabulary {
	v := Vocabulary{}
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(fold(t), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len([]rune(w)) >= 3 {
				v[w] = true
			}
		}
	}
	return v
}

// CamelCase writes tag with each word of words capitalised (#FluShot), keeping the
// tag's own letters (accents included) where they line up with the words.
func CamelCase(tag string, words []string) string {
	orig := []rune(tag)
	var b strings.Builder
	i := 0
	for _, w := range words {
		n := len([]rune(w))
		// skip what separated the runs (digits, marks), copying it
		for i < len(orig) && !unicode.IsLetter(orig[i]) {
			b.WriteRune(orig[i])
			i++
		}
		if i+n > len(orig) {
			return tag
		}
		piece := orig[i : i+n]
		b.WriteRune(unicode.ToUpper(piece[0]))
		b.WriteString(string(piece[1:]))
		i += n
	}
	b.WriteString(string(orig[i:]))
	return b.String()
}

// LowerMultiWord reports whether tag (without "#") has no capital letter and splits
// into two or more known words; it returns the split. A tag with a capital, or one
// that is a single known word, or one that cannot be split into known words, is not
// reported: the rule warns only where it can show the words.
func LowerMultiWord(tag string, extra Vocabulary) ([]string, bool) {
	for _, r := range tag {
		if unicode.IsUpper(r) {
			return nil, false
		}
	}
	loadOnce.Do(load)
	var words []string
	// Digits and other marks separate words ("wad2027"): split each run of letters.
	for _, run := range strings.FieldsFunc(fold(tag), func(r rune) bool { return !unicode.IsLetter(r) }) {
		part, ok := split([]rune(run), extra)
		if !ok {
			return nil, false
		}
		words = append(words, part...)
	}
	return words, len(words) >= 2
}

// split divides run into the fewest known words, in time linear in its length (each
// position tries word ends up to the longest known word).
func split(run []rune, extra Vocabulary) ([]string, bool) {
	n := len(run)
	const none = -1
	best := make([]int, n+1) // fewest words covering run[:i], or none
	from := make([]int, n+1)
	for i := 1; i <= n; i++ {
		best[i] = none
	}
	limit := max(longest, 24)
	for i := 1; i <= n; i++ {
		for j := max(0, i-limit); j < i; j++ {
			if best[j] == none {
				continue
			}
			w := string(run[j:i])
			if !known(w, extra) {
				continue
			}
			if best[i] == none || best[j]+1 < best[i] {
				best[i], from[i] = best[j]+1, j
			}
		}
	}
	if best[n] == none {
		return nil, false
	}
	var out []string
	for i := n; i > 0; i = from[i] {
		out = append(out, string(run[from[i]:i]))
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out, true
}

func known(w string, extra Vocabulary) bool {
	if len([]rune(w)) < 3 {
		return short[w]
	}
	return english[w] || extra[w]
}
