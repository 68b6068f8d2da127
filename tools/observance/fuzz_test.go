package observance

import (
	"strings"
	"testing"
)

// FuzzParseRule reads arbitrary text as an observance rule. Nothing may panic; a rule
// that reads resolves, for years around today, to a range that starts no later than it
// ends, lies within a week of its year, and holds the same text when printed and read
// again.
func FuzzParseRule(f *testing.F) {
	for _, s := range strings.Split(RuleSyntax, "\n") {
		if i := strings.Index(s, "  "); i > 0 {
			s = s[:i]
		}
		f.Add(strings.TrimSpace(s), 2027)
	}
	for _, s := range []string{"last Monday of May", "second Sunday of May", "days December 30-January 2", "5th Friday of February", "week containing February 29 from Monday"} {
		f.Add(s, 2028)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		r, err := ParseRule(s)
		if err != nil {
			return
		}
		year = 1900 + (year%300+300)%300
		for _, y := range []int{year, year + 1} {
			rg, ok := r.Resolve(y)
			if !ok {
				continue
			}
			if rg.End.Before(rg.Start) {
				t.Fatalf("rule %q in %d: ends %v before it starts %v", s, y, rg.End, rg.Start)
			}
			if rg.Start.Year() < y-1 || rg.End.Year() > y+1 {
				t.Fatalf("rule %q in %d resolves to %v", s, y, rg)
			}
		}
		again, err := ParseRule(r.String())
		if err != nil {
			t.Fatalf("rule %q prints as %q, which does not read: %v", s, r.String(), err)
		}
		if a, b := again.String(), r.String(); a != b {
			t.Fatalf("rule %q prints as %q, then as %q", s, b, a)
		}
	})
}
