package calendar_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/clitest"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// run runs factdesk with args, returning stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	return clitest.Run(context.Background(), "", time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC), args...)
}

// sampleRepo copies the repository's sample content and settings into a temporary folder.
func sampleRepo(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src, _ := filepath.Abs("../../..")
	for _, p := range []string{"factdesk.yaml", "data", "factchecks", "campaigns"} {
		testenv.Copy(t, filepath.Join(src, p), filepath.Join(dst, p))
	}
	return dst
}

func TestObservancesCommand(t *testing.T) {
	t.Parallel()
	repo := sampleRepo(t)
	out, errOut, code := run(t, "--root", repo, "observances", "--year", "2027")
	if code != 0 || !strings.Contains(out, "2027-05-28               day    us      Don't Fry Day") || !strings.Contains(out, "set by sponsor           week   us      National Infant Immunization Week") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = run(t, "--root", repo, "observances", "--year", "2027", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) < 20 {
		t.Errorf("json: exit %d, %d entries, %v", code, len(list), err)
	}
	if _, errOut, code := run(t, "--root", repo, "observances", "--format", "xml"); code != 2 || !strings.Contains(errOut, `--format "xml" is not supported; use table or json`) {
		t.Errorf("bad format: exit %d: %s", code, errOut)
	}
	// --write then --check; a changed data file makes --check fail.
	if _, errOut, code := run(t, "--root", repo, "observances", "--write"); code != 0 {
		t.Fatalf("write: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, "--root", repo, "observances", "--check"); code != 0 {
		t.Errorf("check after write: %d %s", code, errOut)
	}
	data := filepath.Join(repo, "data", "observances.yaml")
	b, _ := os.ReadFile(data)
	os.WriteFile(data, bytes.Replace(b, []byte("rule: day April 7"), []byte("rule: day April 8"), 1), 0o644)
	if _, errOut, code := run(t, "--root", repo, "observances", "--check"); code != 1 || !strings.Contains(errOut, "out of date; run: factdesk observances --write") {
		t.Errorf("stale check: %d %s", code, errOut)
	}
	// An impossible rule stops every calendar command with the file, line and the fix.
	os.WriteFile(data, bytes.Replace(b, []byte("rule: day April 7"), []byte("rule: day April 31"), 1), 0o644)
	for _, args := range [][]string{{"observances"}, {"plan", "--year", "2027"}, {"calendar"}} {
		_, errOut, code := run(t, append([]string{"--root", repo}, args...)...)
		if code != 2 || !regexpLine(errOut, `data/observances.yaml:\d+:\d+: world-health-day: rule "day April 31": day April 31 has no such day`) {
			t.Errorf("%v with an impossible rule: exit %d\n%s", args, code, errOut)
		}
		if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
			t.Errorf("%v printed a stack trace", args)
		}
	}
}

func regexpLine(s, pattern string) bool {
	for _, l := range strings.Split(s, "\n") {
		if ok, _ := regexp.MatchString(pattern, l); ok {
			return true
		}
	}
	return false
}

func TestPlanCommand(t *testing.T) {
	t.Parallel()
	repo := sampleRepo(t)
	out, errOut, code := run(t, "--root", repo, "plan", "--year", "2027", "--observance", "world-health-day", "--dry-run")
	if code != 0 || !strings.Contains(out, "2027-04-07T") || !strings.Contains(errOut, "would write 1 draft posts") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(repo, "campaigns/2027/world-health-day-2027-1.md")); err == nil {
		t.Fatal("--dry-run wrote a file")
	}
	if _, errOut, code := run(t, "--root", repo, "plan", "--year", "2027", "--observance", "world-health-day"); code != 0 {
		t.Fatalf("plan: %d %s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(repo, "campaigns/2027/world-health-day-2027-1.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := content.ParseDoc("campaigns/2027/world-health-day-2027-1.md", b)
	var p content.Post
	if !doc.Decode(&p) || !p.Draft || p.Timezone != "America/New_York" {
		t.Errorf("scaffolded post: %+v %v\n%s", p, doc.Problems, b)
	}
	if _, err := p.Time(); err != nil {
		t.Errorf("scaffolded time does not resolve: %v", err)
	}
	// Planning again leaves the new post alone and adds nothing for that observance.
	_, errOut, _ = run(t, "--root", repo, "plan", "--year", "2027", "--observance", "world-health-day")
	if !strings.Contains(errOut, "skipped world-health-day: it already has 1 posts in 2027") {
		t.Errorf("second plan: %s", errOut)
	}
	// The whole sample year passes factdesk check's calendar rules once planned.
	if _, errOut, code := run(t, "--root", repo, "plan", "--year", "2027"); code != 0 {
		t.Fatalf("plan year: %d %s", code, errOut)
	}
	out, errOut, code = run(t, "--root", repo, "check", "--rule", "observance", "--rule", "copy-length", "--rule", "copy-links", "--rule", "posts")
	if code != 0 {
		t.Errorf("check after planning: exit %d\n%s%s", code, out, errOut)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"plan"}, "--year is required"},
		{[]string{"plan", "--year", "2027", "--observance", "world-hand-day"}, `observance "world-hand-day" is not in data/observances.yaml`},
	}
	for _, tt := range tests {
		if _, errOut, code := run(t, append([]string{"--root", repo}, tt.args...)...); code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d: %s", tt.args, code, errOut)
		}
	}
	cfg := filepath.Join(repo, "factdesk.yaml")
	c, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(c, []byte("timezone: America/New_York"), []byte("timezone: America/Springfield"), 1), 0o644)
	if _, errOut, code := run(t, "--root", repo, "plan", "--year", "2027"); code != 2 || !strings.Contains(errOut, `timezone "America/Springfield" is not an IANA zone`) {
		t.Errorf("unknown zone: exit %d: %s", code, errOut)
	}
}

func TestCalendarCommand(t *testing.T) {
	t.Parallel()
	repo := sampleRepo(t)
	out, errOut, code := run(t, "--root", repo, "calendar", "--month", "2027-12")
	if code != 0 || !strings.Contains(out, "December 2027") || !strings.Contains(out, "World AIDS Day (world-aids-day)") {
		t.Errorf("month view: exit %d\n%s%s", code, out, errOut)
	}
	// A post whose time cannot be read is named, not silently dropped.
	os.WriteFile(filepath.Join(repo, "campaigns/2027/broken.md"), []byte("---\ntitle: Broken\nobservance: world-aids-day\npublish_at: Dec 1 at noon\ntimezone: America/New_York\nchannels: [x-main]\ncopy:\n  default: Hi\n---\n"), 0o644)
	_, errOut, _ = run(t, "--root", repo, "calendar", "--month", "2027-12")
	if !strings.Contains(errOut, `campaigns/2027/broken.md: publish_at "Dec 1 at noon" is not a local time`) {
		t.Errorf("unreadable post not reported: %s", errOut)
	}
	os.Remove(filepath.Join(repo, "campaigns/2027/broken.md"))
	out, _, code = run(t, "--root", repo, "calendar", "--next", "7")
	if code != 0 || !strings.Contains(out, "Fri 15 Jan 2027") || !strings.Contains(out, "Thu 21 Jan 2027") {
		t.Errorf("7-day view: exit %d\n%s", code, out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"calendar", "--month", "2027-13"}, "write the month as YYYY-MM"},
		{[]string{"calendar", "--export", "buffer"}, `--export "buffer" is not supported`},
		{[]string{"calendar", "--export", "sprout", "--date-order", "ymd"}, "use mdy"},
		{[]string{"calendar", "--export", "sprout", "--out", "-"}, "are several files; give a folder"},
	} {
		if _, errOut, code := run(t, append([]string{"--root", repo}, tt.args...)...); code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d: %s", tt.args, code, errOut)
		}
	}
	out, _, code = run(t, "--root", repo, "calendar", "--export", "ics", "--year", "2027", "--out", "-")
	if code != 0 || !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || !strings.Contains(out, "UID:post-wad-2027-testing@factdesk.example.org") {
		t.Errorf("ics to stdout: exit %d\n%.300s", code, out)
	}
	// A Hootsuite export writes the files and marks the posts; a Sprout export afterwards
	// leaves out the channels Hootsuite has.
	exp := filepath.Join(t.TempDir(), "exports")
	_, errOut, code = run(t, "--root", repo, "calendar", "--export", "hootsuite", "--year", "2027", "--out", exp)
	if code != 0 || !strings.Contains(errOut, "exported to hootsuite; marked") {
		t.Fatalf("hootsuite: exit %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(exp, "hootsuite-bluesky-main.csv")); err != nil {
		t.Error(err)
	}
	b, _ := os.ReadFile(filepath.Join(repo, "campaigns/2027/wad-2027-testing.md"))
	if !strings.Contains(string(b), "exported:\n  bluesky-main: hootsuite\n") {
		t.Errorf("post not marked:\n%s", b)
	}
	_, errOut, _ = run(t, "--root", repo, "calendar", "--export", "sprout", "--year", "2027", "--out", exp)
	if !strings.Contains(errOut, "no posts to export") {
		t.Errorf("sprout after hootsuite: %s", errOut)
	}
	if _, errOut, code := run(t, "--root", repo, "check", "--rule", "posts"); code != 0 {
		t.Errorf("marked posts fail check: %s", errOut)
	}
}
