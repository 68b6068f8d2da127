package check

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "online-citations",
		Description: "DOIs and PubMed IDs exist, name the cited work and are not retracted; web links are live",
		Online:      true,
		Check:       checkOnlineCitations,
	})
}

// Citations returns the run's citation verifier, built on first use from factdesk.yaml
// and the run's environment and HTTP client, with its cache in the repository.
func (r *Run) Citations() *citation.Verifier {
	if r.citations != nil {
		return r.citations
	}
	var cfg config.Citations
	opts := citation.Options{Getenv: r.Getenv, HTTPClient: r.HTTPClient}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{}
	}
	if r.Config != nil {
		cfg = r.Config.Citations
		opts.Contact = r.Config.Organisation.Contact
		if repo := r.Config.Organisation.Repository; repo != "" {
			opts.Project = "https://github.com/" + repo
		}
	}
	opts.Config = cfg
	dir := r.settings().Citations.CacheDir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(r.Repo.Root, dir)
	}
	opts.CachePath = filepath.Join(dir, "citations.json")
	r.citations = citation.New(opts)
	return r.citations
}

func checkOnlineCitations(ctx context.Context, r *Run) {
	v := r.Citations()
	var tasks []citation.Task
	for _, f := range r.Published() {
		if !r.selected(f.Path) {
			continue
		}
		for i, c := range f.Citations {
			tasks = append(tasks, citationTasks(r, v, f, i, c)...)
		}
		for _, l := range f.Links {
			if !strings.HasPrefix(l.Target, "http://") && !strings.HasPrefix(l.Target, "https://") {
				continue
			}
			tasks = append(tasks, citation.Task{Lane: citation.LaneOf(l.Target), Run: func(ctx context.Context) {
				reportLink(r, f, func() content.Pos { return l.Pos }, "the link", v.Link(ctx, l.Target))
			}})
		}
	}
	var progress *citation.Progress
	if r.Progress != nil && len(tasks) > 0 {
		progress = citation.NewProgress(r.Progress, r.Terminal, len(tasks), "citations and links")
	}
	citation.RunAll(ctx, tasks, citation.DefaultWorkers, progress)
	if err := v.Save(); err != nil {
		r.warn(err)
	}
}

func citationTasks(r *Run, v *citation.Verifier, f *content.FactCheckDoc, i int, c content.Citation) []citation.Task {
	var tasks []citation.Task
	switch c.Kind {
	case "doi":
		if doiAny.MatchString(c.ID) {
			tasks = append(tasks, citation.Task{Lane: "crossref", Run: func(ctx context.Context) { reportRecord(ctx, r, v, f, i, c, v.DOI(ctx, c.ID)) }})
		}
	case "pmid":
		if pmidPattern.MatchString(c.ID) {
			tasks = append(tasks, citation.Task{Lane: "ncbi", Run: func(ctx context.Context) { reportRecord(ctx, r, v, f, i, c, v.PMID(ctx, c.ID)) }})
		}
	case "guideline", "web":
		if isHTTPURL(c.ID) {
			tasks = append(tasks, citation.Task{Lane: citation.LaneOf(c.ID), Run: func(ctx context.Context) {
				l := v.Link(ctx, c.ID)
				pos := func() content.Pos { return f.At("citations", i, "id") }
				switch {
				case l.Status == citation.Dead && c.Archived != "":
					// The page is gone but what the reviewer saw was archived: point at it.
					r.ReportDoc(f.Doc, pos(), content.Error, "link-dead",
						"citation %q: %s is dead: %s; the archived copy of what the reviewer saw is %s: find the page's new address, or link the archived copy and check the fact-check against it", c.Key, l.URL, l.Reason, c.Archived)
				default:
					reportLink(r, f, pos, fmt.Sprintf("citation %q", c.Key), l)
				}
				switch {
				case l.Status != citation.OK:
					// The link check has said why.
				case c.Fingerprint == "":
					// Nothing to compare with: say so without reading the page a second time.
					// The check only reports: a record says what a reviewer read, so it is
					// written by factdesk cite and committed through review, never by CI.
					r.ReportDoc(f.Doc, f.At("citations", i, "id"), content.Note, "cited-page-unrecorded",
						"citation %q: what the reviewer saw of %s is not recorded; run factdesk cite --record %s to write its retrieved, fingerprint and archived lines, and read the page before you commit them", c.Key, c.ID, f.Path)
				default:
					reportPage(ctx, r, v, f, i, c, v.Page(ctx, c.ID))
				}
			}})
		}
	}
	if c.URL != "" && c.URL != c.ID && isHTTPURL(c.URL) {
		tasks = append(tasks, citation.Task{Lane: citation.LaneOf(c.URL), Run: func(ctx context.Context) {
			reportLink(r, f, func() content.Pos { return f.At("citations", i, "url") }, fmt.Sprintf("citation %q (url)", c.Key), v.Link(ctx, c.URL))
		}})
	}
	return tasks
}

func idName(c content.Citation) string {
	if c.Kind == "pmid" {
		return "PubMed ID " + c.ID
	}
	return "DOI " + c.ID
}

// indexName names a registry in messages.
func indexName(source string) string {
	switch source {
	case "crossref":
		return "Crossref"
	case "pubmed":
		return "PubMed"
	case "openalex":
		return "OpenAlex"
	}
	return source
}

// differs says which fields a record disagrees with, and what it holds for them.
func differs(rec citation.Record, fields []string) string {
	var parts []string
	for _, fl := range fields {
		switch fl {
		case "title":
			parts = append(parts, fmt.Sprintf("title (%q)", citation.StripMarker(rec.Title)))
		case "authors":
			parts = append(parts, fmt.Sprintf("authors (%s)", strings.Join(citation.FirstNames(rec), ", ")))
		case "year":
			parts = append(parts, fmt.Sprintf("year (%d)", rec.Year()))
		case "journal":
			parts = append(parts, fmt.Sprintf("journal (%q)", rec.Journal))
		}
	}
	return indexName(rec.Source) + " differs on " + strings.Join(parts, ", ")
}

func reportRecord(ctx context.Context, r *Run, v *citation.Verifier, f *content.FactCheckDoc, i int, c content.Citation, rec citation.Record) {
	at := func(field string) content.Pos { return f.At("citations", i, field) }
	name := idName(c)
	if rec.Status == citation.Unverified {
		r.ReportDoc(f.Doc, at("id"), content.Warning, "citation-unverified",
			"citation %q: %s could not be checked: %s; it is checked again on the next run", c.Key, name, rec.Reason)
		return
	}
	if rec.Status == citation.OK && rec.Source == "doi.org" {
		r.ReportDoc(f.Doc, at("id"), content.Note, "citation-other-agency",
			"citation %q: %s is registered outside Crossref, so its title, authors, year and retractions could not be compared; check them by hand", c.Key, name)
		return
	}
	var mism []string
	if rec.Status == citation.OK {
		mism = citation.Mismatches(c.Title, c.Authors, c.Year, c.Publisher, rec)
	}
	if rec.Status == citation.NotFound || len(mism) > 0 {
		// The first index missed the work or disagrees: a second, independent one decides.
		id := "doi:" + c.ID
		if c.Kind == "pmid" {
			id = "pmid:" + c.ID
		}
		second := v.OpenAlexWork(ctx, id)
		keyNote := ""
		if v.OpenAlexKeyMissing {
			keyNote = " (OpenAlex was asked without an API key; set OPENALEX_API_KEY for its larger daily allowance)"
		}
		var mism2 []string
		if second.Status == citation.OK {
			mism2 = citation.Mismatches(c.Title, c.Authors, c.Year, c.Publisher, second)
		}
		first := indexName(rec.Source)
		switch {
		case second.Status == citation.OK && len(mism2) == 0:
			what := first + " has no record of it"
			if rec.Status == citation.OK {
				what = differs(rec, mism)
			}
			r.ReportDoc(f.Doc, at("id"), content.Note, "citation-indexes-disagree",
				"citation %q: %s, but OpenAlex holds a record matching the citation%s", c.Key, what, keyNote)
			rec = second
		case second.Status == citation.Unverified && rec.Status == citation.OK:
			// Only the first index could be asked: report its disagreements as they are.
			reportMismatches(r, f, i, c, rec, mism, "OpenAlex could not be asked ("+second.Reason+")"+keyNote)
		case rec.Status == citation.NotFound && second.Status != citation.OK:
			where := "Crossref and doi.org both say it does not exist"
			if c.Kind == "pmid" {
				where = "PubMed has no record with this ID"
			}
			if second.Status == citation.NotFound {
				where += ", nor does OpenAlex hold one"
			} else {
				where += "; OpenAlex could not be asked (" + second.Reason + ")"
			}
			r.ReportDoc(f.Doc, at("id"), content.Error, "citation-not-found",
				"citation %q: %s is not registered (%s%s); check it was copied exactly, or use factdesk cite to fill the entry in", c.Key, name, where, keyNote)
			return
		default:
			// No index holds a record matching the citation: name every failed field.
			failed := mergeFields(mism, mism2)
			var said []string
			if rec.Status == citation.OK {
				said = append(said, differs(rec, mism))
			} else {
				said = append(said, first+" has no record of it")
			}
			if second.Status == citation.OK {
				said = append(said, differs(second, mism2))
			} else {
				said = append(said, "OpenAlex has no record of it")
			}
			pos := at(failed[0])
			if failed[0] == "journal" {
				pos = at("publisher")
			}
			r.ReportDoc(f.Doc, pos, content.Error, "citation-no-match",
				"citation %q: no index holds a record of %s matching its %s: %s; fix these fields from the registered record, or the identifier if it names another work (this is what an invented or misattributed reference looks like)%s",
				c.Key, name, joinWords(failed), strings.Join(said, "; "), keyNote)
			if rec.Status != citation.OK {
				return
			}
		}
	}
	if len(c.Authors) == 0 && rec.Status == citation.OK && len(rec.Authors) > 0 {
		list := citation.FirstNames(rec)
		r.ReportDoc(f.Doc, at("key"), content.Warning, "citation-authors-missing",
			"citation %q: authors are not listed; add authors: [%s] (the first authors %s lists, which factdesk cite fills in) so the check can confirm the work", c.Key, quoteList(list), indexName(rec.Source))
	}
	if c.Role == "subject" {
		return
	}
	for _, n := range rec.Notices {
		rule := "citation-corrected"
		advice := "read the correction and check the fact-check still stands"
		switch n.Severity() {
		case content.Error:
			rule = "citation-retracted"
			advice = "a retracted paper may be cited only as the subject of the myth (role: subject); cite other evidence"
		case content.Warning:
			rule = "citation-concern"
			advice = "check whether the concern affects what the fact-check relies on, and prefer other evidence"
		}
		r.ReportDoc(f.Doc, at("id"), n.Severity(), rule, "citation %q: %s has %s%s; %s", c.Key, name, n.Label(), noticeDetail(n), advice)
	}
}

// reportMismatches reports one index's disagreements field by field, when no second
// index could be asked.
func reportMismatches(r *Run, f *content.FactCheckDoc, i int, c content.Citation, rec citation.Record, mism []string, why string) {
	at := func(field string) content.Pos { return f.At("citations", i, field) }
	name := idName(c)
	for _, fl := range mism {
		switch fl {
		case "title":
			r.ReportDoc(f.Doc, at("title"), content.Error, "citation-title-mismatch",
				"citation %q: the title does not match the one registered for %s, %q; fix the title, or the identifier if it points at another work (%s)", c.Key, name, citation.StripMarker(rec.Title), why)
		case "authors":
			r.ReportDoc(f.Doc, at("authors"), content.Error, "citation-authors-mismatch",
				"citation %q: the authors do not match those registered for %s, %s; copy them from the record (%s)", c.Key, name, strings.Join(citation.FirstNames(rec), ", "), why)
		case "year":
			r.ReportDoc(f.Doc, at("year"), content.Warning, "citation-year-mismatch",
				"citation %q: year %d does not match the %d registered for %s (%s)", c.Key, c.Year, rec.Year(), name, why)
		case "journal":
			r.ReportDoc(f.Doc, at("publisher"), content.Warning, "citation-journal-mismatch",
				"citation %q: publisher %q does not match the journal registered for %s, %q (%s)", c.Key, c.Publisher, name, rec.Journal, why)
		}
	}
}

func mergeFields(a, b []string) []string {
	order := []string{"title", "authors", "year", "journal"}
	var out []string
	for _, fl := range order {
		if slices.Contains(a, fl) || slices.Contains(b, fl) {
			out = append(out, fl)
		}
	}
	if len(out) == 0 {
		out = []string{"title"}
	}
	return out
}

func joinWords(list []string) string {
	if len(list) <= 1 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// reportPage compares a cited page's main text with the fingerprint recorded when it
// was cited (c.Fingerprint is not empty).
func reportPage(ctx context.Context, r *Run, v *citation.Verifier, f *content.FactCheckDoc, i int, c content.Citation, p citation.PageText) {
	if p.Status != citation.OK {
		return // the link check has said why
	}
	if p.Fingerprint != c.Fingerprint {
		since := ""
		if !c.Retrieved.IsZero() {
			since = " since it was retrieved on " + c.Retrieved.String()
		}
		// The archived copy is what the reviewer saw: the change is told against it.
		var detail []string
		how := "the archived copy could not be read, so compare the page with what the fact-check says"
		if c.Archived == "" {
			how = "no archived copy was recorded, so compare the page with what the fact-check says"
		} else if before, err := v.Archive.Fetch(ctx, v.Web, c.Archived); err == nil {
			detail = citation.ChangeInWords(before, p.Text)
			how = "the changes from the archived copy " + c.Archived + " are listed below"
			if len(detail) == 0 {
				how = "the archived copy " + c.Archived + " reads the same, so the page changed before it was archived; compare it with what the fact-check says"
			}
		}
		r.ReportDetail(f.Doc, f.At("citations", i, "fingerprint"), content.Warning, "cited-page-changed", detail,
			"citation %q: the main text of %s has changed%s; %s. Read it again, check the fact-check still says what the page says, then record it anew with factdesk cite", c.Key, c.ID, since, how)
	}
}

func noticeDetail(n citation.Notice) string {
	var parts []string
	switch {
	case n.DOI != "":
		parts = append(parts, "notice "+n.DOI)
	case n.PMID != "":
		parts = append(parts, "notice PMID "+n.PMID)
	}
	if n.Date != "" {
		parts = append(parts, n.Date)
	}
	var from []string
	for _, s := range n.Sources {
		switch s {
		case "publisher":
			from = append(from, "the publisher")
		case "retraction-watch":
			from = append(from, "Retraction Watch")
		case "pubmed":
			from = append(from, "PubMed")
		case "title":
			from = append(from, "the registered title")
		}
	}
	if len(from) > 0 {
		parts = append(parts, "reported by "+strings.Join(from, " and "))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// reportLink reports what checking a link found; pos is only worked out when there is
// something to report.
func reportLink(r *Run, f *content.FactCheckDoc, pos func() content.Pos, what string, l citation.Link) {
	switch l.Status {
	case citation.Dead:
		r.ReportDoc(f.Doc, pos(), content.Error, "link-dead",
			"%s: %s is dead: %s; find the page's new address or link an archived copy", what, l.URL, l.Reason)
	case citation.Unverified:
		r.ReportDoc(f.Doc, pos(), content.Note, "link-unverified",
			"%s: %s could not be verified, which does not mean it is broken: %s", what, l.URL, l.Reason)
	case citation.OK:
		if l.Permanent && l.Final != "" {
			r.ReportDoc(f.Doc, pos(), content.Note, "link-moved",
				"%s: %s has moved permanently to %s; cite the new address", what, l.URL, l.Final)
		}
	}
}
