package citation

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Handles asks the doi.org handle API whether a DOI exists, whatever agency registered
// it: GET {base}/{doi}?type=URL.
// API docs: https://www.doi.org/doi-handbook/HTML/rest-api-response-format.html
type Handles struct {
	Base    string
	Fetcher *Fetcher
	Gate    *Gate
}

type handleResponse struct {
	ResponseCode int    `json:"responseCode"`
	Handle       string `json:"handle"`
	Values       []struct {
		Type string `json:"type"`
		Data struct {
			Format string          `json:"format"`
			Value  json.RawMessage `json:"value"`
		} `json:"data"`
	} `json:"values"`
}

// Resolve looks doi up. responseCode 1 (found) and 200 (found, no URL) give OK, 100 or
// HTTP 404 give NotFound, anything else Unverified.
func (h *Handles) Resolve(ctx context.Context, doi string) Record {
	rec := Record{DOI: strings.ToLower(doi), Source: "doi.org"}
	u := strings.TrimRight(h.Base, "/") + "/" + escapeDOI(doi) + "?type=URL"
	resp, err := h.Fetcher.Fetch(ctx, h.Gate, http.MethodGet, u, http.Header{"Accept": {"application/json"}})
	if err != nil {
		rec.Status, rec.Reason = Unverified, "doi.org could not be reached: "+describe(err)
		return rec
	}
	var body handleResponse
	jsonErr := json.Unmarshal(resp.Body, &body)
	switch {
	case resp.Status == http.StatusNotFound || (jsonErr == nil && body.ResponseCode == 100):
		rec.Status, rec.Reason = NotFound, "doi.org has no such DOI"
		return rec
	case resp.Status != http.StatusOK:
		rec.Status, rec.Reason = Unverified, fmt.Sprintf("doi.org answered %d %s", resp.Status, http.StatusText(resp.Status))
		return rec
	case jsonErr != nil:
		rec.Status, rec.Reason = Unverified, "doi.org's answer could not be read (incomplete or malformed JSON)"
		return rec
	}
	switch body.ResponseCode {
	case 1, 200:
		rec.Status = OK
		for _, v := range body.Values {
			var s string
			if v.Type == "URL" && json.Unmarshal(v.Data.Value, &s) == nil {
				rec.URL = s
				break
			}
		}
	default:
		rec.Status, rec.Reason = Unverified, fmt.Sprintf("doi.org answered responseCode %d", body.ResponseCode)
	}
	return rec
}

func escapeDOI(doi string) string {
	parts := strings.Split(doi, "/")
	for i, p := range parts {
		parts[i] = pathEscape(p)
	}
	return strings.Join(parts, "/")
}
