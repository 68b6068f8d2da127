// Package accounts implements `factdesk accounts`: renewing an account's token and
// lifting the pause of an account that stopped posting.
package accounts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/internal/publishing"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/github"
	"github.com/factdesk/factdesk/tools/publish"
)

// Options are the parsed arguments of `factdesk accounts refresh|resume`.
type Options struct {
	Factory *factory.Factory
	Account string
}

// NewCmdAccounts returns the accounts command and its subcommands. runF replaces the
// run functions in tests.
func NewCmdAccounts(f *factory.Factory, runF func(verb string, o *Options) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "accounts",
		Short: "Renew an account's token, or resume an account that stopped posting",
		Long: `A workflow's token cannot change a repository secret, so a person renews expiring
tokens: factdesk accounts refresh ACCOUNT renews the token where the platform allows it
(Threads) and prints the exact gh commands that store it, never the token itself; for the
other platforms it says where to create a new one and prints the command to store it.

An account that failed in a way only a person can fix (no X credits, a retired LinkedIn
version, an expired or revoked token, a missing permission) pauses; the other accounts
go on. Once the cause is fixed, factdesk accounts resume ACCOUNT lifts the pause.
Check every account with: factdesk publish --check-accounts.`,
	}
	one := func(verb, short, example string) *cobra.Command {
		opts := &Options{Factory: f}
		return &cobra.Command{
			Use: verb + " ACCOUNT", Short: short, Example: example,
			Args: func(cmd *cobra.Command, args []string) error {
				if len(args) != 1 {
					return factory.UsageErrorf("give one account name from %s, e.g. factdesk accounts %s threads-main", config.File, verb)
				}
				return nil
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				opts.Account = args[0]
				if runF != nil {
					return runF(verb, opts)
				}
				if verb == "refresh" {
					return Refresh(cmd.Context(), opts)
				}
				return Resume(cmd.Context(), opts)
			},
		}
	}
	cmd.AddCommand(
		one("refresh", "Renew an account's token and print the gh commands that store it", "  factdesk accounts refresh threads-main"),
		one("resume", "Lift the pause of an account once its problem is fixed", "  factdesk accounts resume x-main"),
	)
	return cmd
}

// how says, per platform, where a person creates a new token.
var how = map[string]string{
	"mastodon": "on the instance: Preferences → Development → the factdesk application → Regenerate access token",
	"bluesky":  "in Bluesky: Settings → Privacy and security → App passwords → Add App Password",
	"x":        "in the X developer console (https://console.x.com): the app → Keys and tokens → Access token and secret → Regenerate",
	"linkedin": "with the LinkedIn app's OAuth flow (a page administrator signs in; the token needs w_organization_social and lasts 60 days)",
	"facebook": "with the Graph API Explorer or the app's login flow: a long-lived user token, then GET /me/accounts for the Page token (pages_manage_posts)",
	"threads":  "with the Threads app's login flow (threads_basic, threads_content_publish, threads_delete), exchanged for a long-lived token",
	"webhook":  "with the receiving service: agree on a new shared secret",
}

// Refresh renews the account's token when its platform allows it, and prints how to store
// the new value as a repository secret without ever printing it.
func Refresh(ctx context.Context, opts *Options) error {
	f := opts.Factory
	s, err := publishing.Load(f)
	if err != nil {
		return err
	}
	a, ok := s.Config.Accounts[opts.Account]
	if !ok {
		return factory.UsageErrorf("%s is not an account in %s", opts.Account, config.File)
	}
	out := f.IO.Out
	repo := github.RepoFrom("", f.Getenv, func() string { return s.Config.Organisation.Repository })
	repoFlag := ""
	if repo != "" {
		repoFlag = " --repo " + repo
	}
	var settings []string
	for _, c := range publish.Credentials[a.Platform] {
		settings = append(settings, c[0])
	}
	if len(settings) == 0 {
		fmt.Fprintf(out, "%s (%s) has no credentials to renew.\n", opts.Account, a.Platform)
		return nil
	}
	ch, err := s.Channels(f)(opts.Account)
	if r, ok := ch.(publish.Refresher); err == nil && ok {
		renewed, err := r.Refresh(ctx, f.Now())
		if err != nil {
			return fmt.Errorf("renewing the token of %s: %w; create a new one %s", opts.Account, err, how[a.Platform])
		}
		dir := filepath.Join(s.Root, ".factdesk-cache")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
		file := filepath.Join(dir, opts.Account+".token")
		if err := os.WriteFile(file, []byte(renewed.Token), 0o600); err != nil {
			return fmt.Errorf("writing the renewed token to %s: %w", file, err)
		}
		rel, _ := filepath.Rel(s.Root, file)
		fmt.Fprintf(out, "%s renewed the token of %s; it expires on %s.\n", strings.ToUpper(a.Platform[:1])+a.Platform[1:], opts.Account, renewed.Expires.Format("2006-01-02"))
		fmt.Fprintf(out, "The new token is in %s (readable only by you). Store it, then delete the file:\n\n", rel)
		fmt.Fprintf(out, "  gh secret set %s%s < %s && rm %s\n", publish.EnvName(opts.Account, "TOKEN"), repoFlag, rel, rel)
		fmt.Fprintf(out, "  gh variable set %s%s --body %s\n", publish.EnvName(opts.Account, "TOKEN_EXPIRES"), repoFlag, renewed.Expires.Format("2006-01-02"))
		return nil
	}
	fmt.Fprintf(out, "%s cannot renew this token through its API. Create a new one %s,\nthen store it (gh asks for the value and never shows it):\n\n", a.Platform, how[a.Platform])
	for _, setting := range settings {
		if a.Platform == "x" && setting == "TOKEN" {
			continue
		}
		fmt.Fprintf(out, "  gh secret set %s%s\n", publish.EnvName(opts.Account, setting), repoFlag)
	}
	if a.Platform == "linkedin" || a.Platform == "threads" {
		fmt.Fprintf(out, "  gh variable set %s%s --body YYYY-MM-DD   # the day the new token expires (60 days on)\n", publish.EnvName(opts.Account, "TOKEN_EXPIRES"), repoFlag)
	}
	return nil
}

// Resume lifts the account's pause in the ledger, where the publisher keeps it (the
// ledger branch, or the ledger file of a repository without a remote).
func Resume(ctx context.Context, opts *Options) error {
	f := opts.Factory
	s, err := publishing.Load(f)
	if err != nil {
		return err
	}
	if _, ok := s.Config.Accounts[opts.Account]; !ok {
		return factory.UsageErrorf("%s is not an account in %s", opts.Account, config.File)
	}
	store, err := s.Store(ctx, f, false)
	if err != nil {
		return err
	}
	applied, _, err := store.Commit(ctx, "accounts: resume "+opts.Account, []publish.Change{{Account: opts.Account, Resume: true}})
	if err != nil {
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("lifting the pause of %s in %s: %w", opts.Account, store.Where(), err)}
	}
	if !applied[0] {
		fmt.Fprintf(f.IO.Out, "%s is not paused.\n", opts.Account)
		return nil
	}
	fmt.Fprintf(f.IO.Out, "%s resumed (recorded in %s): the next run sends what waited.\n", opts.Account, store.Where())
	return nil
}
