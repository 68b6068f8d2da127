package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

func TestLedgerRule(t *testing.T) {
	const cfg = "organisation: {name: T, site: https://example.org/}\ntimezone: UTC\neditors: [e]\naccounts:\n  outbox: {platform: outbox}\n"
	tests := []struct {
		name, ledger string
		want         []string // "line: message part"
	}{
		{"valid", `{"entries": []}`, nil},
		{"syntax", "{\n  \"entries\": [\n    {\"post\": \"a\",}\n  ]\n}\n", []string{"3: not valid JSON"}},
		{"status", `{"entries": [{"post": "a", "account": "outbox", "platform": "outbox", "status": "posted", "time": "2027-01-01T00:00:00Z"}]}`, []string{`1: unknown status "posted"`}},
		{"unknown account and post", "{\n  \"entries\": [\n    {\n      \"post\": \"gone\",\n      \"account\": \"x-old\",\n      \"platform\": \"x\",\n      \"status\": \"sent\",\n      \"time\": \"2027-01-01T00:00:00Z\"\n    }\n  ]\n}\n",
			[]string{"4: no such account", "4: no campaign post", "4: without a url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for p, body := range map[string]string{"factdesk.yaml": cfg, "data/ledger.json": tt.ledger} {
				full := filepath.Join(root, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			repo, err := content.LoadRepo(root)
			if err != nil {
				t.Fatal(err)
			}
			c, err := config.Load(root)
			if err != nil {
				t.Fatal(err)
			}
			fs := NewRun(repo, c, Options{Today: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Rules: []string{"ledger"}}).Execute(context.Background())
			var got []string
			for _, f := range fs {
				if f.Rule == "ledger" {
					got = append(got, f.String())
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings:\n%s\nwant %d", strings.Join(got, "\n"), len(tt.want))
			}
			for i, w := range tt.want {
				line, msg, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got[i], "data/ledger.json:"+line+":") || !strings.Contains(got[i], msg) {
					t.Errorf("finding %q, want line %s and %q", got[i], line, msg)
				}
			}
		})
	}
}
