package calendar

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// MonthView writes a month grid (weeks from Monday) marking each day's number of posts,
// followed by the month's observances and posts, in zone.
func MonthView(w io.Writer, items []Item, year int, month time.Month, zone *time.Location) error {
	first := time.Date(year, month, 1, 0, 0, 0, 0, zone)
	days := first.AddDate(0, 1, -1).Day()
	posts := map[int]int{}
	for _, it := range items {
		if it.Kind == KindPost {
			l := it.Start.In(zone)
			if l.Year() == year && l.Month() == month {
				posts[l.Day()]++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d  (%s; * = posts that day)\n", month, year, zone)
	b.WriteString("  Mon    Tue    Wed    Thu    Fri    Sat    Sun\n")
	offset := (int(first.Weekday()) + 6) % 7
	b.WriteString(strings.Repeat("       ", offset))
	for d := 1; d <= days; d++ {
		mark := "   "
		if n := posts[d]; n > 0 {
			mark = fmt.Sprintf("*%-2d", n)
		}
		fmt.Fprintf(&b, " %2d%s ", d, mark)
		if (offset+d)%7 == 0 {
			b.WriteString("\n")
		}
	}
	if (offset+days)%7 != 0 {
		b.WriteString("\n")
	}
	monthStart := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	monthEnd := monthStart.AddDate(0, 1, -1)
	b.WriteString("\nObservances\n")
	n := 0
	for _, it := range items {
		if it.Kind == KindObservance && !it.End.Before(monthStart) && !it.Start.After(monthEnd) {
			fmt.Fprintf(&b, "  %-23s %s (%s)\n", span(it), it.Title, it.Slug)
			n++
		}
	}
	if n == 0 {
		b.WriteString("  none\n")
	}
	b.WriteString("\nPosts\n")
	n = 0
	for _, it := range items {
		if it.Kind != KindPost {
			continue
		}
		l := it.Start.In(zone)
		if l.Year() == year && l.Month() == month {
			b.WriteString(postLine(it, zone))
			n++
		}
	}
	if n == 0 {
		b.WriteString("  none\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DaysView writes, for each of n days from the date of from, the observances running and
// the posts going out, in zone.
func DaysView(w io.Writer, items []Item, from time.Time, n int, zone *time.Location) error {
	var b strings.Builder
	start := from.In(zone)
	for i := 0; i < n; i++ {
		d := time.Date(start.Year(), start.Month(), start.Day()+i, 0, 0, 0, 0, zone)
		date := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		fmt.Fprintf(&b, "%s\n", d.Format("Mon 2 Jan 2006"))
		any := false
		for _, it := range items {
			if it.Kind == KindObservance && !date.Before(it.Start) && !date.After(it.End) {
				fmt.Fprintf(&b, "  ◆ %s (%s)\n", it.Title, span(it))
				any = true
			}
		}
		for _, it := range items {
			if it.Kind != KindPost {
				continue
			}
			l := it.Start.In(zone)
			if l.Year() == d.Year() && l.YearDay() == d.YearDay() {
				b.WriteString(postLine(it, zone))
				any = true
			}
		}
		if !any {
			b.WriteString("  nothing planned\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func span(it Item) string {
	if it.Start.Equal(it.End) {
		return it.Start.Format("Jan 2")
	}
	return it.Start.Format("Jan 2") + " – " + it.End.Format("Jan 2")
}

func postLine(it Item, zone *time.Location) string {
	l := it.Start.In(zone)
	state := ""
	if it.Draft {
		state = " [draft]"
	}
	var ex []string
	for ch, tool := range it.Exported {
		ex = append(ex, ch+"→"+tool)
	}
	if len(ex) > 0 {
		state += " [exported: " + strings.Join(sorted(ex), ", ") + "]"
	}
	own := ""
	if it.Zone != "" && it.Zone != zone.String() {
		own = fmt.Sprintf(" (%s %s)", it.Start.In(mustZone(it.Zone, zone)).Format("15:04"), it.Zone)
	}
	return fmt.Sprintf("  %s%s  %s%s\n         %s  (%s)\n", l.Format("Jan 2 15:04"), own, it.Title, state, strings.Join(it.Channels, ", "), it.Path)
}

func mustZone(name string, fallback *time.Location) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return fallback
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
