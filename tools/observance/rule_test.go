package observance

import (
	"os"
	"strings"
	"testing"
)

// Dates checked by hand against printed calendars for 2025–2028.
func TestRulesPinned(t *testing.T) {
	tests := []struct {
		rule string
		want [4]string // 2025, 2026, 2027, 2028
	}{
		{"month February", [4]string{"2025-02-01..2025-02-28", "2026-02-01..2026-02-28", "2027-02-01..2027-02-28", "2028-02-01..2028-02-29"}},
		{"day April 7", [4]string{"2025-04-07", "2026-04-07", "2027-04-07", "2028-04-07"}},
		{"days April 24-30", [4]string{"2025-04-24..2025-04-30", "2026-04-24..2026-04-30", "2027-04-24..2027-04-30", "2028-04-24..2028-04-30"}},
		{"days November 28-December 4", [4]string{"2025-11-28..2025-12-04", "2026-11-28..2026-12-04", "2027-11-28..2027-12-04", "2028-11-28..2028-12-04"}},
		{"first Friday of February", [4]string{"2025-02-07", "2026-02-06", "2027-02-05", "2028-02-04"}},
		{"second Thursday of March", [4]string{"2025-03-13", "2026-03-12", "2027-03-11", "2028-03-09"}},
		{"3rd Thursday of November", [4]string{"2025-11-20", "2026-11-19", "2027-11-18", "2028-11-16"}},
		{"first Tuesday of May", [4]string{"2025-05-06", "2026-05-05", "2027-05-04", "2028-05-02"}},
		{"last Monday of May", [4]string{"2025-05-26", "2026-05-25", "2027-05-31", "2028-05-29"}},
		{"Friday before last Monday of May", [4]string{"2025-05-23", "2026-05-22", "2027-05-28", "2028-05-26"}},
		{"Monday after last Monday of May", [4]string{"2025-06-02", "2026-06-01", "2027-06-07", "2028-06-05"}},
		{"third full week of March from Sunday", [4]string{"2025-03-16..2025-03-22", "2026-03-15..2026-03-21", "2027-03-21..2027-03-27", "2028-03-19..2028-03-25"}},
		{"first full week of April from Monday", [4]string{"2025-04-07..2025-04-13", "2026-04-06..2026-04-12", "2027-04-05..2027-04-11", "2028-04-03..2028-04-09"}},
		{"first full week of October from Sunday", [4]string{"2025-10-05..2025-10-11", "2026-10-04..2026-10-10", "2027-10-03..2027-10-09", "2028-10-01..2028-10-07"}},
		{"last full week of October from Sunday", [4]string{"2025-10-19..2025-10-25", "2026-10-25..2026-10-31", "2027-10-24..2027-10-30", "2028-10-22..2028-10-28"}},
		{"week containing September 10 from Sunday", [4]string{"2025-09-07..2025-09-13", "2026-09-06..2026-09-12", "2027-09-05..2027-09-11", "2028-09-10..2028-09-16"}},
		{"7 days from second Sunday of May", [4]string{"2025-05-11..2025-05-17", "2026-05-10..2026-05-16", "2027-05-09..2027-05-15", "2028-05-14..2028-05-20"}},
		{"7 days from Monday before third Sunday of June", [4]string{"2025-06-09..2025-06-15", "2026-06-15..2026-06-21", "2027-06-14..2027-06-20", "2028-06-12..2028-06-18"}},
		{"day February 29", [4]string{"", "", "", "2028-02-29"}},
		{"set by sponsor", [4]string{"", "", "", ""}},
	}
	for _, tt := range tests {
		r, err := ParseRule(tt.rule)
		if err != nil {
			t.Errorf("ParseRule(%q): %v", tt.rule, err)
			continue
		}
		for i, want := range tt.want {
			got, ok := r.Resolve(2025 + i)
			s := ""
			if ok {
				s = got.String()
			}
			if s != want {
				t.Errorf("%q in %d = %q, want %q", tt.rule, 2025+i, s, want)
			}
		}
		// The canonical form reads back to the same rule.
		again, err := ParseRule(r.String())
		if err != nil || again.String() != r.String() {
			t.Errorf("%q: String() %q does not read back: %v", tt.rule, r.String(), err)
		}
	}
}

func TestRuleErrors(t *testing.T) {
	tests := []struct{ rule, want string }{
		{"", "empty"},
		{"day February 30", "no such day"},
		{"day Febtober 3", `"febtober" is not a month`},
		{"fifth Friday of March", "use last"},
		{"first Funday of March", `"funday" is not a day of the week`},
		{"days April 30-24", "ends before it starts"},
		{"every other Tuesday", "cannot read"},
		{"month May please", `unexpected "please"`},
		{"week containing September 31 from Sunday", "does not exist"},
	}
	for _, tt := range tests {
		_, err := ParseRule(tt.rule)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseRule(%q) error = %v, want it to mention %q", tt.rule, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), "first Friday of February") {
			t.Errorf("ParseRule(%q) error should show the accepted forms: %v", tt.rule, err)
		}
	}
}

func TestDataFile(t *testing.T) {
	src, err := os.ReadFile("../../" + DataFile)
	if err != nil {
		t.Fatal(err)
	}
	s := Parse(src)
	for _, p := range s.Doc.Problems {
		t.Errorf("%s:%d: %s", DataFile, p.Line, p.Message)
	}
	// The observance slugs campaign posts and fact-checks use must exist.
	for _, slug := range []string{"american-heart-month", "national-wear-red-day", "national-childrens-dental-health-month",
		"world-immunization-week", "national-infant-immunization-week", "skin-cancer-awareness-month", "dont-fry-day",
		"national-immunization-awareness-month", "world-amr-awareness-week", "us-antibiotic-awareness-week", "world-aids-day", "world-health-day"} {
		if s.Get(slug) == nil {
			t.Errorf("observance %q missing from %s", slug, DataFile)
		}
	}
	// A sponsor-set observance has no dates until they are entered.
	if _, ok := s.Get("national-infant-immunization-week").Resolve(2027); ok {
		t.Error("national-infant-immunization-week resolved without an entered date")
	}
	if r, _ := s.Get("dont-fry-day").Resolve(2027); r.String() != "2027-05-28" {
		t.Errorf("Don't Fry Day 2027 = %s", r)
	}
}

func TestDataFileProblems(t *testing.T) {
	src := `good-day:
  name: Good Day
  scope: us
  kind: day
  rule: day April 7
  sponsor: https://example.org
  source: https://example.org
  verified: 2026-11-27
  confidence: confirmed
  years:
    2027: {start: 2027-04-09, end: 2027-04-09}
bad-rule:
  name: Bad
  scope: mars
  kind: fortnight
  rule: day February 30
  sponsor: http://example.org
  source: x
  verified: 2026-11-27
  confidence: sure
`
	s := Parse([]byte(src))
	var msgs []string
	for _, p := range s.Doc.Problems {
		msgs = append(msgs, p.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"scope \"mars\"", "kind \"fortnight\"", "confidence \"sure\"", "https://", "no such day"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems do not mention %q:\n%s", want, all)
		}
	}
	if line := s.Doc.Problems[0].Line; line < 13 {
		t.Errorf("problem reported at line %d, want the bad entry's lines", line)
	}
	if r, _ := s.Get("good-day").Resolve(2027); r.String() != "2027-04-09" {
		t.Errorf("the per-year entry should override the rule, got %s", r)
	}
	if r, _ := s.Get("good-day").Resolve(2028); r.String() != "2028-04-07" {
		t.Errorf("other years follow the rule, got %s", r)
	}
}

// TestSourceOffTheSponsorsSite: a source on another site than the sponsor's needs a note
// saying why (a warning naming the field); the sponsor's own pages, under any subdomain,
// need none.
func TestSourceOffTheSponsorsSite(t *testing.T) {
	t.Parallel()
	entry := func(source, note string) string {
		s := "x-day:\n  name: X Day\n  scope: us\n  kind: day\n  rule: day April 7\n  sponsor: https://www.cdc.gov/x\n  source: " + source + "\n  verified: 2026-11-27\n  confidence: confirmed\n"
		if note != "" {
			s += "  source_note: " + note + "\n"
		}
		return s
	}
	tests := []struct {
		source, note string
		warn         bool
	}{
		{"https://www.cdc.gov/x/about.html", "", false},
		{"https://archive.cdc.gov/x", "", false},
		{"https://someblog.example.com/x-day", "", true},
		{"https://someblog.example.com/x-day", "The sponsor's page gives no date rule; this state health department's page does.", false},
	}
	for _, tt := range tests {
		ps := Parse([]byte(entry(tt.source, tt.note))).Doc.Problems
		if got := len(ps) == 1 && strings.Contains(ps[0].Message, "add source_note:"); got != tt.warn || (!tt.warn && len(ps) > 0) {
			t.Errorf("source %s, note %q: problems %+v, want warning %v", tt.source, tt.note, ps, tt.warn)
		}
	}
}
