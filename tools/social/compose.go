package social

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

// Options say how to compose a post's text for a channel.
type Options struct {
	// SiteURL is the public address of the site, ending in / (factdesk.yaml
	// organisation.site); fact-check links are built on it.
	SiteURL string
	// Tracking are query parameters added to every link to SiteURL that the composer
	// appends, e.g. utm_source: "{platform}". Values may use {channel}, {platform},
	// {observance} and {post}.
	Tracking map[string]string
}

// Message is the text one channel receives for a post.
type Message struct {
	Channel  string `json:"channel"`
	Platform string `json:"platform"`
	// Text is exactly what is sent: the copy, then the link, then the hashtags that the
	// copy does not already contain, separated by blank lines.
	Text string `json:"text"`
	// Link is the link appended or already in the copy (with tracking parameters), or "".
	Link string `json:"link,omitempty"`
	// Hashtags are the hashtags appended, with #.
	Hashtags []string `json:"hashtags,omitempty"`
}

// CopyFor returns the copy written for channel, or the default copy.
func CopyFor(p content.Post, channel string) string {
	if c, ok := p.Copy[channel]; ok && strings.TrimSpace(c) != "" {
		return c
	}
	return p.Copy["default"]
}

// FactCheckURL returns the public address of a fact-check: site + factchecks/<slug>/, or
// site + es/factchecks/<slug>/ for a Spanish version given as es/<slug>.
func FactCheckURL(site, slug string) string {
	if !strings.HasSuffix(site, "/") {
		site += "/"
	}
	if lang, rest, ok := strings.Cut(slug, "/"); ok {
		return site + lang + "/factchecks/" + rest + "/"
	}
	return site + "factchecks/" + slug + "/"
}

// Compose builds the text channel (on platform) receives for post p. The copy is sent as
// written; the fact-check's address (or p.Link) is appended unless the copy already
// holds it, with the tracking parameters when it points to the site; then the hashtags
// the copy does not already contain. `factdesk check` counts this text, and the
// publisher sends it.
func Compose(p content.Post, channel, platform string, o Options) Message {
	m := Message{Channel: channel, Platform: platform}
	copyText := strings.TrimSpace(CopyFor(p, channel))
	parts := []string{copyText}

	link := p.Link
	if p.FactCheck != "" && o.SiteURL != "" {
		link = FactCheckURL(o.SiteURL, p.FactCheck)
	}
	if link != "" {
		if strings.Contains(copyText, strings.TrimSuffix(link, "/")) {
			m.Link = link
		} else {
			if o.SiteURL != "" && IsSiteLink(link, o.SiteURL) {
				link = AddTracking(link, Expand(o.Tracking, p, channel, platform))
			}
			m.Link = link
			parts = append(parts, link)
		}
	}
	var tags []string
	for _, h := range p.Hashtags {
		h = strings.TrimPrefix(strings.TrimSpace(h), "#")
		if h == "" || HasHashtag(copyText, h) {
			continue
		}
		tags = append(tags, "#"+h)
	}
	if len(tags) > 0 {
		m.Hashtags = tags
		parts = append(parts, strings.Join(tags, " "))
	}
	m.Text = strings.Join(parts, "\n\n")
	return m
}

// HasHashtag reports whether text already contains #tag (case-insensitive) as a whole
// hashtag.
func HasHashtag(text, tag string) bool {
	re, ok := hashtagMatchers.Load(tag)
	if !ok {
		c, err := regexp.Compile(`(?i)(^|[^\p{L}\p{N}_&])[#＃]` + regexp.QuoteMeta(tag) + `($|[^\p{L}\p{N}_])`)
		if err != nil {
			return false
		}
		re, _ = hashtagMatchers.LoadOrStore(tag, c)
	}
	return re.(*regexp.Regexp).MatchString(text)
}

// hashtagMatchers holds HasHashtag's expression for each tag asked about: compiling one
// (Unicode classes) costs far more than matching it, and a run asks about the same few
// observance hashtags for every post and channel.
var hashtagMatchers sync.Map

// Hashtags returns the hashtags in text, without #.
func Hashtags(text string) []string {
	var out []string
	for _, m := range hashtagRe.FindAllStringSubmatch(text, -1) {
		out = append(out, m[2])
	}
	return out
}

var hashtagRe = regexp.MustCompile(`(^|[^\p{L}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)`)

// Expand fills the placeholders {channel}, {platform}, {observance} and {post} of each
// tracking parameter value.
func Expand(params map[string]string, p content.Post, channel, platform string) map[string]string {
	if len(params) == 0 {
		return nil
	}
	r := strings.NewReplacer("{channel}", channel, "{platform}", platform, "{observance}", p.Observance, "{post}", p.Slug)
	out := make(map[string]string, len(params))
	for k, v := range params {
		out[k] = r.Replace(v)
	}
	return out
}

// IsSiteLink reports whether link points to the site at siteURL (same host, under its
// path).
func IsSiteLink(link, siteURL string) bool {
	l, err := url.Parse(link)
	if err != nil {
		return false
	}
	s, err := url.Parse(siteURL)
	if err != nil || s.Host == "" {
		return false
	}
	return strings.EqualFold(l.Hostname(), s.Hostname()) && strings.HasPrefix(l.EscapedPath()+"/", strings.TrimSuffix(s.EscapedPath(), "/")+"/")
}

// AddTracking returns link with params added to its query (existing values are kept), in
// a stable order.
func AddTracking(link string, params map[string]string) string {
	if len(params) == 0 {
		return link
	}
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	q := u.Query()
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if q.Get(k) == "" {
			q.Set(k, params[k])
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// MissingTracking returns the names of params that link's query lacks.
func MissingTracking(link string, params map[string]string) []string {
	u, err := url.Parse(link)
	if err != nil {
		return nil
	}
	q := u.Query()
	var out []string
	for k := range params {
		if q.Get(k) == "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// OptionsFrom returns the composing options of the organisation's configuration: its site
// address and calendar.tracking. The checker, the calendar exports and the publisher all
// compose with these, so that what is checked is what is sent.
func OptionsFrom(cfg *config.Config) Options {
	if cfg == nil {
		return Options{}
	}
	return Options{SiteURL: cfg.Organisation.Site, Tracking: cfg.Calendar.Tracking}
}

// AccountLimit returns the limits of a configured account: its platform's, with a
// Mastodon instance's own character limit from the account's options.max_characters.
func AccountLimit(acct config.Account) (Limit, bool) {
	max, _ := strconv.Atoi(acct.Options["max_characters"])
	return LimitFor(acct.Platform, max)
}
