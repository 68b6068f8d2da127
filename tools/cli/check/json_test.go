package check

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/content"
)

// TestWriteJSONIsEncodingJSON holds the streaming writer of --format json to what
// encoding/json writes for the same report, byte for byte: readers of the report see
// the same document however many findings it holds.
func TestWriteJSONIsEncodingJSON(t *testing.T) {
	now := time.Date(2027, 1, 15, 9, 30, 0, 0, time.FixedZone("EST", -5*3600))
	f := func(path string, line, col int, sev content.Severity, rule, msg string, detail ...string) check.Finding {
		return check.Finding{Path: path, Line: line, Col: col, Severity: sev, Level: sev.String(), Rule: rule, Message: msg, Detail: detail}
	}
	tests := []struct {
		name string
		fs   []check.Finding
	}{
		{"none", nil},
		{"empty", []check.Finding{}},
		{"one", []check.Finding{f("-", 1, 4, content.Error, "phi-name", "possible patient information: a person's name")}},
		{"escapes and detail", []check.Finding{
			f("factchecks/a<b>&c.md", 12, 1, content.Warning, "citation-changed", "the page \"changed\"\tsince <2024> & more — ñ", "- old line", "+ new \\ line \u2028"),
			f("campaigns/x.yaml", 3, 9, content.Note, "copy-length", "long"),
			f("campaigns/x.yaml", 3, 9, content.Note, "copy-length", "long", "only"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := writeJSONAt(&got, tt.fs, now); err != nil {
				t.Fatal(err)
			}
			fs := tt.fs
			if fs == nil {
				fs = []check.Finding{}
			}
			e, w, n := check.Count(fs)
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(JSONReport{Findings: fs, Errors: e, Warnings: w, Notes: n, Time: now.UTC().Format(time.RFC3339)}); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("writer wrote\n%s\nencoding/json writes\n%s", got.String(), want.String())
			}
		})
	}
}
