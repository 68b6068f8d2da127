package readability

import (
	"regexp"
	"strings"
	"sync"
)

// enExceptions are English words whose spelling misleads the rules below.
var enExceptions = map[string]int{
	"the": 1, "every": 3, "different": 3, "evening": 3, "business": 2, "family": 3, "several": 3,
	"people": 2, "area": 3, "idea": 3, "being": 2, "doing": 2, "going": 2, "seeing": 2, "science": 2,
	"vaccine": 2, "vaccines": 2, "measles": 2, "diabetes": 4, "disease": 2, "diseases": 3,
	"aged": 1, "used": 1, "caused": 1, "reviewed": 2, "evidence": 3, "someone": 2, "sometimes": 2,
	"everyone": 3, "anyone": 3, "create": 2, "created": 3, "real": 1, "really": 2, "fire": 1, "hour": 1,
	"our": 1, "flour": 1, "poem": 2, "quiet": 2, "diet": 2, "via": 2, "naive": 2, "shoes": 1,
	"does": 1, "goes": 1, "toes": 1, "lives": 1, "gives": 1, "makes": 1, "takes": 1, "comes": 1,
	"vitamin": 3, "autism": 3, "studies": 2, "virus": 2, "viruses": 3, "antibiotics": 5,
	"sunscreen": 2, "fluoride": 3, "cancer": 2, "children": 2, "women": 2, "heart": 1, "likely": 2,
	"safely": 2, "lately": 2, "rarely": 2, "barely": 2, "surely": 2, "useful": 2, "careful": 2,
	"movement": 2, "statement": 2, "creation": 3, "scientist": 3, "scientists": 3, "scientific": 4,
	"everyday": 3, "everybody": 4, "everything": 3,
}

var (
	enVowelGroups = regexp.MustCompile(`[aeiouy]+`)
	// enAdd are spellings with one more syllable than their vowel groups show
	// (after the rules of Lingua::EN::Syllable and its ports).
	enAdd = []*regexp.Regexp{
		regexp.MustCompile(`ia`), regexp.MustCompile(`riet`), regexp.MustCompile(`dien`),
		regexp.MustCompile(`iu`), regexp.MustCompile(`io`), regexp.MustCompile(`ii`),
		regexp.MustCompile(`[aeiouym]bl$`), regexp.MustCompile(`[aeiou]{3}`), regexp.MustCompile(`^mc`),
		regexp.MustCompile(`ism$`), regexp.MustCompile(`[^l]lien`), regexp.MustCompile(`[^gq]ue[nlt]`), regexp.MustCompile(`[^gq]uo`),
		regexp.MustCompile(`^coa[dglx].`), regexp.MustCompile(`[^gq]ua[^auieo]`), regexp.MustCompile(`dnt$`),
		regexp.MustCompile(`uity$`), regexp.MustCompile(`ie(r|st)$`), regexp.MustCompile(`eo`), regexp.MustCompile(`thm$`),
	}
	// enSub are spellings with one syllable fewer than their vowel groups show.
	enSub = []*regexp.Regexp{
		regexp.MustCompile(`cial`), regexp.MustCompile(`tia`), regexp.MustCompile(`cius`),
		regexp.MustCompile(`cious`), regexp.MustCompile(`giu`), regexp.MustCompile(`ion`),
		regexp.MustCompile(`iou`), regexp.MustCompile(`sia$`), regexp.MustCompile(`.ely$`),
		regexp.MustCompile(`[^td]ed$`), regexp.MustCompile(`eou`), regexp.MustCompile(`eau`),
	}
)

// SyllablesEN counts the syllables of an English word by its spelling: vowel groups,
// less a silent final e, corrected by patterns that add or remove a syllable, with a
// list of exceptions. Every word has at least one syllable.
func SyllablesEN(word string) int {
	if n, ok := enCache.Load(word); ok {
		return n.(int)
	}
	n := syllablesEN(word)
	enCache.Store(word, n)
	return n
}

// enCache remembers counted words: texts repeat their vocabulary, and the patterns are
// the costly part.
var enCache sync.Map // string → int

func syllablesEN(word string) int {
	w := strings.ToLower(strings.Trim(word, "'’"))
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if n, ok := enExceptions[w]; ok {
		return n
	}
	w = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, w)
	if len(w) == 0 {
		return 0
	}
	if len(w) <= 3 {
		return 1
	}
	core, extra := w, 0
	// A plural or verb ending -es is a syllable after a hissing sound (horses, matches,
	// changes) and silent otherwise (lines, rates).
	if strings.HasSuffix(core, "es") && len(core) > 4 {
		if strings.ContainsRune("sxzcg", rune(core[len(core)-3])) || strings.HasSuffix(core, "shes") || strings.HasSuffix(core, "ches") {
			core, extra = core[:len(core)-2], 1
		} else {
			core = core[:len(core)-1]
		}
	}
	// A final e is silent (make, rate), except in -le after a consonant (table).
	if strings.HasSuffix(core, "e") && !strings.HasSuffix(core, "le") && !strings.HasSuffix(core, "ee") {
		core = core[:len(core)-1]
	}
	n := len(enVowelGroups.FindAllString(core, -1)) + extra
	for _, re := range enAdd {
		if re.MatchString(w) {
			n++
		}
	}
	for _, re := range enSub {
		if re.MatchString(w) {
			n--
		}
	}
	if n < 1 {
		n = 1
	}
	return n
}

// SyllablesES counts the syllables of a Spanish word: each vowel nucleus is one, where
// a weak vowel (i, u, ü, and y at the end of a word) next to another vowel forms a
// diphthong unless it carries a written accent (hiatus: dí-a), two strong vowels
// (a, e, o, and accented í, ú) are always two syllables, and the u of que, qui, gue and
// gui is silent.
func SyllablesES(word string) int {
	rs := []rune(strings.ToLower(word))
	n := 0
	prevVowel := false
	prevStrong := false
	for i, r := range rs {
		vowel, strong := esVowel(r, i == len(rs)-1)
		if r == 'u' && i > 0 && (rs[i-1] == 'q' || rs[i-1] == 'g') && i+1 < len(rs) && (rs[i+1] == 'e' || rs[i+1] == 'i' || rs[i+1] == 'é' || rs[i+1] == 'í') {
			vowel = false // silent u
		}
		if r == 'y' && i > 0 && !(i == len(rs)-1) {
			vowel = false
		}
		switch {
		case !vowel:
			prevVowel = false
		case !prevVowel:
			n++
			prevVowel, prevStrong = true, strong
		case strong && prevStrong:
			n++ // hiatus: two strong vowels
			prevStrong = true
		default:
			// diphthong: stays in the same syllable
			prevStrong = prevStrong || strong
		}
	}
	if n < 1 && len(rs) > 0 {
		n = 1
	}
	return n
}

// esVowel reports whether r is a vowel and whether it is strong (a, e, o and accented
// vowels, which never merge into a diphthong with each other).
func esVowel(r rune, last bool) (vowel, strong bool) {
	switch r {
	case 'a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú':
		return true, true
	case 'i', 'u', 'ü':
		return true, false
	case 'y':
		return last, false
	}
	return false, false
}
