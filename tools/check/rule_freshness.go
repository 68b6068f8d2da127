package check

import (
	"context"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "review-due",
		Description: "fact-checks past their next_review date (a warning, never an error)",
		Check: func(_ context.Context, r *Run) {
			for _, f := range r.Repo.FactChecks {
				if !f.OK || f.Draft || f.Withdrawn != nil || f.NextReview.IsZero() {
					continue
				}
				if f.NextReview.Before(r.Today) {
					r.ReportDoc(f.Doc, f.At("next_review"), content.Warning, "review-due", "clinical review was due on %s; ask a reviewer to re-check the evidence, then update last_reviewed and next_review", f.NextReview)
				}
			}
		},
	})
}
