package citation

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// OpenAlex reads works from the OpenAlex API, GET {base}/works/doi:{doi} or
// {base}/works/pmid:{pmid}, with ?api_key= when a key is set.
// API docs: https://developers.openalex.org/api-reference/works
type OpenAlex struct {
	Base    string
	APIKey  string
	Contact string
	Fetcher *Fetcher
	Gate    *Gate
}

type openAlexWork struct {
	ID              string `json:"id"`
	DOI             string `json:"doi"`
	Title           string `json:"title"`
	DisplayName     string `json:"display_name"`
	PublicationYear int    `json:"publication_year"`
	Type            string `json:"type"`
	IDs             struct {
		PMID string `json:"pmid"`
	} `json:"ids"`
	PrimaryLocation *struct {
		Source *struct {
			DisplayName string `json:"display_name"`
		} `json:"source"`
	} `json:"primary_location"`
	Authorships []struct {
		RawAuthorName string `json:"raw_author_name"`
		Author        struct {
			DisplayName string `json:"display_name"`
		} `json:"author"`
	} `json:"authorships"`
	IsRetracted bool `json:"is_retracted"`
}

// WorkURL returns the address of the work named by an external ID, "doi:10.…" or
// "pmid:123".
func (o *OpenAlex) WorkURL(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	u := strings.TrimRight(o.Base, "/") + "/works/" + strings.Join(parts, "/")
	q := url.Values{}
	if o.APIKey != "" {
		q.Set("api_key", o.APIKey)
	}
	if o.Contact != "" {
		q.Set("mailto", o.Contact)
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// Work fetches the work with external ID id ("doi:…" or "pmid:…").
func (o *OpenAlex) Work(ctx context.Context, id string) Record {
	rec := Record{Source: "openalex"}
	resp, err := o.Fetcher.Fetch(ctx, o.Gate, http.MethodGet, o.WorkURL(id), http.Header{"Accept": {"application/json"}})
	if err != nil {
		// The key travels in the query string: never let the address reach a message.
		rec.Status, rec.Reason = Unverified, "OpenAlex could not be reached: "+describe(unwrapURLError(err))
		return rec
	}
	switch {
	case resp.Status == http.StatusNotFound:
		rec.Status, rec.Reason = NotFound, "OpenAlex holds no record of it"
		return rec
	case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
		rec.Status, rec.Reason = Unverified, fmt.Sprintf("OpenAlex refused the request (%d); check OPENALEX_API_KEY", resp.Status)
		return rec
	case resp.Status != http.StatusOK:
		rec.Status, rec.Reason = Unverified, fmt.Sprintf("OpenAlex answered %d %s", resp.Status, http.StatusText(resp.Status))
		return rec
	}
	var w openAlexWork
	if err := json.Unmarshal(resp.Body, &w); err != nil || w.ID == "" {
		rec.Status, rec.Reason = Unverified, "OpenAlex's answer could not be read (incomplete or malformed JSON)"
		return rec
	}
	return fromOpenAlex(w)
}

func fromOpenAlex(w openAlexWork) Record {
	rec := Record{Status: OK, Source: "openalex", Title: cleanTitle(firstNonEmpty(w.Title, w.DisplayName)), Type: w.Type,
		DOI:  strings.ToLower(strings.TrimPrefix(w.DOI, "https://doi.org/")),
		PMID: strings.TrimPrefix(w.IDs.PMID, "https://pubmed.ncbi.nlm.nih.gov/")}
	if w.PublicationYear > 0 {
		rec.Years = []int{w.PublicationYear}
	}
	if w.PrimaryLocation != nil && w.PrimaryLocation.Source != nil {
		rec.Journal = w.PrimaryLocation.Source.DisplayName
	}
	for _, a := range w.Authorships {
		name := firstNonEmpty(a.Author.DisplayName, a.RawAuthorName)
		if name == "" {
			continue
		}
		// OpenAlex writes "Given Family"; the family name is the last word.
		f := strings.Fields(name)
		family := f[len(f)-1]
		rec.Authors = append(rec.Authors, family)
		rec.Names = append(rec.Names, strings.TrimSpace(family+" "+Initials(strings.Join(f[:len(f)-1], " "))))
	}
	if w.IsRetracted {
		rec.Notices = []Notice{{Kind: "retraction", Sources: []string{"openalex"}}}
	}
	return rec
}
