package root

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	checkcmd "github.com/factdesk/factdesk/tools/cli/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// baseRepo is a small valid repository shared with the check rules' tests.
var baseRepo = filepath.Join("..", "..", "check", "testdata", "base")

func init() {
	// A rule that crashes when the repository holds a file named PANIC, to prove that a
	// bug in a rule never shows a Go stack trace.
	check.Register(check.Rule{ID: "test-panic", Description: "crashes on purpose in tests", Check: func(_ context.Context, r *check.Run) {
		if _, err := os.Stat(filepath.Join(r.Repo.Root, "PANIC")); err == nil {
			var m map[string]int
			m["boom"]++
		}
	}})
	checkcmd.Formats["test-panic"] = func(io.Writer, []check.Finding) error { panic("formatter exploded") }
}

func copyRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	testenv.Copy(t, baseRepo, root)
	// Every rule of the build runs here, so the repository carries the project's own
	// data files (observances, policies) as well.
	data, _ := filepath.Glob(filepath.Join("..", "..", "..", "data", "*.yaml"))
	for _, p := range data {
		if b, err := os.ReadFile(p); err == nil {
			if err := os.WriteFile(filepath.Join(root, "data", filepath.Base(p)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// run executes factdesk with args through Run, as main does, with captured streams.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	f := factory.New()
	f.IO = &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}
	f.Getenv = func(string) string { return "" }
	f.Now = func() time.Time { return time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC) }
	code = Run(context.Background(), f, args)
	return code, out.String(), errb.String()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(baseRepo, path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCheckCommand(t *testing.T) {
	t.Parallel()
	fc := readFile(t, "factchecks/mmr-vaccine-autism.md")
	clean := copyRepo(t, nil)
	broken := copyRepo(t, map[string]string{
		"factchecks/mmr-vaccine-autism.md": strings.Replace(fc, "verdict: \"false\"", "verdcit: \"false\"", 1),
		"campaigns/2027/empty.md":          "\n",
	})
	warnOnly := copyRepo(t, map[string]string{
		"factchecks/mmr-vaccine-autism.md": strings.Replace(fc, "[](cite:taylor2014)", "", 1),
	})
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string
		stderr     []string
		notStdout  []string
		emptyOut   bool
		wantStderr string
	}{
		{name: "clean repository", args: []string{"--root", clean, "check"}, code: 0, stderr: []string{"0 errors, 0 warnings in 2 files"}, emptyOut: true},
		{
			name: "repository with errors", args: []string{"--root", broken, "check"}, code: 1,
			stdout: []string{
				`factchecks/mmr-vaccine-autism.md:6:1: error: unknown field "verdcit"; did you mean "verdict"? [unknown-key]`,
				"factchecks/mmr-vaccine-autism.md:2:1: error: verdict is required; add `verdict:` (see CONTRIBUTING.md) [required-field]",
				"campaigns/2027/empty.md:1:1: error: the file is empty",
			},
			stderr: []string{" errors, 0 warnings in 3 files"},
		},
		{name: "warnings pass", args: []string{"--root", warnOnly, "check"}, code: 0, stdout: []string{"warning: citation \"taylor2014\" is never cited"}},
		{name: "--strict fails on warnings", args: []string{"--root", warnOnly, "check", "--strict"}, code: 1},
		{name: "--today makes the review due, as a warning", args: []string{"--root", clean, "check", "--today", "2027-06-01"}, code: 0, stdout: []string{"[review-due]"}},
		{name: "--today and --strict", args: []string{"--root", clean, "check", "--today", "2027-06-01", "--strict"}, code: 1},
		{name: "--today that is not a date", args: []string{"--root", clean, "check", "--today", "June"}, code: 2, stderr: []string{`--today: "June" is not a date; write it as YYYY-MM-DD`}},
		{name: "a path limits the findings", args: []string{"--root", broken, "check", "campaigns"}, code: 1, stdout: []string{"campaigns/2027/empty.md"}, notStdout: []string{"factchecks/"}, stderr: []string{"1 error, 0 warnings in 2 files"}},
		{name: "a path from the repository root", args: []string{"--root", broken, "check", "factchecks/mmr-vaccine-autism.md"}, code: 1, notStdout: []string{"campaigns/"}},
		{name: "a path that does not exist", args: []string{"--root", clean, "check", "factchecks/nope.md"}, code: 2, stderr: []string{"factdesk: factchecks/nope.md: no such file or folder"}, emptyOut: true},
		{name: "an unknown flag", args: []string{"--root", clean, "check", "--nope"}, code: 2, stderr: []string{"unknown flag: --nope", "Run 'factdesk check --help' for usage."}},
		{name: "an unknown format", args: []string{"--root", clean, "check", "--format", "xml"}, code: 2, stderr: []string{`--format "xml" is not supported; use `, "json", "text"}},
		{name: "an unknown command", args: []string{"chekc"}, code: 2, stderr: []string{"unknown command", "Run 'factdesk --help'"}},
		{name: "--root that does not exist", args: []string{"--root", filepath.Join(clean, "nope"), "check"}, code: 2, stderr: []string{"no such folder"}},
		{name: "outside any repository", args: []string{"--root", t.TempDir(), "check"}, code: 2, stderr: []string{"no factdesk repository found"}},
		{name: "--list-rules", args: []string{"--root", clean, "check", "--list-rules"}, code: 0, stdout: []string{"cite-keys", "posts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d; want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.notStdout {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if tt.emptyOut && stdout != "" {
				t.Errorf("stdout = %q; want nothing", stdout)
			}
			assertNoStackTrace(t, stdout+stderr)
		})
	}
}

func TestCheckJSON(t *testing.T) {
	t.Parallel()
	fc := readFile(t, "factchecks/mmr-vaccine-autism.md")
	root := copyRepo(t, map[string]string{"factchecks/mmr-vaccine-autism.md": strings.Replace(fc, "[](cite:taylor2014)", "[](cite:taylor2015)", 1)})
	code, stdout, stderr := run(t, "--root", root, "check", "--format", "json")
	if code != 1 {
		t.Errorf("exit code %d; want 1 (stderr %s)", code, stderr)
	}
	var rep checkcmd.JSONReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--format json output does not parse: %v\n%s", err, stdout)
	}
	if rep.Errors != 1 || rep.Warnings != 1 || len(rep.Findings) != 2 {
		t.Fatalf("report = %+v; want 1 error and 1 warning", rep)
	}
	got := rep.Findings[0]
	if got.Path != "factchecks/mmr-vaccine-autism.md" || got.Line != 23 || got.Col != 10 || got.Level != "warning" || got.Rule != "citation-unused" {
		t.Errorf("first finding = %+v; want the unused citation at 23:10", got)
	}
	got = rep.Findings[1]
	if got.Line != 44 || got.Col != 64 || got.Level != "error" || got.Rule != "citation-undefined" || !strings.Contains(got.Message, `did you mean "taylor2014"?`) {
		t.Errorf("second finding = %+v; want the undefined key at 44:64", got)
	}
	if stderr != "" {
		t.Errorf("--format json wrote to stderr: %q", stderr)
	}

	code, stdout, _ = run(t, "--root", copyRepo(t, nil), "check", "--format", "json")
	if code != 0 || !strings.Contains(stdout, `"findings": []`) {
		t.Errorf("clean repository: exit %d, output %s; want 0 and an empty list", code, stdout)
	}
}

// TestNoPanicReachesTheUser proves that a crash inside factdesk is reported as a plain
// message with a non-zero exit code, never as a Go stack trace.
func TestNoPanicReachesTheUser(t *testing.T) {
	t.Parallel()
	root := copyRepo(t, map[string]string{"PANIC": "x"})
	code, stdout, stderr := run(t, "--root", root, "check")
	if code != 1 {
		t.Errorf("a crashing rule: exit code %d; want 1", code)
	}
	if !strings.Contains(stdout, "internal error in rule test-panic") || !strings.Contains(stdout, "not in your content") {
		t.Errorf("a crashing rule is not reported plainly:\n%s%s", stdout, stderr)
	}
	assertNoStackTrace(t, stdout+stderr)

	code, stdout, stderr = run(t, "--root", copyRepo(t, nil), "check", "--format", "test-panic")
	if code != 3 {
		t.Errorf("a crashing command: exit code %d; want 3", code)
	}
	if !strings.Contains(stderr, "factdesk: internal error: formatter exploded") {
		t.Errorf("a crashing command is not reported plainly:\n%s%s", stdout, stderr)
	}
	assertNoStackTrace(t, stdout+stderr)
}

func assertNoStackTrace(t *testing.T, s string) {
	t.Helper()
	for _, marker := range []string{"goroutine ", "panic(", ".go:", "runtime/"} {
		if strings.Contains(s, marker) {
			t.Errorf("output shows a Go stack trace (%q):\n%s", marker, s)
		}
	}
}
