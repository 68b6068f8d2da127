package check

import (
	"context"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "citation-freshness",
		Description: "cited guidelines older than citations.guideline_max_age_years, and citations marked superseded (warnings, never errors)",
		Check:       checkCitationFreshness,
	})
}

func checkCitationFreshness(_ context.Context, r *Run) {
	maxAge := r.settings().Citations.GuidelineMaxAgeYears
	for _, f := range r.Published() {
		if f.Withdrawn != nil {
			continue
		}
		for i, c := range f.Citations {
			if c.Superseded && c.Role != "subject" {
				r.ReportDoc(f.Doc, f.At("citations", i, "superseded"), content.Warning, "citation-superseded",
					"citation %q is marked superseded; cite the version that replaces it (factdesk cite can fill it in) and remove this one", c.Key)
			}
			guideline := c.Kind == "guideline" || c.StudyType == "guideline"
			if guideline && c.Year > 0 && r.Today.Year()-c.Year > maxAge && !c.Superseded {
				r.ReportDoc(f.Doc, f.At("citations", i, "year"), content.Warning, "guideline-age",
					"citation %q is a guideline from %d, more than %d years ago; check whether the body has published a newer version and cite that", c.Key, c.Year, maxAge)
			}
		}
	}
}
