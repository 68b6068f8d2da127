package privacy

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

var (
	urlPattern = fastre.Compile(`\b(?:https?://|www\.)[^\s<>()"'\x60\]\[]+|\b(?:facebook\.com|fb\.com|instagram\.com|x\.com|twitter\.com|tiktok\.com|linkedin\.com/in|youtube\.com/@|threads\.net|bsky\.app/profile|gofundme\.com|venmo\.com|paypal\.me|cash\.app|caringbridge\.org)/[^\s<>()"'\x60\]\[]+`)
	// socialHosts are sites where a path names a person (a profile, a fundraiser, a
	// payment handle).
	socialHosts = map[string]bool{
		"facebook.com": true, "fb.com": true, "m.facebook.com": true, "instagram.com": true, "x.com": true, "twitter.com": true,
		"tiktok.com": true, "linkedin.com": true, "youtube.com": true, "threads.net": true, "bsky.app": true, "reddit.com": true,
		"gofundme.com": true, "venmo.com": true, "paypal.me": true, "cash.app": true, "caringbridge.org": true, "snapchat.com": true,
		"pinterest.com": true, "tumblr.com": true, "medium.com": true, "substack.com": true, "nextdoor.com": true,
	}
	// genericPaths are first path segments on social sites that do not name a person.
	genericPaths = map[string]bool{"sharer": true, "share": true, "sharer.php": true, "hashtag": true, "search": true, "explore": true, "intent": true, "watch": true, "help": true, "about": true, "policies": true, "legal": true, "privacy": true, "tos": true, "home": true, "login": true, "signup": true, "i": true, "topics": true, "events": true, "pages": true}
	// personParams are query keys that carry a person's identity.
	personParams = regexp.MustCompile(`(?i)^(?:patient|patientid|pt|ptid|mrn|member|memberid|dob|birthdate|ssn|email|e-mail|name|fullname|firstname|lastname|first_name|last_name|user|userid|user_id|uid|phone|tel|account|acct|claim|chart|visit|encounter|appointment|appt)$`)
)

// findURLs finds web addresses that identify a person: a profile or fundraiser on a
// social site, a Mastodon-style /@user path, an address or identifier in the query
// string, or an email inside the address. Addresses of organisations and articles are
// not reported; the organisation's own site is allowed by configuration.
func findURLs(s *scan) {
	for _, m := range urlPattern.FindAll(s.li) {
		start, end := m[0], m[1]
		for end > start && strings.ContainsRune(".,;:!?*_", rune(s.text[end-1])) {
			end--
		}
		raw := s.text[start:end]
		score := urlScore(raw)
		if score == 0 {
			continue
		}
		if has(patientContext, s.nearby(start, end, 80)) {
			score += 0.2
		}
		s.add(URL, start, end, score)
	}
}

// urlScore returns the base score of a URL, or 0 when it does not identify a person.
func urlScore(raw string) float64 {
	u, err := url.Parse(withScheme(raw))
	if err != nil || u.Host == "" {
		return 0
	}
	host := strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))
	for k, vs := range u.Query() {
		if personParams.MatchString(k) && len(vs) > 0 && vs[0] != "" {
			return 0.85
		}
	}
	if strings.Contains(u.Path, "@") && strings.Contains(strings.SplitN(u.Path, "@", 2)[1], ".") {
		return 0.85 // an email in the path
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) == 0 {
		return 0
	}
	if strings.HasPrefix(segs[0], "@") || segs[0] == "~" || strings.HasPrefix(segs[0], "~") {
		return 0.7
	}
	if socialHosts[host] {
		first := strings.ToLower(segs[0])
		switch {
		case genericPaths[first]:
			return 0
		case host == "reddit.com" && first != "user" && first != "u":
			return 0
		case host == "linkedin.com" && first != "in":
			return 0
		case host == "youtube.com" && !strings.HasPrefix(first, "@") && first != "user" && first != "c":
			return 0
		}
		return 0.7
	}
	return 0
}
