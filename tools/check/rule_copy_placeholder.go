package check

import (
	"context"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/plan"
)

func init() {
	Register(Rule{
		ID:          "copy-placeholder",
		Description: "a post scaffolded by factdesk plan has its copy written before it leaves draft",
		Check:       checkCopyPlaceholder,
	})
}

func checkCopyPlaceholder(_ context.Context, r *Run) {
	for _, p := range r.Repo.Posts {
		if !p.OK || p.Draft {
			continue
		}
		for key, text := range p.Copy {
			if plan.IsPlaceholder(text) {
				r.ReportDoc(p.Doc, p.KeyAt("copy", key), content.Error, "copy-placeholder",
					"copy.%s is still the text factdesk plan put there; write the post, or keep draft: true until it is written", key)
			}
		}
	}
}
