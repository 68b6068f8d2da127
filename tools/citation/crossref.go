package citation

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Crossref reads works from the Crossref REST API, GET {base}/works/{doi}.
// API docs: https://github.com/CrossRef/rest-api-doc
type Crossref struct {
	Base    string
	Contact string
	Fetcher *Fetcher
	Gate    *Gate
}

type crossrefDate struct {
	DateParts [][]*int `json:"date-parts"`
	DateTime  string   `json:"date-time"`
}

func (d *crossrefDate) year() int {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 || d.DateParts[0][0] == nil {
		return 0
	}
	return *d.DateParts[0][0]
}

func (d *crossrefDate) date() string {
	if d == nil {
		return ""
	}
	if len(d.DateTime) >= 10 {
		return d.DateTime[:10]
	}
	if len(d.DateParts) == 0 {
		return ""
	}
	p := d.DateParts[0]
	if len(p) == 3 && p[0] != nil && p[1] != nil && p[2] != nil {
		return fmt.Sprintf("%04d-%02d-%02d", *p[0], *p[1], *p[2])
	}
	return ""
}

type crossrefUpdate struct {
	DOI     string        `json:"DOI"`
	Type    string        `json:"type"`
	Label   string        `json:"label"`
	Source  string        `json:"source"`
	Updated *crossrefDate `json:"updated"`
}

type crossrefWork struct {
	DOI                 string        `json:"DOI"`
	Title               []string      `json:"title"`
	ContainerTitle      []string      `json:"container-title"`
	ShortContainerTitle []string      `json:"short-container-title"`
	Publisher           string        `json:"publisher"`
	Type                string        `json:"type"`
	Issued              *crossrefDate `json:"issued"`
	Published           *crossrefDate `json:"published"`
	PublishedPrint      *crossrefDate `json:"published-print"`
	PublishedOnline     *crossrefDate `json:"published-online"`
	Author              []struct {
		Family string `json:"family"`
		Given  string `json:"given"`
		Name   string `json:"name"`
	} `json:"author"`
	UpdatedBy []crossrefUpdate `json:"updated-by"`
	UpdateTo  []crossrefUpdate `json:"update-to"`
}

type crossrefEnvelope struct {
	Status      string        `json:"status"`
	MessageType string        `json:"message-type"`
	Message     *crossrefWork `json:"message"`
}

// WorkURL returns the address of a work's record.
func (c *Crossref) WorkURL(doi string) string {
	parts := strings.Split(doi, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	u := strings.TrimRight(c.Base, "/") + "/works/" + strings.Join(parts, "/")
	if c.Contact != "" {
		u += "?mailto=" + url.QueryEscape(c.Contact)
	}
	return u
}

// Work fetches doi. A DOI Crossref does not hold gives a Record with status NotFound; a
// failure to get a readable answer gives Unverified with the reason.
func (c *Crossref) Work(ctx context.Context, doi string) Record {
	rec := Record{DOI: doi, Source: "crossref"}
	var lastReason string
	// A truncated or malformed answer is asked for again once.
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.Fetcher.Fetch(ctx, c.Gate, http.MethodGet, c.WorkURL(doi), http.Header{"Accept": {"application/json"}})
		if err != nil {
			rec.Status, rec.Reason = Unverified, "Crossref could not be reached: "+describe(err)
			return rec
		}
		switch {
		case resp.Status == http.StatusNotFound:
			rec.Status, rec.Reason = NotFound, "Crossref holds no record of this DOI"
			return rec
		case resp.Status == http.StatusTooManyRequests:
			rec.Status, rec.Reason = Unverified, "Crossref kept answering 429 Too Many Requests"
			return rec
		case resp.Status != http.StatusOK:
			rec.Status, rec.Reason = Unverified, fmt.Sprintf("Crossref answered %d %s", resp.Status, http.StatusText(resp.Status))
			return rec
		}
		var env crossrefEnvelope
		if err := json.Unmarshal(resp.Body, &env); err != nil || env.Message == nil {
			lastReason = "Crossref's answer could not be read (incomplete or malformed JSON)"
			continue
		}
		return fromCrossref(doi, env.Message)
	}
	rec.Status, rec.Reason = Unverified, lastReason
	return rec
}

func fromCrossref(doi string, w *crossrefWork) Record {
	rec := Record{Status: OK, Source: "crossref", DOI: strings.ToLower(firstNonEmpty(w.DOI, doi)), Type: w.Type, Publisher: w.Publisher}
	if len(w.Title) > 0 {
		rec.Title = cleanTitle(w.Title[0])
	}
	if len(w.ContainerTitle) > 0 {
		rec.Journal = strings.TrimSpace(w.ContainerTitle[0])
		rec.Journals = append(rec.Journals, w.ContainerTitle[1:]...)
	}
	rec.Journals = append(rec.Journals, w.ShortContainerTitle...)
	years := map[int]bool{}
	for _, d := range []*crossrefDate{w.Issued, w.Published, w.PublishedPrint, w.PublishedOnline} {
		if y := d.year(); y > 0 {
			years[y] = true
		}
	}
	for y := range years {
		rec.Years = append(rec.Years, y)
	}
	sort.Ints(rec.Years)
	for _, a := range w.Author {
		if n := firstNonEmpty(a.Family, a.Name); n != "" {
			rec.Authors = append(rec.Authors, n)
			if a.Family != "" {
				n = strings.TrimSpace(n + " " + Initials(a.Given))
			}
			rec.Names = append(rec.Names, n)
		}
	}
	// updated-by lists the notices about this work. update-to marks this record as a
	// notice itself (citing a retraction notice is fine); it is not read as one.
	var ns []Notice
	for _, u := range w.UpdatedBy {
		n := Notice{Kind: u.Type, DOI: u.DOI, Date: u.Updated.date()}
		if u.Source != "" {
			n.Sources = []string{u.Source}
		}
		ns = append(ns, n)
	}
	if len(w.UpdatedBy) == 0 && len(w.Title) > 0 {
		if kind := titleMarker(w.Title[0]); kind != "" {
			ns = append(ns, Notice{Kind: kind, Sources: []string{"title"}})
		}
	}
	if len(w.UpdateTo) > 0 && len(w.UpdatedBy) == 0 {
		rec.Type = "notice"
	}
	rec.Notices = dedupeNotices(ns, rec.DOI)
	return rec
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}
