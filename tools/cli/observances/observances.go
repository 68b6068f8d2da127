// Package observances implements `factdesk observances`.
package observances

import (
	"bytes"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/observance"
)

// Options are the parsed flags of `factdesk observances`.
type Options struct {
	Factory *factory.Factory
	Year    int
	Format  string
	Write   bool
	Check   bool
}

// NewCmdObservances returns the observances command. runF replaces the run function in tests.
func NewCmdObservances(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "observances",
		Short: "List health observances with their dates for a year",
		Long: `Observances lists the health observances of data/observances.yaml with their dates
resolved for a year. Observances whose dates are set by their sponsor show "set by sponsor"
until someone enters the announced dates in the data file.

--write writes data/observances_resolved.json (this year and next), which the site reads.
--check exits 1 when that file is out of date.`,
		Example: `  factdesk observances --year 2027
  factdesk observances --year 2027 --format json
  factdesk observances --write`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "table" && opts.Format != "json" {
				return factory.UsageErrorf("--format %q is not supported; use table or json", opts.Format)
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
	cmd.Flags().IntVar(&opts.Year, "year", 0, "year to resolve (default: this year)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	cmd.Flags().BoolVar(&opts.Write, "write", false, "write "+observance.ResolvedFile+" for this year and next")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "exit 1 if "+observance.ResolvedFile+" is out of date")
	return cmd
}

// Load reads the observances and turns problems in the data file into an error naming
// the file and line.
func Load(f *factory.Factory) (*observance.Set, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	set, err := observance.Load(root)
	if err != nil {
		return nil, &factory.ExitError{Code: 2, Err: err}
	}
	var b bytes.Buffer
	for _, p := range set.Doc.Problems {
		// Warnings (a source off the sponsor's site) are for factdesk check.
		if p.Severity == content.Error {
			fmt.Fprintf(&b, "\n%s:%d:%d: %s", observance.DataFile, p.Line, p.Col, p.Message)
		}
	}
	if b.Len() > 0 {
		return nil, &factory.ExitError{Code: 2, Err: fmt.Errorf("%s has problems; fix them and run again:%s", observance.DataFile, b.String())}
	}
	return set, nil
}

// Run lists, writes or checks the observances.
func Run(opts *Options) error {
	f := opts.Factory
	set, err := Load(f)
	if err != nil {
		return err
	}
	now := f.Now()
	if opts.Write || opts.Check {
		want, err := set.ResolvedJSON(now.Year(), now.Year()+1)
		if err != nil {
			return err
		}
		if err := f.SyncGenerated(observance.ResolvedFile, want, opts.Check, "factdesk observances --write"); err != nil || opts.Check {
			return err
		}
		fmt.Fprintf(f.IO.ErrOut, "wrote %s (%d and %d)\n", observance.ResolvedFile, now.Year(), now.Year()+1)
		return nil
	}
	year := opts.Year
	if year == 0 {
		year = now.Year()
	}
	if opts.Format == "json" {
		list := set.ResolveYears(year)
		if list == nil {
			list = []observance.Resolved{}
		}
		enc := json.NewEncoder(f.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	w := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DATES\tKIND\tSCOPE\tOBSERVANCE\tSLUG\tDATE CONFIDENCE")
	for _, r := range set.ResolveYears(year) {
		dates := r.Start
		if r.End != r.Start {
			dates += " – " + r.End
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", dates, r.Kind, r.Scope, r.Name, r.Slug, Mark(r.Confidence, r.Status))
	}
	for _, o := range set.List {
		if _, ok := o.Resolve(year); !ok {
			fmt.Fprintf(w, "set by sponsor\t%s\t%s\t%s\t%s\t%s\n", o.Kind, o.Scope, o.Name, o.Slug, Mark(o.Confidence, status(o)))
		}
	}
	return w.Flush()
}

// Mark says in words how sure a date is: "confirmed", "likely (not confirmed)",
// "unverified", with "may be discontinued" for an observance in doubt.
func Mark(confidence, status string) string {
	m := confidence
	if confidence == "likely" {
		m = "likely (not confirmed)"
	}
	if status == observance.StatusPossiblyDiscontinued {
		m += "; may be discontinued"
	}
	return m
}

func status(o *observance.Observance) string {
	if o.InDoubt() {
		return observance.StatusPossiblyDiscontinued
	}
	return ""
}
