// Package unpublish implements `factdesk unpublish`.
package unpublish

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/internal/publishing"
	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/retry"
)

// Options are the parsed flags and arguments of `factdesk unpublish`.
type Options struct {
	Factory *factory.Factory
	Post    string
	Account string
	Push    bool
}

// NewCmdUnpublish returns the unpublish command. runF replaces the run function in tests.
func NewCmdUnpublish(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "unpublish SLUG",
		Short: "Delete a published post from every account it went to",
		Long: `Unpublish deletes a campaign post from each account the ledger says it was sent to
(or only --account), using each platform's delete call, and records the deletion in the
ledger so the post is never sent again to those accounts. It works while publishing is
paused.

To keep the post from going to accounts it has not reached yet, also set draft: true in
its file.`,
		Example: `  factdesk unpublish heart-month-kickoff
  factdesk unpublish heart-month-kickoff --account x-main`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return factory.UsageErrorf("give the slug of one post, e.g. factdesk unpublish heart-month-kickoff")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Post = args[0]
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Account, "account", "", "only this account")
	cmd.Flags().BoolVar(&opts.Push, "push", false, "require the Git remote that holds the ledger branch (the workflow sets it)")
	return cmd
}

// Run deletes the post.
func Run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	s, err := publishing.Load(f)
	if err != nil {
		return err
	}
	store, err := s.Store(ctx, f, opts.Push)
	if err != nil {
		return err
	}
	ledger, err := store.Peek(ctx)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	channels := s.Channels(f)
	var matched []*publish.Entry
	for _, e := range ledger.Entries {
		if e.Post == opts.Post && (opts.Account == "" || e.Account == opts.Account) {
			matched = append(matched, e)
		}
	}
	if len(matched) == 0 {
		who := ""
		if opts.Account != "" {
			who = " on " + opts.Account
		}
		return factory.UsageErrorf("the ledger has no record of %s%s: it was never sent (to keep it from going out, set draft: true in its file)", opts.Post, who)
	}
	failed := 0
	var changes []publish.Change
	var labels []string
	for _, e := range matched {
		label := e.Post + " → " + e.Account
		switch e.Status {
		case publish.Deleted:
			fmt.Fprintf(f.IO.Out, "  already deleted  %s\n", label)
			continue
		case publish.Sending, publish.Uncertain:
			fmt.Fprintf(f.IO.Out, "  check by hand    %s: the ledger has no id for it (status %s); delete it on the platform if it is there, then set its status to \"deleted\" in the ledger\n", label, e.Status)
			failed++
			continue
		}
		ch, err := channels(e.Account)
		if err != nil {
			fmt.Fprintf(f.IO.Out, "  failed           %s: %v\n", label, err)
			failed++
			continue
		}
		if err := deleteWithRetry(ctx, ch, publish.Receipt{RemoteID: e.RemoteID, URL: e.URL}, s.Settings); err != nil {
			fmt.Fprintf(f.IO.Out, "  failed           %s: %v\n", label, err)
			failed++
			continue
		}
		d := *e
		d.Status, d.Time, d.Note = publish.Deleted, f.Now().UTC(), "deleted with factdesk unpublish; was "+e.URL
		changes = append(changes, publish.Change{Post: e.Post, Account: e.Account, If: &publish.Entry{Status: e.Status, Run: e.Run}, Then: &d})
		labels = append(labels, label)
	}
	if len(changes) > 0 {
		// Recorded even when interrupted: the posts are gone from the platforms.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		applied, _, err := store.Commit(rctx, "unpublish: "+opts.Post, changes)
		if err != nil {
			return fmt.Errorf("the posts were deleted, but recording it in the ledger failed: %w; set their status to \"deleted\" in %s by hand", err, store.Where())
		}
		for i, label := range labels {
			if applied[i] {
				fmt.Fprintf(f.IO.Out, "  deleted          %s\n", label)
			} else {
				fmt.Fprintf(f.IO.Out, "  deleted          %s (its ledger entry had changed meanwhile and was left as it is; look at it)\n", label)
			}
		}
	}
	if failed > 0 {
		fmt.Fprintf(f.IO.ErrOut, "%d of %d could not be deleted; see above.\n", failed, len(matched))
		return factory.Silent(1)
	}
	return nil
}

// deleteWithRetry deletes, retrying 429s and server errors (deleting twice is harmless).
func deleteWithRetry(ctx context.Context, ch publish.Channel, r publish.Receipt, st publish.Settings) error {
	var err error
	for attempt := 0; attempt <= st.Retries; attempt++ {
		if err = ch.Delete(ctx, r); err == nil {
			return nil
		}
		ce := publish.AsCallError(err)
		if !ce.Retry {
			return err
		}
		wait := ce.RetryAfter
		if wait == 0 {
			wait = retry.Backoff(st.Backoff, attempt)
		}
		if wait > st.MaxWait {
			return err
		}
		if publish.Sleep(ctx, wait) != nil {
			return err
		}
	}
	return fmt.Errorf("%w (gave up after %d tries)", err, st.Retries+1)
}
