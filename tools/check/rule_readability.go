package check

import (
	"context"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/readability"
)

// DefaultMaxGrade is the reading grade health-literacy guidance asks patient material
// not to exceed, used when factdesk.yaml sets no check.max_grade.
const DefaultMaxGrade = 8

func init() {
	Register(Rule{
		ID:          "readability",
		Description: "bottom lines and summaries read at or below check.max_grade (Flesch–Kincaid; Fernández Huerta for Spanish)",
		Check:       checkReadability,
	})
}

func checkReadability(_ context.Context, r *Run) {
	limit := float64(DefaultMaxGrade)
	if r.Config != nil && r.Config.Check.MaxGrade > 0 {
		limit = r.Config.Check.MaxGrade
	}
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		for _, field := range []struct{ key, text string }{{"bottom_line", f.BottomLine}, {"summary", f.Summary}} {
			if strings.TrimSpace(field.text) == "" {
				continue
			}
			s := readability.Measure(field.text, f.Lang)
			if s.Grade > limit {
				r.ReportDoc(f.Doc, f.At(field.key), content.Warning, "reading-grade",
					"%s reads at grade %.1f (%s), above the limit of %g set by check.max_grade; use shorter sentences and everyday words",
					field.key, s.Grade, s.Formula, limit)
			}
		}
	}
}
