// Package tiers implements `factdesk tiers`.
package tiers

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/cli/factory"
)

// Options are the parsed flags of `factdesk tiers`.
type Options struct {
	Factory *factory.Factory
	Write   bool
	Check   bool
}

// NewCmdTiers returns the tiers command. runF replaces the run function in tests.
func NewCmdTiers(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "tiers",
		Short: "Show the evidence tier the source policy gives each citation",
		Long: `Tiers lists every citation of every fact-check with the tier that the source policy
(data/source-policy.yaml, see citations.policy in factdesk.yaml) gives it: from its kind,
study type and domain, never from the author's say-so.

--write writes ` + citation.TiersFile + `, which the site reads to show each source's tier.
--check exits 1 when that file is out of date.`,
		Example: `  factdesk tiers
  factdesk tiers --write`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Write && opts.Check {
				return factory.UsageErrorf("--write and --check cannot be used together")
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Write, "write", false, "write "+citation.TiersFile+" for the site")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "exit 1 if "+citation.TiersFile+" is out of date")
	return cmd
}

// Run lists, writes or checks the tiers.
func Run(opts *Options) error {
	f := opts.Factory
	root, err := f.Root()
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	path := cfg.Citations.PolicyFile()
	policy, doc, err := citation.LoadPolicy(root, path)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	if policy == nil {
		var b strings.Builder
		for _, p := range doc.Problems {
			fmt.Fprintf(&b, "\n%s:%d:%d: %s", path, p.Line, p.Col, p.Message)
		}
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("%s has problems; fix them and run again:%s", path, b.String())}
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	if opts.Write || opts.Check {
		want, err := citation.TiersJSON(policy, repo)
		if err != nil {
			return fmt.Errorf("computing tiers: %w", err)
		}
		if err := f.SyncGenerated(citation.TiersFile, want, opts.Check, "factdesk tiers --write"); err != nil || opts.Check {
			return err
		}
		fmt.Fprintf(f.IO.ErrOut, "wrote %s\n", citation.TiersFile)
		return nil
	}
	w := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "FACT-CHECK\tCITATION\tSTUDY TYPE\tTIER")
	fcs := repo.FactChecks
	sort.SliceStable(fcs, func(i, j int) bool { return fcs[i].Path < fcs[j].Path })
	for _, fc := range fcs {
		if !fc.OK {
			continue
		}
		for _, c := range fc.Citations {
			t := policy.TierOf(c)
			label := fmt.Sprintf("%d %s", t.Level, policy.Label(t.Level))
			if t.Refused != "" {
				label = "refused: " + t.Refused
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", fc.Path, c.Key, c.StudyType, label)
		}
	}
	return w.Flush()
}
