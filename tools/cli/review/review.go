// Package review implements `factdesk review`, the clinician review gate of pull
// requests, and its --deploy-gate mode.
package review

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/repofile"
	"github.com/factdesk/factdesk/tools/review"
)

// Options are the parsed flags of `factdesk review`.
type Options struct {
	Factory *factory.Factory
	// Repo is OWNER/NAME; default GITHUB_REPOSITORY, then organisation.repository.
	Repo string
	// PR is the pull request number; default from the event at GITHUB_EVENT_PATH.
	PR int
	// HeadSHA finds the open pull request with this head commit (workflow_run events).
	HeadSHA string
	// DryRun reads everything but writes nothing: the comment is printed instead.
	DryRun bool
	// DeployGate checks the local repository for pages with only sample reviewers.
	DeployGate bool
	Today      string
	// HugoMounts is a file holding the output of `hugo config mounts` for the base
	// branch; empty runs the pinned Hugo in the base checkout.
	HugoMounts string
}

// NewCmdReview returns the review command. runF replaces the run function in tests.
func NewCmdReview(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "review [--repo OWNER/NAME] [--pr N]",
		Short: "Check that every change of a pull request has the review it needs",
		Long: `review is the review gate of a pull request. It classifies every path the pull
request changes, default-deny, with the mounts the pinned Hugo reports for the base
branch (hugo config mounts): a fact-check needs each clinician it names (two for a new
fact-check or a change of claim, verdict or bottom line, one otherwise), and one of the
reviewers named before or an editor when reviewers are dropped; a campaign post or image
needs a registered scheduler or clinician; a page Hugo would publish in those sections
from anywhere else is refused; the paths factdesk.yaml lists as unreviewed need nothing;
everything else needs an editor. Nobody who opened the pull request or wrote, committed
or co-wrote a commit (by account or registered e-mail) counts, every approval must be of
the latest commit, and a file or commit list GitHub cut short is refused.

The registry and the policy are read from the base branch through GitHub's API, never
from the pull request. The result is one pull-request comment, updated on every run,
and a commit status (factdesk/review) on the head commit.

Environment: GITHUB_TOKEN (required; never printed), GITHUB_REPOSITORY (else
organisation.repository in factdesk.yaml) and GITHUB_EVENT_PATH (set by GitHub Actions),
FACTDESK_GITHUB_API_URL or GITHUB_API_URL (default https://api.github.com).

With --deploy-gate it reads no pull request: it fails when a published fact-check
names only sample reviewers (example: true) and factdesk.yaml does not mark the site
as a demonstration.`,
		Example: `  factdesk review --repo riverside/factdesk --pr 42
  factdesk review --pr 42 --dry-run
  factdesk review --deploy-gate`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.DeployGate && (opts.PR != 0 || opts.HeadSHA != "") {
				return factory.UsageErrorf("--deploy-gate reads no pull request; drop --pr and --head-sha")
			}
			if opts.PR < 0 {
				return factory.UsageErrorf("--pr must be a pull request number, not %d", opts.PR)
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.DeployGate {
				return runDeployGate(opts)
			}
			return runReview(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Repo, "repo", "", "repository OWNER/NAME (default: $GITHUB_REPOSITORY, then organisation.repository)")
	cmd.Flags().IntVar(&opts.PR, "pr", 0, "pull request number (default: from the event in $GITHUB_EVENT_PATH)")
	cmd.Flags().StringVar(&opts.HeadSHA, "head-sha", "", "find the open pull request whose head commit is this SHA")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the comment instead of posting it and set no status")
	cmd.Flags().BoolVar(&opts.DeployGate, "deploy-gate", false, "refuse a deploy whose pages name only sample reviewers")
	cmd.Flags().StringVar(&opts.HugoMounts, "hugo-mounts", "", "file with the output of `hugo config mounts` in the base checkout (default: run the pinned Hugo there)")
	cmd.Flags().StringVar(&opts.Today, "today", "", "date the check compares dates with, YYYY-MM-DD (default: today)")
	return cmd
}

// event is the part of a GitHub Actions event payload that names a pull request.
type event struct {
	Number      int `json:"number"`
	PullRequest *struct {
		Number int `json:"number"`
	} `json:"pull_request"`
	WorkflowRun *struct {
		HeadSHA      string `json:"head_sha"`
		PullRequests []struct {
			Number int `json:"number"`
		} `json:"pull_requests"`
	} `json:"workflow_run"`
}

// fromEvent fills PR or HeadSHA from the event payload file.
func fromEvent(path string, opts *Options) error {
	data, err := repofile.ReadLocal(path, repofile.DefaultDataLimit)
	if err != nil {
		return fmt.Errorf("reading the GitHub event at %s: %w", path, err)
	}
	var ev event
	if err := json.Unmarshal(data, &ev); err != nil {
		return fmt.Errorf("reading the GitHub event at %s: not JSON: %w", path, err)
	}
	switch {
	case ev.PullRequest != nil && ev.PullRequest.Number > 0:
		opts.PR = ev.PullRequest.Number
	case ev.WorkflowRun != nil && len(ev.WorkflowRun.PullRequests) > 0:
		opts.PR = ev.WorkflowRun.PullRequests[0].Number
	case ev.WorkflowRun != nil && ev.WorkflowRun.HeadSHA != "":
		// Runs for pull requests from forks list no pull request; find it by commit.
		opts.HeadSHA = ev.WorkflowRun.HeadSHA
	case ev.Number > 0:
		opts.PR = ev.Number
	default:
		return factory.UsageErrorf("the GitHub event at %s names no pull request; pass --pr", path)
	}
	return nil
}

func runReview(cmd *cobra.Command, opts *Options) error {
	f := opts.Factory
	repo, err := f.GitHubRepository(opts.Repo, false)
	if err != nil {
		return err
	}
	opts.Repo = repo
	if opts.PR == 0 && opts.HeadSHA == "" {
		p := f.Getenv("GITHUB_EVENT_PATH")
		if p == "" {
			return factory.UsageErrorf("no pull request: pass --pr N (or run in a GitHub Actions pull request workflow)")
		}
		if err := fromEvent(p, opts); err != nil {
			return err
		}
	}
	c, err := f.GitHubClient(factory.GitHub{Repo: opts.Repo, TokenOptional: opts.DryRun,
		Why: "the gate needs a token that may read the pull request and write statuses and comments"})
	if err != nil {
		return err
	}
	today, err := f.Today(opts.Today)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	n := opts.PR
	if n == 0 {
		pr, err := c.PullRequestForHead(ctx, opts.HeadSHA)
		if errors.Is(err, github.ErrNoPullRequest) {
			// A review on a pull request that was closed or moved on: a later run covers it.
			fmt.Fprintf(f.IO.ErrOut, "%v\n", err)
			return nil
		}
		if err != nil {
			return &factory.ExitError{Code: 2, Err: err}
		}
		n = pr.GetNumber()
	}
	root, err := f.Root()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("the gate runs in a checkout of the base branch, whose Hugo mounts say what the site publishes: %w", err)}
	}
	mounts, err := review.ReadMounts(ctx, root, opts.HugoMounts)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	ro := review.Options{
		Gather:  review.GatherOptions{Root: root, Today: today, Mounts: mounts},
		Render:  review.RenderOptions{RunURL: github.RunURL(f.Getenv)},
		Comment: !opts.DryRun,
		Status:  !opts.DryRun,
	}
	out, err := review.Run(ctx, c, n, ro)
	if err != nil {
		// The gate could not decide: exit 2, never a pass.
		return &factory.ExitError{Code: 2, Err: err}
	}
	fmt.Fprint(f.IO.ErrOut, review.Describe(out.Report))
	if opts.DryRun {
		fmt.Fprint(f.IO.Out, out.Comment)
	} else if out.CommentURL != "" {
		fmt.Fprintf(f.IO.ErrOut, "comment: %s\n", out.CommentURL)
	}
	if !out.Report.Passed() {
		return factory.Silent(1)
	}
	return nil
}

func runDeployGate(opts *Options) error {
	f := opts.Factory
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	pages, allowed := review.DeployCheck(repo, cfg)
	switch {
	case len(pages) == 0:
		fmt.Fprintln(f.IO.ErrOut, "deploy gate: every published fact-check names at least one real reviewer")
		return nil
	case allowed:
		fmt.Fprintf(f.IO.ErrOut, "deploy gate: demonstration site (organisation.demonstration: true): %d published fact-checks name only sample reviewers; the site shows the demonstration notice\n", len(pages))
		return nil
	}
	fmt.Fprintln(f.IO.ErrOut, review.DescribeSample(pages))
	return factory.Silent(1)
}
