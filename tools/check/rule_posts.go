package check

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "posts",
		Description: "campaign posts have a valid local time and zone, known channels, copy for each channel, an existing fact-check and alt text",
		Check:       checkPosts,
	})
}

func checkPosts(_ context.Context, r *Run) {
	for _, p := range r.Repo.Posts {
		if !p.OK {
			continue
		}
		// An empty time or zone is reported once, as a required field, by the loader.
		if _, err := p.Time(); err != nil && p.PublishAt != "" && p.Timezone != "" {
			pos := p.At("publish_at")
			var te *content.TimeError
			if errors.As(err, &te) && te.Field != "" {
				pos = p.At(te.Field)
			}
			r.ReportDoc(p.Doc, pos, content.Error, "post-time", "%v", err)
		}
		channels := map[string]bool{}
		for i, ch := range p.Channels {
			channels[ch] = true
			if r.Config != nil {
				if _, ok := r.Config.Accounts[ch]; !ok {
					r.ReportDoc(p.Doc, p.At("channels", i), content.Error, "channel-unknown", "channel %q is not an account in factdesk.yaml; use one of %s", ch, accountList(r))
				}
			}
		}
		for key := range p.Copy {
			if key != "default" && !channels[key] {
				r.ReportDoc(p.Doc, p.KeyAt("copy", key), content.Error, "copy-channel", "copy for %q, which is not in channels; add it to channels or rename the key", key)
			}
		}
		for _, ch := range p.Channels {
			if strings.TrimSpace(p.Copy[ch]) == "" && strings.TrimSpace(p.Copy["default"]) == "" {
				r.ReportDoc(p.Doc, p.KeyAt("copy"), content.Error, "copy-missing", "no copy for channel %q; add copy.%s or copy.default", ch, ch)
			}
		}
		for key := range p.Exported {
			if !channels[key] {
				r.ReportDoc(p.Doc, p.KeyAt("exported", key), content.Error, "exported-channel", "exported lists %q, which is not in channels", key)
			}
		}
		if p.FactCheck != "" {
			if fc := r.Repo.FactCheck(p.FactCheck); fc == nil {
				r.ReportDoc(p.Doc, p.At("factcheck"), content.Error, "factcheck-missing", "factcheck %q does not exist; use the file name of a fact-check in factchecks/ without .md", p.FactCheck)
			} else if fc.OK && fc.Draft && !p.Draft {
				r.ReportDoc(p.Doc, p.At("factcheck"), content.Error, "factcheck-draft", "factcheck %q is a draft, so the post would link to a page that does not exist", p.FactCheck)
			}
		}
		if p.Link != "" && !isHTTPURL(p.Link) {
			r.ReportDoc(p.Doc, p.At("link"), content.Error, "url-syntax", "link %q must be a full https:// address", p.Link)
		}
		for i, img := range p.Images {
			if strings.TrimSpace(img.Alt) == "" {
				r.ReportDoc(p.Doc, p.At("images", i), content.Error, "image-alt", "image %q needs alt text describing it for people who cannot see it", img.Src)
			}
			if img.Person && strings.TrimSpace(img.Consent) == "" {
				r.ReportDoc(p.Doc, p.At("images", i, "person"), content.Error, "image-consent", "image %q shows a person; add a consent note (who consented, when, where the form is kept)", img.Src)
			}
		}
		for i, h := range p.Hashtags {
			if strings.HasPrefix(h, "#") || strings.ContainsAny(h, " \t") {
				r.ReportDoc(p.Doc, p.At("hashtags", i), content.Error, "hashtag-format", "hashtag %q: write it without # and without spaces", h)
			}
		}
	}
}

func accountList(r *Run) string {
	var names []string
	for n := range r.Config.Accounts {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
