package config

import (
	"fmt"
	"strings"
	"time"
)

// Calendar holds the settings of `factdesk plan`, `factdesk calendar` and the copy rules
// of `factdesk check` (factdesk.yaml, section calendar).
type Calendar struct {
	// Tracking are query parameters every link to the organisation's own site must carry
	// in campaign posts, e.g. utm_source: "{platform}". Values may use {channel},
	// {platform}, {observance} and {post}.
	Tracking map[string]string `yaml:"tracking"`
	// MaxHashtags is the most hashtags a post may carry (copy and hashtags together); 0
	// allows none. Unset means 3.
	MaxHashtags *int `yaml:"max_hashtags"`
	// LeadDays is how many days before an observance starts its posts may go out; 0 means
	// only during it. Unset means 7.
	LeadDays *int `yaml:"lead_days"`
	// Plan are the rules `factdesk plan` places posts by.
	Plan Plan `yaml:"plan"`
}

// Plan says when `factdesk plan` may place posts, in the organisation's time zone.
type Plan struct {
	// Channels are the accounts scaffolded posts go to.
	Channels []string `yaml:"channels"`
	// Windows are the times of day posts may go out, per channel, or per platform, or
	// under "default": e.g. ["09:00-11:00", "13:00-15:00"].
	Windows map[string][]string `yaml:"windows"`
	// MinGap is the least time between two posts on one channel, written like 3h or
	// 90m. Default 3h.
	MinGap time.Duration `yaml:"min_gap"`
	// MaxPerDay is the most posts one channel gets in a day.
	MaxPerDay int `yaml:"max_per_day"`
	// QuietHours is a span of the day no post goes out, e.g. "20:00-08:00".
	QuietHours string `yaml:"quiet_hours"`
	// PostsPerMonth is how many posts to scaffold for a month-long observance;
	// weeks get one at the start and one midway, days one.
	PostsPerMonth int `yaml:"posts_per_month"`
}

// defaults fills in the settings the file left out. MinGap needs no filling: the file is
// read over its default (base).
func (c *Calendar) defaults() {
	if c.MaxHashtags == nil {
		n := 3
		c.MaxHashtags = &n
	}
	if c.LeadDays == nil {
		n := 7
		c.LeadDays = &n
	}
	if len(c.Plan.Windows) == 0 {
		c.Plan.Windows = map[string][]string{"default": {"09:00-11:30", "13:00-16:00"}}
	}
	if c.Plan.MaxPerDay == 0 {
		c.Plan.MaxPerDay = 2
	}
	if c.Plan.QuietHours == "" {
		c.Plan.QuietHours = "20:00-08:00"
	}
	if c.Plan.PostsPerMonth == 0 {
		c.Plan.PostsPerMonth = 4
	}
}

// ClockSpan is a span of the day, start inclusive, end exclusive; it may cross midnight.
type ClockSpan struct{ Start, End time.Duration }

// ParseClockSpan reads "HH:MM-HH:MM".
func ParseClockSpan(s string) (ClockSpan, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return ClockSpan{}, fmt.Errorf("%q is not a span of the day; write it as HH:MM-HH:MM, e.g. 09:00-11:30", s)
	}
	start, err1 := parseClock(a)
	end, err2 := parseClock(b)
	if err1 != nil || err2 != nil || start == end {
		return ClockSpan{}, fmt.Errorf("%q is not a span of the day; write it as HH:MM-HH:MM, e.g. 09:00-11:30", s)
	}
	return ClockSpan{start, end}, nil
}

// Contains reports whether the time of day d lies in the span.
func (c ClockSpan) Contains(d time.Duration) bool {
	if c.Start < c.End {
		return d >= c.Start && d < c.End
	}
	return d >= c.Start || d < c.End
}

func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}
