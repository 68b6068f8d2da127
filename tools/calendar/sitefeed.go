package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/factdesk/factdesk/tools/social"
)

// The site's calendar page leaves SiteEvents in the built site (its calendarevents
// output); WriteSiteFeed turns it into SiteFeed, the subscribable iCalendar feed.
const (
	SiteEvents = "calendar/events.json"
	SiteFeed   = "calendar/index.ics"
)

// siteEvents is what the calendar page writes: the calendar's name, the site's host (for
// event UIDs), when the site was built, and the events in the order shown.
type siteEvents struct {
	Name   string      `json:"name"`
	Host   string      `json:"host"`
	Stamp  string      `json:"stamp"`
	Events []siteEvent `json:"events"`
}

// siteEvent is an observance (Start and End are dates, End inclusive) or a campaign post
// (Start is its publish instant in UTC, Title its observance's name, Text its public copy).
type siteEvent struct {
	Kind  string `json:"kind"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
	Start string `json:"start"`
	End   string `json:"end"`
	Text  string `json:"text"`
	URL   string `json:"url"`
	// Confidence and Status are an observance's, from data/observances_resolved.json: a
	// date not confirmed is marked in the feed (see Item.Unconfirmed).
	Confidence string `json:"confidence"`
	Status     string `json:"status"`
}

// maxSiteEvents bounds how much of the events file is read.
const maxSiteEvents = 64 << 20

// WriteSiteFeed writes the site's calendar feed (SiteFeed) in the site built into dir from
// the events its calendar page left there (SiteEvents), with WriteICS, the writer of
// `factdesk calendar --export ics`, and removes the events file. It reports false when dir
// holds no events file (a site without a calendar page, or one already written).
func WriteSiteFeed(dir string) (bool, error) {
	file := filepath.Join(dir, filepath.FromSlash(SiteEvents))
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading the calendar events: %w", err)
	}
	var ev siteEvents
	dec := json.NewDecoder(&limitedReader{f, maxSiteEvents})
	dec.DisallowUnknownFields()
	err = dec.Decode(&ev)
	f.Close()
	if err != nil {
		return false, fmt.Errorf("%s: %w; it is written by the theme's calendar/list.calendarevents.json", file, err)
	}
	stamp, err := time.Parse(time.RFC3339, ev.Stamp)
	if err != nil {
		return false, fmt.Errorf("%s: stamp %q: %w", file, ev.Stamp, err)
	}
	items := make([]Item, 0, len(ev.Events))
	for i, e := range ev.Events {
		it := Item{Kind: e.Kind, Slug: e.Slug, Title: e.Title, URL: e.URL, Confidence: e.Confidence, Status: e.Status}
		switch e.Kind {
		case KindObservance:
			start, err1 := time.Parse(time.DateOnly, e.Start)
			end, err2 := time.Parse(time.DateOnly, e.End)
			if err := errors.Join(err1, err2); err != nil {
				return false, fmt.Errorf("%s: event %d (%s): %w", file, i+1, e.Slug, err)
			}
			it.Start, it.End, it.AllDay = start, end, true
		case KindPost:
			at, err := time.Parse(time.RFC3339, e.Start)
			if err != nil {
				return false, fmt.Errorf("%s: event %d (%s): %w", file, i+1, e.Slug, err)
			}
			it.Start, it.End = at, at
			it.Messages = []social.Message{{Text: e.Text}}
		default:
			return false, fmt.Errorf("%s: event %d has kind %q; want observance or post", file, i+1, e.Kind)
		}
		items = append(items, it)
	}
	var b bytes.Buffer
	if err := WriteICS(&b, items, ICSOptions{Name: ev.Name, Domain: ev.Host, Stamp: stamp, Public: true}); err != nil {
		return false, fmt.Errorf("writing the calendar feed: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(SiteFeed)), b.Bytes(), 0o644); err != nil {
		return false, fmt.Errorf("writing the calendar feed: %w", err)
	}
	if err := os.Remove(file); err != nil {
		return false, fmt.Errorf("removing %s after writing the feed: %w", file, err)
	}
	return true, nil
}

// limitedReader fails, rather than cutting the input short, past n bytes.
type limitedReader struct {
	f *os.File
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("larger than %d MB", maxSiteEvents>>20)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.f.Read(p)
	l.n -= int64(n)
	return n, err
}
