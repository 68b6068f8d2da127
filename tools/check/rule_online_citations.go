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
	dir := cfg.WithDefaults().CacheDir
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
			tasks = append(tasks, citation.Task{Lane: "crossref", Run: func(ctx context.Context) { reportRecord(r, f, i, c, v.DOI(ctx, c.ID)) }})
		}
	case "pmid":
		if pmidPattern.MatchString(c.ID) {
			tasks = append(tasks, citation.Task{Lane: "ncbi", Run: func(ctx context.Context) { reportRecord(r, f, i, c, v.PMID(ctx, c.ID)) }})
		}
	case "guideline", "web":
		if isHTTPURL(c.ID) {
			tasks = append(tasks, citation.Task{Lane: citation.LaneOf(c.ID), Run: func(ctx context.Context) {
				reportLink(r, f, func() content.Pos { return f.At("citations", i, "id") }, fmt.Sprintf("citation %q", c.Key), v.Link(ctx, c.ID))
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

func reportRecord(r *Run, f *content.FactCheckDoc, i int, c content.Citation, rec citation.Record) {
	at := func(field string) content.Pos { return f.At("citations", i, field) }
	name := idName(c)
	switch rec.Status {
	case citation.NotFound:
		where := "Crossref and doi.org both say it does not exist"
		if c.Kind == "pmid" {
			where = "PubMed has no record with this ID"
		}
		r.ReportDoc(f.Doc, at("id"), content.Error, "citation-not-found",
			"citation %q: %s is not registered (%s); check it was copied exactly, or use factdesk cite to fill the entry in", c.Key, name, where)
		return
	case citation.Unverified:
		r.ReportDoc(f.Doc, at("id"), content.Warning, "citation-unverified",
			"citation %q: %s could not be checked: %s; it is checked again on the next run", c.Key, name, rec.Reason)
		return
	}
	if rec.Source == "doi.org" {
		r.ReportDoc(f.Doc, at("id"), content.Note, "citation-other-agency",
			"citation %q: %s is registered outside Crossref, so its title, year and retractions could not be compared; check them by hand", c.Key, name)
		return
	}
	subject := c.Role == "subject"
	if rec.Title != "" && c.Title != "" && !citation.TitlesMatch(c.Title, rec.Title) {
		r.ReportDoc(f.Doc, at("title"), content.Error, "citation-title-mismatch",
			"citation %q: the title does not match the one registered for %s, %q; fix the title, or the identifier if it points at another work", c.Key, name, citation.StripMarker(rec.Title))
	}
	if c.Year != 0 && len(rec.Years) > 0 && !slices.Contains(rec.Years, c.Year) {
		r.ReportDoc(f.Doc, at("year"), content.Warning, "citation-year-mismatch",
			"citation %q: year %d does not match the %d registered for %s", c.Key, c.Year, rec.Year(), name)
	}
	names := append([]string{rec.Journal}, rec.Journals...)
	names = append(names, rec.Publisher)
	if c.Publisher != "" && rec.Journal != "" && !citation.JournalsMatch(c.Publisher, names...) {
		r.ReportDoc(f.Doc, at("publisher"), content.Warning, "citation-journal-mismatch",
			"citation %q: publisher %q does not match the journal registered for %s, %q", c.Key, c.Publisher, name, rec.Journal)
	}
	if subject {
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
