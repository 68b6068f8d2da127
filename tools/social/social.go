// Package social knows how each social platform counts the text of a post and what it
// limits: X's weighted characters (twitter-text v3), Bluesky's graphemes and bytes,
// Mastodon's characters with URLs counted as 23, Threads' characters with emoji counted
// as their UTF-8 bytes, LinkedIn's and Facebook's characters. It also composes the text a
// channel receives (Compose), so that `factdesk check` counts exactly what the publisher
// sends.
package social

import (
	"fmt"
	"unicode/utf16"

	"github.com/rivo/uniseg"
)

// Platform names, as written in factdesk.yaml's accounts.
const (
	X        = "x"
	Bluesky  = "bluesky"
	Mastodon = "mastodon"
	Threads  = "threads"
	LinkedIn = "linkedin"
	Facebook = "facebook"
)

// Units in which platforms count text.
const (
	UnitWeighted   = "weighted characters"
	UnitGraphemes  = "characters"
	UnitUTF16      = "characters (UTF-16 code units)"
	UnitThreads    = "characters (emoji count as their UTF-8 bytes)"
	UnitBytes      = "bytes"
	UnitUnlimited  = "characters"
	noLimitMessage = "no limit"
)

// Limit is what a platform accepts in one post.
type Limit struct {
	Platform string
	// Max is the most text a post may hold, counted in Unit.
	Max  int
	Unit string
	// MaxBytes is a second limit in UTF-8 bytes (Bluesky), or 0.
	MaxBytes int
	// URLLength is what every http(s) link counts, whatever its length; 0 counts links
	// as written.
	URLLength int
	// MaxImages is the most images one post may carry.
	MaxImages int
	// MaxImageBytes is the largest image file accepted, in bytes.
	MaxImageBytes int64
	// MaxAlt is the longest alt text accepted, in characters.
	MaxAlt int
	// MaxLinks is the most distinct links one post may hold, or 0 for no limit.
	MaxLinks int
}

// Limits holds each platform's limits. Mastodon's are those of a default instance;
// an organisation sets its own instance's with LimitFor's overrides.
//
// Sources: twitter-text config v3 (X); the app.bsky.feed.post and app.bsky.embed.images
// lexicons (Bluesky); Mastodon's instance configuration defaults and its
// StatusLengthValidator; the Threads API "Posts" page (500 characters, emoji counted as
// UTF-8 bytes, at most 5 links); LinkedIn's Posts API (3,000 characters of commentary);
// Facebook's 63,206-character post limit.
var Limits = map[string]Limit{
	X:        {Platform: X, Max: 280, Unit: UnitWeighted, URLLength: 23, MaxImages: 4, MaxImageBytes: 5 << 20, MaxAlt: 1000},
	Bluesky:  {Platform: Bluesky, Max: 300, Unit: UnitGraphemes, MaxBytes: 3000, MaxImages: 4, MaxImageBytes: 1000000, MaxAlt: 2000},
	Mastodon: {Platform: Mastodon, Max: 500, Unit: UnitGraphemes, URLLength: 23, MaxImages: 4, MaxImageBytes: 10485760, MaxAlt: 1500},
	Threads:  {Platform: Threads, Max: 500, Unit: UnitThreads, MaxImages: 20, MaxImageBytes: 8 << 20, MaxAlt: 1000, MaxLinks: 5},
	LinkedIn: {Platform: LinkedIn, Max: 3000, Unit: UnitUTF16, MaxImages: 20, MaxImageBytes: 5 << 20, MaxAlt: 4086},
	Facebook: {Platform: Facebook, Max: 63206, Unit: UnitUTF16, MaxImages: 10, MaxImageBytes: 4 << 20, MaxAlt: 1000},
}

// LimitFor returns the limits of platform, with a text limit of max instead of the
// default when max > 0 (a Mastodon instance configured for longer posts). ok is false
// for platforms without limits (outbox, webhook).
func LimitFor(platform string, max int) (l Limit, ok bool) {
	l, ok = Limits[platform]
	if ok && max > 0 {
		l.Max = max
	}
	return l, ok
}

// Count is how much of a platform's limit a text uses.
type Count struct {
	Platform string
	// Used is the text's length as the platform counts it, in Unit.
	Used int
	// Limit is the platform's maximum in Unit; 0 means no limit.
	Limit int
	Unit  string
	// Bytes and ByteLimit are the UTF-8 length and its limit where the platform has
	// one (Bluesky); ByteLimit is 0 otherwise.
	Bytes     int
	ByteLimit int
}

// Over reports whether the text is longer than the platform accepts.
func (c Count) Over() bool {
	return (c.Limit > 0 && c.Used > c.Limit) || (c.ByteLimit > 0 && c.Bytes > c.ByteLimit)
}

// String describes the count, e.g. "292/280 weighted characters".
func (c Count) String() string {
	if c.Limit == 0 {
		return fmt.Sprintf("%d %s (%s)", c.Used, c.Unit, noLimitMessage)
	}
	s := fmt.Sprintf("%d/%d %s", c.Used, c.Limit, c.Unit)
	if c.ByteLimit > 0 {
		s += fmt.Sprintf(", %d/%d bytes", c.Bytes, c.ByteLimit)
	}
	return s
}

// Measure counts text as platform counts it, against its default limits. Platforms
// without limits (outbox, webhook, unknown) are counted in graphemes with Limit 0.
func Measure(platform, text string) Count {
	l, ok := Limits[platform]
	if !ok {
		return Count{Platform: platform, Used: Graphemes(text), Unit: UnitUnlimited, Bytes: len(text)}
	}
	return MeasureWith(l, text)
}

// MeasureWith counts text as l.Platform counts it, against the limits in l.
func MeasureWith(l Limit, text string) Count {
	c := Count{Platform: l.Platform, Limit: l.Max, Unit: l.Unit, Bytes: len(text), ByteLimit: l.MaxBytes}
	switch l.Platform {
	case X:
		c.Used = XWeighted(text)
	case Bluesky:
		c.Used = Graphemes(text)
	case Mastodon:
		c.Used = MastodonLength(text, l.URLLength)
	case Threads:
		c.Used = ThreadsLength(text)
	case LinkedIn, Facebook:
		c.Used = UTF16Length(text)
	default:
		c.Used = Graphemes(text)
		c.Unit = UnitGraphemes
	}
	return c
}

// Graphemes returns the number of user-perceived characters (extended grapheme
// clusters, Unicode UAX #29) in text: a flag, a family emoji joined with ZWJ or a letter
// with combining accents is one.
func Graphemes(text string) int {
	return uniseg.GraphemeClusterCount(text)
}

// UTF16Length returns the length of text in UTF-16 code units, as JavaScript's
// String.length counts it: characters outside the Basic Multilingual Plane (most emoji)
// count 2.
func UTF16Length(text string) int {
	n := 0
	for _, r := range text {
		n += utf16.RuneLen(r)
	}
	return n
}

// ThreadsLength counts text as Threads does: one per character, except that an emoji
// counts as many as its UTF-8 bytes.
func ThreadsLength(text string) int {
	emoji := emojiRanges(text)
	n := 0
	g := uniseg.NewGraphemes(text)
	pos := 0 // position in UTF-16 units of the current cluster
	for g.Next() {
		cluster := g.Str()
		if _, ok := emoji[pos]; ok {
			n += len(cluster)
		} else {
			n++
		}
		pos += UTF16Length(cluster)
	}
	return n
}
