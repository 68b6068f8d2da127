package privacy

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// found returns the findings of text as "type:matched text", for readable tables.
func found(g *Guard, text string) []string {
	var out []string
	for _, f := range g.Scan(text) {
		out = append(out, fmt.Sprintf("%s:%s", f.Type, text[f.Start:f.End]))
	}
	return out
}

func TestScan(t *testing.T) {
	g := New(Options{
		Allow: []string{"(212) 555-0147", "hello@clinic.example.org", "https://clinic.example.org/", "100 River Road", "@example.net"},
		Names: []string{"Priya Nair"},
	})
	tests := []struct {
		text string
		want []string
	}{
		// Not PHI: observances, crisis lines, public figures, staff, groups, the organisation's details.
		{"World AIDS Day is December 1. If you are in crisis, call or text 988. In an emergency, call 911.", nil},
		{"Dr. Jonas Salk developed the polio vaccine in 1955; Edward Jenner tested smallpox vaccination in 1796.", nil},
		{"Nurse Priya Nair explains why patients cannot get the flu from the flu shot.", nil},
		{"Adults 90 and older are at higher risk; about 95 percent of patients recover.", nil},
		{"Questions? Call (212) 555-0147, email hello@clinic.example.org or visit https://clinic.example.org/contact.", nil},
		{"Our clinic at 100 River Road is open until 7 pm. Free flu shots at 1200 Park Avenue school gym.", nil},
		{"Call the helpline at 1-800-662-4357 or text HOME to 741741.", nil},
		{"Get your flu shot by October 31 and bring your vaccination card to your appointment.", nil},
		{"Staff can reach the team at nurses@example.net.", nil},
		{"Read the CDC page at https://www.cdc.gov/flu/ and our fact-check at https://clinic.example.org/factchecks/flu/.", nil},
		{"A 2019 study of 650,000 children found no link. 10,000 steps a day helps your heart.", nil},
		// PHI.
		{"Maria Lopez was admitted to our ER on March 3.", []string{"name:Maria Lopez", "date:March 3"}},
		{"Hi, we saw you last Tuesday.", []string{"confirmation:we saw you"}},
		{"Thanks for the review, your visit with Dr. Chen was flagged.", []string{"confirmation:your visit with Dr"}},
		{"Call me at 312-867-5309.", []string{"phone:312-867-5309"}},
		{"Fax it to (646) 555-0123.", []string{"phone:(646) 555-0123"}},
		{"email jane.doe@gmail.com", []string{"email:jane.doe@gmail.com"}},
		{"My SSN is 219-09-9998", []string{"ssn:219-09-9998"}},
		{"SSN 078-05-1120", nil}, // never issued
		{"My grandma is 94 and lives at 42 Maple Street, Springfield, IL 62704.", []string{"age:is 94", "address:42 Maple Street", "zip:62704"}},
		{"a 101-year-old patient", []string{"age:101-year-old"}},
		{"MRN 00482913", []string{"medical-record:00482913"}},
		{"Medicare number 1EG4TE5MK73", []string{"health-plan:1EG4TE5MK73"}},
		{"account # 55120934", []string{"account:55120934"}},
		{"card 4111 1111 1111 1111", []string{"account:4111 1111 1111 1111"}},
		{"DEA AB1234563", []string{"licence:AB1234563"}},
		{"NPI 1234567893", []string{"licence:1234567893"}},
		{"pacemaker serial PX44718", []string{"device:PX44718"}},
		{"logged in from 203.0.113.45", []string{"ip:203.0.113.45"}},
		{"version 1.2.3.4 of the app", nil},
		{"her page https://www.facebook.com/jane.doe.77 has updates on her chemo", []string{"url:https://www.facebook.com/jane.doe.77"}},
		{"portal link https://portal.example.com/visit?patient=1234567", []string{"url:https://portal.example.com/visit?patient=1234567"}},
		{"She was born 3/14/2024 at 31 weeks.", []string{"date:3/14/2024"}},
	}
	for _, tt := range tests {
		got := found(g, tt.text)
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("Scan(%q)\n  = %q\n want %q", tt.text, got, tt.want)
		}
	}
}

func TestFindingsHoldNoText(t *testing.T) {
	// A Finding is positions, type and score only: nothing that could carry the text.
	f := Finding{}
	if s := fmt.Sprintf("%+v", f); strings.Contains(s, "Text") || strings.Contains(s, "Match") {
		t.Errorf("Finding has a text field: %s", s)
	}
}

func TestRedact(t *testing.T) {
	g := New(Options{})
	text := "Call me at 312-867-5309 or jane.doe@gmail.com."
	got := Redact(text, g.Scan(text))
	if got != "Call me at [phone] or [email]." {
		t.Errorf("Redact = %q", got)
	}
}

func TestWaivers(t *testing.T) {
	text := "line one 312-867-5309 <!-- phi-ok: our fax line, listed publicly -->\n" +
		"<!-- phi-ok: the switchboard on our contact page -->\n" +
		"Switchboard (646) 555-0123\n" +
		"no reason (718) 555-0199 <!-- phi-ok -->\n" +
		"copy: \"call 917-555-0134\" # phi-ok: Maria Lopez, our patient, agreed\n"
	g := New(Options{})
	kept, unexplained := ApplyWaivers(text, g.Scan(text))
	var got []string
	for _, f := range kept {
		got = append(got, fmt.Sprintf("%s@%d", f.Type, lineOf(lineStarts(text), f.Start)))
	}
	// Line 3's number is waived by the comment above it; line 4's waiver has no reason;
	// on line 5 the name inside the waiver's own reason is never waived.
	want := []string{"phone@3", "name@4"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("kept = %v; want %v", got, want)
	}
	if len(unexplained) != 1 || lineOf(lineStarts(text), unexplained[0].Start) != 3 {
		t.Errorf("unexplained waivers = %+v; want the one on line 4", unexplained)
	}
}

// TestCleanHealthCopy: health copy full of numbers, dates, names of staff and public
// figures, and the organisation's own links, yields nothing.
func TestCleanHealthCopy(t *testing.T) {
	g := New(Options{Allow: []string{"@riversidehealth"}, Names: []string{"Ana Lima", "Priya Nair"}})
	for i, line := range readLines(t, "testdata/clean-copy.txt") {
		for _, f := range g.Scan(line) {
			t.Errorf("clean-copy.txt:%d: %s at %q", i+1, f.Type, line[f.Start:f.End])
		}
	}
}

// TestRepliesWithPHI: each of these replies carries patient information the guard must
// block (at error level).
func TestRepliesWithPHI(t *testing.T) {
	g := New(Options{})
	for i, line := range readLines(t, "testdata/replies-with-phi.txt") {
		blocked := false
		for _, f := range g.Scan(line) {
			blocked = blocked || f.Score >= ErrorScore
		}
		if !blocked {
			t.Errorf("replies-with-phi.txt:%d: not blocked: %q", i+1, line)
		}
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}
