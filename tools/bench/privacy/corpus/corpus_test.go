package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/privacy"
)

// corpusDir holds the labelled corpus, beside the guard it labels.
var corpusDir = filepath.Join("..", "..", "..", "privacy", "testdata", "corpus")

// TestDevSet reports the guard's scores on the development set; set PRIVACY_DEV_VERBOSE
// to list each miss and false alarm while working on recognizers.
func TestDevSet(t *testing.T) {
	samples, err := LoadSamples(filepath.Join(corpusDir, "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(privacy.New(GuardOptions()), samples)
	t.Logf("development set, %d samples (%d clean):\n%s", r.Samples, r.Clean, r.Table())
	if os.Getenv("PRIVACY_DEV_VERBOSE") != "" {
		byID := map[string]Sample{}
		for _, s := range samples {
			byID[s.ID] = s
		}
		for _, m := range append(r.Misses, r.FalseAlarms...) {
			id := strings.Fields(m)[0]
			s := byID[id]
			t.Logf("%s\n    %s", m, s.Text)
			for _, f := range privacy.New(GuardOptions()).Scan(s.Text) {
				t.Logf("    found %s %.2f %q", f.Type, f.Score, s.Text[f.Start:f.End])
			}
		}
	}
}

// TestHeldOutTargets holds the guard to its targets on the held-out set, which is never
// used to develop the recognizers: recall on fixed-format identifiers, on names and on
// confirmations, and overall precision.
func TestHeldOutTargets(t *testing.T) {
	samples, err := LoadSamples(filepath.Join(corpusDir, "heldout.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(privacy.New(GuardOptions()), samples)
	for _, typ := range privacy.Types {
		if n := r.ByType[typ].TP + r.ByType[typ].FN; n < 30 {
			t.Errorf("the held-out set has %d %s identifiers; it needs at least 30", n, typ)
		}
	}
	if r.Clean < 30 {
		t.Errorf("the held-out set has %d clean texts; it needs at least 30", r.Clean)
	}
	for _, s := range r.Shortfalls() {
		t.Error(s)
	}
	if t.Failed() {
		t.Logf("held-out set:\n%s", r.Table())
	}
}
