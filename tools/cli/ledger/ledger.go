// Package ledger implements `factdesk ledger`: starting, moving, settling and exporting
// the publishing ledger, which lives on a branch of its own.
package ledger

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/internal/publishing"
	"github.com/factdesk/factdesk/tools/publish"
)

// Options are the parsed flags and arguments of `factdesk ledger`.
type Options struct {
	Factory *factory.Factory
	// Action is init, migrate, settle or export.
	Action  string
	Post    string
	Account string
	// SentURL settles an entry as sent; NotSent as never sent.
	SentURL string
	NotSent bool
	Out     string
}

// NewCmdLedger returns the ledger command and its subcommands. runF replaces the run
// function in tests.
func NewCmdLedger(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	run := func(opts *Options) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 {
				opts.Post, opts.Account = args[0], args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		}
	}
	cmd := &cobra.Command{
		Use:   "ledger",
		Short: "Start, move, settle or export the ledger of published posts",
		Long: `The ledger records what publish sent where. It lives on a branch of its own
(publish.ledger_branch, factdesk-ledger by default) of the Git remote, so that the
default branch can require pull requests while the publisher records sends. In a
repository without a remote it is the file data/ledger.json, guarded by a lock file.

publish never starts a new ledger by itself: a missing or damaged ledger stops it.`,
		Args: cobra.NoArgs,
	}
	initOpts := &Options{Factory: f, Action: "init"}
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Start a new, empty ledger (only when nothing was ever published)",
		Long: `Init starts an empty ledger: the ledger branch on the remote, or data/ledger.json
without one. It refuses when a ledger already exists. Starting over makes publish send
again everything within the grace window, so do it only for a new repository; to repair
a damaged ledger, restore it from Git history instead.`,
		Args: cobra.NoArgs, RunE: run(initOpts),
	}
	migOpts := &Options{Factory: f, Action: "migrate"}
	migCmd := &cobra.Command{
		Use:   "migrate",
		Short: "Move the ledger from the default branch to the ledger branch",
		Long: `Migrate copies data/ledger.json of the working tree (check it out up to date with the
default branch first) to the ledger branch of the remote, which it creates. Then remove
data/ledger.json from the default branch in a pull request; publish reads and writes
only the ledger branch from then on, and the site build reads it from there.`,
		Args: cobra.NoArgs, RunE: run(migOpts),
	}
	setOpts := &Options{Factory: f, Action: "settle"}
	setCmd := &cobra.Command{
		Use:   "settle POST ACCOUNT (--sent URL | --not-sent)",
		Short: "Record what a person found for an uncertain post",
		Long: `Settle records what you found on the account for an entry publish marked uncertain:
--sent URL when the post is there, --not-sent when it is not (the next run then sends it).
The change is pushed to the ledger branch and merges with any run under way.`,
		Example: `  factdesk ledger settle heart-month-kickoff x-main --sent https://x.com/org/status/123
  factdesk ledger settle heart-month-kickoff x-main --not-sent`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return factory.UsageErrorf("give the post's slug and the account, e.g. factdesk ledger settle heart-month-kickoff x-main --not-sent")
			}
			return nil
		},
		RunE: run(setOpts),
	}
	setCmd.Flags().StringVar(&setOpts.SentURL, "sent", "", "the post is on the account, at this address")
	setCmd.Flags().BoolVar(&setOpts.NotSent, "not-sent", false, "the post is not on the account: send it on the next run")
	expOpts := &Options{Factory: f, Action: "export", Out: ""}
	expCmd := &cobra.Command{
		Use:   "export",
		Short: "Write the ledger branch's ledger into the working tree, for building the site",
		Args:  cobra.NoArgs, RunE: run(expOpts),
	}
	expCmd.Flags().StringVar(&expOpts.Out, "out", "", "write it here instead of the ledger's path (publish.ledger)")
	cmd.AddCommand(initCmd, migCmd, setCmd, expCmd)
	return cmd
}

// Run carries out one action.
func Run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	s, err := publishing.Load(f)
	if err != nil {
		return err
	}
	p := s.Config.Publish
	remote := publish.HasRemote(ctx, s.Root, publishing.Remote)
	store, err := s.Store(ctx, f, false)
	if err != nil {
		return err
	}
	gs, _ := store.(*publish.GitStore)
	switch opts.Action {
	case "init":
		if !remote {
			if _, err := os.Stat(s.LedgerPath()); err == nil {
				return &factory.ExitError{Code: 2, Err: fmt.Errorf("%s already exists; nothing was changed (to repair a damaged ledger, restore it from Git history)", p.Ledger)}
			}
			if err := (&publish.Ledger{}).Write(s.LedgerPath()); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.Out, "Started an empty ledger in %s.\n", p.Ledger)
			return nil
		}
		if err := gs.Init(ctx, nil, "ledger: start an empty ledger"); err != nil {
			return &factory.ExitError{Code: 2, Err: err}
		}
		fmt.Fprintf(f.IO.Out, "Started an empty ledger on %s %s (%s).\n", publishing.Remote, p.LedgerBranch, p.Ledger)
		return nil
	case "migrate":
		if !remote {
			return &factory.ExitError{Code: 2, Err: fmt.Errorf("this repository has no remote %s: the ledger stays in %s", publishing.Remote, p.Ledger)}
		}
		l, err := publish.ReadLedger(s.LedgerPath())
		if err != nil {
			return &factory.ExitError{Code: 2, Err: fmt.Errorf("%w\n(migrate moves %s of the working tree; check out the default branch, up to date)", err, p.Ledger)}
		}
		if err := gs.Init(ctx, l, "ledger: move the ledger from the default branch"); err != nil {
			return &factory.ExitError{Code: 2, Err: err}
		}
		fmt.Fprintf(f.IO.Out, "Moved %s (%d entries) to %s %s.\nNext:\n  1. Remove it from the default branch in a pull request: git rm %s\n  2. Protect %s: no force pushes, no deletion, no pull-request rule (see docs/publishing.md).\n",
			p.Ledger, len(l.Entries), publishing.Remote, p.LedgerBranch, p.Ledger, p.LedgerBranch)
		return nil
	case "settle":
		return settle(ctx, opts, store)
	case "export":
		return export(ctx, opts, s, gs, remote)
	}
	return fmt.Errorf("unknown ledger action %q", opts.Action)
}

func settle(ctx context.Context, opts *Options, store publish.Store) error {
	f := opts.Factory
	if (opts.SentURL == "") == !opts.NotSent {
		return factory.UsageErrorf("say what you found: --sent URL (the post is there) or --not-sent (it is not)")
	}
	if opts.SentURL != "" && !strings.HasPrefix(opts.SentURL, "https://") {
		return factory.UsageErrorf("--sent %q: give the post's address, starting with https://", opts.SentURL)
	}
	l, err := store.Peek(ctx)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	e := l.Get(opts.Post, opts.Account)
	if e == nil {
		return factory.UsageErrorf("the ledger has no entry for %s on %s; nothing to settle", opts.Post, opts.Account)
	}
	if e.Status != publish.Uncertain {
		return factory.UsageErrorf("%s on %s is %s, not uncertain; only uncertain entries are settled by hand", opts.Post, opts.Account, e.Status)
	}
	c := publish.Change{Post: e.Post, Account: e.Account, If: &publish.Entry{Status: e.Status, Run: e.Run}}
	what := "not sent: the next run sends it"
	if opts.SentURL != "" {
		s := *e
		s.Status, s.URL, s.Time, s.Note = publish.Sent, opts.SentURL, f.Now().UTC(), "settled by hand: found on the account"
		c.Then = &s
		what = "sent, at " + opts.SentURL
	}
	applied, _, err := store.Commit(ctx, fmt.Sprintf("ledger: settle %s on %s by hand", e.Post, e.Account), []publish.Change{c})
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	if !applied[0] {
		return &factory.ExitError{Code: 1, Err: fmt.Errorf("%s on %s changed meanwhile; nothing was recorded; look at it again", e.Post, e.Account)}
	}
	fmt.Fprintf(f.IO.Out, "Recorded %s on %s as %s (%s).\n", e.Post, e.Account, what, store.Where())
	return nil
}

func export(ctx context.Context, opts *Options, s *publishing.Setup, gs *publish.GitStore, remote bool) error {
	f := opts.Factory
	p := s.Config.Publish
	out := opts.Out
	if out == "" {
		out = s.LedgerPath()
	} else if !filepath.IsAbs(out) {
		out = filepath.Join(s.Root, out)
	}
	if !remote {
		fmt.Fprintf(f.IO.ErrOut, "No remote %s: the site uses %s as it is.\n", publishing.Remote, p.Ledger)
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	_, src, err := gs.Read(cctx)
	var le *publish.LedgerError
	if err != nil && !errors.As(err, &le) {
		// The remote cannot be reached (a build without credentials): use the branch as
		// the checkout fetched it.
		if tsrc, terr := gs.ReadTracking(cctx); terr == nil {
			src, err = tsrc, nil
		}
	}
	if err != nil {
		if errors.As(err, &le) && le.Missing {
			fmt.Fprintf(f.IO.ErrOut, "%s has no ledger branch %s yet: the site uses %s as it is (to move it there: factdesk ledger migrate).\n", publishing.Remote, p.LedgerBranch, p.Ledger)
			return nil
		}
		return &factory.ExitError{Code: 2, Err: err}
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	fmt.Fprintf(f.IO.ErrOut, "Wrote the ledger of %s %s to %s.\n", publishing.Remote, p.LedgerBranch, out)
	return nil
}
