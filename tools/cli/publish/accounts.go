package publish

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"time"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/internal/publishing"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/publish"
)

// writeCosts ends the dry run with what X will charge: for this run and for the posts
// the calendar schedules in the next 30 days, and how the month stands against the cap.
func writeCosts(w io.Writer, pub *publish.Publisher, items []*publish.Item, at time.Time) {
	c := pub.Config.Publish.Costs
	run, next := pub.RunCost(items), pub.UpcomingCost(at, 30*24*time.Hour)
	fmt.Fprintf(w, "\nCosts (X: $%.3f a post, $%.2f with a link, prices of %s in %s; see %s):\n", c.X.Post, c.X.PostWithLink, c.X.AsOf, config.File, c.X.Source)
	fmt.Fprintf(w, "  this run:          %s\n", run)
	fmt.Fprintf(w, "  next 30 days:      %s\n", next)
	if c.MonthlyCap > 0 {
		fmt.Fprintf(w, "  spent this month:  %s of the monthly cap of $%.2f\n", pub.MonthSpent(at), c.MonthlyCap)
	}
}

// runCheckAccounts is `factdesk publish --check-accounts`: one line per account, exit 1
// when one does not work or expires soon.
func runCheckAccounts(ctx context.Context, f *factory.Factory, s *publishing.Setup, only []string) error {
	var names []string
	for name := range s.Config.Accounts {
		if len(only) == 0 || slices.Contains(only, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return factory.UsageErrorf("--only %v names no account in %s", only, config.File)
	}
	sort.Strings(names)
	warn := s.Config.Publish.ExpiryWarning
	ledger := &publish.Ledger{}
	if store, err := s.Store(ctx, f, false); err == nil {
		if l, err := store.Peek(ctx); err == nil {
			ledger = l
		}
	}
	platform := func(a string) string { return s.Config.Accounts[a].Platform }
	sts := publish.CheckAccounts(ctx, names, platform, s.Channels(f), f.Getenv, f.Now(), warn)
	out := f.IO.Out
	bad := false
	for _, st := range sts {
		state := "works"
		switch {
		case st.Problem == "expiring":
			state, bad = "expiring", true
		case st.Problem != "" || !st.Works:
			state, bad = "FAILS", true
		}
		fmt.Fprintf(out, "%-16s %-9s %s\n", st.Account, st.Platform, state)
		if st.Who != "" {
			fmt.Fprintf(out, "  account:  %s\n", st.Who)
		}
		if st.API != "" {
			fmt.Fprintf(out, "  api:      %s\n", st.API)
		}
		switch {
		case !st.Expires.IsZero():
			fmt.Fprintf(out, "  expires:  %s (from %s)\n", st.Expires.UTC().Format("2006-01-02"), st.ExpiresFrom)
		case st.Works:
			fmt.Fprintf(out, "  expires:  not known; set %s (YYYY-MM-DD) if the token expires\n", publish.EnvName(st.Account, "TOKEN_EXPIRES"))
		}
		if p := ledger.PausedAccount(st.Account); p != nil {
			bad = true
			fmt.Fprintf(out, "  paused:   since %s: %s; when fixed: factdesk accounts resume %s\n", p.Since.Format("2006-01-02"), p.Reason, st.Account)
		}
		if st.Detail != "" {
			fmt.Fprintf(out, "  problem:  %s\n", st.Detail)
		}
	}
	if bad {
		return factory.Silent(1)
	}
	return nil
}
