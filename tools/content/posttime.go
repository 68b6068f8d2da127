package content

import (
	"fmt"
	"time"
	_ "time/tzdata" // the same zone rules on every host, with or without a system zone database
)

// LocalLayouts are the accepted ways to write publish_at: local wall-clock time with no
// offset, since the zone is given separately.
var LocalLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"}

// TimeError explains why a local time cannot be used.
type TimeError struct {
	// Field is the front-matter key at fault: "publish_at" or "timezone".
	Field string
	Msg   string
}

func (e *TimeError) Error() string { return e.Msg }

// ResolveLocal turns a wall-clock time in an IANA zone into an instant. It refuses
// times that do not exist (skipped by a daylight-saving change) or that occur twice.
func ResolveLocal(wall, zone string) (time.Time, error) {
	if zone == "" {
		return time.Time{}, &TimeError{"timezone", "timezone is empty; give an IANA zone such as America/New_York"}
	}
	if zone == "Local" {
		return time.Time{}, &TimeError{"timezone", "timezone \"Local\" depends on the machine; give an IANA zone such as America/New_York"}
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, &TimeError{"timezone", fmt.Sprintf("timezone %q is not an IANA zone; use a name such as America/New_York, Europe/London or UTC", zone)}
	}
	var naive time.Time
	var perr error
	for _, l := range LocalLayouts {
		if naive, perr = time.Parse(l, wall); perr == nil {
			break
		}
	}
	if perr != nil {
		if _, err := time.Parse(time.RFC3339, wall); err == nil {
			return time.Time{}, &TimeError{"publish_at", fmt.Sprintf("publish_at %q carries a UTC offset; write the local time only (e.g. 2027-02-01T09:00) and put the zone in timezone", wall)}
		}
		return time.Time{}, &TimeError{"publish_at", fmt.Sprintf("publish_at %q is not a local time; write it as YYYY-MM-DDTHH:MM, e.g. 2027-02-01T09:00", wall)}
	}
	// naive holds the wall clock as if it were UTC. Each UTC offset the zone uses around
	// that moment gives a candidate instant; the wall clock exists once when exactly one
	// candidate reads back as the same wall clock, never when none does (skipped by a
	// daylight-saving change) and twice when two do (the clocks went back). Comparing
	// offsets rather than assuming one-hour shifts also handles zones such as
	// Australia/Lord_Howe that move by 30 minutes.
	var found []time.Time
	seen := map[int]bool{}
	for _, probe := range []time.Duration{-48 * time.Hour, -24 * time.Hour, 0, 24 * time.Hour, 48 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		cand := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if sameWall(cand, naive) {
			found = append(found, cand)
		}
	}
	switch len(found) {
	case 0:
		return time.Time{}, &TimeError{"publish_at", fmt.Sprintf("%s does not exist in %s: the clocks skip it for daylight saving time; pick a time outside the skipped hour", wall, zone)}
	case 1:
		return found[0], nil
	}
	return time.Time{}, &TimeError{"publish_at", fmt.Sprintf("%s occurs twice in %s when the clocks go back for daylight saving time; pick a time outside that hour", wall, zone)}
}

func sameWall(t, naive time.Time) bool {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	ny, nmo, nd := naive.Date()
	nh, nmi, ns := naive.Clock()
	return y == ny && mo == nmo && d == nd && h == nh && mi == nmi && s == ns
}

// Time returns the post's publish instant.
func (p Post) Time() (time.Time, error) {
	return ResolveLocal(p.PublishAt, p.Timezone)
}
