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
type TimeError struct{ Msg string }

func (e *TimeError) Error() string { return e.Msg }

// ResolveLocal turns a wall-clock time in an IANA zone into an instant. It refuses
// times that do not exist (skipped by a daylight-saving change) or that occur twice.
func ResolveLocal(wall, zone string) (time.Time, error) {
	if zone == "" {
		return time.Time{}, &TimeError{"timezone is empty; give an IANA zone such as America/New_York"}
	}
	if zone == "Local" {
		return time.Time{}, &TimeError{"timezone \"Local\" depends on the machine; give an IANA zone such as America/New_York"}
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, &TimeError{fmt.Sprintf("timezone %q is not an IANA zone; use a name such as America/New_York, Europe/London or UTC", zone)}
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
			return time.Time{}, &TimeError{fmt.Sprintf("publish_at %q carries a UTC offset; write the local time only (e.g. 2027-02-01T09:00) and put the zone in timezone", wall)}
		}
		return time.Time{}, &TimeError{fmt.Sprintf("publish_at %q is not a local time; write it as YYYY-MM-DDTHH:MM, e.g. 2027-02-01T09:00", wall)}
	}
	y, mo, d := naive.Date()
	h, mi, s := naive.Clock()
	t := time.Date(y, mo, d, h, mi, s, 0, loc)
	if t.Hour() != h || t.Minute() != mi {
		return time.Time{}, &TimeError{fmt.Sprintf("%s does not exist in %s: the clocks skip it for daylight saving time; pick a time at least an hour later or earlier", wall, zone)}
	}
	// A wall time occurs twice when the same wall clock maps to two instants an hour apart.
	for _, shift := range []time.Duration{-time.Hour, time.Hour} {
		other := t.Add(shift)
		oh, om, _ := other.Clock()
		if oh == h && om == mi && other.Day() == d {
			return time.Time{}, &TimeError{fmt.Sprintf("%s occurs twice in %s when the clocks go back for daylight saving time; pick a time outside that hour", wall, zone)}
		}
	}
	return t, nil
}

// Time returns the post's publish instant.
func (p Post) Time() (time.Time, error) {
	return ResolveLocal(p.PublishAt, p.Timezone)
}
