// Package doctor implements `factdesk doctor`, the go-live check of a repository's
// settings.
package doctor

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/doctor"
)

// TokenVar is the environment variable holding the administrator's token.
const TokenVar = "FACTDESK_ADMIN_TOKEN"

// Options are the parsed flags of `factdesk doctor`.
type Options struct {
	Factory *factory.Factory
	// Repo is OWNER/NAME; default GITHUB_REPOSITORY, then organisation.repository.
	Repo string
	// Accounts checks the accounts' credentials; nil leaves that to `factdesk publish
	// --check-accounts`, which doctor then names.
	Accounts doctor.AccountCheck
	// CheckAccounts checks every account's credentials from the environment, as
	// `factdesk publish --check-accounts` does.
	CheckAccounts bool
}

// NewCmdDoctor returns the doctor command. runF replaces the run function in tests.
func NewCmdDoctor(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check that the repository's settings make the review gate mean something",
		Long: `doctor is the go-live check. It reads the repository's settings through GitHub's API and
reports each one that would let a change reach the public without the review the gate
asks for, with the exact command that fixes it:

  - the default branch requires pull requests, the review gate's status and up-to-date
    branches, dismisses stale approvals, and lets no one bypass it (administrators
    included), nor force-push;
  - GitHub Actions may not approve pull requests, and the default workflow token is
    read-only;
  - publishing and deploy secrets live in the publish environment, which, like
    github-pages, deploys only from the default branch; none is at repository level;
  - GitHub Pages is deployed by the deploy workflow;
  - no published page names a sample reviewer, unless the site is a demonstration.

It needs an administrator's fine-grained token in FACTDESK_ADMIN_TOKEN (read-only
permissions are enough: Administration, Environments, Pages, Secrets, Contents,
Metadata). The token is never printed. What the token cannot read is reported as
NOT VERIFIED, never as fine.

Exit codes: 0 everything is set, 1 a problem or something not verified, 2 doctor could
not run. See docs/going-live.md.`,
		Example: `  FACTDESK_ADMIN_TOKEN=github_pat_… factdesk doctor --repo riverside/factdesk`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.CheckAccounts, "check-accounts", false, "also check every account's credentials from the environment, as factdesk publish --check-accounts does (run it where the publish environment's secrets are set)")
	cmd.Flags().StringVar(&opts.Repo, "repo", "", "repository OWNER/NAME (default: $GITHUB_REPOSITORY, then organisation.repository)")
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	repo, err := f.GitHubRepository(opts.Repo, false)
	if err != nil {
		return err
	}
	c, err := f.GitHubClient(factory.GitHub{Repo: repo, TokenVar: TokenVar,
		Why: "create a fine-grained token for " + repo + " with read access to Administration, Environments, Pages, Secrets and Contents (docs/going-live.md, step 6), and set it in the environment"})
	if err != nil {
		return err
	}
	content, err := f.Repo()
	if err != nil {
		content = nil
	}
	if opts.Accounts == nil && opts.CheckAccounts {
		root, err := f.Root()
		if err != nil {
			return err
		}
		opts.Accounts = doctor.PublishAccounts(cfg, root, f.Getenv, f.HTTPClient(), f.Now)
	}
	rep, err := doctor.Run(ctx, c, cfg, doctor.Options{Repo: content, Accounts: opts.Accounts})
	if err != nil {
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("doctor could not read %s: %w", repo, err)}
	}
	fmt.Fprint(f.IO.Out, doctor.Describe(rep))
	if opts.Accounts == nil {
		fmt.Fprintln(f.IO.Out, "Account credentials are not part of this check: run factdesk doctor --check-accounts (or factdesk publish --check-accounts) where the publish environment's secrets are set.")
	}
	if !rep.Clean() {
		return factory.Silent(1)
	}
	return nil
}
