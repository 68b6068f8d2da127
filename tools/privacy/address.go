package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	addressPattern = fastre.Compile(`\b\d{1,6}[A-Za-z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'.-]+)\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Row|Loop|Pike)\b\.?(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?[A-Za-z0-9-]+)?`).WithQuick(func(str string, s int) bool {
		// 1 to 6 digits, perhaps a letter, then a space.
		n, next := fastre.DigitRun(str, s)
		if n < 1 || n > 6 {
			return false
		}
		i := s + n
		if next|0x20 >= 'a' && next|0x20 <= 'z' {
			i++
		}
		if i >= len(str) || !isSpace(str[i]) {
			return false
		}
		// After the spaces, a direction, a street name or an ordinal: a capital or a digit.
		for i < len(str) && isSpace(str[i]) {
			i++
		}
		return i < len(str) && (str[i] >= 'A' && str[i] <= 'Z' || str[i] >= '0' && str[i] <= '9')
	})
	addressES     = fastre.Compile(`\b(?:Calle|Avenida|Av\.|Camino|Paseo)\s+(?:[A-ZÁÉÍÓÚÑ][\p{L}'.-]+\s+){1,3}(?:#\s*)?\d{1,5}\b`)
	addressPerson = words(`live`, `lives`, `lived`, `living`, `home`, `house`, `apartment`, `my`, `his`, `her`, `their`, `address`, `moved`, `patient`, `mailed`, `sent to`, `vivo`, `vive`, `mi casa`, `su casa`, `dirección`, `domicilio`, `neighbor`, `next door`, `stay(?:ing|ed)? at`)
	addressPublic = words(`clinic`, `event`, `held`, `location`, `site`, `school`, `library`, `center`, `centre`, `church`, `pharmacy`, `open`, `free`, `drive-thru`, `hours`, `join us`, `visit us`, `our office`, `offices`, `fair`, `market`, `park`, `hall`, `campus`, `stadium`)
)

// findAddresses finds street addresses: a house number, a street name and a street
// type. An address said to be someone's home scores high; a public venue's (a clinic, a
// school, an event) scores below the threshold.
func findAddresses(s *scan) {
	for _, re := range []*fastre.Pattern{addressPattern, addressES} {
		for _, m := range re.FindAll(s.ti) {
			start, end := m[0], m[1]
			around := s.nearby(start, end, 60)
			score := 0.7
			if has(addressPerson, around) {
				score = 0.9
			} else if has(addressPublic, around) {
				score = 0.4
			}
			s.add(Address, start, end, score)
		}
	}
}
