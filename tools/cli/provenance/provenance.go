// Package provenance implements `factdesk provenance`, the check run before every deploy
// and every send that each commit of the default branch came through a reviewed pull
// request.
package provenance

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/provenance"
	"github.com/factdesk/factdesk/tools/review"
)

// DefaultState is the state file, relative to the repository root; the workflows keep
// it in the Actions cache.
const DefaultState = ".factdesk-cache/provenance.json"

// Options are the parsed flags of `factdesk provenance`.
type Options struct {
	Factory *factory.Factory
	// Repo is OWNER/NAME; default GITHUB_REPOSITORY, then organisation.repository.
	Repo string
	// State is the state file (default DefaultState under the root).
	State string
	// Head is the commit to verify up to; default GITHUB_SHA, else the branch's tip.
	Head string
	// From is the restart point; default FACTDESK_VERIFY_FROM.
	From string
	// Issue opens, updates or closes the one issue that lists unverified commits.
	Issue bool
	// HugoMounts is a file holding the output of `hugo config mounts` in the checkout;
	// empty runs the pinned Hugo there when a gate has to run.
	HugoMounts string
}

// NewCmdProvenance returns the provenance command. runF replaces the run function in tests.
func NewCmdProvenance(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "provenance",
		Short: "Check that every commit of the default branch came through a reviewed pull request",
		Long: `provenance runs before every deploy of the site and every send of posts. Each commit of
the default branch since the last verified one must belong to a merged pull request
whose review gate, run again now with that pull request's data from GitHub's API,
passes. A commit status is not trusted: any workflow that may write statuses can set
one.

A commit pushed without a pull request, or merged while its gate did not pass, fails the
check: the deploy stops so the live site stays as it was, publish holds the posts that
link to what it changed, and with --issue one GitHub issue names the commits and how to
fix them. A commit is cured when a later reviewed pull request changes every file it
changed (a reviewed revert, or a re-review).

The last verified commit is kept in the state file (--state), which the workflows keep
in the Actions cache. Without it, verification restarts after FACTDESK_VERIFY_FROM (a
commit an administrator records when turning on branch protection), or, without that,
after the repository's first commit.

A demonstration site (organisation.demonstration: true) and a repository with no pull
requests yet are not checked; the command says so.

Environment: GITHUB_TOKEN (required; never printed; needs read access to contents and
pull requests, and issues: write with --issue), GITHUB_REPOSITORY, GITHUB_SHA,
FACTDESK_VERIFY_FROM, FACTDESK_GITHUB_API_URL or GITHUB_API_URL.

Exit codes: 0 verified (or skipped), 1 unverified commits, 2 the check could not run.`,
		Example: `  factdesk provenance --repo riverside/factdesk
  factdesk provenance --issue        # what the deploy workflow runs`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Repo, "repo", "", "repository OWNER/NAME (default: $GITHUB_REPOSITORY, then organisation.repository)")
	cmd.Flags().StringVar(&opts.State, "state", "", "file that remembers the last verified commit (default: "+DefaultState+")")
	cmd.Flags().StringVar(&opts.Head, "head", "", "verify up to this commit (default: $GITHUB_SHA, else the branch's tip)")
	cmd.Flags().StringVar(&opts.From, "from", "", "restart point when no verified commit is remembered (default: $FACTDESK_VERIFY_FROM)")
	cmd.Flags().BoolVar(&opts.Issue, "issue", false, "open or update the one issue listing unverified commits, and close it once they are fixed")
	cmd.Flags().StringVar(&opts.HugoMounts, "hugo-mounts", "", "file with the output of `hugo config mounts` in this checkout (default: run the pinned Hugo when a gate has to run)")
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	res, err := Check(ctx, f, cfg, *opts)
	if err != nil {
		return err
	}
	if !res.OK() {
		return factory.Silent(1)
	}
	return nil
}

// Check runs the verification, prints its account on standard error, saves the state
// and, with o.Issue, keeps the issue. Publish calls it before sending.
func Check(ctx context.Context, f *factory.Factory, cfg *config.Config, o Options) (*provenance.Result, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	if cfg.Organisation.Demonstration {
		res := &provenance.Result{Skipped: "this is a demonstration site (organisation.demonstration: true in factdesk.yaml), so the provenance of its commits is not checked"}
		fmt.Fprint(f.IO.ErrOut, provenance.Describe(res))
		return res, nil
	}
	c, err := f.GitHubClient(factory.GitHub{Repo: o.Repo,
		Why: "provenance needs a token that may read the repository's contents and pull requests"})
	if err != nil {
		return nil, err
	}
	statePath := o.State
	if statePath == "" {
		statePath = filepath.Join(root, filepath.FromSlash(DefaultState))
	}
	st, err := provenance.ReadState(statePath)
	if err != nil {
		fmt.Fprintf(f.IO.ErrOut, "provenance: %v; verification restarts from the restart point\n", err)
	}
	res, err := provenance.Verify(ctx, c, cfg, st, provenance.Options{
		Head:   first(o.Head, f.Getenv("GITHUB_SHA")),
		From:   first(o.From, f.Getenv("FACTDESK_VERIFY_FROM")),
		Gather: review.GatherOptions{Today: f.Now()},
		Mounts: func(ctx context.Context) ([]review.Mount, error) { return review.ReadMounts(ctx, root, o.HugoMounts) },
		Log:    f.IO.ErrOut,
	})
	// The state is saved even when verification stopped half way (a rate limit, say):
	// the commits verified so far are not checked again by the next run.
	if werr := st.Write(statePath, f.Now()); werr != nil {
		fmt.Fprintf(f.IO.ErrOut, "provenance: %v\n", werr)
	}
	if err != nil {
		// Verification could not be done: nothing counts as verified.
		return nil, &factory.ExitError{Code: 2, Err: fmt.Errorf("provenance could not be verified, so nothing is deployed or sent: %w", err)}
	}
	fmt.Fprint(f.IO.ErrOut, provenance.Describe(res))
	if o.Issue {
		u, err := provenance.Report(ctx, c, res, github.RunURL(f.Getenv))
		switch {
		case err != nil:
			fmt.Fprintf(f.IO.ErrOut, "provenance: could not update the GitHub issue: %v\n", err)
		case u != "" && !res.OK():
			fmt.Fprintf(f.IO.ErrOut, "provenance: the commits and how to fix them are listed in %s\n", u)
		case u != "":
			fmt.Fprintf(f.IO.ErrOut, "provenance: closed %s\n", u)
		}
	}
	return res, nil
}

func first(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
