// Package calendar implements `factdesk calendar`.
package calendar

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/outfile"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/calendar"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/observances"
	"github.com/factdesk/factdesk/tools/content"
)

// Options are the parsed flags of `factdesk calendar`.
type Options struct {
	Factory   *factory.Factory
	Month     string
	Next      int
	Export    string
	Year      int
	Out       string
	DateOrder string
	NoMark    bool
	DryRun    bool
}

// Exports are the accepted --export values.
var Exports = []string{"ics", "hootsuite", "sprout", "json"}

// NewCmdCalendar returns the calendar command. runF replaces the run function in tests.
func NewCmdCalendar(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "calendar [--month YYYY-MM | --next DAYS | --export FORMAT --year YEAR]",
		Short: "Show the campaign calendar, or export it to iCalendar, Hootsuite, Sprout Social or JSON",
		Long: `Calendar shows the observances and campaign posts of a month (the default: this
month) or of the next days, in the organisation's time zone.

--export writes the year's calendar:
  ics        one iCalendar file: every observance (all-day) and every post
  json       one JSON file with the same items and the text each channel receives
  hootsuite  Hootsuite Bulk Composer CSV files, one per channel, at most 350 rows each
  sprout     Sprout Social Bulk Scheduling CSV files, one per channel, at most 350 rows each

Hootsuite and Sprout exports mark each exported channel in its post's front matter
(exported: {channel: hootsuite}) so that factdesk's publisher never sends it too; commit
that change with the export. Drafts are not exported to schedulers. Times are written in
the organisation's time zone (factdesk.yaml timezone): set the scheduler to the same zone.`,
		Example: `  factdesk calendar
  factdesk calendar --month 2027-04
  factdesk calendar --next 7
  factdesk calendar --export hootsuite --year 2027 --out exports/
  factdesk calendar --export ics --year 2027 --out -`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Export != "" && !slices.Contains(Exports, opts.Export) {
				return factory.UsageErrorf("--export %q is not supported; use %s", opts.Export, strings.Join(Exports, ", "))
			}
			if opts.DateOrder != string(calendar.MonthFirst) && opts.DateOrder != string(calendar.DayFirst) {
				return factory.UsageErrorf("--date-order %q: use mdy (month first, as in the US) or dmy (day first)", opts.DateOrder)
			}
			if opts.Next < 0 || opts.Next > 366 {
				return factory.UsageErrorf("--next %d: give a number of days from 1 to 366", opts.Next)
			}
			if opts.Year != 0 && (opts.Year < 2000 || opts.Year > 2100) {
				return factory.UsageErrorf("--year %d is out of range; give a year such as 2027", opts.Year)
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Month, "month", "", "show this month, YYYY-MM (default: this month)")
	cmd.Flags().IntVar(&opts.Next, "next", 0, "show the next DAYS days instead of a month (e.g. 7)")
	cmd.Flags().StringVar(&opts.Export, "export", "", "export format: "+strings.Join(Exports, ", "))
	cmd.Flags().IntVar(&opts.Year, "year", 0, "year to export (default: this year)")
	cmd.Flags().StringVar(&opts.Out, "out", "exports", "folder to write exports to; - writes an ics or json export to standard output")
	cmd.Flags().StringVar(&opts.DateOrder, "date-order", "mdy", "date order in CSV exports: mdy or dmy (as chosen in the scheduler's import settings)")
	cmd.Flags().BoolVar(&opts.NoMark, "no-mark", false, "do not mark exported channels in the posts' front matter")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show what an export would write, change nothing")
	return cmd
}

// Run shows or exports the calendar.
func Run(opts *Options) error {
	f := opts.Factory
	set, err := observances.Load(f)
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	zone, err := time.LoadLocation(cfg.Timezone)
	if err != nil || cfg.Timezone == "" {
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("factdesk.yaml timezone %q is not an IANA zone; use a name such as America/New_York", cfg.Timezone)}
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	now := f.Now().In(zone)
	if bad := calendar.Unresolved(repo.Posts); len(bad) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "note: %d posts are left out because their time cannot be read; fix them (factdesk check shows all problems):\n  %s\n", len(bad), strings.Join(bad, "\n  "))
	}
	if opts.Export != "" {
		year := opts.Year
		if year == 0 {
			year = now.Year()
		}
		from := time.Date(year, 1, 1, 0, 0, 0, 0, zone)
		items := calendar.Build(set, repo, cfg, from, from.AddDate(1, 0, 0))
		return export(opts, cfg.Organisation.Name, cfg.Organisation.Site, year, items, zone)
	}
	if opts.Next > 0 {
		from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, zone)
		items := calendar.Build(set, repo, cfg, from, from.AddDate(0, 0, opts.Next))
		return calendar.DaysView(f.IO.Out, items, from, opts.Next, zone)
	}
	y, m := now.Year(), now.Month()
	if opts.Month != "" {
		t, err := time.Parse("2006-01", opts.Month)
		if err != nil {
			return factory.UsageErrorf("--month %q: write the month as YYYY-MM, e.g. 2027-04", opts.Month)
		}
		y, m = t.Year(), t.Month()
	}
	from := time.Date(y, m, 1, 0, 0, 0, 0, zone)
	items := calendar.Build(set, repo, cfg, from, from.AddDate(0, 1, 0))
	return calendar.MonthView(f.IO.Out, items, y, m, zone)
}

func export(opts *Options, org, site string, year int, items []calendar.Item, zone *time.Location) error {
	f := opts.Factory
	root, _ := f.Root()
	outDir := opts.Out
	if outDir != "-" && !filepath.IsAbs(outDir) {
		outDir = filepath.Join(root, outDir)
	}
	write := func(name string, data []byte) error {
		if opts.DryRun {
			fmt.Fprintf(f.IO.ErrOut, "would write %s (%d bytes)\n", filepath.Join(opts.Out, name), len(data))
			return nil
		}
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", opts.Out, err)
		}
		if err := outfile.WriteFile(filepath.Join(outDir, name), data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		fmt.Fprintf(f.IO.ErrOut, "wrote %s\n", filepath.Join(opts.Out, name))
		return nil
	}
	switch opts.Export {
	case "ics", "json":
		var b strings.Builder
		var err error
		if opts.Export == "ics" {
			err = calendar.WriteICS(&b, items, calendar.ICSOptions{Name: org + " campaign calendar", Domain: host(site), Stamp: f.Now().UTC().Truncate(time.Second)})
		} else {
			err = writeJSON(&b, items)
		}
		if err != nil {
			return fmt.Errorf("exporting %s: %w", opts.Export, err)
		}
		if opts.Out == "-" {
			_, err := io.WriteString(f.IO.Out, b.String())
			return err
		}
		return write(fmt.Sprintf("factdesk-%d.%s", year, opts.Export), []byte(b.String()))
	}
	if opts.Out == "-" {
		return factory.UsageErrorf("--out -: %s exports are several files; give a folder", opts.Export)
	}
	rows, late := calendar.Schedulable(calendar.Rows(items, opts.Export, zone), f.Now(), 10*time.Minute)
	if len(late) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "left out %d post-channels whose time is past or less than 10 minutes away; %s only schedules later posts\n", len(late), opts.Export)
	}
	for _, w := range calendar.Warnings(rows, opts.Export) {
		fmt.Fprintf(f.IO.ErrOut, "warning: %s\n", w)
	}
	build := calendar.Hootsuite
	if opts.Export == calendar.ToolSprout {
		build = calendar.Sprout
	}
	files, err := build(rows, calendar.DateOrder(opts.DateOrder))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "no posts to export for %d (drafts, past posts and channels exported to another tool are left out)\n", year)
		return nil
	}
	for _, file := range files {
		if err := write(file.Name, file.Data); err != nil {
			return err
		}
	}
	if opts.NoMark || opts.DryRun {
		return nil
	}
	// Mark every exported channel in its post.
	marks := map[string][]string{}
	for _, r := range rows {
		marks[r.Path] = append(marks[r.Path], r.Channel)
	}
	changed := 0
	for path, chs := range marks {
		ok, err := calendar.MarkExported(filepath.Join(root, filepath.FromSlash(path)), chs, opts.Export)
		if err != nil {
			return err
		}
		if ok {
			changed++
		}
	}
	fmt.Fprintf(f.IO.ErrOut, "%d posts, %d post-channels exported to %s; marked %d post files (exported:), so factdesk will not publish them; commit them with: git add %s\n",
		len(marks), len(rows), opts.Export, changed, content.CampaignsDir)
	fmt.Fprintf(f.IO.ErrOut, "times are in %s: set %s to the same time zone before uploading\n", zone, opts.Export)
	return nil
}

func writeJSON(w io.Writer, items []calendar.Item) error {
	if items == nil {
		items = []calendar.Item{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

func host(site string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(site, "https://"), "http://")
	if i := strings.IndexAny(s, "/:"); i >= 0 {
		s = s[:i]
	}
	return s
}
