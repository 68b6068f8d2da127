// Package publish implements `factdesk publish`.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/internal/publishing"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/github"
	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/social"
)

// Options are the parsed flags of `factdesk publish`.
type Options struct {
	Factory     *factory.Factory
	DryRun      bool
	At          string
	Only        []string
	SendMissed  bool
	ForceBranch bool
	Push        bool
	Report      bool
	// Provenance checks, before sending, that the default branch's commits came through
	// reviewed pull requests, and holds the posts that touch any that did not.
	Provenance bool
	// HugoMounts is passed to the provenance check (see factdesk provenance).
	HugoMounts string
	// CheckAccounts verifies every account's credentials and sends nothing.
	CheckAccounts bool
}

// NewCmdPublish returns the publish command. runF replaces the run function in tests.
func NewCmdPublish(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Send the campaign posts that are due, once, to every account",
		Long: `Publish sends every campaign post that is due (its publish time has come, it is not a
draft, not handed to an outside tool, and not in the ledger yet) to each of its channels,
and records where it went in the ledger (data/ledger.json on the branch factdesk-ledger of
the remote origin; without a remote, the file itself). Runs take turns through the ledger
branch (or a lock file), and each send's intent is recorded just before it; a missing or
damaged ledger stops publishing. See factdesk ledger and docs/publishing.md.

A post that links to a fact-check waits until the fact-check's page is live on the site.
A post later than the grace window (publish.grace, at least 90m) is reported as missed and
sent only with --send-missed.

Publishing runs only on the default branch (publish.branch), and does nothing while the
environment variable FACTDESK_PAUSE is true. Credentials come only from environment
variables named after each account; see docs/publishing.md.

Exit codes: 0 when nothing failed, 1 when a post failed or may have gone out without
confirmation, 2 when publishing could not run.`,
		Example: `  factdesk publish --dry-run
  factdesk publish --dry-run --at 2027-02-01T09:00
  factdesk publish --only heart-month-kickoff
  factdesk publish --only mastodon-main --send-missed
  factdesk publish --push --report      # what the scheduled workflow runs`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print exactly what would be sent, with per-platform counts, and send nothing")
	cmd.Flags().StringVar(&opts.At, "at", "", "act as if it were this time: 2027-02-01T09:00 (in the organisation's time zone) or RFC 3339")
	cmd.Flags().StringSliceVar(&opts.Only, "only", nil, "only this post slug or account name (repeatable)")
	cmd.Flags().BoolVar(&opts.SendMissed, "send-missed", false, "also send posts later than the grace window")
	cmd.Flags().BoolVar(&opts.ForceBranch, "force-branch", false, "publish even when not on the default branch")
	cmd.Flags().BoolVar(&opts.Push, "push", false, "require the Git remote: refuse to run from a repository without one (the workflow sets it)")
	cmd.Flags().BoolVar(&opts.Report, "report", false, "open or update the GitHub issue that lists problems (needs GITHUB_TOKEN)")
	cmd.Flags().BoolVar(&opts.CheckAccounts, "check-accounts", false, "check every account's credentials, when they expire and which API version or tier it uses; sends nothing")
	cmd.Flags().BoolVar(&opts.Provenance, "provenance", false, "before sending, verify that every commit came through a reviewed pull request (factdesk provenance) and hold posts touching any that did not")
	cmd.Flags().StringVar(&opts.HugoMounts, "hugo-mounts", "", "with --provenance: file with the output of `hugo config mounts` (default: run the pinned Hugo when needed)")
	return cmd
}

// Paused reports whether the emergency stop is on.
func Paused(getenv func(string) string) bool {
	switch strings.ToLower(strings.TrimSpace(getenv("FACTDESK_PAUSE"))) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// ParseAt reads --at: RFC 3339 (seconds optional), or a local time in zone.
func ParseAt(s, zone string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	t, err := content.ResolveLocal(s, zone)
	if err != nil {
		var te *content.TimeError
		why := err.Error()
		if errors.As(err, &te) && te.Field == "publish_at" {
			why = strings.Replace(why, "publish_at ", "", 1)
			if strings.Contains(why, "is not a local time") || strings.Contains(why, "carries a UTC offset") {
				why = "it is not a date and time"
			}
		}
		return time.Time{}, factory.UsageErrorf("--at %q: write it as 2027-02-01T09:00 (in %s) or as RFC 3339 with an offset, such as 2027-02-01T14:00Z or 2027-02-01T09:00-05:00 (%s)", s, zone, why)
	}
	return t, nil
}

// Run publishes.
func Run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	out := f.IO.Out
	if Paused(f.Getenv) && !opts.DryRun {
		fmt.Fprintln(out, "Publishing is paused (FACTDESK_PAUSE is true): nothing was sent.")
		fmt.Fprintln(out, "To resume, set the repository variable FACTDESK_PAUSE to false (see docs/publishing.md).")
		return nil
	}
	s, err := publishing.Load(f)
	if err != nil {
		return err
	}
	if opts.CheckAccounts {
		return runCheckAccounts(ctx, f, s, opts.Only)
	}
	now := f.Now()
	at := now
	if opts.At != "" {
		if at, err = ParseAt(opts.At, s.Config.Timezone); err != nil {
			return err
		}
		if at.After(now.Add(time.Minute)) && !opts.DryRun {
			return factory.UsageErrorf("--at %s is in the future, so posts would go out early; use it with --dry-run to preview", opts.At)
		}
	}
	if !opts.DryRun && !opts.ForceBranch {
		branch, err := publish.CurrentBranch(ctx, s.Root, f.Getenv)
		if err != nil {
			return &factory.ExitError{Code: 2, Err: err}
		}
		want := s.Config.Publish.Branch
		if branch != want {
			return &factory.ExitError{Code: 2, Err: fmt.Errorf("publishing runs only on the default branch %s, and this is %s: posts merged elsewhere are not approved yet (use --dry-run to preview, or --force-branch if you really mean it)", want, branch)}
		}
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	for _, p := range repo.Posts {
		for _, pr := range p.Problems {
			if pr.Severity == content.Error {
				fmt.Fprintf(f.IO.ErrOut, "%s:%d:%d: %s (this post is skipped; run factdesk check)\n", p.Path, pr.Line, pr.Col, pr.Message)
			}
		}
	}
	if err := checkOnly(opts.Only, repo, s.Config); err != nil {
		return err
	}
	store, err := s.Store(ctx, f, opts.Push)
	if err != nil {
		return err
	}
	pub := &publish.Publisher{
		Repo: repo, Config: s.Config, Settings: s.Settings, Store: store, Run: publish.RunID(f.Getenv),
		Channel: s.Channels(f), Site: publish.HTTPSite{Client: s.Client},
		Log: f.IO.ErrOut, Now: f.Now, Sleep: publish.Sleep,
	}
	filter := publish.Filter{Only: opts.Only, SendMissed: opts.SendMissed}
	if opts.DryRun {
		if pub.Ledger, err = store.Peek(ctx); err != nil {
			var le *publish.LedgerError
			if _, git := store.(*publish.GitStore); !git || !errors.As(err, &le) || !le.Missing {
				return &factory.ExitError{Code: 2, Err: err}
			}
			// Not migrated yet: preview with the working tree's ledger (a real run refuses).
			if pub.Ledger, err = publish.ReadLedger(s.LedgerPath()); err != nil {
				return &factory.ExitError{Code: 2, Err: err}
			}
			fmt.Fprintf(f.IO.ErrOut, "Note: %s has no ledger branch %s yet, so this preview uses %s; publishing needs it (factdesk ledger migrate).\n",
				publishing.Remote, s.Config.Publish.LedgerBranch, s.Config.Publish.Ledger)
		}
		items := pub.Plan(ctx, at, filter)
		if err := applyHolds(ctx, s, repo, pub, items, at, now); err != nil {
			return err
		}
		writeDryRun(out, items, at, s.Config, Paused(f.Getenv))
		writeCosts(out, pub, items, at)
		return nil
	}
	if pub.Ledger, err = store.Begin(ctx); err != nil {
		var busy *publish.TurnBusyError
		if errors.As(err, &busy) {
			return &factory.ExitError{Code: 1, Err: err}
		}
		return &factory.ExitError{Code: 2, Err: err}
	}
	defer func() {
		ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := store.End(ectx); err != nil {
			fmt.Fprintf(f.IO.ErrOut, "factdesk: could not give back the turn (it lapses by itself within %s): %v\n", s.Settings.TurnLease, err)
		}
	}()
	items := pub.Plan(ctx, at, filter)
	held := false
	if opts.Provenance {
		if held, err = holdUnverified(ctx, f, s.Config, repo, items, opts.HugoMounts); err != nil {
			return err
		}
	}
	if err := applyHolds(ctx, s, repo, pub, items, at, now); err != nil {
		return err
	}
	runCost := pub.RunCost(items)
	sendErr := pub.Send(ctx, items)
	writeSummary(out, items, at, s.Config)
	if runCost.Posts > 0 {
		fmt.Fprintf(out, "X cost of this run, as priced in %s: up to %s.\n", config.File, runCost)
	}
	problems := append(publish.PauseProblems(pub.Ledger), publish.Problems(items)...)
	problems = append(problems, expiring(f, s)...)
	for _, p := range problems {
		if p.Kind == "expiring" {
			fmt.Fprintf(out, "  warning    %s: %s\n", p.Label, p.Detail)
		}
	}
	if opts.Report {
		if err := report(ctx, f, s, problems); err != nil {
			fmt.Fprintf(f.IO.ErrOut, "factdesk: could not update the GitHub issue: %v\n", err)
		}
	}
	if sendErr != nil {
		if errors.Is(sendErr, publish.ErrTurnLost) {
			// The sends this run recorded as intents are settled by the run that holds
			// the turn now; nothing goes out twice.
			return &factory.ExitError{Code: 1, Err: sendErr}
		}
		return &factory.ExitError{Code: 2, Err: sendErr}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(f.IO.ErrOut, "Publishing was stopped: what was in flight is recorded; the next run sends the rest.")
		return factory.Silent(1)
	}
	if publish.Failed(items) || held {
		return factory.Silent(1)
	}
	return nil
}

func checkOnly(only []string, repo *content.Repo, cfg *config.Config) error {
	for _, o := range only {
		if _, ok := cfg.Accounts[o]; ok {
			continue
		}
		if !slices.ContainsFunc(repo.Posts, func(p *content.PostDoc) bool { return p.Slug == o }) {
			return factory.UsageErrorf("--only %s: no post has that slug and no account has that name", o)
		}
	}
	return nil
}

func expiring(f *factory.Factory, s *publishing.Setup) []publish.Problem {
	var accounts []string
	for a := range s.Config.Accounts {
		accounts = append(accounts, a)
	}
	return publish.Expiring(accounts, f.Getenv, f.Now(), s.Config.Publish.ExpiryWarning)
}

func report(ctx context.Context, f *factory.Factory, s *publishing.Setup, problems []publish.Problem) error {
	if len(problems) == 0 {
		return nil
	}
	c, err := f.GitHubClient(factory.GitHub{NoRepoFlag: true})
	if err != nil {
		return err
	}
	r := &publish.IssueReporter{Client: c, Label: s.Config.Publish.IssueLabel, RunURL: github.RunURL(f.Getenv)}
	u, err := r.Report(ctx, problems, f.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(f.IO.Out, "Problems are listed in %s\n", u)
	return nil
}

func localTime(t time.Time, zone string) string {
	if loc, err := time.LoadLocation(zone); err == nil {
		t = t.In(loc)
	}
	return t.Format("2006-01-02 15:04 MST")
}

func writeDryRun(w io.Writer, items []*publish.Item, at time.Time, cfg *config.Config, paused bool) {
	fmt.Fprintf(w, "Dry run as of %s: nothing is sent and the ledger is not changed.\n", localTime(at, cfg.Timezone))
	if paused {
		fmt.Fprintln(w, "Note: publishing is paused (FACTDESK_PAUSE is true), so a real run would send nothing.")
	}
	n := 0
	for _, it := range items {
		switch it.State {
		case publish.StateDue, publish.StateRecover, publish.StateWaiting:
			verb := "would send"
			switch it.State {
			case publish.StateDue:
				n++
			case publish.StateRecover:
				n++
				verb = "would settle (an earlier run was interrupted), then send if it is not there"
			case publish.StateWaiting:
				verb = "would wait: " + it.Reason
			}
			fmt.Fprintf(w, "\n%s (%s), due %s: %s\n", it.Label(), it.Platform, localTime(it.Due, it.Post.Timezone), verb)
			if l, ok := social.AccountLimit(cfg.Accounts[it.Account]); ok {
				c := social.MeasureWith(l, it.Message.Text)
				over := ""
				if c.Over() {
					over = "  TOO LONG: this post will be refused"
				}
				fmt.Fprintf(w, "  %s%s\n", c, over)
			}
			for _, line := range strings.Split(it.Message.Text, "\n") {
				fmt.Fprintf(w, "  | %s\n", line)
			}
			for _, img := range it.Message.Images {
				fmt.Fprintf(w, "  image %s, alt text: %s\n", filepath.Base(img.Path), img.Alt)
			}
		case publish.StateMissed, publish.StateUncertain, publish.StateFailed, publish.StateExported, publish.StateHeld:
			fmt.Fprintf(w, "\n%s: %s: %s\n", it.Label(), it.State, it.Reason)
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "\nNothing is due.")
	}
}

func writeSummary(w io.Writer, items []*publish.Item, at time.Time, cfg *config.Config) {
	fmt.Fprintf(w, "Publishing as of %s\n", localTime(at, cfg.Timezone))
	for _, it := range items {
		switch it.State {
		case publish.StateSent:
			where := it.Receipt.URL
			if where == "" {
				where = it.Receipt.RemoteID
			}
			fmt.Fprintf(w, "  sent       %s  %s\n", it.Label(), where)
		case publish.StateFailed, publish.StateHeld, publish.StateUncertain, publish.StatePending, publish.StateWaiting, publish.StateMissed:
			fmt.Fprintf(w, "  %-10s %s: %s\n", it.State, it.Label(), it.Reason)
		}
	}
	c := publish.Count(items)
	var parts []string
	for _, s := range []publish.State{publish.StateSent, publish.StateFailed, publish.StateHeld, publish.StateUncertain, publish.StatePending, publish.StateWaiting, publish.StateMissed} {
		parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
	}
	fmt.Fprintf(w, "%s.\n", strings.Join(parts, ", "))
}
