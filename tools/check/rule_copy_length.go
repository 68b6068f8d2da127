package check

import (
	"context"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/social"
)

func init() {
	Register(Rule{
		ID:          "copy-length",
		Description: "each channel's text (copy + link + hashtags, as sent) fits its platform, counted as the platform counts",
		Check:       checkCopyLength,
	})
}

// channelLimit returns the limits of the account ch, with a Mastodon instance's own
// limit from options.max_characters.
func channelLimit(cfg *config.Config, ch string) (platform string, l social.Limit, ok bool) {
	if cfg == nil {
		return "", social.Limit{}, false
	}
	acct, found := cfg.Accounts[ch]
	if !found {
		return "", social.Limit{}, false
	}
	l, ok = social.AccountLimit(acct)
	return acct.Platform, l, ok
}

// composeOptions are the options every rule composes a post's text with.
func composeOptions(r *Run) social.Options {
	return social.OptionsFrom(r.Config)
}

// copyKeyAt is the position of the copy a channel uses.
func copyKeyAt(p *content.PostDoc, ch string) content.Pos {
	if _, ok := p.Copy[ch]; ok {
		return p.KeyAt("copy", ch)
	}
	return p.KeyAt("copy", "default")
}

func checkCopyLength(_ context.Context, r *Run) {
	opts := composeOptions(r)
	for _, p := range r.Repo.Posts {
		if !p.OK {
			continue
		}
		for _, ch := range p.Channels {
			platform, l, ok := channelLimit(r.Config, ch)
			if !ok {
				continue
			}
			m := social.Compose(p.Post, ch, platform, opts)
			c := social.MeasureWith(l, m.Text)
			if !c.Over() {
				continue
			}
			extra := ""
			if m.Link != "" || len(m.Hashtags) > 0 {
				extra = " (counting the link and hashtags appended to the copy)"
			}
			r.ReportDoc(p.Doc, copyKeyAt(p, ch), content.Error, "copy-length",
				"%s: the text is too long for %s: %s%s; shorten copy.%s", ch, platform, c, extra, copyKeyName(p, ch))
		}
	}
}

func copyKeyName(p *content.PostDoc, ch string) string {
	if _, ok := p.Copy[ch]; ok {
		return ch
	}
	return "default"
}
