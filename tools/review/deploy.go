package review

import (
	"fmt"
	"strings"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
)

// SamplePage is a published fact-check whose every reviewer is a sample reviewer
// (example: true in the registry), so its reviewer line is not true of real people.
type SamplePage struct {
	Path      string
	Line      int
	Reviewers []string
}

// DeployCheck finds the published fact-checks whose only reviewers are sample ones.
// A site may carry them only when factdesk.yaml marks it as a demonstration
// (organisation.demonstration: true); allowed reports that.
func DeployCheck(repo *content.Repo, cfg *config.Config) (pages []SamplePage, allowed bool) {
	for _, f := range repo.FactChecks {
		if !f.OK || f.Draft || len(f.Reviewers) == 0 {
			continue
		}
		sample := true
		for _, h := range f.Reviewers {
			rv, ok := repo.Reviewer(h)
			if !ok || !rv.Example {
				sample = false
				break
			}
		}
		if sample {
			pages = append(pages, SamplePage{Path: f.Path, Line: f.At("reviewers").Line, Reviewers: f.Reviewers})
		}
	}
	return pages, cfg != nil && cfg.Organisation.Demonstration
}

// DescribeSample explains a refused deploy, one line per page, and the way out.
func DescribeSample(pages []SamplePage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "refusing to deploy: %s would show sample reviewers as if they had reviewed them:\n", noun.Count(len(pages), "published fact-check"))
	for _, p := range pages {
		fmt.Fprintf(&b, "  %s:%d: reviewers %s are all marked example: true in %s\n", p.Path, p.Line, strings.Join(p.Reviewers, ", "), content.ReviewersFile)
	}
	b.WriteString("Add your real clinicians to the registry and have them review these pages, mark the pages draft: true,\n" +
		"or, for a demonstration site, set organisation.demonstration: true in factdesk.yaml (the site then says it is a demonstration).")
	return b.String()
}
