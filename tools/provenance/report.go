package provenance

import (
	"context"
	"fmt"
	"strings"

	"github.com/factdesk/factdesk/tools/github"
)

// Label marks the one issue that provenance keeps open while commits are unverified.
const Label = "factdesk-provenance"

// Marker identifies that issue's body.
const Marker = "<!-- factdesk:provenance -->"

// Report keeps one open issue while r has unverified commits: it opens it, or updates
// the open one when the list changed, and closes it with a comment once everything is
// verified. It returns the issue's address ("" when there is none).
func Report(ctx context.Context, gh *github.Client, r *Result, runURL string) (string, error) {
	all, err := gh.Issues(ctx, Label)
	if err != nil {
		return "", err
	}
	open := github.KeptIssues(all, func(body string) string {
		if strings.Contains(body, Marker) {
			return Marker
		}
		return ""
	})[Marker]
	if open != nil && open.GetState() != "open" {
		// A closed issue was about earlier commits: new ones get an issue of their own.
		open = nil
	}
	if r.OK() {
		if open == nil || r.Skipped != "" {
			return "", nil
		}
		msg := fmt.Sprintf("Every commit of %s up to %s is now verified; the site deploys and held posts go out again.", r.Branch, short(r.Head))
		return open.GetHTMLURL(), gh.CloseIssue(ctx, open.GetNumber(), msg)
	}
	title := fmt.Sprintf("Unreviewed changes on %s: the site is not deployed and posts are held", r.Branch)
	is, _, err := gh.KeepIssue(ctx, open, github.WantIssue{Title: title, Body: Body(r, runURL), Labels: []string{Label}}, false)
	if err != nil {
		return "", err
	}
	return is.GetHTMLURL(), nil
}

// Body is the issue's text: the commits, what is held, and how to fix it.
func Body(r *Result, runURL string) string {
	var b strings.Builder
	b.WriteString(Marker + "\n")
	fmt.Fprintf(&b, "factdesk checks, before every deploy and every send, that each commit on `%s` came through a merged pull request whose review gate passes. ", r.Branch)
	b.WriteString("These do not, so the live site stays as it was and posts that link to what they changed are held.\n\n")
	if r.Rewritten {
		fmt.Fprintf(&b, "- **`%s` was rewritten** (force-pushed): the last verified commit %s is no longer in its history.\n", r.Branch, short(r.From))
	}
	for _, c := range r.Unverified {
		fmt.Fprintf(&b, "- %s %q by %s: %s\n", c.SHA, c.Subject, orUnknown(c.Author), c.Why)
		if len(c.Files) > 0 {
			fmt.Fprintf(&b, "  changes: %s\n", strings.Join(codeList(c.Files, 10), ", "))
		}
	}
	b.WriteString("\n### How to fix it\n\n")
	b.WriteString("For each commit above, do one of these through a pull request that is reviewed as usual:\n\n")
	b.WriteString("1. **Revert it**: `git revert <commit>` on a new branch, open a pull request, and have it approved as its files need (the pull-request comment of the review gate says by whom).\n")
	b.WriteString("2. **Have it reviewed**: open a pull request that changes every file the commit changed (for a fact-check, at least its `reviewed` date and the reviewers who checked the text as it now stands), and have it approved.\n\n")
	b.WriteString("Once such a pull request is merged, the next deploy verifies again, deploys, and closes this issue. ")
	if r.Rewritten {
		b.WriteString("For a rewritten branch, push the verified history back; if the rewrite was intended, an administrator deletes the `factdesk-provenance-` caches (Actions → Caches) so verification restarts from `FACTDESK_VERIFY_FROM`. ")
	}
	b.WriteString("To stop this happening again, run `factdesk doctor` and fix what it reports (branch protection with no bypass above all). See docs/review.md, \"Provenance\".\n")
	if runURL != "" {
		fmt.Fprintf(&b, "\nFound by %s\n", runURL)
	}
	return b.String()
}

// Describe is the plain-text account for the workflow log.
func Describe(r *Result) string {
	var b strings.Builder
	switch {
	case r.Skipped != "":
		fmt.Fprintf(&b, "provenance: skipped: %s\n", r.Skipped)
		return b.String()
	case r.Checked == 0 && r.OK():
		fmt.Fprintf(&b, "provenance: %s at %s is already verified\n", r.Branch, short(r.Head))
		return b.String()
	}
	from := "after " + short(r.From)
	if r.Restarted {
		from += " (restart point)"
	}
	fmt.Fprintf(&b, "provenance: checked %d commits of %s %s up to %s; ran the review gate of %d pull requests\n", r.Checked, r.Branch, from, short(r.Head), r.Gates)
	if r.Rewritten {
		fmt.Fprintf(&b, "  FAIL %s was rewritten: %s is no longer in its history\n", r.Branch, short(r.From))
	}
	for _, c := range r.Unverified {
		fmt.Fprintf(&b, "  FAIL %s %q by %s: %s\n", short(c.SHA), c.Subject, orUnknown(c.Author), c.Why)
	}
	if r.OK() {
		fmt.Fprintf(&b, "provenance: every commit up to %s is verified\n", short(r.Head))
	}
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown author"
	}
	if strings.Contains(s, " ") {
		return s
	}
	return "@" + s
}

func codeList(xs []string, n int) []string {
	var out []string
	for i, x := range xs {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(xs)-n))
			break
		}
		out = append(out, "`"+x+"`")
	}
	return out
}
