package review

import (
	"context"
	"fmt"

	"github.com/factdesk/factdesk/tools/github"
)

// Options control Run.
type Options struct {
	Gather GatherOptions
	Render RenderOptions
	// Comment posts or updates the gate's comment on the pull request.
	Comment bool
	// Status sets the commit status on the head commit.
	Status bool
}

// Outcome is what Run did.
type Outcome struct {
	Report     *Report
	Comment    string
	CommentURL string
}

// Run gathers pull request n, evaluates it, and reports on GitHub: one comment, kept
// up to date, and a success or failure status on the head commit.
func Run(ctx context.Context, c *github.Client, n int, opts Options) (*Outcome, error) {
	pr, err := c.PullRequest(ctx, n)
	if err != nil {
		return nil, err
	}
	snap, err := Gather(ctx, c, pr, opts.Gather)
	if err != nil {
		if opts.Status && pr.GetHead().GetSHA() != "" {
			// Leave a visible failure rather than an old success on the commit.
			_ = c.SetStatus(ctx, pr.GetHead().GetSHA(), statusContext(nil), "error", "The review gate could not run; see the workflow log", opts.Render.RunURL)
		}
		return nil, err
	}
	rep := Evaluate(snap)
	out := &Outcome{Report: rep, Comment: Render(rep, opts.Render)}
	if opts.Comment {
		u, err := c.UpsertComment(ctx, n, Marker, out.Comment)
		if err != nil {
			return out, err
		}
		out.CommentURL = u
	}
	if opts.Status {
		state := "success"
		if !rep.Passed() {
			state = "failure"
		}
		target := out.CommentURL
		if target == "" {
			target = opts.Render.RunURL
		}
		if err := c.SetStatus(ctx, snap.HeadSHA, statusContext(snap), state, rep.Summary(), target); err != nil {
			return out, err
		}
	}
	return out, nil
}

func statusContext(s *Snapshot) string {
	if s == nil || s.Config == nil {
		return "factdesk/review"
	}
	return s.Config.Review.Status()
}

// Describe is a short plain-text account of a report for the workflow log.
func Describe(r *Report) string {
	s := fmt.Sprintf("pull request #%d at %s: %s\n", r.Snapshot.Number, short(r.Snapshot.HeadSHA), r.Summary())
	for _, f := range r.Files {
		mark := "ok  "
		if !f.OK() {
			mark = "FAIL"
		}
		s += fmt.Sprintf("  %s %s (%s)\n", mark, f.Path, f.Change)
		for _, m := range f.Missing {
			s += "       - " + m + "\n"
		}
	}
	return s
}

// short abbreviates a commit hash as Git does.
func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
