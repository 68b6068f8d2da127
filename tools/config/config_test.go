package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, yaml string) *Config {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, File), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const head = "organisation: {name: Riverside Health, site: https://factdesk.example.org/}\ntimezone: America/New_York\naccounts: {outbox: {platform: outbox}}\neditors: [ana]\n"

// TestLoadFillsDefaultsOnce holds Load to giving every setting its value, set or
// default, and typed: the commands read them as they are.
func TestLoadFillsDefaultsOnce(t *testing.T) {
	c := load(t, head+"publish:\n  turn_wait: 0s\n  grace: 3h\n  retries: 0\n")
	p := c.Publish
	if p.Grace != 3*time.Hour || p.TurnWait != 0 || p.TurnLease != 5*time.Minute || p.ExpiryWarning != 336*time.Hour {
		t.Errorf("durations: grace %v, turn_wait %v, turn_lease %v, expiry_warning %v; want 3h, 0s (as set), 5m, 336h", p.Grace, p.TurnWait, p.TurnLease, p.ExpiryWarning)
	}
	if p.Branch != "main" || p.Ledger != "data/ledger.json" || p.Retries != 3 || p.Costs.X != XPriceDefaults {
		t.Errorf("defaults not filled in: %+v", p)
	}
	if c.Citations.CacheDir != DefaultCacheDir || c.Citations.Retries != 3 || c.Citations.PolicyFile() != DefaultPolicyFile {
		t.Errorf("citation defaults not filled in: %+v", c.Citations)
	}
	if len(c.Doc.Problems) > 0 {
		t.Errorf("problems: %+v", c.Doc.Problems)
	}
	if d := Default(); d.Publish.Grace != 2*time.Hour || d.Publish.Branch != "main" || d.Publish.Costs.X != XPriceDefaults {
		t.Errorf("Default().Publish = %+v", d.Publish)
	}
}

// TestLoadLocatesBadDurations holds Load to naming the line of a duration that is not
// one, or that no run could work with.
func TestLoadLocatesBadDurations(t *testing.T) {
	tests := []struct {
		publish string
		line    int
		want    string
	}{
		{"  grace: soon\n", 6, `publish.grace "soon" is not a duration; write it like 90m, 2h or 500ms`},
		{"  timeout: [1, 2]\n", 6, "publish.timeout must be a duration written like 90m, 2h or 500ms, not a list"},
		{"  branch: main\n  max_wait: -5m\n", 7, `publish.max_wait "-5m" is not a duration`},
		{"  grace: 60m\n", 6, "publish.grace is 1h, but a scheduled workflow can start an hour late; use at least 90m"},
		{"  turn_lease: 500ms\n", 6, "publish.turn_lease is 500ms; use at least 1s (the default is 5m)"},
	}
	for _, tt := range tests {
		c := load(t, head+"publish:\n"+tt.publish)
		if len(c.Doc.Problems) != 1 {
			t.Errorf("%q: %d problems, want 1: %+v", tt.publish, len(c.Doc.Problems), c.Doc.Problems)
			continue
		}
		p := c.Doc.Problems[0]
		if p.Line != tt.line || !strings.Contains(p.Message, tt.want) {
			t.Errorf("%q: line %d %q; want line %d %q", tt.publish, p.Line, p.Message, tt.line, tt.want)
		}
	}
}

func TestLoadReadsMinGap(t *testing.T) {
	if c := load(t, head); c.Calendar.Plan.MinGap != 3*time.Hour || c.Calendar.Plan.QuietHours != "20:00-08:00" || *c.Calendar.LeadDays != 7 {
		t.Errorf("calendar defaults: %+v", c.Calendar)
	}
	if c := load(t, head+"calendar:\n  plan:\n    min_gap: 90m\n"); c.Calendar.Plan.MinGap != 90*time.Minute {
		t.Errorf("min_gap 90m read as %v", c.Calendar.Plan.MinGap)
	}
	c := load(t, head+"calendar:\n  plan:\n    min_gap: three hours\n")
	if len(c.Doc.Problems) != 1 || c.Doc.Problems[0].Line != 7 || !strings.Contains(c.Doc.Problems[0].Message, `calendar.plan.min_gap "three hours" is not a duration`) {
		t.Errorf("problems = %+v; want calendar.plan.min_gap located on line 7", c.Doc.Problems)
	}
}

func TestWritten(t *testing.T) {
	for d, want := range map[time.Duration]string{90 * time.Minute: "1h30m", 2 * time.Hour: "2h", 45 * time.Minute: "45m", 500 * time.Millisecond: "500ms", 90 * time.Second: "1m30s", 0: "0s"} {
		if got := Written(d); got != want {
			t.Errorf("Written(%v) = %q; want %q", d, got, want)
		}
	}
}
