package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	phonePattern  = fastre.Compile(`(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b`).WithQuick(phoneQuick)
	localPattern  = fastre.Compile(`\b\d{3}[-.]\d{4}\b`)
	phoneContext  = words(`call`, `calls`, `called`, `text`, `texts`, `phone`, `cell`, `mobile`, `fax`, `faxed`, `number`, `reach`, `contact`, `tel`, `tel\.`, `ph`, `llame`, `llamar`, `teléfono`, `celular`, `whatsapp`, `at`)
	personalPhone = words(`my`, `his`, `her`, `their`, `home`, `cell`, `mobile`, `me`, `him`, `mi`, `su`)
)

// phoneQuick rules out a match at a digit followed by more than eleven digits in a row:
// a match ends at a word boundary, so it would take the whole run, and no number holds
// more than eleven digits without a separator. A long run of digits thus costs no match
// at each of its digits.
func phoneQuick(str string, s int) bool {
	i := s
	for i < len(str) && i-s <= 11 && str[i] >= '0' && str[i] <= '9' {
		i++
	}
	return i-s <= 11
}

// findPhones finds North American phone and fax numbers. Numbers that break the NANP
// rules are not phone numbers; toll-free numbers belong to organisations and are only
// reported when they are said to be someone's own.
func findPhones(s *scan) {
	for _, m := range phonePattern.FindAll(s.ti) {
		start, end := m[0], m[1]
		if start > 0 && (isAlnum(s.text[start-1]) || s.text[start-1] == '-' || s.text[start-1] == '/' || s.text[start-1] == '=') {
			continue
		}
		if end < len(s.text) && (s.text[end] == '-' || s.text[end] == '/') {
			continue
		}
		raw := s.text[start:end]
		d := digitsOnly(raw)
		if !ValidNANP(d) {
			continue
		}
		formatted := countDigits(raw) != len(raw)
		score := 0.9
		if !formatted {
			score = 0.55
			if has(phoneContext, s.before(start, 30)) {
				score = 0.85
			}
			if ValidNPI(d) && has(licenceContext, s.before(start, 30)) {
				continue
			}
		}
		if TollFree(d) {
			score = 0.3
			if has(personalPhone, s.before(start, 25)) {
				score = 0.7
			}
		}
		s.add(Phone, start, end, score)
	}
	for _, m := range localPattern.FindAll(s.ti) {
		start, end := m[0], m[1]
		if !s.boundaryOK(start, end) || (start > 0 && (s.text[start-1] == '-' || s.text[start-1] == ')' || (start > 1 && s.text[start-2] == ')') || s.text[start-1] == ' ' && start > 1 && s.text[start-2] >= '0' && s.text[start-2] <= '9')) {
			continue
		}
		if s.text[start] < '2' {
			continue
		}
		if has(phoneContext, s.before(start, 25)) {
			s.add(Phone, start, end, 0.75)
		}
	}
}
