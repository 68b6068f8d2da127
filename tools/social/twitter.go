package social

//go:generate node gen_twitter.js

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/dlclark/regexp2/v2"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// weightRange gives the characters from Start to End (code points) a weight.
type weightRange struct{ Start, End, Weight int }

// weightConfig is a twitter-text configuration (config/v3.json).
type weightConfig struct {
	MaxWeighted   int
	Scale         int
	DefaultWeight int
	URLLength     int
	Ranges        []weightRange
}

// jsRegexps are twitter-text's and twemoji-parser's expressions.
type jsRegexps struct {
	once                      sync.Once
	url, ascii, tco, preceded *regexp2.Regexp
	emoji                     *regexp2.Regexp
}

var compiled jsRegexps

// regexps returns the expressions, compiling them on first use.
func regexps() *jsRegexps {
	compiled.once.Do(func() {
		ci := regexp2.IgnoreCase | regexp2.ECMAScript
		compiled.url = regexp2.MustCompile(jsExtractURL, ci)
		compiled.ascii = regexp2.MustCompile(jsValidASCIIDomain, ci)
		compiled.tco = regexp2.MustCompile(jsValidTcoURL, ci)
		compiled.preceded = regexp2.MustCompile(jsInvalidPreceding, regexp2.ECMAScript)
		compiled.emoji = regexp2.MustCompile(jsEmoji, regexp2.ECMAScript)
	})
	return &compiled
}

// toUnits returns text as UTF-16 code units, one per rune value, which is how
// JavaScript's regular expressions see a string.
func toUnits(text string) []rune {
	enc := utf16.Encode([]rune(text))
	units := make([]rune, len(enc))
	for i, u := range enc {
		units[i] = rune(u)
	}
	return units
}

// unitsString converts UTF-16 code units back to a Go string.
func unitsString(units []rune) string {
	enc := make([]uint16, len(units))
	for i, u := range units {
		enc[i] = uint16(u)
	}
	return string(utf16.Decode(enc))
}

// span is a half-open range of UTF-16 code units.
type span struct{ start, end int }

// emojiRanges returns the emoji twemoji-parser finds in text, as ranges of UTF-16 code
// units keyed by their start.
func emojiRanges(text string) map[int]span {
	runes := []rune(text)
	// unit[i] is the UTF-16 offset of runes[i].
	unit := make([]int, len(runes)+1)
	for i, r := range runes {
		unit[i+1] = unit[i] + utf16.RuneLen(r)
	}
	out := map[int]span{}
	m, _ := regexps().emoji.FindRunesMatch(runes)
	for ; m != nil; m, _ = regexps().emoji.FindNextMatch(m) {
		s := span{unit[m.RuneIndex], unit[m.RuneIndex+m.RuneLength]}
		out[s.start] = s
	}
	return out
}

// URLs returns the links in text that twitter-text finds (with or without https://), as
// written in the text.
func URLs(text string) []string {
	units := toUnits(text)
	var out []string
	for _, s := range extractURLs(units, true) {
		out = append(out, unitsString(units[s.start:s.end]))
	}
	return out
}

// extractURLs is twitter-text's extractUrlsWithIndices over UTF-16 code units.
func extractURLs(units []rune, withoutProtocol bool) []span {
	var need rune = ':'
	if withoutProtocol {
		need = '.'
	}
	if !slices.Contains(units, need) {
		return nil
	}
	re := regexps()
	var out []span
	m, _ := re.url.FindRunesMatch(units)
	for ; m != nil; m, _ = re.url.FindNextMatch(m) {
		g := func(n int) (string, int, int) {
			grp := m.GroupByNumber(n)
			if grp == nil || len(grp.Captures) == 0 {
				return "", -1, -1
			}
			return unitsString(grp.Runes()), grp.RuneIndex, grp.RuneIndex + grp.RuneLength
		}
		before, _, _ := g(2)
		url, _, _ := g(3)
		protocol, _, _ := g(4)
		domain, _, _ := g(5)
		path, _, _ := g(7)
		end := m.RuneIndex + m.RuneLength
		urlUnits := m.GroupByNumber(3).RuneLength
		start := end - urlUnits
		p := protocol
		if p == "" {
			p = "https://"
		}
		if !validURL(url, p, domain) {
			continue
		}
		if protocol == "" {
			if !withoutProtocol {
				continue
			}
			if ok, _ := re.preceded.MatchString(before); ok {
				continue
			}
			domUnits := toUnits(domain)
			var last *span
			asciiEnd := 0
			am, _ := re.ascii.FindRunesMatch(domUnits)
			for ; am != nil; am, _ = re.ascii.FindNextMatch(am) {
				ad := am.Runes()
				as := indexUnits(domUnits, ad, asciiEnd)
				asciiEnd = as + len(ad)
				out = append(out, span{start + as, start + asciiEnd})
				last = &out[len(out)-1]
			}
			if last == nil {
				continue
			}
			if path != "" {
				last.end = end
			}
			continue
		}
		if tm, _ := re.tco.FindStringMatch(url); tm != nil {
			slug := tm.GroupByNumber(1)
			if slug != nil && len(slug.Runes()) > 40 {
				continue
			}
			end = start + len(toUnits(tm.String()))
		}
		out = append(out, span{start, end})
	}
	return out
}

// indexUnits is JavaScript's String.prototype.indexOf over code units.
func indexUnits(s, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		match := true
		for j := range sub {
			if s[i+j] != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// validURL is twitter-text's isValidUrl: the domain must convert to ASCII (IDNA) with
// labels of 1 to 63 characters, and the whole URL must be at most 4,096 characters.
func validURL(url, protocol, domain string) bool {
	ascii, ok := domainToASCII(domain)
	if !ok || ascii == "" {
		return false
	}
	n := len(toUnits(url)) + len(ascii) - len(toUnits(domain))
	return len(protocol)+n <= 4096
}

func domainToASCII(domain string) (string, bool) {
	if strings.HasPrefix(domain, "xn--") {
		if m, _ := regexps().ascii.MatchString(domain); !m {
			return "", false
		}
	}
	labels := strings.Split(domain, ".")
	for i, l := range labels {
		a := l
		if !isASCII(l) {
			enc, err := idna.Punycode.ToASCII(l)
			if err != nil {
				return "", false
			}
			a = enc
		}
		if len(a) < 1 || len(a) > 63 {
			return "", false
		}
		labels[i] = a
	}
	return strings.Join(labels, "."), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// XWeighted returns text's weighted length as X counts it (twitter-text parseTweet with
// config v3): the text is NFC-normalised; every URL counts 23; every emoji counts 2;
// characters in the Latin and general-punctuation ranges count 1 and all others 2.
func XWeighted(text string) int {
	cfg := twitterConfig
	nfc := norm.NFC.String(text)
	units := toUnits(nfc)
	urls := map[int]span{}
	for _, s := range extractURLs(units, true) {
		urls[s.start] = s
	}
	emoji := emojiRanges(nfc)
	w := 0
	for i := 0; i < len(units); i++ {
		if s, ok := urls[i]; ok {
			w += cfg.URLLength * cfg.Scale
			i = s.end - 1
			continue
		}
		if s, ok := emoji[i]; ok {
			w += cfg.DefaultWeight
			i = s.end - 1
			continue
		}
		if utf16.IsSurrogate(units[i]) && units[i] < 0xdc00 && i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] <= 0xdfff {
			i++
		}
		w += charWeight(cfg, units[i])
	}
	return w / cfg.Scale
}

func charWeight(cfg weightConfig, u rune) int {
	for _, r := range cfg.Ranges {
		if int(u) >= r.Start && int(u) <= r.End {
			return r.Weight
		}
	}
	return cfg.DefaultWeight
}

// mastodonMention is a remote mention, @user@domain; Mastodon counts only @user.
var mastodonMention = regexp.MustCompile(`(^|[^/\w])@([a-zA-Z0-9_]+(?:[a-zA-Z0-9_.-]+[a-zA-Z0-9_]+)?)@[a-zA-Z0-9.\-]+[a-zA-Z0-9]+`)

// MastodonLength counts text as Mastodon's StatusLengthValidator does: grapheme
// clusters, with every http(s) URL counted as urlLength characters and a remote mention
// (@user@domain) counted as @user.
func MastodonLength(text string, urlLength int) int {
	units := toUnits(text)
	spans := extractURLs(units, false)
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(unitsString(units[last:s.start]))
		b.WriteString(strings.Repeat("x", urlLength))
		last = s.end
	}
	b.WriteString(unitsString(units[last:]))
	counted := mastodonMention.ReplaceAllString(b.String(), "$1@$2")
	return Graphemes(counted)
}
