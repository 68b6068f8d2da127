package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/content"
)

// InformationURI is where SARIF viewers send people who want to know about factdesk.
const InformationURI = "https://github.com/factdesk/factdesk"

// SARIFLevel maps a severity to a SARIF result level.
func SARIFLevel(s content.Severity) string {
	switch s {
	case content.Error:
		return sarif.LevelError
	case content.Warning:
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// BuildSARIF returns the findings as a SARIF 2.1.0 log with one run, one rule per rule
// ID (described from the check registry where it is known) and one result per finding,
// located by repository-relative path, line and column.
func BuildSARIF(fs []check.Finding) *sarif.Report {
	rep := sarif.NewReport()
	run := sarif.NewRunWithInformationURI("factdesk", InformationURI)
	descriptions := map[string]string{}
	for _, r := range check.Rules() {
		descriptions[r.ID] = r.Description
	}
	ids := map[string]bool{}
	for _, f := range fs {
		ids[f.Rule] = true
	}
	sorted := make([]string, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	for _, id := range sorted {
		rule := run.AddRule(id)
		if d := descriptions[id]; d != "" {
			rule.WithDescription(d)
		}
	}
	for _, f := range fs {
		region := sarif.NewRegion().WithStartLine(max(f.Line, 1)).WithStartColumn(max(f.Col, 1))
		loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewArtifactLocation().WithURI(f.Path).WithURIBaseID("%SRCROOT%")).
			WithRegion(region))
		run.CreateResultForRule(f.Rule).
			WithLevel(SARIFLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(f.Message)).
			WithLocations([]*sarif.Location{loc})
	}
	rep.AddRun(run)
	return rep
}

// SARIF writes the findings as a SARIF 2.1.0 log.
func SARIF(w io.Writer, fs []check.Finding) error {
	if err := BuildSARIF(fs).PrettyWrite(w); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}
