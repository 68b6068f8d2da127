package privacy

import (
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

const monthNames = `jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?|aug(?:ust|\.)?|sep(?:t|tember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre`

// monthStarts are the first three letters of the month names, English and Spanish.
var monthStarts = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"ene": true, "abr": true, "ago": true, "set": true, "dic": true,
}

var (
	// A date of a month and a day holds letters, digits, dots and commas, and at most
	// three runs of spaces (after the weekday, the month and the day).
	dateMonthDay = fastre.Compile(`\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:` + monthNames + `)\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?`).WithQuick(func(str string, s int) bool {
		// A word (the weekday, and its comma) and spaces, and perhaps another word (the
		// month) and spaces, then a digit: "maria" or "march of dimes" goes no further.
		for tok := 0; tok < 2; tok++ {
			i := s
			for i < len(str) && (str[i] >= 'a' && str[i] <= 'z' || str[i] == '.') {
				i++
			}
			if i == s {
				return false
			}
			if tok == 0 && i < len(str) && str[i] == ',' {
				i++
			}
			j := i
			for j < len(str) && isSpace(str[j]) {
				j++
			}
			if j == i {
				return false
			}
			if j < len(str) && str[j] >= '0' && str[j] <= '9' {
				return true
			}
			s = j
		}
		return false
	}).WithReach(fastre.WordsReach(3, isSpace, dateWordRune))
	dateDayMonth = fastre.Compile(`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:` + monthNames + `)\b(?:,?\s+(?:de\s+)?\d{4}\b)?`).WithQuick(func(str string, s int) bool {
		// 1 or 2 digits, perhaps st, nd, rd or th, then a space.
		n, _ := fastre.DigitRun(str, s)
		if n < 1 || n > 2 {
			return false
		}
		i := s + n
		if i+2 < len(str) {
			switch str[i : i+2] {
			case "st", "nd", "rd", "th":
				i += 2
			}
		}
		if i >= len(str) || !isSpace(str[i]) {
			return false
		}
		// After the spaces, "of", "de" or the first three letters of a month.
		for i < len(str) && isSpace(str[i]) {
			i++
		}
		w := str[i:min(len(str), i+3)]
		return strings.HasPrefix(w, "of") || strings.HasPrefix(w, "de") || monthStarts[w]
	}).WithReach(fastre.WordsReach(4, isSpace, dateWordRune)) // after the day, "of", the month and "de"
	dateNumeric = fastre.Compile(`\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b|\b(\d{4})-(\d{2})-(\d{2})\b`).WithQuick(func(str string, s int) bool {
		// 1 or 2 digits and a separator, or 4 digits and a dash.
		n, next := fastre.DigitRun(str, s)
		return n >= 1 && n <= 2 && (next == '/' || next == '.' || next == '-') || n == 4 && next == '-'
	})
	// strongDate marks events of a person's life and care.
	strongDate = words(`born`, `birth`, `birthday`, `dob`, `d\.o\.b\.?`, `date of birth`, `admitted`, `admission`, `discharged`, `discharge`, `died`, `passed away`, `passed`, `death`, `surgery`, `operation`, `delivered`, `delivery`, `diagnosed`, `appointment`, `appt`, `visit`, `visited`, `seen`, `treated`, `hospitali[sz]ed`, `patient`, `er`, `tested positive`, `procedure`, `went into labor`, `gave birth`, `scan`, `biopsy`, `chemo`, `overdose`, `stroke`, `heart attack`, `fell`, `nació`, `naci[oó]`, `cumpleaños`, `ingres[oó]`, `falleci[oó]`, `muri[oó]`, `cita`, `fecha de nacimiento`, `dado de alta`, `dada de alta`, `operad[oa]`, `cirug[ií]a`, `fecha de`, `date of service`, `service date`, `dos`, `labou?r`, `contractions`, `epidural`, `induced`, `c-section`, `operaci[oó]n`, `consulta`, `parto`, `ingreso`, `alta`, `diagn[oó]stico`)
	// eventDate marks dates of events, observances and deadlines, not of a person.
	eventDate = words(`day`, `week`, `month`, `observed`, `observance`, `celebrat\w*`, `season`, `campaign`, `event`, `webinar`, `deadline`, `enroll\w*`, `registration`, `register`, `held`, `through`, `until`, `by`, `before`, `starting`, `starts`, `begins`, `runs`, `closed`, `open`, `published`, `retracted`, `announced`, `approved`, `released`, `updated`, `día`, `semana`, `mes`, `hasta`, `antes`, `mark your calendar`, `save the date`, `clinic`, `clinics`, `workshop`, `join us`, `every year`, `each year`, `annually`)
)

// dateWordRune reports whether r may be part of a written date between its spaces.
func dateWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == ','
}

// findDates finds calendar dates more specific than the year (month and day) tied to a
// person: near words of a person's life or care ("born", "admitted", "your
// appointment"). Dates of observances, events and deadlines are not reported.
func findDates(s *scan) {
	var spans [][]int
	for _, re := range []*fastre.Pattern{dateMonthDay, dateDayMonth} {
		spans = append(spans, re.FindAll(s.li)...)
	}
	for _, m := range dateNumeric.FindAll(s.ti) {
		if m[2] >= 0 {
			a, _ := strconv.Atoi(s.text[m[2]:m[3]])
			b, _ := strconv.Atoi(s.text[m[4]:m[5]])
			if !((a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31)) {
				continue
			}
			if m[6] < 0 && s.text[m[3]] != '/' {
				continue // "3-4" or "3.4" without a year is a range or a number
			}
			if !s.boundaryOK(m[0], m[1]) || (m[1] < len(s.text) && (s.text[m[1]] == '/' || s.text[m[1]] == '%')) {
				continue
			}
		}
		spans = append(spans, m[:2])
	}
	for _, m := range spans {
		start, end := m[0], m[1]
		sent := s.sentence(start, end, 80)
		before := s.before(start, 60)
		score := 0.0
		switch {
		case has(strongDate, sent):
			score = 0.85
		case has(personContext, before):
			score = 0.6
		}
		if score > 0 && has(eventDate, s.before(start, 25)+" "+s.after(end, 15)) && !has(strongDate, s.before(start, 40)) {
			score -= 0.4
		}
		if score > 0 {
			s.add(Date, start, end, score)
		}
	}
}
