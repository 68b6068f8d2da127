package citation

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Archive asks the Internet Archive's Save Page Now for a copy of a page, GET
// {base}/save/{url}, and reads archived copies back, GET {base}/web/{timestamp}id_/{url}
// (the page as it was captured, without the Wayback Machine's banner).
// Docs: https://docs.google.com/document/d/1Nsv52MvSjbLb2PCpHlat0gkzw0EvtSgpKHu4mk0MnrA
type Archive struct {
	Base string
	// Enabled is false when the organisation turned archiving off.
	Enabled bool
	Fetcher *Fetcher
	Gate    *Gate
	Now     func() time.Time
}

// snapshotPath finds "/web/20261205093000/https://…" in a Location or Content-Location.
var snapshotPath = regexp.MustCompile(`/web/(\d{14})/(.+)$`)

// Save requests an archived copy of rawURL and returns its address. An empty address
// with a reason means none could be had (archiving off, rate limits, an outage).
func (a *Archive) Save(ctx context.Context, rawURL string) (string, string) {
	if a == nil || !a.Enabled {
		return "", "archiving is turned off (citations.archive.save in factdesk.yaml)"
	}
	base := strings.TrimRight(a.Base, "/")
	resp, err := a.Fetcher.Fetch(ctx, a.Gate, http.MethodGet, base+"/save/"+rawURL, nil)
	if err != nil {
		return "", "the Internet Archive could not be reached: " + describe(err)
	}
	for _, h := range []string{"Content-Location", "Location"} {
		if m := snapshotPath.FindStringSubmatch(resp.Header.Get(h)); m != nil {
			return base + "/web/" + m[1] + "/" + m[2], ""
		}
	}
	if resp.Status == http.StatusTooManyRequests {
		return "", "the Internet Archive asked to slow down (429); no copy was made this time"
	}
	return "", fmt.Sprintf("the Internet Archive answered %d without the address of a copy", resp.Status)
}

// Raw returns the address of an archived copy's original page, without the Wayback
// Machine's banner and rewritten links; ok is false when archived is not a Wayback
// address.
func Raw(archived string) (string, bool) {
	u, err := url.Parse(archived)
	if err != nil {
		return "", false
	}
	m := snapshotPath.FindStringSubmatch(u.Path)
	if m == nil {
		return "", false
	}
	prefix := strings.TrimSuffix(archived[:strings.Index(archived, "/web/")], "/")
	rest := archived[strings.Index(archived, "/web/")+len("/web/")+14:]
	return prefix + "/web/" + m[1] + "id_" + rest, true
}

// Fetch returns the main text of an archived copy.
func (a *Archive) Fetch(ctx context.Context, w *Web, archived string) ([]string, error) {
	raw, ok := Raw(archived)
	if !ok {
		return nil, fmt.Errorf("%s is not an address of the Wayback Machine", archived)
	}
	_, resp, err := w.Page(ctx, raw)
	if err != nil {
		return nil, err
	}
	if resp.Status != http.StatusOK {
		return nil, fmt.Errorf("the archived copy %s answered %d", archived, resp.Status)
	}
	return MainText(resp.Body), nil
}
