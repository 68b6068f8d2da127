// Package provenance checks, before the site is deployed or a post is sent, that every
// commit on the default branch since the last verified one came through a merged pull
// request whose review gate passes when run again now, with that pull request's data
// from GitHub's API. A commit status proves nothing (any workflow allowed to write
// statuses can set one), so the gate is evaluated again rather than read back.
//
// The last verified commit is kept in a small state file (the workflows keep it in the
// Actions cache). When it is lost, verification restarts from the commit an
// administrator recorded (the FACTDESK_VERIFY_FROM variable) or, without one, from the
// repository's first commit: it never trusts what it has not checked.
package provenance

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/review"
)

// Options control Verify.
type Options struct {
	// Branch is the default branch (default: publish.branch of factdesk.yaml).
	Branch string
	// Head is the commit to verify up to (default: the branch's tip on GitHub).
	Head string
	// From is the restart point used when the state remembers no verified commit: a
	// commit an administrator recorded as verified. Empty restarts from the
	// repository's first commit.
	From string
	// Gather controls each gate run.
	Gather review.GatherOptions
	// Mounts returns Hugo's mounts when Gather has none; it is called once, and only
	// when a gate has to run.
	Mounts func(ctx context.Context) ([]review.Mount, error)
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// Commit is a commit of the default branch that is not verified.
type Commit struct {
	SHA     string
	Subject string
	Author  string
	// PR is the merged pull request that brought the commit, 0 when none did.
	PR int
	// Why says what is wrong, for people.
	Why string
	// Files are the paths the commit changes.
	Files []string
}

// Result is what Verify found.
type Result struct {
	Branch string
	Head   string
	// From is the verified commit the check started after; Restarted reports that the
	// state remembered none, so From is the restart point.
	From      string
	Restarted bool
	// Checked is how many commits were checked; Gates how many pull requests' gates ran.
	Checked, Gates int
	// Unverified are the commits that fail, oldest first.
	Unverified []Commit
	// Rewritten is set when the remembered commit is no longer on the branch.
	Rewritten bool
	// Skipped says why nothing was checked (a demonstration site, no pull requests yet).
	Skipped string
}

// OK reports whether everything up to Head is verified (or the check was skipped).
func (r *Result) OK() bool { return len(r.Unverified) == 0 && !r.Rewritten }

// HeldPaths are the files changed by unverified commits: posts among them, and posts
// linking to fact-checks among them, are held.
func (r *Result) HeldPaths() map[string]bool {
	out := map[string]bool{}
	for _, c := range r.Unverified {
		for _, f := range c.Files {
			out[f] = true
		}
	}
	return out
}

// Verify checks every commit of the branch after the last verified one and updates st:
// st.Verified moves to Head only when every commit up to it is verified. The result
// lists what fails; an error means verification could not be done (and nothing may be
// taken as verified).
func Verify(ctx context.Context, c *github.Client, cfg *config.Config, st *State, opts Options) (*Result, error) {
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	res := &Result{Branch: opts.Branch}
	if res.Branch == "" {
		res.Branch = cfg.Publish.Branch
	}
	if cfg.Organisation.Demonstration {
		res.Skipped = "this is a demonstration site (organisation.demonstration: true in factdesk.yaml), so the provenance of its commits is not checked"
		return res, nil
	}
	st.prepare(res.Branch)
	head := opts.Head
	if head == "" {
		var err error
		if head, err = c.BranchHead(ctx, res.Branch); err != nil {
			return nil, err
		}
	}
	res.Head = head
	if st.Verified == head {
		return res, nil
	}

	var commits []*github.RepositoryCommit
	switch res.From = st.Verified; {
	case res.From != "":
		cmp, err := c.Compare(ctx, res.From, head)
		if err != nil {
			return nil, err
		}
		if cmp.Status == "diverged" || cmp.Status == "behind" {
			res.Rewritten = true
		}
		commits = cmp.Commits
	case opts.From != "":
		res.Restarted, res.From = true, opts.From
		logf("provenance: no verified commit remembered; restarting after %s (FACTDESK_VERIFY_FROM)", short(opts.From))
		cmp, err := c.Compare(ctx, opts.From, head)
		if err != nil {
			return nil, err
		}
		if cmp.Status == "diverged" || cmp.Status == "behind" {
			return nil, fmt.Errorf("the restart point %s (FACTDESK_VERIFY_FROM) is not in the history of %s; set it to a commit of %s", short(opts.From), res.Branch, res.Branch)
		}
		commits = cmp.Commits
	default:
		res.Restarted = true
		logf("provenance: no verified commit remembered and no FACTDESK_VERIFY_FROM; checking the whole history of %s after its first commit", res.Branch)
		all, err := c.History(ctx, head)
		if err != nil {
			return nil, err
		}
		// History is newest first; the first commit (no parent) is the template's and is
		// where verification starts.
		for i := len(all) - 1; i >= 0; i-- {
			if len(all[i].Parents) == 0 {
				res.From = all[i].GetSHA()
				continue
			}
			commits = append(commits, all[i])
		}
	}

	// Verify each commit, oldest first; a pull request's gate runs once per run.
	type gate struct {
		passed  bool
		summary string
		paths   []string
	}
	gates := map[int]*gate{}
	type pending struct {
		commit Commit
		index  int
	}
	var failed []pending
	// cures[i] are the paths changed by the verified pull request of commit i.
	cures := make([][]string, len(commits))
	for i, cm := range commits {
		sha := cm.GetSHA()
		res.Checked++
		if n, ok := st.Passed[sha]; ok && n > 0 {
			cures[i] = st.Paths[fmt.Sprint(n)]
			continue
		}
		prs, err := c.PullsWithCommit(ctx, sha)
		if err != nil {
			return nil, err
		}
		var pr *github.PullRequest
		for _, p := range prs {
			if p.MergedAt != nil && p.GetBase().GetRef() == res.Branch {
				pr = p
				break
			}
		}
		u := Commit{SHA: sha, Subject: subject(cm.GetCommit().GetMessage()), Author: cm.GetAuthor().GetLogin()}
		if u.Author == "" {
			u.Author = cm.GetCommit().GetAuthor().GetName()
		}
		if pr == nil {
			u.Why = "pushed to " + res.Branch + " without a pull request"
			failed = append(failed, pending{u, i})
			continue
		}
		n := pr.GetNumber()
		g := gates[n]
		if g == nil {
			logf("provenance: running the review gate again on pull request #%d", n)
			if len(opts.Gather.Mounts) == 0 && opts.Mounts != nil {
				m, err := opts.Mounts(ctx)
				if err != nil {
					return nil, err
				}
				opts.Gather.Mounts = m
			}
			snap, err := review.Gather(ctx, c, pr, opts.Gather)
			if err != nil {
				return nil, fmt.Errorf("re-running the review gate on pull request #%d (merged as %s): %w", n, short(sha), err)
			}
			rep := review.Evaluate(snap)
			g = &gate{passed: rep.Passed(), summary: blocking(rep)}
			for _, ch := range snap.Changes {
				g.paths = append(g.paths, ch.Path)
				if ch.Previous != "" {
					g.paths = append(g.paths, ch.Previous)
				}
			}
			gates[n] = g
			res.Gates++
		}
		if !g.passed {
			u.PR = n
			u.Why = fmt.Sprintf("merged through pull request #%d, whose review gate does not pass when run again: %s", n, g.summary)
			failed = append(failed, pending{u, i})
			continue
		}
		cures[i] = g.paths
		st.pass(sha, n, g.paths)
	}

	// A failing commit is cured when a later verified pull request changes every file
	// it changed (a reviewed revert, or a pull request whose reviewers approve those
	// files as they now stand).
	for _, f := range failed {
		files, err := c.CommitFiles(ctx, f.commit.SHA)
		if err != nil {
			return nil, err
		}
		f.commit.Files = files
		if cured(files, cures[f.index+1:]) && len(files) > 0 {
			logf("provenance: %s is unverified but every file it changed was reviewed again since", short(f.commit.SHA))
			continue
		}
		res.Unverified = append(res.Unverified, f.commit)
	}

	if len(res.Unverified) > 0 && res.Gates == 0 && !hasPR(res.Unverified) {
		any, err := c.AnyPullRequest(ctx)
		if err != nil {
			return nil, err
		}
		if !any {
			res.Unverified = nil
			res.Skipped = "this repository has no pull requests yet, so nothing on " + res.Branch + " has been through review; provenance is checked from the first merged pull request on (set FACTDESK_VERIFY_FROM when you turn on branch protection, see docs/going-live.md)"
			return res, nil
		}
	}
	if res.OK() {
		st.advance(head)
	}
	return res, nil
}

// blocking says what the gate still asks for, file by file.
func blocking(rep *review.Report) string {
	var parts []string
	for _, f := range rep.Blocking() {
		parts = append(parts, f.Path+": "+strings.Join(f.Missing, "; "))
	}
	if len(parts) == 0 {
		return rep.Summary()
	}
	return strings.Join(parts, " | ")
}

func hasPR(cs []Commit) bool {
	for _, c := range cs {
		if c.PR != 0 {
			return true
		}
	}
	return false
}

func cured(files []string, later [][]string) bool {
	seen := map[string]bool{}
	for _, ps := range later {
		for _, p := range ps {
			seen[p] = true
		}
	}
	for _, f := range files {
		if !seen[f] {
			return false
		}
	}
	return true
}

func subject(msg string) string {
	s, _, _ := strings.Cut(msg, "\n")
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return s
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
