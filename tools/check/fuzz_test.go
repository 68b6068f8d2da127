package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// plantEnv names a planted rule (plantedRules) for FuzzCheck to apply besides the real
// ones, so that anyone can see the fuzzer fail on a rule that panics:
// scripts/fuzz-planted-panic.sh runs `go test -fuzz FuzzCheck` with it and times the
// failure.
const plantEnv = "FACTDESK_FUZZ_PLANT"

// plantedRules are rules with the bugs a fuzzer must catch.
var plantedRules = map[string]Rule{
	// nil-map is the classic: an assignment to an entry in a map never made.
	"nil-map": {ID: "planted", Check: func(ctx context.Context, r *Run) {
		var counts map[string]int
		counts[r.Repo.Root]++
	}},
}

// FuzzCheck writes arbitrary bytes into a repository as a fact-check and as a campaign
// post and runs every offline rule over it. Nothing may panic, and every finding must
// point at a line of the file it names.
func FuzzCheck(f *testing.F) {
	var extra []Rule
	if name := os.Getenv(plantEnv); name != "" {
		r, ok := plantedRules[name]
		if !ok {
			f.Fatalf("%s=%s: no such planted rule", plantEnv, name)
		}
		extra = append(extra, r)
	}
	for _, dir := range []string{"testdata/cases", "testdata/base/factchecks", "testdata/base/campaigns/2027"} {
		seeds, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, s := range seeds {
			src, err := os.ReadFile(s)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	root := f.TempDir()
	testenv.Copy(f, filepath.Join("testdata", "base"), root)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, p := range fuzzProblems(t, root, src, extra...) {
			t.Error(p)
		}
	})
}

// fuzzProblems writes src into the repository at root as a fact-check and a campaign
// post, applies every offline rule and the extra ones, and returns what went wrong: a
// rule that panicked, a file the loader could not parse without panicking, a finding
// outside the file it names.
func fuzzProblems(t testing.TB, root string, src []byte, extra ...Rule) []string {
	files := map[string][]byte{"factchecks/fuzz.md": src, "campaigns/2027/fuzz.md": src}
	for p, b := range files {
		if err := os.WriteFile(filepath.Join(root, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := content.LoadRepo(root)
	if err != nil {
		t.Fatalf("LoadRepo: %v", err)
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatalf("config.Load: %v", err)
	}
	var problems []string
	run := NewRun(repo, cfg, Options{Today: testToday, Panicked: func(rule string, v any, stack []byte) {
		problems = append(problems, fmt.Sprintf("rule %s panicked: %v\n%s", rule, v, stack))
	}})
	found := run.Execute(context.Background())
	for _, rule := range extra {
		run.apply(context.Background(), rule)
	}
	if len(extra) > 0 {
		found = run.Findings()
	}
	lines := content.LineCount(src)
	for _, fd := range found {
		if fd.Rule == "internal-error" {
			problems = append(problems, "the loader panicked: "+fd.String())
		}
		if _, ok := files[fd.Path]; !ok {
			continue
		}
		if fd.Line < 1 || fd.Line > lines || fd.Col < 1 {
			problems = append(problems, fmt.Sprintf("finding outside the file (%d lines): %s", lines, fd))
		}
	}
	return problems
}

// TestFuzzCheckFailsOnAPanickingRule plants a rule with the classic nil-map bug: the
// harness FuzzCheck runs must report it, though users see only a polite finding.
func TestFuzzCheckFailsOnAPanickingRule(t *testing.T) {
	root := t.TempDir()
	testenv.Copy(t, filepath.Join("testdata", "base"), root)
	problems := fuzzProblems(t, root, []byte("---\ntitle: x\n---\n"), plantedRules["nil-map"])
	if len(problems) == 0 || !strings.Contains(problems[0], "rule planted panicked") {
		t.Fatalf("the planted panic went unnoticed: %q", problems)
	}
	if ps := fuzzProblems(t, root, []byte("---\ntitle: x\n---\n")); len(ps) > 0 {
		t.Fatalf("problems without the planted rule: %q", ps)
	}
}
