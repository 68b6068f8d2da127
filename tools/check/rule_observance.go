package check

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/observance"
)

func init() {
	Register(Rule{
		ID:          "observance",
		Description: "observance slugs exist in data/observances.yaml, whose rules are readable; posts go out during their observance (or its lead time) and not before their fact-check is published",
		Check:       checkObservances,
	})
}

var observanceMu sync.Mutex

// observances loads data/observances.yaml once per run.
func observances(r *Run) *observance.Set {
	observanceMu.Lock()
	defer observanceMu.Unlock()
	if r.observances != nil {
		return r.observances
	}
	s, err := observance.Load(r.Repo.Root)
	if err != nil {
		r.Report(observance.DataFile, content.Pos{Line: 1, Col: 1}, content.Error, "observance-data", "%v", err)
		s = observance.Parse(nil)
	}
	r.observances = s
	return s
}

func calendarConfig(r *Run) config.Calendar {
	return r.settings().Calendar
}

func checkObservances(_ context.Context, r *Run) {
	set := observances(r)
	for _, p := range set.Doc.Problems {
		r.Report(observance.DataFile, p.Pos, p.Severity, "observance-data", "%s", p.Message)
	}
	// Sponsors move dates: an entry not checked for more than a year is a warning (never an
	// error, since it depends on today's date).
	for _, o := range set.List {
		if !o.Verified.IsZero() && r.Today.Sub(o.Verified.Time) > 366*24*time.Hour {
			r.Report(observance.DataFile, set.Doc.At(o.Slug, "verified"), content.Warning, "observance-verified",
				"%s was last checked against its source on %s; check the rule with the sponsor again and update verified:", o.Name, o.Verified)
		}
	}
	known := "see data/observances.yaml or run: factdesk observances"
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		for i, slug := range f.Observances {
			if set.Get(slug) == nil {
				r.ReportDoc(f.Doc, f.At("observances", i), content.Error, "observance-unknown", "observance %q is not in data/observances.yaml; %s", slug, known)
			}
		}
	}
	lead := *calendarConfig(r).LeadDays
	for _, p := range r.Repo.Posts {
		if !p.OK || p.Observance == "" {
			continue
		}
		o := set.Get(p.Observance)
		if o == nil {
			r.ReportDoc(p.Doc, p.At("observance"), content.Error, "observance-unknown", "observance %q is not in data/observances.yaml; %s", p.Observance, known)
			continue
		}
		at, err := p.Time()
		if err != nil {
			continue // reported by the posts rule
		}
		if p.FactCheck != "" {
			if fc := r.Repo.FactCheck(p.FactCheck); fc != nil && fc.OK && !fc.Published.IsZero() {
				y, m, d := at.Date() // the post's date in its own zone
				if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(fc.Published.Time) {
					r.ReportDoc(p.Doc, p.At("publish_at"), content.Error, "post-before-factcheck",
						"the post goes out on %s but its fact-check %q is published on %s; schedule the post on or after that date", at.Format("2006-01-02"), p.FactCheck, fc.Published)
				}
			}
		}
		rng, ok := o.Resolve(at.Year())
		if !ok {
			r.ReportDoc(p.Doc, p.At("observance"), content.Warning, "observance-dates",
				"%s's dates for %d are set by its sponsor and not entered yet; add them under years: in data/observances.yaml when announced", o.Name, at.Year())
			continue
		}
		window := observance.Range{Start: rng.Start.AddDate(0, 0, -lead), End: rng.End}
		if !window.Contains(at) {
			r.ReportDoc(p.Doc, p.At("publish_at"), content.Error, "post-outside-observance",
				"the post goes out on %s, outside %s (%s, posts allowed from %d days before); move publish_at or change the observance",
				at.Format("2006-01-02"), o.Name, strings.ReplaceAll(rng.String(), "..", " to "), lead)
		}
	}
}
