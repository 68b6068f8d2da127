package privacy

import "strings"

// ValidSSN reports whether the nine digits of an SSN could have been issued: area not
// 000, 666 or 900–999, group not 00, serial not 0000, not all one digit, and not one of
// the numbers published in advertising (078-05-1120, 123-45-6789, 219-09-9999).
func ValidSSN(digits string) bool {
	if len(digits) != 9 || countDigits(digits) != 9 {
		return false
	}
	area, group, serial := digits[:3], digits[3:5], digits[5:]
	if area == "000" || area == "666" || area[0] == '9' || group == "00" || serial == "0000" {
		return false
	}
	if strings.Count(digits, digits[:1]) == 9 {
		return false
	}
	switch digits {
	case "078051120", "123456789", "219099999":
		return false
	}
	return true
}

// Luhn reports whether a string of digits passes the Luhn (mod 10) check.
func Luhn(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// ValidNPI reports whether a ten-digit National Provider Identifier has a correct check
// digit: the Luhn check over the number prefixed with 80840 (CMS NPI standard).
func ValidNPI(digits string) bool {
	if len(digits) != 10 || (digits[0] != '1' && digits[0] != '2') {
		return false
	}
	return Luhn("80840" + digits)
}

// ValidDEA reports whether a DEA registration number (two letters, seven digits) has a
// correct check digit: (d1+d3+d5) + 2·(d2+d4+d6) ≡ d7 (mod 10).
func ValidDEA(s string) bool {
	s = strings.ToUpper(s)
	if len(s) != 9 || !strings.ContainsRune("ABCDEFGHJKLMPRSTUX", rune(s[0])) {
		return false
	}
	if !(s[1] >= 'A' && s[1] <= 'Z') && s[1] != '9' {
		return false
	}
	d := s[2:]
	if countDigits(d) != 7 {
		return false
	}
	n := func(i int) int { return int(d[i] - '0') }
	sum := n(0) + n(2) + n(4) + 2*(n(1)+n(3)+n(5))
	return sum%10 == n(6)
}

// ValidNANP reports whether a ten-digit number follows the North American Numbering
// Plan: the area code and exchange start with 2–9 and are not N11 service codes, and
// the area code's middle digit is not 9 (reserved for expansion).
func ValidNANP(digits string) bool {
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 || countDigits(digits) != 10 {
		return false
	}
	return validNXX(digits[:3]) && digits[1] != '9' && validNXX(digits[3:6])
}

func validNXX(s string) bool {
	return s[0] >= '2' && s[0] <= '9' && s[1:] != "11"
}

// TollFree reports whether a NANP number is toll-free (800, 833, 844, 855, 866, 877, 888):
// such numbers belong to organisations, never to a patient.
func TollFree(digits string) bool {
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 {
		return false
	}
	switch digits[:3] {
	case "800", "833", "844", "855", "866", "877", "888":
		return true
	}
	return false
}

// vinValues transliterates the letters A–Z of a VIN; I, O and Q are never used.
const vinValues = "12345678_12345_7_923456789"

// ValidVIN reports whether a 17-character vehicle identification number has a correct
// check digit (position 9, ISO 3779 / 49 CFR 565 weights).
func ValidVIN(s string) bool {
	s = strings.ToUpper(s)
	if len(s) != 17 || strings.ContainsAny(s, "IOQ") {
		return false
	}
	weights := []int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			t := vinValues[c-'A']
			if t == '_' {
				return false
			}
			v = int(t - '0')
		default:
			return false
		}
		sum += v * weights[i]
	}
	check := sum % 11
	want := byte('0' + check)
	if check == 10 {
		want = 'X'
	}
	return s[8] == want
}
