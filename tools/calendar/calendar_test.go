package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
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
	"github.com/factdesk/factdesk/tools/social"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

const observancesYAML = `world-aids-day:
  name: World AIDS Day
  scope: global
  kind: day
  rule: day December 1
  sponsor: https://www.hiv.gov
  source: https://www.hiv.gov
  verified: 2026-11-27
  confidence: confirmed
world-immunization-week:
  name: World Immunization Week
  scope: global
  kind: week
  rule: days April 24-30
  sponsor: https://www.who.int
  source: https://www.who.int
  verified: 2026-11-27
  confidence: confirmed
`

// The posts: one with comments and a body (to check that marking keeps them), one in
// another zone, one draft, and one with CJK, emoji, commas, quotes and new lines.
var postFiles = map[string]string{
	"campaigns/2027/wiw-mmr.md": `---
# The first post of the week.
title: MMR and autism
observance: world-immunization-week   # WHO week
publish_at: "2027-04-26T09:00"
timezone: America/New_York
channels: [mastodon-main, x-main]
factcheck: mmr-vaccine-autism
hashtags: [VaccinesWork]
copy:
  default: "Does the MMR vaccine cause autism? No. Studies of over a million children found no link."
  x-main: "MMR vaccine → autism? No: studies of 1,000,000+ children found no link. \"Vaccines work.\" 疫苗 👩🏾‍⚕️"
---

Team notes: keep this body exactly.
---
Not front matter.
`,
	"campaigns/2027/wad-tokyo.md": `---
title: World AIDS Day, Tokyo partners
observance: world-aids-day
publish_at: "2027-12-01T09:00"
timezone: Asia/Tokyo
channels: [bluesky-main]
copy:
  default: "Testing is quick and confidential."
---
`,
	"campaigns/2027/wad-draft.md": `---
title: Draft
observance: world-aids-day
publish_at: "2027-12-01T15:00"
timezone: America/New_York
channels: [bluesky-main]
draft: true
copy:
  default: "Not yet."
---
`,
}

const cfgYAML = `organisation:
  name: Test Clinic
  site: https://factdesk.example.org/
timezone: America/New_York
editors: [editor-sam-rivera]
accounts:
  mastodon-main: {platform: mastodon}
  x-main: {platform: x}
  bluesky-main: {platform: bluesky}
calendar:
  tracking: {utm_source: "{platform}"}
`

func fixture(t *testing.T) (string, []Item, *time.Location) {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{"factdesk.yaml": cfgYAML}
	for k, v := range postFiles {
		files[k] = v
	}
	for p, b := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := content.LoadRepo(root)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("America/New_York")
	from := time.Date(2027, 1, 1, 0, 0, 0, 0, loc)
	items := Build(observance.Parse([]byte(observancesYAML)), repo, cfg, from, from.AddDate(1, 0, 0))
	return root, items, loc
}

// node runs testdata/parse.js, failing under CI when node or the packages are missing.
func node(t *testing.T, kind, file string) []byte {
	t.Helper()
	root, _ := filepath.Abs("../..")
	bin, err := exec.LookPath("node")
	_, serr := os.Stat(filepath.Join(root, "node_modules", "ical.js"))
	_, perr := os.Stat(filepath.Join(root, "node_modules", "papaparse"))
	if err := errors.Join(err, serr, perr); err != nil {
		testenv.Require(t, fmt.Errorf("node with ical.js and papaparse is needed (run npm ci): %w", err))
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "testdata/parse.js", root, kind, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s %s: %v\n%s", kind, file, err, stderr.String())
	}
	return out
}

func TestICSParsedByICALJS(t *testing.T) {
	t.Parallel()
	_, items, _ := fixture(t)
	var b bytes.Buffer
	stamp := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	if err := WriteICS(&b, items, ICSOptions{Name: "Test Clinic campaign calendar", Domain: "factdesk.example.org", Stamp: stamp}); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	// RFC 5545 §3.1: CRLF line ends, lines of at most 75 octets.
	for i, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(line) > 75 || strings.Contains(line, "\n") {
			t.Errorf("line %d is %d octets or has a bare LF: %q", i+1, len(line), line)
		}
	}
	file := filepath.Join(t.TempDir(), "cal.ics")
	os.WriteFile(file, b.Bytes(), 0o644)
	var got struct {
		Version string
		Events  []struct {
			UID, Summary, Description, Start, End, Stamp string
			AllDay                                       bool
		}
	}
	if err := json.Unmarshal(node(t, "ics", file), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "2.0" {
		t.Errorf("VERSION = %q", got.Version)
	}
	want := []string{
		"observance-world-immunization-week-2027@factdesk.example.org|World Immunization Week|2027-04-24|2027-05-01|true",
		"post-wiw-mmr@factdesk.example.org|Post: MMR and autism|2027-04-26T13:00:00Z|2027-04-26T13:15:00Z|false",
		"observance-world-aids-day-2027@factdesk.example.org|World AIDS Day|2027-12-01|2027-12-02|true",
		"post-wad-tokyo@factdesk.example.org|Post: World AIDS Day, Tokyo partners|2027-12-01T00:00:00Z|2027-12-01T00:15:00Z|false",
		"post-wad-draft@factdesk.example.org|Draft post: Draft|2027-12-01T20:00:00Z|2027-12-01T20:15:00Z|false",
	}
	var have []string
	for _, e := range got.Events {
		have = append(have, fmt.Sprintf("%s|%s|%s|%s|%v", e.UID, e.Summary, e.Start, e.End, e.AllDay))
		if e.Stamp != "2026-11-27T09:00:00Z" {
			t.Errorf("%s DTSTAMP = %q", e.UID, e.Stamp)
		}
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	// The description carries each channel's text, unfolded intact (commas, quotes, CJK, emoji).
	for _, e := range got.Events {
		if e.UID == "post-wiw-mmr@factdesk.example.org" && !strings.Contains(e.Description, "x-main:\nMMR vaccine → autism? No: studies of 1,000,000+ children found no link. \"Vaccines work.\" 疫苗 👩🏾‍⚕️") {
			t.Errorf("description lost the text: %q", e.Description)
		}
	}
}

func TestSchedulerCSVParsedBack(t *testing.T) {
	t.Parallel()
	_, items, loc := fixture(t)
	rows := Rows(items, ToolHootsuite, loc)
	if len(rows) != 3 { // 2 channels of wiw-mmr, 1 of wad-tokyo; the draft is left out
		t.Fatalf("rows = %d, want 3: %+v", len(rows), rows)
	}
	dir := t.TempDir()
	tests := []struct {
		name  string
		build func([]Row, DateOrder) ([]File, error)
		order DateOrder
		file  string
		want  [][]string
	}{
		{"hootsuite mdy", Hootsuite, MonthFirst, "hootsuite-x-main.csv", [][]string{{"04/26/2027 09:00",
			"MMR vaccine → autism? No: studies of 1,000,000+ children found no link. \"Vaccines work.\" 疫苗 👩🏾‍⚕️\n\n#VaccinesWork",
			"https://factdesk.example.org/factchecks/mmr-vaccine-autism/?utm_source=x"}}},
		{"hootsuite dmy, converted to the organisation's zone", Hootsuite, DayFirst, "hootsuite-bluesky-main.csv", [][]string{{"30/11/2027 19:00", "Testing is quick and confidential.", ""}}},
		{"sprout", Sprout, MonthFirst, "sprout-mastodon-main.csv", [][]string{{"date", "time_24hr", "message_text"}, {"04/26/2027", "09:00",
			"Does the MMR vaccine cause autism? No. Studies of over a million children found no link.\n\nhttps://factdesk.example.org/factchecks/mmr-vaccine-autism/?utm_source=mastodon\n\n#VaccinesWork"}}},
	}
	for _, tt := range tests {
		files, err := tt.build(rows, tt.order)
		if err != nil {
			t.Fatal(err)
		}
		var data []byte
		for _, f := range files {
			if f.Name == tt.file {
				data = f.Data
			}
		}
		if data == nil {
			t.Fatalf("%s: no file %s among %d", tt.name, tt.file, len(files))
		}
		path := filepath.Join(dir, tt.file)
		os.WriteFile(path, data, 0o644)
		var got [][]string
		if err := json.Unmarshal(node(t, "csv", path), &got); err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(tt.want)
		if string(g) != string(w) {
			t.Errorf("%s: parsed back\n%s\nwant\n%s", tt.name, g, w)
		}
	}
}

func TestCSVSplitsAt350(t *testing.T) {
	t.Parallel()
	var rows []Row
	start := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 351; i++ {
		rows = append(rows, Row{Channel: "x-main", Local: start.Add(time.Duration(i) * time.Hour), Text: fmt.Sprintf("post %d", i)})
	}
	rows = append(rows, Row{Channel: "bluesky-main", Local: start, Text: "one"})
	files, err := Sprout(rows, MonthFirst)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, fmt.Sprintf("%s:%d", f.Name, len(f.Rows)))
		if lines := bytes.Count(f.Data, []byte("\n")); lines != len(f.Rows)+1 {
			t.Errorf("%s has %d lines for %d rows and a header", f.Name, lines, len(f.Rows))
		}
	}
	if got := strings.Join(names, " "); got != "sprout-bluesky-main.csv:1 sprout-x-main-1.csv:350 sprout-x-main-2.csv:1" {
		t.Errorf("files = %s", got)
	}
}

func TestExportedChannelsStayWithTheirTool(t *testing.T) {
	t.Parallel()
	_, items, loc := fixture(t)
	for i := range items {
		if items[i].Slug == "wiw-mmr" {
			items[i].Exported = map[string]string{"x-main": "sprout"}
		}
	}
	for _, r := range Rows(items, ToolHootsuite, loc) {
		if r.Channel == "x-main" {
			t.Error("a channel exported to Sprout Social was exported to Hootsuite too")
		}
	}
	if n := len(Rows(items, ToolSprout, loc)); n != 3 {
		t.Errorf("sprout rows = %d, want 3", n)
	}
}

func TestMarkExportedKeepsCommentsOrderAndBody(t *testing.T) {
	t.Parallel()
	root, _, _ := fixture(t)
	path := filepath.Join(root, "campaigns/2027/wiw-mmr.md")
	changed, err := MarkExported(path, []string{"x-main", "mastodon-main"}, ToolHootsuite)
	if err != nil || !changed {
		t.Fatalf("MarkExported = %v, %v", changed, err)
	}
	b, _ := os.ReadFile(path)
	s := string(b)
	for _, want := range []string{"# The first post of the week.\ntitle: MMR and autism\n", "observance: world-immunization-week # WHO week\n",
		"exported:\n  mastodon-main: hootsuite\n  x-main: hootsuite\n---\n\nTeam notes: keep this body exactly.\n---\nNot front matter.\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("marked file lacks %q:\n%s", want, s)
		}
	}
	if strings.Index(s, "title:") > strings.Index(s, "copy:") {
		t.Error("field order changed")
	}
	// The file still loads and says what was exported; marking again changes nothing.
	doc := content.ParseDoc("campaigns/2027/wiw-mmr.md", b)
	var p content.Post
	if !doc.Decode(&p) || p.Exported["x-main"] != "hootsuite" || p.Exported["mastodon-main"] != "hootsuite" {
		t.Errorf("decoded exported = %v, problems %v", p.Exported, doc.Problems)
	}
	if changed, _ := MarkExported(path, []string{"x-main"}, ToolHootsuite); changed {
		t.Error("marking again rewrote the file")
	}
	if _, err := MarkExported(filepath.Join(root, "nope.md"), nil, ToolHootsuite); err == nil || !strings.Contains(err.Error(), "nope.md") {
		t.Errorf("missing file error = %v", err)
	}
}

func TestViews(t *testing.T) {
	t.Parallel()
	_, items, loc := fixture(t)
	var b bytes.Buffer
	if err := MonthView(&b, items, 2027, time.April, loc); err != nil {
		t.Fatal(err)
	}
	month := b.String()
	for _, want := range []string{"April 2027", " 26*1 ", "Apr 24 – Apr 30         World Immunization Week", "Apr 26 09:00  MMR and autism"} {
		if !strings.Contains(month, want) {
			t.Errorf("month view lacks %q:\n%s", want, month)
		}
	}
	b.Reset()
	if err := DaysView(&b, items, time.Date(2027, 11, 30, 0, 0, 0, 0, loc), 7, loc); err != nil {
		t.Fatal(err)
	}
	days := b.String()
	for _, want := range []string{"Tue 30 Nov 2027\n  Nov 30 19:00 (09:00 Asia/Tokyo)  World AIDS Day, Tokyo partners", "Wed 1 Dec 2027\n  ◆ World AIDS Day (Dec 1)", "Draft [draft]", "Mon 6 Dec 2027\n  nothing planned"} {
		if !strings.Contains(days, want) {
			t.Errorf("7-day view lacks %q:\n%s", want, days)
		}
	}
}

func TestSchedulerRules(t *testing.T) {
	t.Parallel()
	at := time.Date(2027, 4, 26, 9, 0, 0, 0, time.UTC)
	rows := []Row{
		{Channel: "x-main", Slug: "a", Path: "a.md", Local: at, Text: "Same text"},
		{Channel: "x-main", Slug: "b", Path: "b.md", Local: at.Add(7 * time.Minute), Text: "Same text"},
		{Channel: "bluesky-main", Slug: "c", Path: "c.md", Local: at.Add(time.Hour), Text: "Other"},
	}
	hs := strings.Join(Warnings(rows, ToolHootsuite), "\n")
	for _, want := range []string{"b.md: x-main at 09:07 is not on a multiple of 5 minutes", "b.md: the message to x-main repeats a.md word for word"} {
		if !strings.Contains(hs, want) {
			t.Errorf("hootsuite warnings lack %q:\n%s", want, hs)
		}
	}
	sp := strings.Join(Warnings(rows, ToolSprout), "\n")
	if !strings.Contains(sp, "a and b go out less than 10 minutes apart on x-main") || strings.Contains(sp, "bluesky") {
		t.Errorf("sprout warnings:\n%s", sp)
	}
	ok, late := Schedulable(rows, at.Add(-5*time.Minute), 10*time.Minute)
	if len(late) != 1 || late[0].Slug != "a" || len(ok) != 2 {
		t.Errorf("schedulable %d, late %+v", len(ok), late)
	}
}

func TestJSONParsedBack(t *testing.T) {
	t.Parallel()
	_, items, _ := fixture(t)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(items); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cal.json")
	os.WriteFile(file, b.Bytes(), 0o644)
	var got []struct {
		Kind, Slug, Start string
		Channels          []string
	}
	if err := json.Unmarshal(node(t, "json", file), &got); err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, g := range got {
		have = append(have, fmt.Sprintf("%s %s %s %v", g.Kind, g.Slug, g.Start, g.Channels))
	}
	// Each channel's text must come back whole: its grapheme count by Intl.Segmenter equals
	// ours on the text before encoding.
	var want []string
	for _, it := range items {
		var chs []string
		for _, m := range it.Messages {
			chs = append(chs, fmt.Sprintf("%s=%d", m.Channel, social.Graphemes(m.Text)))
		}
		if chs == nil {
			chs = []string{}
		}
		want = append(want, fmt.Sprintf("%s %s %s %v", it.Kind, it.Slug, it.Start.Format(time.RFC3339), chs))
	}
	if len(want) != 5 {
		t.Fatalf("fixture has %d items, want 5", len(want))
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("JSON parsed back:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

func TestHootsuiteLinkColumn(t *testing.T) {
	t.Parallel()
	at := time.Date(2027, 4, 26, 9, 0, 0, 0, time.UTC)
	rows := []Row{
		{Channel: "x-main", Local: at, Text: "Read it: https://www.who.int/a", Link: "https://www.who.int/a"},
		{Channel: "x-main", Local: at.Add(time.Hour), Text: "Read it.\n\nhttps://www.who.int/b\n\n#Tag", Link: "https://www.who.int/b"},
	}
	files, err := Hootsuite(rows, MonthFirst)
	if err != nil || len(files) != 1 {
		t.Fatalf("files %d, %v", len(files), err)
	}
	// The first copy holds its link, so column C stays empty; the second had it appended.
	want := "04/26/2027 09:00,Read it: https://www.who.int/a,\n04/26/2027 10:00,\"Read it.\n\n#Tag\",https://www.who.int/b\n"
	if got := string(files[0].Data); got != want {
		t.Errorf("CSV =\n%q\nwant\n%q", got, want)
	}
}
