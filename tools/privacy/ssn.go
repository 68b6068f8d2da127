package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	ssnDelimited = fastre.Compile(`\b(\d{3})([- .])(\d{2})([- .])(\d{4})\b`)
	ssnPlain     = fastre.Compile(`\b\d{9}\b`)
	ssnContext   = words(`ssn`, `ssns`, `social security`, `social`, `ss#`, `ss #`, `seguro social`, `tax id`, `itin`)
)

// findSSNs finds Social Security numbers in the ranges the SSA issues. A delimited number
// (123-45-6789 shape, one delimiter throughout) scores high on its own; nine bare
// digits need a word such as "SSN" or "social security" nearby.
func findSSNs(s *scan) {
	for _, m := range ssnDelimited.FindAll(s.ti) {
		start, end := m[0], m[1]
		if s.text[m[4]:m[5]] != s.text[m[8]:m[9]] {
			continue // mixed delimiters
		}
		if !s.boundaryOK(start, end) || (end < len(s.text) && s.text[end] == '-') {
			continue
		}
		d := s.text[m[2]:m[3]] + s.text[m[6]:m[7]] + s.text[m[10]:m[11]]
		if !ValidSSN(d) {
			continue
		}
		score := 0.85
		if s.text[m[4]:m[5]] == "." {
			score = 0.6
		}
		if has(ssnContext, s.before(start, 40)) {
			score = 1
		}
		s.add(SSN, start, end, score)
	}
	for _, m := range ssnPlain.FindAll(s.ti) {
		start, end := m[0], m[1]
		if !ValidSSN(s.text[start:end]) {
			continue
		}
		if has(ssnContext, s.before(start, 40)) {
			s.add(SSN, start, end, 0.9)
		}
	}
}
