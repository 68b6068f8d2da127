package privacy

import (
	"regexp"
	"strings"
)

var emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}`)

// findEmails finds email addresses. An address always identifies someone, so the score
// is high whatever the context; the organisation's own are allowed by configuration.
func findEmails(s *scan) {
	if !strings.Contains(s.text, "@") {
		return // every address has one
	}
	for _, m := range emailPattern.FindAllStringIndex(s.text, -1) {
		start := m[0]
		if start > 0 && (s.text[start-1] == '/' || s.text[start-1] == ':') {
			continue // part of a URL such as a Mastodon profile; the URL recognizer takes it
		}
		s.add(Email, start, m[1], 0.95)
	}
}
