package plan

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/observance"
)

const testObservances = `dst-spring:
  name: DST Spring Day
  scope: us
  kind: day
  rule: second Sunday of March
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: likely
dst-autumn:
  name: DST Autumn Day
  scope: us
  kind: day
  rule: first Sunday of November
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: likely
heart-month:
  name: Heart Month
  scope: us
  kind: month
  rule: month February
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: likely
red-day:
  name: Red Day
  scope: us
  kind: day
  rule: first Friday of February
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: likely
sponsor-week:
  name: Sponsor Week
  scope: us
  kind: week
  rule: set by sponsor
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: unverified
`

func testRules(t *testing.T, windows []string, gap string, perDay int, quiet string) Rules {
	t.Helper()
	cfg := config.Default()
	cfg.Timezone = "America/New_York"
	cfg.Accounts = map[string]config.Account{"mastodon-main": {Platform: "mastodon"}, "bluesky-main": {Platform: "bluesky"}, "outbox": {Platform: "outbox"}}
	minGap, err := time.ParseDuration(gap)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Calendar.Plan.Windows = map[string][]string{"default": windows}
	cfg.Calendar.Plan.MinGap, cfg.Calendar.Plan.MaxPerDay = minGap, perDay
	if quiet != "" {
		cfg.Calendar.Plan.QuietHours = quiet
	}
	r, err := RulesFrom(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func emptyRepo(t *testing.T, files map[string]string) (string, *content.Repo) {
	t.Helper()
	root := t.TempDir()
	for p, b := range files {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := content.LoadRepo(root)
	if err != nil {
		t.Fatal(err)
	}
	return root, repo
}

func walls(res *Result, slug string) []string {
	var out []string
	for _, d := range res.Drafts {
		if d.Observance.Slug == slug {
			out = append(out, d.Wall)
		}
	}
	return out
}

func TestPlanDaylightSaving(t *testing.T) {
	set := observance.Parse([]byte(testObservances))
	_, repo := emptyRepo(t, nil)
	tests := []struct {
		name, slug string
		windows    []string
		want       string
	}{
		// 2027-03-14: New York clocks jump from 02:00 to 03:00; 02:00 and 02:30 do not exist.
		{"skipped hour", "dst-spring", []string{"02:00-03:30"}, "2027-03-14T03:00"},
		// 2027-11-07: 01:00–01:59 happens twice; 01:00 and 01:30 are refused.
		{"repeated hour", "dst-autumn", []string{"01:00-02:30"}, "2027-11-07T02:00"},
	}
	for _, tt := range tests {
		res, err := Plan(set, repo, 2027, tt.slug, testRules(t, tt.windows, "1h", 2, "22:00-00:30"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(walls(res, tt.slug), ","); got != tt.want {
			t.Errorf("%s: planned %q, want %q", tt.name, got, tt.want)
		}
		for _, d := range res.Drafts {
			if _, err := content.ResolveLocal(d.Wall, d.Zone); err != nil {
				t.Errorf("%s: planned an unusable time: %v", tt.name, err)
			}
		}
	}
}

func TestPlanSpacing(t *testing.T) {
	set := observance.Parse([]byte(testObservances))
	existing := "---\ntitle: Existing\nobservance: red-day\npublish_at: 2027-02-05T09:00\ntimezone: America/New_York\nchannels: [mastodon-main]\ncopy:\n  default: Wear red.\n---\n"
	_, repo := emptyRepo(t, map[string]string{"campaigns/2027/red-day-2027-1.md": existing})
	rules := testRules(t, []string{"09:00-12:00", "19:00-21:00"}, "2h", 2, "20:00-08:00")
	res, err := Plan(set, repo, 2027, "", rules)
	if err != nil {
		t.Fatal(err)
	}
	// Red Day already has its one post: nothing more for it.
	if got := walls(res, "red-day"); len(got) != 0 {
		t.Errorf("red-day planned %v though a post exists", got)
	}
	// Heart Month: four posts spread over February from the 1st, the 8th, the 15th, the 22nd.
	if got := strings.Join(walls(res, "heart-month"), ","); got != "2027-02-01T09:00,2027-02-08T09:00,2027-02-15T09:00,2027-02-22T09:00" {
		t.Errorf("heart-month planned %s", got)
	}
	// Every slot: inside a window and not in quiet hours (19:00–19:59 is a window but
	// 20:00 starts quiet hours), at least 2 h apart per channel, at most 2 a day.
	byDay := map[string]int{}
	var all []time.Time
	for _, d := range res.Drafts {
		h := d.At.In(mustZone(t)).Hour()
		if !(h >= 9 && h < 12) && h != 19 {
			t.Errorf("%s at %s is outside the windows or in quiet hours", d.Slug, d.Wall)
		}
		byDay[d.Wall[:10]]++
		all = append(all, d.At)
	}
	all = append(all, time.Date(2027, 2, 5, 14, 0, 0, 0, time.UTC)) // the existing post
	for i := range all {
		for j := range all {
			if i != j && all[i].Sub(all[j]).Abs() < 2*time.Hour {
				t.Errorf("posts at %s and %s are closer than 2h", all[i], all[j])
			}
		}
	}
	for day, n := range byDay {
		if n > 2 {
			t.Errorf("%d posts on %s", n, day)
		}
	}
	// The sponsor-set week is skipped with its reason.
	found := false
	for _, s := range res.Skips {
		if s.Slug == "sponsor-week" && strings.Contains(s.Reason, "set by its sponsor") {
			found = true
		}
	}
	if !found {
		t.Errorf("sponsor-week not reported as skipped: %+v", res.Skips)
	}
	// Unknown observance.
	if _, err := Plan(set, repo, 2027, "nope", rules); err == nil || !strings.Contains(err.Error(), `observance "nope" is not in data/observances.yaml`) {
		t.Errorf("unknown observance error = %v", err)
	}
}

// TestPlanLeavesOutObservancesInDoubt: an observance that may have been discontinued
// gets no drafts, alone or with the rest, and the skip says why and what to do.
func TestPlanLeavesOutObservancesInDoubt(t *testing.T) {
	doubt := testObservances + `doubt-week:
  name: Doubt Week
  scope: us
  kind: week
  rule: 7 days from second Sunday of May
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: likely
  status: possibly-discontinued
  status_note: Its office was closed in a reorganisation.
`
	set := observance.Parse([]byte(doubt))
	if len(set.Doc.Problems) > 0 {
		t.Fatalf("test data has problems: %+v", set.Doc.Problems)
	}
	_, repo := emptyRepo(t, nil)
	rules := testRules(t, []string{"09:00-12:00"}, "2h", 2, "")
	for _, only := range []string{"", "doubt-week"} {
		res, err := Plan(set, repo, 2027, only, rules)
		if err != nil {
			t.Fatal(err)
		}
		if got := walls(res, "doubt-week"); len(got) != 0 {
			t.Errorf("only=%q: doubt-week planned %v though it may be discontinued", only, got)
		}
		found := false
		for _, s := range res.Skips {
			if s.Slug == "doubt-week" && strings.Contains(s.Reason, "may have been discontinued (Its office was closed in a reorganisation)") && strings.Contains(s.Reason, "remove status: possibly-discontinued") {
				found = true
			}
		}
		if !found {
			t.Errorf("only=%q: doubt-week not reported as skipped with its reason: %+v", only, res.Skips)
		}
	}
	// Without status_note the data file has a problem naming the field.
	bad := observance.Parse([]byte(strings.Replace(doubt, "  status_note: Its office was closed in a reorganisation.\n", "", 1)))
	if len(bad.Doc.Problems) != 1 || !strings.Contains(bad.Doc.Problems[0].Message, "needs status_note") {
		t.Errorf("problems without status_note = %+v", bad.Doc.Problems)
	}
}

func mustZone(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestWriteNeverOverwrites(t *testing.T) {
	set := observance.Parse([]byte(testObservances))
	root, repo := emptyRepo(t, nil)
	res, err := Plan(set, repo, 2027, "red-day", testRules(t, []string{"09:00-12:00"}, "1h", 2, "22:00-06:00"))
	if err != nil || len(res.Drafts) != 1 {
		t.Fatalf("plan: %v %+v", err, res)
	}
	path := filepath.Join(root, res.Drafts[0].Path)
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("mine"), 0o644)
	out, err := Write(root, res.Drafts)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" || !out[0].Exists {
		t.Errorf("an existing file was replaced or not reported: %q %+v", b, out[0])
	}
	os.Remove(path)
	if _, err := Write(root, res.Drafts); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	doc := content.ParseDoc("campaigns/2027/x.md", b)
	var p content.Post
	if !doc.Decode(&p) || len(doc.Problems) > 0 {
		t.Fatalf("scaffolded post does not decode: %+v\n%s", doc.Problems, b)
	}
	if !p.Draft || p.PublishAt != "2027-02-05T09:00" || p.Timezone != "America/New_York" || p.Observance != "red-day" {
		t.Errorf("scaffolded post = %+v", p)
	}
}

func TestRulesErrors(t *testing.T) {
	base := func() *config.Config {
		c := config.Default()
		c.Timezone, c.Accounts = "America/New_York", map[string]config.Account{"x-main": {Platform: "x"}}
		return c
	}
	tests := []struct {
		edit func(c *config.Config)
		want string
	}{
		{func(c *config.Config) { c.Timezone = "Mars/Olympus" }, `"Mars/Olympus" is not an IANA zone`},
		{func(c *config.Config) { c.Calendar.Plan.Windows = map[string][]string{"default": {"9-11"}} }, `"9-11" is not a span of the day`},
		{func(c *config.Config) { c.Calendar.Plan.Channels = []string{"tiktok-main"} }, `"tiktok-main" is not an account`},
	}
	for _, tt := range tests {
		c := base()
		tt.edit(c)
		if _, err := RulesFrom(c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("RulesFrom error = %v, want %q", err, tt.want)
		}
	}
}

// TestPlanWithoutZoneDatabase runs the same plan in a child process whose ZONEINFO
// points at an empty folder and with no TZ, and compares: the zone rules come from the
// embedded time/tzdata, so the result must be identical.
func TestPlanWithoutZoneDatabase(t *testing.T) {
	if file := os.Getenv("FACTDESK_PLAN_CHILD_OUT"); file != "" {
		// The child writes the plan to a file: its standard output also carries what the
		// test binary prints (PASS, coverage figures under -cover).
		if err := os.WriteFile(file, []byte(planOutput(t)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPlanWithoutZoneDatabase$")
	empty := t.TempDir()
	file := filepath.Join(t.TempDir(), "plan.txt")
	cmd.Env = append(os.Environ(), "FACTDESK_PLAN_CHILD_OUT="+file, "ZONEINFO="+empty, "TZ=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the child wrote no plan: %v", err)
	}
	if want := planOutput(t); string(got) != want || !strings.Contains(want, "2027-03-14T03:00") {
		t.Errorf("without a zone database:\n%s\nwith:\n%s", got, want)
	}
}

func planOutput(t *testing.T) string {
	set := observance.Parse([]byte(testObservances))
	_, repo := emptyRepo(t, nil)
	res, err := Plan(set, repo, 2027, "", testRules(t, []string{"02:00-04:00", "12:00-13:00"}, "1h", 2, "22:00-01:00"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range res.Drafts {
		fmt.Fprintf(&b, "%s %s %s\n", d.Slug, d.Wall, d.At.UTC().Format(time.RFC3339))
	}
	return b.String()
}
