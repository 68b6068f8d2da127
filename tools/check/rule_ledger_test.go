package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/testenv"
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

// On the default branch the ledger is not in the working tree: check reads the copy on
// the ledger branch that this clone has (a remote-tracking branch, or a local one), and
// names it in its findings; a clone without that branch has nothing to check.
func TestLedgerRuleReadsTheLedgerBranch(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		testenv.Require(t, err)
	}
	const cfg = "organisation: {name: T, site: https://example.org/}\ntimezone: UTC\neditors: [e]\naccounts:\n  outbox: {platform: outbox}\n"
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	// origin: the default branch without a ledger, the ledger branch with a damaged one.
	origin := t.TempDir()
	writeFiles(t, origin, map[string]string{"factdesk.yaml": cfg})
	git(origin, "init", "-q", "-b", "main")
	git(origin, "add", ".")
	git(origin, "commit", "-qm", "site")
	git(origin, "checkout", "-q", "-b", "factdesk-ledger")
	writeFiles(t, origin, map[string]string{"data/ledger.json": "{\n  \"entries\": null\n}\n"})
	git(origin, "add", ".")
	git(origin, "commit", "-qm", "ledger")
	git(origin, "checkout", "-q", "main")

	t.Run("remote-tracking branch", func(t *testing.T) {
		clone := filepath.Join(t.TempDir(), "clone")
		git(filepath.Dir(clone), "clone", "-q", origin, clone)
		got := ledgerFindings(t, clone)
		if len(got) != 1 || !strings.HasPrefix(got[0], "factdesk-ledger:data/ledger.json:2:") || !strings.Contains(got[0], `"entries" is null`) {
			t.Fatalf("findings %q; want the null entries at factdesk-ledger:data/ledger.json:2", got)
		}
	})
	t.Run("local branch", func(t *testing.T) {
		got := ledgerFindings(t, origin)
		if len(got) != 1 || !strings.HasPrefix(got[0], "factdesk-ledger:data/ledger.json:2:") {
			t.Fatalf("findings %q; want one at factdesk-ledger:data/ledger.json:2", got)
		}
	})
	t.Run("default branch alone", func(t *testing.T) {
		clone := filepath.Join(t.TempDir(), "clone")
		git(filepath.Dir(clone), "clone", "-q", "--single-branch", "--branch", "main", origin, clone)
		if got := ledgerFindings(t, clone); len(got) != 0 {
			t.Fatalf("findings %q; want none without the ledger branch", got)
		}
	})
}

func ledgerFindings(t *testing.T, root string) []string {
	t.Helper()
	var got []string
	for _, f := range runCheck(t, root, "ledger") {
		if f.Rule == "ledger" {
			got = append(got, f.String())
		}
	}
	return got
}
