// Package plan places draft campaign posts around the year's health observances: it
// picks publish times inside each channel's posting windows, in the organisation's time
// zone, keeping a minimum gap between posts on a channel, a maximum per day and quiet
// hours, and never proposes a time that a daylight-saving change skips or repeats.
package plan

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/factdesk/factdesk/tools/outfile"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/observance"
)

// WallLayout is how publish_at is written in scaffolded posts.
const WallLayout = "2006-01-02T15:04"

// Rules are the placement rules, read from factdesk.yaml's calendar.plan.
type Rules struct {
	// Zone is the organisation's IANA zone.
	Zone     string
	Channels []string
	// Windows are the posting windows of each channel.
	Windows   map[string][]config.ClockSpan
	MinGap    time.Duration
	MaxPerDay int
	Quiet     config.ClockSpan
	PerMonth  int
}

// RulesFrom reads the placement rules from the configuration. Its errors name the
// setting to fix.
func RulesFrom(cfg *config.Config) (Rules, error) {
	cal := cfg.Calendar
	r := Rules{Zone: cfg.Timezone, MaxPerDay: cal.Plan.MaxPerDay, PerMonth: cal.Plan.PostsPerMonth, Windows: map[string][]config.ClockSpan{}}
	if _, err := content.ResolveLocal("2027-01-01T12:00", r.Zone); err != nil {
		return r, fmt.Errorf("factdesk.yaml timezone: %w", err)
	}
	r.Channels = cal.Plan.Channels
	if len(r.Channels) == 0 {
		for name, a := range cfg.Accounts {
			if a.Platform != "outbox" && a.Platform != "webhook" {
				r.Channels = append(r.Channels, name)
			}
		}
		sort.Strings(r.Channels)
	}
	if len(r.Channels) == 0 {
		return r, fmt.Errorf("factdesk.yaml has no social accounts to plan for; add accounts, or list them under calendar.plan.channels")
	}
	for _, ch := range r.Channels {
		acct, ok := cfg.Accounts[ch]
		if !ok {
			return r, fmt.Errorf("factdesk.yaml calendar.plan.channels: %q is not an account", ch)
		}
		spans := cal.Plan.Windows[ch]
		if spans == nil {
			spans = cal.Plan.Windows[acct.Platform]
		}
		if spans == nil {
			spans = cal.Plan.Windows["default"]
		}
		if len(spans) == 0 {
			return r, fmt.Errorf("factdesk.yaml calendar.plan.windows: no posting window for %q; add one under its name, its platform or default", ch)
		}
		for _, s := range spans {
			cs, err := config.ParseClockSpan(s)
			if err != nil {
				return r, fmt.Errorf("factdesk.yaml calendar.plan.windows: %w", err)
			}
			r.Windows[ch] = append(r.Windows[ch], cs)
		}
	}
	r.MinGap = cal.Plan.MinGap
	var err error
	if r.Quiet, err = config.ParseClockSpan(cal.Plan.QuietHours); err != nil {
		return r, fmt.Errorf("factdesk.yaml calendar.plan.quiet_hours: %w", err)
	}
	if r.MaxPerDay < 1 {
		return r, fmt.Errorf("factdesk.yaml calendar.plan.max_per_day must be 1 or more")
	}
	return r, nil
}

// Draft is one post the planner proposes.
type Draft struct {
	Slug       string
	Path       string // relative to the repository root
	Observance *observance.Observance
	// Wall is the local publish time, written publish_at.
	Wall     string
	Zone     string
	At       time.Time
	Channels []string
	// Exists is true when a file of this name is already there; it is left alone.
	Exists bool
}

// Skip is an observance the planner placed nothing for, and why.
type Skip struct {
	Slug, Reason string
}

// Result is a plan.
type Result struct {
	Drafts []Draft
	Skips  []Skip
}

// Plan proposes draft posts for year: for every observance with dates that year (or only
// the one named), as many posts as its length calls for, less those that already exist.
// Existing posts occupy their slots.
func Plan(set *observance.Set, repo *content.Repo, year int, only string, rules Rules) (*Result, error) {
	loc, err := time.LoadLocation(rules.Zone)
	if err != nil {
		return nil, fmt.Errorf("timezone %q: %w", rules.Zone, err)
	}
	busy := map[string][]time.Time{} // channel → instants taken
	existingFor := map[string]int{}  // observance → posts already written for year
	taken := map[string]bool{}
	for _, p := range repo.Posts {
		taken[strings.TrimSuffix(filepath.Base(p.Path), ".md")] = true
		if !p.OK {
			continue
		}
		at, err := p.Time()
		if err != nil {
			continue
		}
		for _, ch := range p.Channels {
			busy[ch] = append(busy[ch], at)
		}
		if at.In(loc).Year() == year {
			existingFor[p.Observance]++
		}
	}
	var list []*observance.Observance
	if only != "" {
		o := set.Get(only)
		if o == nil {
			return nil, fmt.Errorf("observance %q is not in %s; run 'factdesk observances' for the list", only, observance.DataFile)
		}
		list = []*observance.Observance{o}
	} else {
		list = set.List
	}
	type target struct {
		o    *observance.Observance
		rng  observance.Range
		days []time.Time
	}
	var targets []target
	res := &Result{}
	for _, o := range list {
		if o.InDoubt() {
			res.Skips = append(res.Skips, Skip{o.Slug, fmt.Sprintf("it may have been discontinued (%s); once its sponsor confirms it still runs, remove status: %s from %s", strings.TrimSuffix(o.StatusNote, "."), observance.StatusPossiblyDiscontinued, observance.DataFile)})
			continue
		}
		rng, ok := o.Resolve(year)
		if !ok {
			res.Skips = append(res.Skips, Skip{o.Slug, fmt.Sprintf("its %d dates are set by its sponsor and not entered yet (add them under years: in %s)", year, observance.DataFile)})
			continue
		}
		days := targetDays(o.Kind, rng, rules.PerMonth)
		if n := existingFor[o.Slug]; n > 0 {
			if n >= len(days) {
				res.Skips = append(res.Skips, Skip{o.Slug, fmt.Sprintf("it already has %d posts in %d", n, year)})
				continue
			}
			days = days[n:]
		}
		targets = append(targets, target{o, rng, days})
	}
	// Short observances choose first, so a day is not crowded out by a month around it.
	sort.SliceStable(targets, func(i, j int) bool {
		a, b := targets[i].rng, targets[j].rng
		if a.Days() != b.Days() {
			return a.Days() < b.Days()
		}
		return a.Start.Before(b.Start)
	})
	for _, t := range targets {
		n := existingFor[t.o.Slug]
		for _, d := range t.days {
			at, wall, ok := findSlot(d, t.rng.End, rules, loc, busy)
			if !ok {
				res.Skips = append(res.Skips, Skip{t.o.Slug, fmt.Sprintf("no free slot from %s to %s within the posting windows, quiet hours, gap and daily maximum", d.Format("2006-01-02"), t.rng.End.Format("2006-01-02"))})
				continue
			}
			n++
			slug := fmt.Sprintf("%s-%d-%d", t.o.Slug, year, n)
			for taken[slug] {
				n++
				slug = fmt.Sprintf("%s-%d-%d", t.o.Slug, year, n)
			}
			taken[slug] = true
			for _, ch := range rules.Channels {
				busy[ch] = append(busy[ch], at)
			}
			res.Drafts = append(res.Drafts, Draft{Slug: slug, Path: filepath.ToSlash(filepath.Join(content.CampaignsDir, strconv.Itoa(year), slug+".md")),
				Observance: t.o, Wall: wall, Zone: rules.Zone, At: at, Channels: rules.Channels})
		}
	}
	sort.SliceStable(res.Drafts, func(i, j int) bool { return res.Drafts[i].At.Before(res.Drafts[j].At) })
	return res, nil
}

// targetDays spreads the first posts of an observance: one for a day, two for a week
// (its first day and midway), perMonth for longer spans, evenly.
func targetDays(kind string, r observance.Range, perMonth int) []time.Time {
	n := r.Days()
	switch {
	case n <= 1:
		return []time.Time{r.Start}
	case n <= 10:
		return []time.Time{r.Start, r.Start.AddDate(0, 0, n/2)}
	}
	if perMonth < 1 {
		perMonth = 1
	}
	var out []time.Time
	for i := 0; i < perMonth; i++ {
		out = append(out, r.Start.AddDate(0, 0, i*n/perMonth))
	}
	return out
}

// findSlot returns the first instant from the date from to the date last that fits
// every rule on every channel, trying each window in half-hour steps.
func findSlot(from, last time.Time, rules Rules, loc *time.Location, busy map[string][]time.Time) (time.Time, string, bool) {
	for d := from; !d.After(last); d = d.AddDate(0, 0, 1) {
		for _, tod := range candidateTimes(rules) {
			wall := d.Add(tod).Format(WallLayout)
			at, err := content.ResolveLocal(wall, rules.Zone)
			if err != nil {
				continue // skipped or repeated by a daylight-saving change
			}
			if fits(at, tod, rules, loc, busy) {
				return at, wall, true
			}
		}
	}
	return time.Time{}, "", false
}

// candidateTimes are the times of day inside any channel's window, in half-hour steps,
// earliest first.
func candidateTimes(rules Rules) []time.Duration {
	seen := map[time.Duration]bool{}
	var out []time.Duration
	for _, ch := range rules.Channels {
		for _, w := range rules.Windows[ch] {
			for i, t := 0, w.Start; i < 48; i, t = i+1, (t+30*time.Minute)%(24*time.Hour) {
				if !w.Contains(t) {
					break
				}
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func fits(at time.Time, tod time.Duration, rules Rules, loc *time.Location, busy map[string][]time.Time) bool {
	if rules.Quiet.Contains(tod) {
		return false
	}
	local := at.In(loc)
	for _, ch := range rules.Channels {
		inWindow := false
		for _, w := range rules.Windows[ch] {
			if w.Contains(tod) {
				inWindow = true
			}
		}
		if !inWindow {
			return false
		}
		sameDay := 0
		for _, b := range busy[ch] {
			gap := at.Sub(b)
			if gap < 0 {
				gap = -gap
			}
			if gap < rules.MinGap {
				return false
			}
			bl := b.In(loc)
			if bl.Year() == local.Year() && bl.YearDay() == local.YearDay() {
				sameDay++
			}
		}
		if sameDay >= rules.MaxPerDay {
			return false
		}
	}
	return true
}

// placeholderPrefix starts the copy of every scaffolded post until someone writes it.
const placeholderPrefix = "Write the post for "

// Placeholder is the copy a scaffolded post carries until someone writes it.
func Placeholder(observanceName string) string {
	return placeholderPrefix + observanceName + " here."
}

// IsPlaceholder reports whether copy is still a scaffolded post's placeholder.
func IsPlaceholder(copy string) bool {
	return strings.HasPrefix(strings.TrimSpace(copy), placeholderPrefix) && strings.HasSuffix(strings.TrimSpace(copy), " here.")
}

// frontMatter is a scaffolded post's front matter, in the order people read it.
type frontMatter struct {
	Title      string            `yaml:"title"`
	Observance string            `yaml:"observance"`
	PublishAt  string            `yaml:"publish_at"`
	Timezone   string            `yaml:"timezone"`
	Channels   []string          `yaml:"channels,flow"`
	Draft      bool              `yaml:"draft"`
	Copy       map[string]string `yaml:"copy"`
}

// Render returns the Markdown file of a draft.
func (d Draft) Render() ([]byte, error) {
	fm := frontMatter{
		Title:      fmt.Sprintf("%s %d: %s", d.Observance.Name, d.At.Year(), strings.TrimPrefix(d.Slug, d.Observance.Slug+"-")),
		Observance: d.Observance.Slug,
		PublishAt:  d.Wall,
		Timezone:   d.Zone,
		Channels:   d.Channels,
		Draft:      true,
		Copy:       map[string]string{"default": Placeholder(d.Observance.Name)},
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, fmt.Errorf("writing %s: %w", d.Path, err)
	}
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "Scaffolded by `factdesk plan`. Suggested time: %s (%s). Write the copy, add factcheck: or link:, hashtags and images, then remove draft: true.\n", d.Wall, d.Zone)
	return b.Bytes(), nil
}

// Write creates the draft files under root, never replacing a file that exists. It
// returns the drafts with Exists set for those left alone.
func Write(root string, drafts []Draft) ([]Draft, error) {
	out := make([]Draft, len(drafts))
	for i, d := range drafts {
		out[i] = d
		body, err := d.Render()
		if err != nil {
			return out, err
		}
		full := filepath.Join(root, filepath.FromSlash(d.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return out, fmt.Errorf("creating %s: %w", filepath.Dir(d.Path), err)
		}
		err = outfile.CreateNew(full, body, 0o644)
		if errors.Is(err, outfile.ErrExist) {
			out[i].Exists = true
			continue
		}
		if err != nil {
			return out, fmt.Errorf("writing %s: %w", d.Path, err)
		}
	}
	return out, nil
}
