package site

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// SearchDone is true on the search page once the query has finished: results or a message.
const SearchDone = `(() => { const s = document.getElementById("search-status"); return !!s && s.textContent !== "" && s.textContent !== s.dataset.searching; })()`

// SearchDownload is what one query on the search page downloaded, in bytes over the wire.
type SearchDownload struct {
	// Results is how many results the page shows.
	Results int
	// Script is the search script; Rules the index's word rules (rules.json); Terms and
	// Docs the term and document files of the index, TermFiles and DocFiles how many of each.
	Script, Rules, Terms, Docs int64
	TermFiles, DocFiles        int
	// Page is everything else: the page's HTML, CSS and other scripts.
	Page int64
	// Files lists the search script and the index files, in the order they were sent.
	Files []Transfer
}

// Total is what searching added to the page: the script and the index files.
func (d SearchDownload) Total() int64 { return d.Script + d.Rules + d.Terms + d.Docs }

// MeasureSearch runs query on the search page of the site srv serves (lang is "" or a
// language prefix such as "es/") in a fresh headless Chromium, so with an empty cache, and
// returns what it downloaded. srv must serve nothing else meanwhile.
func MeasureSearch(ctx context.Context, srv *Server, lang, query string) (SearchDownload, error) {
	var d SearchDownload
	bctx, closeBrowser, err := Browser(ctx)
	if err != nil {
		return d, err
	}
	defer closeBrowser()
	tctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()
	srv.Reset()
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+lang+"search/?q="+url.QueryEscape(query))); err != nil {
		return d, fmt.Errorf("opening the search page: %w", err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](SearchDone, chromedp.WithPollingTimeout(90*time.Second))); err != nil {
		return d, fmt.Errorf("waiting for the results of %q: %w", query, err)
	}
	if d.Results, err = chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-results li").length`)); err != nil {
		return d, err
	}
	for _, t := range srv.Transfers() {
		switch {
		case strings.HasPrefix(t.Path, "/search/") && strings.Contains(t.Path, "/t/"):
			d.Terms += t.Bytes
			d.TermFiles++
		case strings.HasPrefix(t.Path, "/search/") && strings.Contains(t.Path, "/d/"):
			d.Docs += t.Bytes
			d.DocFiles++
		case strings.HasPrefix(t.Path, "/search/") && strings.HasSuffix(t.Path, "/rules.json"):
			d.Rules += t.Bytes
		case strings.HasPrefix(t.Path, "/js/search"):
			d.Script += t.Bytes
		default:
			d.Page += t.Bytes
			continue
		}
		d.Files = append(d.Files, t)
	}
	return d, nil
}
