// Package observance reads the health observances of data/observances.yaml and resolves
// their date rules ("first Friday of February", "Friday before last Monday of May") to
// the dates of a given year. It is the one place a rule is evaluated: the site reads the
// dates it writes to data/observances_resolved.json.
package observance

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Range is an inclusive span of calendar dates (times at midnight UTC).
type Range struct {
	Start time.Time
	End   time.Time
}

// Contains reports whether the date of t (in its own location) lies within r.
func (r Range) Contains(t time.Time) bool {
	d := dateOf(t)
	return !d.Before(r.Start) && !d.After(r.End)
}

// Days returns the number of days in r.
func (r Range) Days() int { return int(r.End.Sub(r.Start).Hours()/24) + 1 }

// String writes r as 2027-04-24..2027-04-30, or a single date.
func (r Range) String() string {
	if r.Start.Equal(r.End) {
		return r.Start.Format("2006-01-02")
	}
	return r.Start.Format("2006-01-02") + ".." + r.End.Format("2006-01-02")
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Rule is a parsed date rule. Resolve returns its dates in a year; ok is false when the
// rule gives no date that year (a rule set by the sponsor).
type Rule interface {
	Resolve(year int) (r Range, ok bool)
	String() string
}

// RuleSyntax lists the accepted forms of a rule, for error messages and documentation.
const RuleSyntax = `month February
day April 7
days April 24-30            (or: days November 28-December 4)
first Friday of February    (first, second, third, fourth, last; or 1st, 2nd, 3rd, 4th, 5th)
first full week of April from Monday
Friday before last Monday of May    (or: after)
week containing September 10 from Sunday
7 days from second Sunday of May
set by sponsor              (dates entered per year under years:)`

// RuleError is a rule that cannot be read.
type RuleError struct {
	Rule, Problem string
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("rule %q: %s; write one of:\n  %s", e.Rule, e.Problem, strings.ReplaceAll(RuleSyntax, "\n", "\n  "))
}

// ParseRule reads a rule written in the forms of RuleSyntax.
func ParseRule(s string) (Rule, error) {
	words := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	if len(words) == 0 {
		return nil, &RuleError{s, "the rule is empty"}
	}
	r, rest, err := parse(words)
	if err != nil {
		return nil, &RuleError{s, err.Error()}
	}
	if len(rest) > 0 {
		return nil, &RuleError{s, fmt.Sprintf("unexpected %q at the end", strings.Join(rest, " "))}
	}
	// A rule must give a date in some year; check a leap and a common year for
	// impossible dates such as "day February 30".
	if err := checkPossible(r); err != nil {
		return nil, &RuleError{s, err.Error()}
	}
	return r, nil
}

func parse(w []string) (Rule, []string, error) {
	if len(w) == 0 {
		return nil, nil, fmt.Errorf("the rule ends where a date should follow")
	}
	switch {
	case w[0] == "set" && len(w) >= 3 && w[1] == "by" && w[2] == "sponsor":
		return sponsorRule{}, w[3:], nil
	case w[0] == "month":
		if len(w) < 2 {
			return nil, nil, fmt.Errorf("which month?")
		}
		m, err := month(w[1])
		if err != nil {
			return nil, nil, err
		}
		return monthRule{m}, w[2:], nil
	case w[0] == "day":
		if len(w) < 3 {
			return nil, nil, fmt.Errorf("write the month and the day, e.g. day April 7")
		}
		m, err := month(w[1])
		if err != nil {
			return nil, nil, err
		}
		d, err := dayNum(w[2])
		if err != nil {
			return nil, nil, err
		}
		return fixedRule{m, d, m, d}, w[3:], nil
	case w[0] == "days":
		// days April 24-30 | days November 28-December 4
		if len(w) < 3 {
			return nil, nil, fmt.Errorf("write a range, e.g. days April 24-30")
		}
		m1, err := month(w[1])
		if err != nil {
			return nil, nil, err
		}
		a, b, ok := strings.Cut(w[2], "-")
		if !ok {
			return nil, nil, fmt.Errorf("write a range with a hyphen, e.g. days April 24-30")
		}
		d1, err := dayNum(a)
		if err != nil {
			return nil, nil, err
		}
		m2 := m1
		rest := w[3:]
		switch {
		case b == "" && len(rest) >= 2: // days November 28- December 4
			if m2, err = month(rest[0]); err != nil {
				return nil, nil, err
			}
			b, rest = rest[1], rest[2:]
		case b != "" && len(rest) >= 1: // days November 28-December 4
			if m, merr := month(b); merr == nil {
				m2, b, rest = m, rest[0], rest[1:]
			}
		}
		d2, err := dayNum(b)
		if err != nil {
			return nil, nil, err
		}
		if m2 < m1 || (m2 == m1 && d2 < d1) {
			return nil, nil, fmt.Errorf("the range ends before it starts")
		}
		return fixedRule{m1, d1, m2, d2}, rest, nil
	case w[0] == "week" && len(w) >= 6 && w[1] == "containing":
		m, err := month(w[2])
		if err != nil {
			return nil, nil, err
		}
		d, err := dayNum(w[3])
		if err != nil {
			return nil, nil, err
		}
		if w[4] != "from" {
			return nil, nil, fmt.Errorf("write the week's first day, e.g. week containing September 10 from Sunday")
		}
		wd, err := weekday(w[5])
		if err != nil {
			return nil, nil, err
		}
		return weekContaining{m, d, wd}, w[6:], nil
	}
	if n, err := strconv.Atoi(w[0]); err == nil && len(w) >= 3 && w[1] == "days" && w[2] == "from" {
		if n < 1 || n > 62 {
			return nil, nil, fmt.Errorf("%d days is not a length an observance can have (1 to 62)", n)
		}
		base, rest, err := parse(w[3:])
		if err != nil {
			return nil, nil, err
		}
		return spanFrom{n, base}, rest, nil
	}
	if wd, err := weekday(w[0]); err == nil && len(w) >= 3 && (w[1] == "before" || w[1] == "after") {
		base, rest, err := parse(w[2:])
		if err != nil {
			return nil, nil, err
		}
		return relative{wd, w[1] == "after", base}, rest, nil
	}
	if n, err := ordinal(w[0]); err == nil && len(w) >= 2 {
		if len(w) >= 7 && w[1] == "full" && w[2] == "week" && w[3] == "of" && w[5] == "from" {
			m, err := month(w[4])
			if err != nil {
				return nil, nil, err
			}
			wd, err := weekday(w[6])
			if err != nil {
				return nil, nil, err
			}
			return fullWeek{n, m, wd}, w[7:], nil
		}
		if len(w) >= 4 && w[2] == "of" {
			wd, err := weekday(w[1])
			if err != nil {
				return nil, nil, err
			}
			m, err := month(w[3])
			if err != nil {
				return nil, nil, err
			}
			return nthWeekday{n, wd, m}, w[4:], nil
		}
	}
	return nil, nil, fmt.Errorf("cannot read %q", strings.Join(w, " "))
}

func checkPossible(r Rule) error {
	switch x := r.(type) {
	case fixedRule:
		if x.d1 > daysIn(2028, x.m1) || x.d2 > daysIn(2028, x.m2) {
			return fmt.Errorf("%s has no such day", x)
		}
	case nthWeekday:
		if x.n == 5 {
			return fmt.Errorf("a fifth weekday does not exist in every year; use last")
		}
	case fullWeek:
		if x.n > 4 {
			return fmt.Errorf("a month has at most four full weeks in every year; use last")
		}
	case weekContaining:
		if x.d > daysIn(2028, x.m) {
			return fmt.Errorf("%s %d does not exist", x.m, x.d)
		}
	case spanFrom:
		return checkPossible(x.base)
	case relative:
		return checkPossible(x.base)
	}
	return nil
}

func daysIn(y int, m time.Month) int { return day(y, m+1, 0).Day() }

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		monthNames[name] = m
		monthNames[name[:3]] = m
	}
}

func month(s string) (time.Month, error) {
	if m, ok := monthNames[s]; ok {
		return m, nil
	}
	return 0, fmt.Errorf("%q is not a month (write January … December)", s)
}

func weekday(s string) (time.Weekday, error) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.ToLower(d.String()) == s {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a day of the week", s)
}

func dayNum(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 31 {
		return 0, fmt.Errorf("%q is not a day of the month (1 to 31)", s)
	}
	return n, nil
}

// ordinal reads first … fourth, 1st … 5th and last (-1).
func ordinal(s string) (int, error) {
	switch s {
	case "first", "1st":
		return 1, nil
	case "second", "2nd":
		return 2, nil
	case "third", "3rd":
		return 3, nil
	case "fourth", "4th":
		return 4, nil
	case "fifth", "5th":
		return 5, nil
	case "last":
		return -1, nil
	}
	return 0, fmt.Errorf("%q is not first, second, third, fourth or last", s)
}

func ordName(n int) string {
	return map[int]string{1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}[n]
}

type sponsorRule struct{}

func (sponsorRule) Resolve(int) (Range, bool) { return Range{}, false }
func (sponsorRule) String() string            { return "set by sponsor" }

type monthRule struct{ m time.Month }

func (r monthRule) Resolve(y int) (Range, bool) {
	return Range{day(y, r.m, 1), day(y, r.m, daysIn(y, r.m))}, true
}
func (r monthRule) String() string { return "month " + r.m.String() }

type fixedRule struct {
	m1 time.Month
	d1 int
	m2 time.Month
	d2 int
}

func (r fixedRule) Resolve(y int) (Range, bool) {
	if r.d1 > daysIn(y, r.m1) || r.d2 > daysIn(y, r.m2) {
		return Range{}, false // February 29 outside a leap year
	}
	return Range{day(y, r.m1, r.d1), day(y, r.m2, r.d2)}, true
}
func (r fixedRule) String() string {
	if r.m1 == r.m2 && r.d1 == r.d2 {
		return fmt.Sprintf("day %s %d", r.m1, r.d1)
	}
	if r.m1 == r.m2 {
		return fmt.Sprintf("days %s %d-%d", r.m1, r.d1, r.d2)
	}
	return fmt.Sprintf("days %s %d-%s %d", r.m1, r.d1, r.m2, r.d2)
}

type nthWeekday struct {
	n  int
	wd time.Weekday
	m  time.Month
}

func nth(y int, m time.Month, wd time.Weekday, n int) time.Time {
	if n == -1 {
		last := day(y, m, daysIn(y, m))
		return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
	}
	first := day(y, m, 1)
	return first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
}

func (r nthWeekday) Resolve(y int) (Range, bool) {
	d := nth(y, r.m, r.wd, r.n)
	return Range{d, d}, d.Month() == r.m
}
func (r nthWeekday) String() string { return fmt.Sprintf("%s %s of %s", ordName(r.n), r.wd, r.m) }

// fullWeek is the nth (or last) seven-day week starting on wd that lies wholly in m.
type fullWeek struct {
	n  int
	m  time.Month
	wd time.Weekday
}

func (r fullWeek) Resolve(y int) (Range, bool) {
	var start time.Time
	if r.n == -1 {
		end := day(y, r.m, daysIn(y, r.m))
		lastDay := (r.wd + 6) % 7 // the week's last weekday
		end = end.AddDate(0, 0, -((int(end.Weekday()) - int(lastDay) + 7) % 7))
		start = end.AddDate(0, 0, -6)
	} else {
		start = nth(y, r.m, r.wd, r.n)
	}
	return Range{start, start.AddDate(0, 0, 6)}, true
}
func (r fullWeek) String() string {
	return fmt.Sprintf("%s full week of %s from %s", ordName(r.n), r.m, r.wd)
}

// relative is the weekday wd strictly before (or after) the start of base.
type relative struct {
	wd    time.Weekday
	after bool
	base  Rule
}

func (r relative) Resolve(y int) (Range, bool) {
	b, ok := r.base.Resolve(y)
	if !ok {
		return Range{}, false
	}
	var d time.Time
	if r.after {
		d = b.Start.AddDate(0, 0, (int(r.wd)-int(b.Start.Weekday())+6)%7+1)
	} else {
		d = b.Start.AddDate(0, 0, -((int(b.Start.Weekday())-int(r.wd)+6)%7 + 1))
	}
	return Range{d, d}, true
}
func (r relative) String() string {
	w := "before"
	if r.after {
		w = "after"
	}
	return fmt.Sprintf("%s %s %s", r.wd, w, r.base)
}

type weekContaining struct {
	m  time.Month
	d  int
	wd time.Weekday
}

func (r weekContaining) Resolve(y int) (Range, bool) {
	if r.d > daysIn(y, r.m) {
		return Range{}, false
	}
	d := day(y, r.m, r.d)
	start := d.AddDate(0, 0, -((int(d.Weekday()) - int(r.wd) + 7) % 7))
	return Range{start, start.AddDate(0, 0, 6)}, true
}
func (r weekContaining) String() string {
	return fmt.Sprintf("week containing %s %d from %s", r.m, r.d, r.wd)
}

type spanFrom struct {
	n    int
	base Rule
}

func (r spanFrom) Resolve(y int) (Range, bool) {
	b, ok := r.base.Resolve(y)
	if !ok {
		return Range{}, false
	}
	return Range{b.Start, b.Start.AddDate(0, 0, r.n-1)}, true
}
func (r spanFrom) String() string { return fmt.Sprintf("%d days from %s", r.n, r.base) }
