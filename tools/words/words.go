// Package words is factdesk's one analyser of words: it turns a text into the terms that
// `match` ranks fact-checks by and that the site's search index lists. A text is split into
// words, each lower-cased; a commenter's word is replaced by the fact-checks' words for it
// (data/synonyms.yaml); stop words and one-letter words are left out; the rest is stemmed
// with Snowball's English or Spanish stemmer and its accents are folded ("Vacunación" and
// "vacunas" both give "vacun").
//
// themes/factdesk/assets/js/words.js applies the same rules to a reader's query in the
// browser, with the same Snowball stemmers, and the rules file the search index carries
// (Rules) gives it the same stop words and synonyms; TestSameTermsAsSearchJS compares the two.
//
// The rules, in order:
//
//   - tokens: the text in Unicode NFC, each character lower-cased on its own (simple case
//     mapping), split at every character that is not a letter, a mark, a decimal digit,
//     '-', '\” or '='; '-' and '\” are trimmed from both ends of each word;
//   - a word that data/synonyms.yaml maps (either section: people mix languages) gives the
//     fact-checks' words it maps to, each stemmed, and nothing else;
//   - a stop word (Snowball's list for the language, or the synonym file's own list) is left
//     out, and so is a one-character word other than "c" (vitamin C);
//   - stem: in English a final "'s" is removed first; a word of three characters or more
//     without a digit goes through the Snowball stemmer of the language (Porter2 for English);
//     words with digits (covid-19, b12) are kept as they are;
//   - fold: canonical decomposition, nonspacing marks removed, recomposition.
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Languages are the languages the analyser stems; any other is treated as English.
var Languages = []string{"en", "es"}

// Analyser turns texts into terms. The zero value and nil have no synonyms and only
// Snowball's stop words.
type Analyser struct {
	synonyms map[string][]string
	stop     map[string]bool
}

var snowballStop = map[string]map[string]bool{}

func init() {
	for lang, ws := range stopWords {
		m := map[string]bool{}
		for _, w := range ws {
			m[w] = true
		}
		snowballStop[lang] = m
	}
}

// Terms returns the terms of text in language lang ("en" or "es"), in order, repeats
// included.
func (a *Analyser) Terms(text, lang string) []string { return a.terms(text, lang, true) }

// TermsWithoutSynonyms is Terms without replacing commenters' words, to measure what the
// synonyms add.
func (a *Analyser) TermsWithoutSynonyms(text, lang string) []string {
	return a.terms(text, lang, false)
}

func (a *Analyser) terms(text, lang string, syn bool) []string {
	lang = normLang(lang)
	var out []string
	for _, w := range Tokens(text) {
		out = a.appendWord(out, w, lang, syn)
	}
	return out
}

// Word returns the terms of one word w (a token, as Tokens gives it) in lang: its stem, the
// stems of the words a synonym maps it to, or none for a stop word. Terms of a text are
// the terms of its words in order; a caller analysing many texts can keep each word's.
func (a *Analyser) Word(w, lang string) []string {
	return a.appendWord(nil, w, normLang(lang), true)
}

func (a *Analyser) appendWord(out []string, w, lang string, syn bool) []string {
	if a != nil && syn {
		if ws, ok := a.synonyms[w]; ok {
			for _, x := range ws {
				out = append(out, Stem(x, lang))
			}
			return out
		}
	}
	if a.IsStop(w, lang) || (utf8.RuneCountInString(w) < 2 && w != "c") {
		return out
	}
	return append(out, Stem(w, lang))
}

// IsStop reports whether the word w (a token) is a stop word in lang: in Snowball's list
// of the language or in the synonym file's own list.
func (a *Analyser) IsStop(w, lang string) bool {
	return snowballStop[normLang(lang)][w] || (a != nil && a.stop[w])
}

// IsSnowballStop reports whether the word w is in Snowball's stop word list of lang.
func IsSnowballStop(w, lang string) bool { return snowballStop[normLang(lang)][w] }

func normLang(lang string) string {
	if lang == "es" {
		return "es"
	}
	return "en"
}

// Tokens splits text into lower-case words: letters, marks and decimal digits, joined by
// '-', '\” or '=' ("covid-19", "don't", "u=u"), with '-' and '\” trimmed from both ends.
func Tokens(text string) []string {
	text = norm.NFC.String(text)
	var out []string
	start := -1
	var b strings.Builder
	flush := func() {
		if start < 0 {
			return
		}
		if w := strings.Trim(b.String(), "-'"); w != "" {
			out = append(out, w)
		}
		b.Reset()
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '=' {
			if start < 0 {
				start = i
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	return out
}

// Stem returns the stem of the word w (a token) in lang, accents folded.
func Stem(w, lang string) string {
	if normLang(lang) == "en" {
		w = strings.TrimSuffix(w, "'s")
	}
	if utf8.RuneCountInString(w) > 2 && !strings.ContainsFunc(w, unicode.IsDigit) {
		if normLang(lang) == "es" {
			w = spanish.Stem(w, true)
		} else {
			w = english.Stem(w, true)
		}
	}
	return Fold(w)
}

// Fold removes accents and other nonspacing marks, so that "vacunación" and "vacunacion"
// meet. It is safe for concurrent use.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	// A chain of transformers keeps state, so each call has its own.
	folder := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(folder, s)
	if err != nil {
		return s
	}
	return out
}
