package searchindex

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The tokeniser mirrors fold and terms in themes/factdesk/assets/js/search.js, which turn a
// reader's query into the same terms: a query finds a fact-check only if both sides agree
// word for word. Change both at once; TestTermsMatchSearchJS runs the script's own functions
// through Node and compares.
//
// fold: lower-case, canonical decomposition (NFD), combining marks U+0300–U+036F dropped
// (so accents fold: "Vacunación" → "vacunacion"), anything but a–z and 0–9 a separator.
// terms: the words of the folded text, each
//   - dropped if it is a stop word (before the plural rules);
//   - "-ies" → "-y" (at least one letter before it);
//   - a final "-s" dropped, but not "-ss", "-us" or "-is", when three characters remain;
//   - a final "-e" dropped when four characters remain;
//   - dropped if one character long.

// stopWords are the commonest English and Spanish words, left out of the index and of
// queries alike.
var stopWords = map[string]bool{}

func init() {
	for _, w := range []string{
		"the", "and", "for", "are", "but", "not", "you", "your", "this", "that", "with", "from",
		"they", "them", "was", "were", "has", "have", "had", "its", "into", "than", "then", "will",
		"can", "our", "out", "who", "what", "when", "how", "does", "do", "did", "any", "all",
		"about", "these", "those", "some", "more", "most", "also", "just", "like",
		"el", "la", "los", "las", "de", "del", "en", "un", "una", "unos", "unas", "por", "para",
		"con", "que", "se", "su", "sus", "al", "es", "lo", "le", "les", "como", "mas", "pero",
		"sin", "sobre", "ya", "muy",
	} {
		stopWords[w] = true
	}
	for r := rune(0x80); r < rune(len(foldTable)); r++ {
		foldTable[r] = foldSlow(r)
	}
}

// foldTable holds the folded form of the Latin-1 and Latin Extended letters, the non-ASCII
// characters fact-checks use most; others are folded as they come.
var foldTable [0x250]string

// foldSlow folds one non-ASCII character as search.js does: lower-case, decompose, keep
// a–z and 0–9, drop the combining marks U+0300–U+036F, and turn anything else into a space.
func foldSlow(r rune) string {
	var b []byte
	for _, c := range norm.NFD.String(string(unicode.ToLower(r))) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, byte(c))
		case c >= 0x300 && c <= 0x36f:
		default:
			b = append(b, ' ')
		}
	}
	return string(b)
}

// appendFold appends the folded form of s to dst: lower-case ASCII letters and digits
// separated by spaces.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				dst = append(dst, c)
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = append(dst, ' ')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if int(r) < len(foldTable) {
			dst = append(dst, foldTable[r]...)
		} else {
			dst = append(dst, foldSlow(r)...)
		}
	}
	return dst
}

// stem applies the plural rules to a word that is not a stop word, in place where it can,
// and returns the term, or nil when the word is too short to be one.
func stem(w []byte) []byte {
	n := len(w)
	if n >= 4 && w[n-3] == 'i' && w[n-2] == 'e' && w[n-1] == 's' {
		w = append(w[:n-3], 'y')
		n = len(w)
	}
	if n >= 4 && w[n-1] == 's' {
		if p := w[n-2]; p != 'i' && p != 's' && p != 'u' {
			w = w[:n-1]
			n--
		}
	}
	if n >= 5 && w[n-1] == 'e' {
		w = w[:n-1]
		n--
	}
	if n < 2 {
		return nil
	}
	return w
}

// eachTerm calls fn with every term of s in order, repeats included, using buf as scratch
// space; it returns buf for reuse. The slice fn receives is valid only during the call.
func eachTerm(buf []byte, s string, fn func(term []byte)) []byte {
	buf = appendFold(buf[:0], s)
	for i := 0; i < len(buf); {
		if buf[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(buf) && buf[j] != ' ' {
			j++
		}
		w := buf[i:j:j]
		if !stopWords[string(w)] {
			if t := stem(w); t != nil {
				fn(t)
			}
		}
		i = j
	}
	return buf
}

// Terms returns the search terms of s in order, repeats included: what search.js's
// terms(fold(s)) returns for a query.
func Terms(s string) []string {
	var out []string
	eachTerm(nil, s, func(t []byte) { out = append(out, string(t)) })
	return out
}
