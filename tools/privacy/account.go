package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	accountLabel = labelled(`account`, `acct\.?`, `acc\.?`, `billing`, `bill`, `invoice`, `statement`, `card`, `credit card`, `debit card`, `routing`, `cuenta`, `factura`, `tarjeta`, `guarantor`)
	cardPattern  = fastre.Compile(`\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7}\b`)
)

// findAccounts finds account numbers after a label ("account #", "invoice", "card
// ending in") and payment card numbers that pass the Luhn check.
func findAccounts(s *scan) {
	for _, m := range accountLabel.FindAll(s.li) {
		start, end := m[2], m[3]
		if !idToken(s.text[start:end], 4) {
			continue
		}
		s.add(Account, start, end, 0.9)
	}
	for _, m := range cardPattern.FindAll(s.ti) {
		d := digitsOnly(s.text[m[0]:m[1]])
		if len(d) >= 13 && len(d) <= 19 && Luhn(d) && s.boundaryOK(m[0], m[1]) {
			s.add(Account, m[0], m[1], 0.9)
		}
	}
}
