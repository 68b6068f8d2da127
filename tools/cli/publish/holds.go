package publish

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/internal/publishing"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/publish"
)

// checkHold runs the rules of `factdesk check` (the offline ones, as the pull request
// ran them) over the posts that are due, and holds each post with an error. The reason
// names the rules and where, never the text: a post held for patient information must
// not copy it into logs or the run's issue.
func checkHold(ctx context.Context, root string, repo *content.Repo, cfg *config.Config, items []*publish.Item, at time.Time) (publish.Hold, error) {
	paths := map[string]bool{}
	var only []string
	for _, it := range items {
		if it.State == publish.StateDue && !paths[it.Post.Path] {
			paths[it.Post.Path] = true
			only = append(only, it.Post.Path)
		}
	}
	if len(only) == 0 {
		return func(*publish.Item) string { return "" }, nil
	}
	added, err := check.AddedDates(ctx, root, content.CampaignsDir)
	if err != nil {
		return nil, err
	}
	run := check.NewRun(repo, cfg, check.Options{Today: at, Only: only, Added: added})
	errs := map[string][]string{}
	for _, f := range run.Execute(ctx) {
		if f.Severity == content.Error && paths[f.Path] {
			errs[f.Path] = append(errs[f.Path], fmt.Sprintf("%s (line %d)", f.Rule, f.Line))
		}
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("checking the due posts: %w", ctx.Err())
	}
	return func(it *publish.Item) string {
		rules := errs[it.Post.Path]
		if len(rules) == 0 {
			return ""
		}
		sort.Strings(rules)
		what := "the rule"
		if len(rules) > 1 {
			what = "the rules"
		}
		return fmt.Sprintf("not sent: %s breaks %s %s of factdesk check; fix the post in a pull request (run: factdesk check %s)",
			it.Post.Path, what, strings.Join(rules, ", "), it.Post.Path)
	}, nil
}

// applyHolds holds the due posts that must wait for a person: a rule of factdesk check
// broken, the account paused, the month's cost cap reached.
func applyHolds(ctx context.Context, s *publishing.Setup, repo *content.Repo, pub *publish.Publisher, items []*publish.Item, at, now time.Time) error {
	hold, err := checkHold(ctx, s.Root, repo, s.Config, items, at)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	publish.ApplyHolds(items, hold, publish.PausedHold(pub.Ledger), pub.CapHold(now))
	return nil
}
