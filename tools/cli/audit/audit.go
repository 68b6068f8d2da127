// Package audit implements `factdesk audit`, which keeps one GitHub issue per
// problem found by the scheduled online check.
package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/audit"
	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/repofile"
)

// Options are the parsed flags and arguments of `factdesk audit`.
type Options struct {
	Factory *factory.Factory
	// Report is the path of the JSON written by `factdesk check --format json`, or -.
	Report string
	Repo   string
	Rules  []string
	Label  string
	DryRun bool
}

// NewCmdAudit returns the audit command. runF replaces the run function in tests.
func NewCmdAudit(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "audit REPORT.json",
		Short: "Keep one GitHub issue per problem found by the online check",
		Long: `audit reads the findings of 'factdesk check --format json --online' and keeps one
GitHub issue per problem: a newly retracted paper, a dead source link, a review past
due. It opens an issue for a new problem, assigned to the page's reviewers; updates it
when the details change; reopens it when a fixed problem returns; and closes it when
the problem is gone. Issues are labelled factdesk-audit and recognised by a hidden
fingerprint, so running the audit again never duplicates them.

Environment: GITHUB_TOKEN (required unless --dry-run; never printed),
GITHUB_REPOSITORY (else organisation.repository in factdesk.yaml),
FACTDESK_GITHUB_API_URL or GITHUB_API_URL (default https://api.github.com).`,
		Example: `  factdesk check --online --format json > findings.json
  factdesk audit findings.json
  factdesk audit --dry-run findings.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Report = args[0]
			if runF != nil {
				return runF(opts)
			}
			return run(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Repo, "repo", "", "repository OWNER/NAME (default: $GITHUB_REPOSITORY, then organisation.repository)")
	cmd.Flags().StringSliceVar(&opts.Rules, "rule", nil, "finding rules (or prefixes ending in -) that become issues (default: "+strings.Join(audit.DefaultRules, ", ")+")")
	cmd.Flags().StringVar(&opts.Label, "label", audit.DefaultLabel, "label of the issues the audit keeps")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "say what would change on GitHub without changing it")
	return cmd
}

func readReport(f *factory.Factory, path string) ([]check.Finding, error) {
	var r io.Reader
	if path == "-" {
		r = f.IO.In
	} else {
		// Bounded, and only a regular file: a FIFO or a device must not hang the audit.
		src, err := repofile.ReadLocal(path, repofile.DefaultDataLimit)
		var unsafe *repofile.Error
		if errors.As(err, &unsafe) {
			what, _, _ := strings.Cut(unsafe.Reason, ";")
			return nil, factory.UsageErrorf("%s %s; pass the report as an ordinary file, or - to read it from standard input", path, what)
		}
		if err != nil {
			return nil, factory.UsageErrorf("%s: cannot read the check report: %v", path, err)
		}
		r = bytes.NewReader(src)
	}
	var rep struct {
		Findings *[]check.Finding `json:"findings"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rep); err != nil {
		return nil, fmt.Errorf("%s is not the JSON of 'factdesk check --format json': %v; nothing was changed on GitHub", path, err)
	}
	if rep.Findings == nil {
		return nil, fmt.Errorf("%s has no \"findings\" list, so it is not the JSON of 'factdesk check --format json'; nothing was changed on GitHub", path)
	}
	for i, fd := range *rep.Findings {
		if fd.Path == "" || fd.Rule == "" {
			return nil, fmt.Errorf("%s: finding %d has no path or rule; nothing was changed on GitHub", path, i+1)
		}
	}
	return *rep.Findings, nil
}

func run(cmd *cobra.Command, opts *Options) error {
	f := opts.Factory
	findings, err := readReport(f, opts.Report)
	if err != nil {
		return err
	}
	c, err := f.GitHubClient(factory.GitHub{Repo: opts.Repo, TokenOptional: opts.DryRun,
		Why: "the audit needs a token that may write issues"})
	if err != nil {
		return err
	}
	// The page's reviewers come from the checked-out repository.
	reviewers := map[string][]string{}
	if repo, err := f.Repo(); err == nil {
		for _, fc := range repo.FactChecks {
			if fc.OK {
				reviewers[fc.Path] = fc.Reviewers
			}
		}
	}
	var editors []string
	if cfg, err := f.Config(); err == nil {
		editors = cfg.Editors
	}
	ao := audit.Options{Rules: opts.Rules, Label: opts.Label, DryRun: opts.DryRun, Assignees: func(path string) []string {
		if rs, ok := reviewers[path]; ok && len(rs) > 0 {
			return trimAt(rs)
		}
		return trimAt(editors)
	}}
	res, err := audit.Sync(cmd.Context(), c, audit.Problems(findings, ao), ao)
	if res != nil {
		for _, a := range res.Actions {
			if opts.DryRun {
				a = "would " + a
			}
			fmt.Fprintln(f.IO.Out, a)
		}
	}
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	fmt.Fprintf(f.IO.ErrOut, "audit: %d opened, %d updated, %d reopened, %d closed, %d unchanged\n", res.Opened, res.Updated, res.Reopened, res.Closed, res.Unchanged)
	return nil
}

func trimAt(hs []string) []string {
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		out = append(out, strings.TrimPrefix(h, "@"))
	}
	return out
}
