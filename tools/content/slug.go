package content

import (
	"regexp"
	"strings"
)

// SlugPattern is what a slug may look like: lower-case letters and digits in words joined
// by single hyphens. File names of fact-checks and posts, topics and observances use it.
var SlugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Slugify suggests a slug for s: lower-case ASCII letters and digits, every other run of
// characters turned into one hyphen. It returns "" when s has no letter or digit.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
