package citation

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/factdesk/factdesk/tools/content"
)

var (
	tagPattern   = regexp.MustCompile(`<[^>]*>`)
	spacePattern = regexp.MustCompile(`\s+`)
	// markerPattern finds the words publishers put before a retracted or withdrawn
	// work's title. A marker counts only when a separator follows it.
	markerPattern = regexp.MustCompile(`(?i)^\s*(retracted( article)?|withdrawn|removed|retraction)\s*(:|-|—|–)\s*`)
)

func pathEscape(s string) string { return url.PathEscape(s) }

// cleanTitle removes markup and extra space from a registry's title.
func cleanTitle(s string) string {
	s = tagPattern.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	return strings.TrimSpace(spacePattern.ReplaceAllString(s, " "))
}

// titleMarker returns the notice kind a title's prefix announces, or "".
func titleMarker(title string) string {
	m := markerPattern.FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	switch strings.ToLower(m[1]) {
	case "withdrawn":
		return "withdrawal"
	case "removed":
		return "removal"
	case "retraction":
		// "Retraction—<title>" is the notice, not the retracted work.
		return ""
	}
	return "retraction"
}

// StripMarker removes a "RETRACTED:"-style prefix from a title.
func StripMarker(title string) string {
	if titleMarker(title) == "" {
		return title
	}
	return markerPattern.ReplaceAllString(title, "")
}

// foldDiacritics returns a transformer removing accents. Transformers keep state, so
// each call gets its own: Normalise runs in many goroutines at once.
func foldDiacritics() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Normalise reduces text to lower-case words without accents or punctuation, so that
// titles written with different capitals, dashes and quotes compare equal.
func Normalise(s string) string {
	s = cleanTitle(StripMarker(s))
	if !isASCII(s) {
		if t, _, err := transform.String(foldDiacritics(), s); err == nil {
			s = t
		}
	}
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// TitleSimilarity returns how alike two titles are, from 0 to 1, after normalising:
// 1 for equal titles or when one is the other without its subtitle, otherwise one
// minus the edit distance over the longer length.
func TitleSimilarity(a, b string) float64 {
	na, nb := Normalise(a), Normalise(b)
	if na == "" || nb == "" {
		return 0
	}
	if na == nb {
		return 1
	}
	short, long := na, nb
	if len(short) > len(long) {
		short, long = long, short
	}
	// A citation that drops the subtitle ("Title: subtitle") still names the work.
	if len(short) >= 20 && strings.HasPrefix(long, short+" ") {
		return 1
	}
	ra, rb := []rune(na), []rune(nb)
	d := content.EditDistance(ra, rb)
	n := max(len(ra), len(rb))
	return 1 - float64(d)/float64(n)
}

// TitleMatchThreshold is the similarity at or above which two titles name the same work.
const TitleMatchThreshold = 0.85

// TitlesMatch reports whether a cited title names the registered one.
func TitlesMatch(cited, registered string) bool {
	return TitleSimilarity(cited, registered) >= TitleMatchThreshold
}

// JournalsMatch reports whether a cited journal or publisher is one of the names a
// registry gives ("The Lancet", "Lancet", "Lancet (London, England)").
func JournalsMatch(cited string, names ...string) bool {
	c := journalKey(cited)
	if c == "" {
		return true
	}
	for _, n := range names {
		k := journalKey(n)
		if k == "" {
			continue
		}
		if k == c || strings.HasPrefix(k, c+" ") || strings.HasPrefix(c, k+" ") || TitleSimilarity(k, c) >= 0.85 {
			return true
		}
	}
	return false
}

func journalKey(s string) string {
	if i := strings.Index(s, "("); i > 0 {
		s = s[:i]
	}
	k := Normalise(s)
	k = strings.TrimPrefix(k, "the ")
	return strings.ReplaceAll(k, " and ", " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
