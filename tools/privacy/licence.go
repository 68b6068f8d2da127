package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	deaPattern     = fastre.Compile(`(?i)\b[A-HJ-MPR-UX][A-Z9]\d{7}\b`)
	npiPattern     = fastre.Compile(`\b[12]\d{9}\b`)
	licenceContext = words(`npi`, `dea`, `licen[cs]e`, `licen[cs]ed`, `certificate`, `registration`, `provider`, `prescriber`)
	licenceLabel   = labelled(`licen[cs]e`, `driver'?s licen[cs]e`, `driving licen[cs]e`, `dl`, `license plate`, `licence plate`, `plate`, `tag`, `certificate`, `cert\.?`, `permit`, `registration`, `npi`, `dea`, `passport`, `licencia`, `placa`, `pasaporte`, `state id`, `id card`)
)

// findLicences finds licence and certificate numbers: DEA registrations by their check
// digit, NPIs by theirs when a word such as "NPI" is near, and any other number after
// a label such as "licence #", "plate" or "passport".
func findLicences(s *scan) {
	for _, m := range deaPatternIn(s) {
		if !ValidDEA(s.text[m[0]:m[1]]) {
			continue
		}
		score := 0.75
		if has(licenceContext, s.before(m[0], 40)) {
			score = 1
		}
		s.add(Licence, m[0], m[1], score)
	}
	for _, m := range npiPattern.FindAll(s.ti) {
		if ValidNPI(s.text[m[0]:m[1]]) && has(licenceContext, s.before(m[0], 40)) {
			s.add(Licence, m[0], m[1], 0.95)
		}
	}
	for _, m := range licenceLabel.FindAll(s.li) {
		start, end := m[2], m[3]
		if !idToken(s.text[start:end], 3) {
			continue
		}
		s.add(Licence, start, end, 0.85)
	}
}

// deaPatternIn returns the matches of deaPattern, looking for them only when the text
// has what each needs: seven digits, after a letter, the digit 9 or a non-ASCII
// character, and not followed by a letter, digit or underscore.
func deaPatternIn(s *scan) [][]int {
	t := s.text
	run := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			run = 0
			continue
		}
		run++
		if run < 7 || i+1 < len(t) && fastre.IsWordByte(t[i+1]) {
			continue
		}
		if j := i - 7; j >= 0 && (t[j] == '9' || t[j] >= 0x80 || t[j]|0x20 >= 'a' && t[j]|0x20 <= 'z') {
			return deaPattern.FindAll(s.ti)
		}
	}
	return nil
}
