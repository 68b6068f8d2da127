// Package plan implements `factdesk plan`.
package plan

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/calendar"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/observances"
	"github.com/factdesk/factdesk/tools/plan"
)

// Options are the parsed flags of `factdesk plan`.
type Options struct {
	Factory    *factory.Factory
	Year       int
	Observance string
	DryRun     bool
}

// NewCmdPlan returns the plan command. runF replaces the run function in tests.
func NewCmdPlan(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "plan --year YEAR [--observance SLUG] [--dry-run]",
		Short: "Scaffold draft campaign posts around a year's observances",
		Long: `Plan writes draft campaign posts (draft: true) under campaigns/<year>/ for the
observances of a year, or one observance, with suggested publish times in the
organisation's time zone. Times follow calendar.plan in factdesk.yaml: posting windows per
channel, a minimum gap between posts on a channel, a maximum per day and quiet hours.
Existing posts keep their slots and count towards their observance; existing files are
never overwritten. Times that a daylight-saving change skips or repeats are never used.`,
		Example: `  factdesk plan --year 2027 --dry-run
  factdesk plan --year 2027 --observance world-aids-day`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Year < 2000 || opts.Year > 2100 {
				return factory.UsageErrorf("--year is required: give the year to plan, such as 2027")
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Year, "year", 0, "year to plan (required)")
	cmd.Flags().StringVar(&opts.Observance, "observance", "", "plan only this observance (slug)")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show the plan without writing files")
	return cmd
}

// Run makes the plan and writes the drafts.
func Run(opts *Options) error {
	f := opts.Factory
	set, err := observances.Load(f)
	if err != nil {
		return err
	}
	cfg, err := f.CheckedConfig()
	if err != nil {
		return err
	}
	rules, err := plan.RulesFrom(cfg)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	if bad := calendar.Unresolved(repo.Posts); len(bad) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "note: %d posts have no readable time, so their slots are not known; fix them (factdesk check shows all problems):\n  %s\n", len(bad), strings.Join(bad, "\n  "))
	}
	res, err := plan.Plan(set, repo, opts.Year, opts.Observance, rules)
	if err != nil {
		return factory.UsageErrorf("%v", err)
	}
	drafts := res.Drafts
	if !opts.DryRun {
		root, _ := f.Root()
		if drafts, err = plan.Write(root, drafts); err != nil {
			return err
		}
	}
	w := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "PUBLISH AT\tZONE\tCHANNELS\tFILE")
	written := 0
	for _, d := range drafts {
		state := ""
		if d.Exists {
			state = "  (exists, left alone)"
		} else {
			written++
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s%s\n", d.Wall, d.Zone, len(d.Channels), d.Path, state)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, s := range res.Skips {
		fmt.Fprintf(f.IO.ErrOut, "skipped %s: %s\n", s.Slug, s.Reason)
	}
	verb := "wrote"
	if opts.DryRun {
		verb = "would write"
	}
	fmt.Fprintf(f.IO.ErrOut, "%s %d draft posts for %d (draft: true); edit their copy, then remove draft: true\n", verb, written, opts.Year)
	return nil
}
