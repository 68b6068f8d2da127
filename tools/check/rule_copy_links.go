package check

import (
	"context"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/social"
)

func init() {
	Register(Rule{
		ID:          "copy-links",
		Description: "links to the organisation's site in post copy carry the configured tracking parameters; hashtags stay within the configured maximum; Threads posts hold at most 5 links",
		Check:       checkCopyLinks,
	})
}

func checkCopyLinks(_ context.Context, r *Run) {
	cal := calendarConfig(r)
	opts := composeOptions(r)
	for _, p := range r.Repo.Posts {
		if !p.OK {
			continue
		}
		if len(cal.Tracking) > 0 && opts.SiteURL != "" {
			for key, text := range p.Copy {
				for _, u := range social.URLs(text) {
					link := u
					if !strings.Contains(link, "://") {
						link = "https://" + link
					}
					if !social.IsSiteLink(link, opts.SiteURL) {
						continue
					}
					if missing := social.MissingTracking(link, cal.Tracking); len(missing) > 0 {
						r.ReportDoc(p.Doc, p.KeyAt("copy", key), content.Error, "copy-tracking",
							"copy.%s links to %s without the tracking parameters %s that factdesk.yaml (calendar.tracking) asks for; add them, or leave the link out and set factcheck: so factdesk adds it",
							key, u, strings.Join(missing, ", "))
					}
				}
			}
		}
		for _, ch := range p.Channels {
			platform, l, ok := channelLimit(r.Config, ch)
			if !ok {
				continue
			}
			m := social.Compose(p.Post, ch, platform, opts)
			if n := len(social.Hashtags(m.Text)); n > *cal.MaxHashtags {
				r.ReportDoc(p.Doc, copyKeyAt(p, ch), content.Error, "copy-hashtags",
					"%s: the text carries %d hashtags; factdesk.yaml (calendar.max_hashtags) allows %d; remove some from the copy or hashtags", ch, n, *cal.MaxHashtags)
			}
			if l.MaxLinks > 0 {
				seen := map[string]bool{}
				for _, u := range social.URLs(m.Text) {
					seen[u] = true
				}
				if len(seen) > l.MaxLinks {
					r.ReportDoc(p.Doc, copyKeyAt(p, ch), content.Error, "copy-links",
						"%s: %s refuses posts with more than %d links; this one has %d", ch, platform, l.MaxLinks, len(seen))
				}
			}
		}
	}
}
