// Package calendar gathers observances and campaign posts into one calendar and exports
// it: iCalendar (RFC 5545), Hootsuite and Sprout Social bulk-upload CSV, and JSON. It
// also marks exported post-channels in the posts' front matter, so that factdesk's own
// publisher never sends them as well.
package calendar

import (
	"sort"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/observance"
	"github.com/factdesk/factdesk/tools/social"
)

// Kinds of calendar item.
const (
	KindObservance = "observance"
	KindPost       = "post"
)

// Item is one entry of the calendar: an observance's dates or a post's publish time.
type Item struct {
	Kind  string `json:"kind"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// Start and End are the first and last day of an observance (End inclusive), or the
	// post's publish instant (Start = End).
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// AllDay is true for observances.
	AllDay bool   `json:"all_day"`
	URL    string `json:"url,omitempty"`
	// Observance is the post's observance slug, or the observance's own.
	Observance string `json:"observance"`
	// Scope and ObservanceKind describe an observance.
	Scope          string `json:"scope,omitempty"`
	ObservanceKind string `json:"observance_kind,omitempty"`
	// Confidence is an observance's: confirmed, likely or unverified; Status is
	// possibly-discontinued for one that may no longer run (see Unconfirmed).
	Confidence string `json:"confidence,omitempty"`
	Status     string `json:"status,omitempty"`
	// Channels, Zone and Path describe a post.
	Channels []string          `json:"channels,omitempty"`
	Zone     string            `json:"timezone,omitempty"`
	Path     string            `json:"path,omitempty"`
	Draft    bool              `json:"draft,omitempty"`
	Exported map[string]string `json:"exported,omitempty"`
	// Messages are the texts each channel receives, as composed for publishing.
	Messages []social.Message `json:"messages,omitempty"`

	post *content.PostDoc
}

func statusOf(o *observance.Observance) string {
	if o.InDoubt() {
		return observance.StatusPossiblyDiscontinued
	}
	return ""
}

// Unconfirmed returns why an observance's date is not certain, in words for a calendar
// ("date not confirmed", "may have been discontinued"), or "" when it is confirmed.
func (i Item) Unconfirmed() string {
	if i.Kind != KindObservance {
		return ""
	}
	var why []string
	switch i.Confidence {
	case "", "confirmed":
	case "likely":
		why = append(why, "date not confirmed")
	default:
		why = append(why, "date unverified")
	}
	if i.Status == observance.StatusPossiblyDiscontinued {
		why = append(why, "may have been discontinued")
	}
	return strings.Join(why, "; ")
}

// Post returns the post behind a post item, or nil.
func (i Item) Post() *content.PostDoc { return i.post }

// Build returns the observances and posts between the instants from (inclusive) and to
// (exclusive), sorted by start; an observance is included when one of its days falls in
// that span. Posts whose time cannot be resolved are left out (the check reports them).
func Build(set *observance.Set, repo *content.Repo, cfg *config.Config, from, to time.Time) []Item {
	var items []Item
	first, last := dateOf(from), dateOf(to.Add(-time.Nanosecond))
	for y := first.Year() - 1; y <= last.Year(); y++ {
		for _, o := range set.List {
			r, ok := o.Resolve(y)
			if !ok || r.End.Before(first) || r.Start.After(last) {
				continue
			}
			items = append(items, Item{Kind: KindObservance, Slug: o.Slug, Title: o.Name, Start: r.Start, End: r.End, AllDay: true,
				URL: o.Sponsor, Observance: o.Slug, Scope: o.Scope, ObservanceKind: o.Kind, Confidence: o.Confidence, Status: statusOf(o)})
		}
	}
	opts := social.OptionsFrom(cfg)
	for _, p := range repo.Posts {
		if !p.OK {
			continue
		}
		at, err := p.Time()
		if err != nil || at.Before(from) || !at.Before(to) {
			continue
		}
		it := Item{Kind: KindPost, Slug: p.Slug, Title: p.Title, Start: at, End: at, Observance: p.Observance,
			Channels: p.Channels, Zone: p.Timezone, Path: p.Path, Draft: p.Draft, Exported: p.Exported, post: p}
		for _, ch := range p.Channels {
			platform := ""
			if cfg != nil {
				platform = cfg.Accounts[ch].Platform
			}
			it.Messages = append(it.Messages, social.Compose(p.Post, ch, platform, opts))
		}
		if p.FactCheck != "" && opts.SiteURL != "" {
			it.URL = social.FactCheckURL(opts.SiteURL, p.FactCheck)
		} else {
			it.URL = p.Link
		}
		items = append(items, it)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if a.Kind != b.Kind {
			return a.Kind == KindObservance
		}
		return a.Slug < b.Slug
	})
	return items
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
