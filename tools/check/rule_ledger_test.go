package check

import (
	"strings"
	"testing"
)

const outboxEntry = `{"post": "a", "account": "outbox", "platform": "outbox", "status": "uncertain", "time": "2027-01-01T00:00:00Z"}`

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
		// Damage that publish refuses (exit 2) is reported by check at the same places.
		{"null", "null\n", []string{"1: the ledger is null"}},
		{"empty object", "{}\n", []string{`1: no "entries" list`}},
		{"entries null", "{\n  \"entries\": null\n}\n", []string{`2: "entries" is null, not a list`}},
		{"trailing data", "{\"entries\": []}\n{\"entries\": []}\n", []string{"2: data follows the ledger's closing brace"}},
		{"duplicate", "{\"entries\": [\n" + outboxEntry + ",\n" + outboxEntry + "\n]}\n", []string{"3: entry 2 repeats a on outbox (first at line 2)"}},
		{"blank file", "\n\n", []string{"1: the ledger is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, map[string]string{"factdesk.yaml": cfg, "data/ledger.json": tt.ledger})
			fs := runCheck(t, root, "ledger")
			var got []string
			for _, f := range fs {
				if f.Rule == "ledger" && !strings.Contains(f.Message, "no campaign post") || tt.name == "unknown account and post" {
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
