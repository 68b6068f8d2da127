// Package readability estimates the school grade a reader needs to understand a text:
// the Flesch–Kincaid grade for English and, for Spanish, Fernández Huerta's
// readability score converted to a grade with his own table.
//
// Health-literacy guidance asks for patient material at grade 8 or below. The formulas
// count only sentence length and word length, so a low grade is necessary, not
// sufficient: a short sentence full of jargon still needs a human editor.
package readability

import (
	"strings"
	"unicode"
)

// Score is the readability of one text.
type Score struct {
	// Grade is the estimated US school grade (years of schooling).
	Grade float64
	// Ease is the reading-ease score the grade comes from: Flesch reading ease for
	// English, Fernández Huerta's L for Spanish (higher is easier).
	Ease      float64
	Words     int
	Sentences int
	Syllables int
	// Formula names the formula used, for messages.
	Formula string
}

// Measure scores text written in lang ("en" or "es"; anything else is read as English).
// Numbers are left out of the counts, since they are read aloud in many ways.
func Measure(text, lang string) Score {
	words, sentences := split(text)
	s := Score{Words: len(words), Sentences: sentences}
	if s.Words == 0 {
		return s
	}
	for _, w := range words {
		if lang == "es" {
			s.Syllables += SyllablesES(w)
		} else {
			s.Syllables += SyllablesEN(w)
		}
	}
	wps := float64(s.Words) / float64(s.Sentences)
	spw := float64(s.Syllables) / float64(s.Words)
	if lang == "es" {
		// Fernández Huerta (1959) as corrected by Law (2011): the second term uses the
		// mean number of words per sentence.
		s.Formula = "Fernández Huerta"
		s.Ease = 206.84 - 60*spw - 1.02*wps
		s.Grade = huertaGrade(s.Ease)
		return s
	}
	s.Formula = "Flesch–Kincaid"
	s.Ease = 206.835 - 1.015*wps - 84.6*spw
	s.Grade = 0.39*wps + 11.8*spw - 15.59
	return s
}

// huertaBands are Fernández Huerta's score bands with the school grade of each, as
// points (L, grade) between which the grade is interpolated: 90–100 is 4th grade,
// 80–90 5th, 70–80 6th, 60–70 7th or 8th, 50–60 pre-university (taken as grades 9 to
// 12), 30–50 selective courses (first university years) and below 30 university.
var huertaBands = [][2]float64{{100, 3}, {90, 4}, {80, 5}, {70, 6}, {60, 8}, {50, 12}, {30, 14}, {0, 17}}

func huertaGrade(l float64) float64 {
	if l >= huertaBands[0][0] {
		return huertaBands[0][1]
	}
	for i := 1; i < len(huertaBands); i++ {
		hi, lo := huertaBands[i-1], huertaBands[i]
		if l >= lo[0] {
			return lo[1] + (hi[1]-lo[1])*(l-lo[0])/(hi[0]-lo[0])
		}
	}
	return huertaBands[len(huertaBands)-1][1]
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "vs": true,
	"etc": true, "no": false, "sr": true, "sra": true, "dra": true, "p. ej": true, "ej": true, "u.s": true, "fig": true,
}

// split returns the words of text (letters and inner apostrophes or hyphens) and its
// number of sentences (at least one).
func split(text string) (words []string, sentences int) {
	rs := []rune(text)
	var cur []rune
	var last string // the last word, for abbreviations
	flush := func() {
		if len(cur) > 0 {
			w := strings.Trim(string(cur), "'’-")
			if w != "" {
				words = append(words, w)
				last = strings.ToLower(w)
			}
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r):
			cur = append(cur, r)
		case (r == '\'' || r == '’' || r == '-') && len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// A hyphenated compound is read as its parts.
			if r == '-' {
				flush()
			} else {
				cur = append(cur, r)
			}
		case r == '.' && len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			cur = append(cur, r) // e.g, U.S
		default:
			wasWord := len(cur) > 0
			flush()
			if r == '.' || r == '!' || r == '?' || r == '…' {
				next := i + 1
				if next < len(rs) && unicode.IsDigit(rs[next]) {
					continue // 1.2
				}
				if r == '.' && wasWord && abbreviations[strings.TrimSuffix(last, ".")] {
					continue
				}
				if next >= len(rs) || unicode.IsSpace(rs[next]) || rs[next] == '"' || rs[next] == '”' || rs[next] == ')' {
					sentences++
				}
			}
		}
	}
	flush()
	// Words like "e.g" keep their inner full stops only to spot abbreviations.
	for i, w := range words {
		words[i] = strings.ReplaceAll(w, ".", "")
	}
	if sentences == 0 {
		sentences = 1
	}
	return words, sentences
}
