package check

import (
	"context"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "positions",
		Description: "positions of authorities name the authority, say changed or differs, are dated and point at defined citations",
		Check:       checkPositions,
	})
}

// maxPositionText bounds a position's sentence: the page shows it in full, beside the
// verdict, so it must stay short enough to read at a glance.
const maxPositionText = 400

func checkPositions(_ context.Context, r *Run) {
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		keys := map[string]bool{}
		for _, c := range f.Citations {
			keys[c.Key] = true
		}
		for i, p := range f.Positions {
			at := func(field string) content.Pos { return f.At("positions", i, field) }
			if _, ok := content.PositionKinds[p.Kind]; !ok && p.Kind != "" {
				r.ReportDoc(f.Doc, at("kind"), content.Error, "position-kind",
					"position of %q: kind %q is unknown; use changed (the authority changed its position) or differs (it differs from other authorities)", p.Authority, p.Kind)
			}
			if !p.Date.IsZero() && p.Date.After(r.Today) {
				r.ReportDoc(f.Doc, at("date"), content.Error, "position-date",
					"position of %q: %s is in the future; give the date the position changed or was published", p.Authority, p.Date)
			}
			if n := len([]rune(strings.TrimSpace(p.Text))); n > maxPositionText {
				r.ReportDoc(f.Doc, at("text"), content.Warning, "position-text",
					"position of %q: the text is %d characters; keep it to a sentence or two (at most %d) and say the rest in the body", p.Authority, n, maxPositionText)
			}
			for j, k := range p.Citations {
				if !keys[k] {
					hint := "add it under citations or remove it here"
					if s := closest(k, keys); s != "" {
						hint = "did you mean \"" + s + "\"?"
					}
					r.ReportDoc(f.Doc, f.At("positions", i, "citations", j), content.Error, "position-citation",
						"position of %q names citation %q, which is not defined under citations; %s", p.Authority, k, hint)
				}
			}
		}
	}
}
