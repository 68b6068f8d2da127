package privacy

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

var (
	ipv4Pattern = fastre.Compile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`).WithQuick(func(str string, s int) bool {
		n, next := fastre.DigitRun(str, s) // 1 to 3 digits and a dot
		return n >= 1 && n <= 3 && next == '.'
	})
	ipv6Pattern    = regexp.MustCompile(`(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}`)
	versionContext = words(`version`, `versión`, `release`, `build`, `v`, `ver`)
	ipContext      = words(`ip`, `ip address`, `address`, `logged`, `from`, `host`, `server`, `connected`, `dirección ip`)
)

// findIPs finds IPv4 and IPv6 addresses that parse as such. Version numbers ("v1.2.3.4")
// and longer dotted numbers are not addresses.
func findIPs(s *scan) {
	for _, m := range ipv4Pattern.FindAll(s.ti) {
		start, end := m[0], m[1]
		if start > 0 && (s.text[start-1] == '.' || s.text[start-1] == 'v' || s.text[start-1] == 'V') {
			continue
		}
		if end < len(s.text)-1 && s.text[end] == '.' && s.text[end+1] >= '0' && s.text[end+1] <= '9' {
			continue
		}
		if _, err := netip.ParseAddr(s.text[start:end]); err != nil {
			continue
		}
		if has(versionContext, s.before(start, 12)) {
			continue
		}
		score := 0.85
		if has(ipContext, s.before(start, 30)) {
			score = 0.95
		}
		s.add(IP, start, end, score)
	}
	if !hexColons(s.text) {
		return // every IPv6 match has two colons with at most four hex digits between
	}
	for _, m := range ipv6Pattern.FindAllStringIndex(s.text, -1) {
		start, end := m[0], m[1]
		if strings.Count(s.text[start:end], ":") < 3 {
			continue
		}
		if start > 0 && isAlnum(s.text[start-1]) {
			continue
		}
		a, err := netip.ParseAddr(s.text[start:end])
		if err != nil || !a.Is6() {
			continue
		}
		s.add(IP, start, end, 0.9)
	}
}

// hexColons reports whether text has two colons with at most four hexadecimal digits
// and nothing else between them.
func hexColons(text string) bool {
	for i := strings.IndexByte(text, ':'); i >= 0; {
		j := i + 1
		for j < len(text) && j-i <= 5 && isHex(text[j]) {
			j++
		}
		if j < len(text) && text[j] == ':' && j-i <= 5 {
			return true
		}
		k := strings.IndexByte(text[i+1:], ':')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
