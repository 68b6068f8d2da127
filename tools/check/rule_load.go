package check

import "context"

// The load rule reports what the loader found wrong with a file: empty, binary or
// badly encoded files, broken YAML, unknown or missing fields and wrong types. Each
// problem keeps its own rule ID.
func init() {
	Register(Rule{
		ID:          "load",
		Description: "files are readable Markdown with valid YAML front matter that fits the schema",
		Check: func(_ context.Context, r *Run) {
			for _, d := range r.docs() {
				for _, p := range d.Problems {
					r.ReportDoc(d, p.Pos, p.Severity, p.Rule, "%s", p.Message)
				}
			}
		},
	})
}
