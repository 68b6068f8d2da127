package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/report"
)

var findings = []check.Finding{
	{Path: "factchecks/a,b.md", Line: 12, Col: 9, Severity: content.Error, Level: "error", Rule: "link-dead", Message: "50% of: this\nline"},
	{Path: "factchecks/b.md", Line: 3, Col: 1, Severity: content.Warning, Level: "warning", Rule: "citation-concern", Message: "concern"},
	{Path: "campaigns/2027/c.md", Line: 0, Col: 0, Severity: content.Note, Level: "note", Rule: "link-moved", Message: "moved"},
}

func TestGitHubAnnotations(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := report.GitHub(&buf, findings); err != nil {
		t.Fatal(err)
	}
	want := "::error file=factchecks/a%2Cb.md,line=12,col=9,title=link-dead::50%25 of: this%0Aline\n" +
		"::warning file=factchecks/b.md,line=3,col=1,title=citation-concern::concern\n" +
		"::notice file=campaigns/2027/c.md,line=1,col=1,title=link-moved::moved\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestSARIFIsValid(t *testing.T) {
	t.Parallel()
	for _, fs := range [][]check.Finding{findings, nil} {
		var buf bytes.Buffer
		if err := report.SARIF(&buf, fs); err != nil {
			t.Fatal(err)
		}
		// Read it back through the library's parser and validate it against the
		// SARIF 2.1.0 schema the library embeds.
		rep, err := sarif.FromBytes(buf.Bytes())
		if err != nil {
			t.Fatalf("reading our SARIF back: %v", err)
		}
		if err := rep.Validate(); err != nil {
			t.Errorf("SARIF does not validate: %v\n%s", err, buf.String())
		}
		if len(rep.Runs) != 1 || len(rep.Runs[0].Results) != len(fs) {
			t.Fatalf("runs %d, results %d, want 1 run with %d results", len(rep.Runs), len(rep.Runs[0].Results), len(fs))
		}
		for i, r := range rep.Runs[0].Results {
			if *r.RuleID != fs[i].Rule || r.Level != report.SARIFLevel(fs[i].Severity) || !strings.Contains(*r.Message.Text, fs[i].Message[:3]) {
				t.Errorf("result %d: %s %s", i, *r.RuleID, r.Level)
			}
			if line := *r.Locations[0].PhysicalLocation.Region.StartLine; line < 1 {
				t.Errorf("result %d: start line %d, SARIF lines start at 1", i, line)
			}
		}
	}
}
