// Package audit keeps one GitHub issue per problem that the scheduled online check
// finds on the published site — a newly retracted paper, a dead source, a review past
// due — opening it once, updating it when the details change, assigning it to the
// page's reviewers, and closing it when the problem is gone.
//
// Each issue carries a hidden marker with a stable fingerprint of its problem (rule,
// file and the citation or link concerned), so the audit recognises its own issues
// however often it runs.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/check"
)

// DefaultLabel marks the issues the audit keeps.
const DefaultLabel = "factdesk-audit"

// DefaultRules are the finding rules (or rule prefixes ending in -) the audit turns
// into issues: problems that appear on their own, after a page was approved.
var DefaultRules = []string{"citation-", "cited-page-changed", "link-dead", "review-due", "guideline-age"}

// Problem is one thing to fix, made of one or more findings with the same fingerprint.
type Problem struct {
	Fingerprint string
	Rule        string
	Path        string
	// Subject is the citation key or address concerned, if any.
	Subject   string
	Findings  []check.Finding
	Assignees []string
}

// Options control Sync.
type Options struct {
	// Rules selects findings by rule ID or prefix (ending in -); empty means DefaultRules.
	Rules []string
	Label string
	// Assignees returns the GitHub handles to assign for a file (the page's reviewers).
	Assignees func(path string) []string
	// DryRun computes the actions without making them.
	DryRun bool
}

// Result counts what Sync did, and lists it.
type Result struct {
	Opened, Updated, Reopened, Closed, Unchanged int
	Actions                                      []string
}

var markerRe = regexp.MustCompile(`<!-- factdesk:audit fingerprint=([0-9a-f]{16}) rule=([a-z0-9-]+) -->`)

func marker(p *Problem) string {
	return fmt.Sprintf("<!-- factdesk:audit fingerprint=%s rule=%s -->", p.Fingerprint, p.Rule)
}

// Selected reports whether rule is among rules (IDs or prefixes ending in -). A prefix
// does not select "…-unverified" findings: a source that could not be reached this
// week is not yet a problem, and an issue for it would open and close with the network.
func Selected(rule string, rules []string) bool {
	if len(rules) == 0 {
		rules = DefaultRules
	}
	for _, r := range rules {
		if rule == r {
			return true
		}
		if strings.HasSuffix(r, "-") && strings.HasPrefix(rule, r) && !strings.HasSuffix(rule, "-unverified") {
			return true
		}
	}
	return false
}

var (
	quotedRe = regexp.MustCompile(`"([^"]+)"`)
	urlRe    = regexp.MustCompile(`https?://[^\s"'<>)]+`)
)

// subject picks what a finding is about out of its message: whichever comes first of a
// quoted name (a citation key) and an address, so that two dead links in one page are
// two problems while a change of status code is the same problem.
func subject(f check.Finding) string {
	q := quotedRe.FindStringSubmatchIndex(f.Message)
	u := urlRe.FindStringIndex(f.Message)
	switch {
	case q != nil && (u == nil || q[0] < u[0]):
		return f.Message[q[2]:q[3]]
	case u != nil:
		return strings.TrimRight(f.Message[u[0]:u[1]], ".,;:")
	}
	return ""
}

// Fingerprint identifies a problem across runs.
func Fingerprint(rule, path, subj string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + subj))
	return hex.EncodeToString(sum[:8])
}

// Problems groups the selected findings (warnings and errors) into problems, in a
// stable order.
func Problems(fs []check.Finding, opts Options) []*Problem {
	by := map[string]*Problem{}
	for _, f := range fs {
		if f.Level != "error" && f.Level != "warning" {
			continue
		}
		if !Selected(f.Rule, opts.Rules) {
			continue
		}
		subj := subject(f)
		fp := Fingerprint(f.Rule, f.Path, subj)
		p := by[fp]
		if p == nil {
			p = &Problem{Fingerprint: fp, Rule: f.Rule, Path: f.Path, Subject: subj}
			if opts.Assignees != nil {
				p.Assignees = opts.Assignees(f.Path)
			}
			by[fp] = p
		}
		p.Findings = append(p.Findings, f)
	}
	out := make([]*Problem, 0, len(by))
	for _, p := range by {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Fingerprint < out[j].Fingerprint
	})
	return out
}

// Sync makes the repository's audit issues match problems: one open issue per problem.
func Sync(ctx context.Context, gh *github.Client, problems []*Problem, opts Options) (*Result, error) {
	label := opts.Label
	if label == "" {
		label = DefaultLabel
	}
	existing, err := gh.Issues(ctx, label)
	if err != nil {
		return nil, err
	}
	byFP := github.KeptIssues(existing, func(body string) string {
		if m := markerRe.FindStringSubmatch(body); m != nil {
			return m[1]
		}
		return ""
	})
	res := &Result{}
	want := map[string]bool{}
	for _, p := range problems {
		want[p.Fingerprint] = true
		title := Title(p)
		is := byFP[p.Fingerprint]
		_, change, err := gh.KeepIssue(ctx, is, github.WantIssue{Title: title, Body: Body(p), Labels: []string{label}, Assignees: p.Assignees}, opts.DryRun)
		switch change {
		case github.Opened:
			res.Opened++
			res.Actions = append(res.Actions, "open: "+title)
		case github.Reopened:
			res.Reopened++
			res.Actions = append(res.Actions, fmt.Sprintf("reopen #%d: %s", is.GetNumber(), title))
		case github.Updated:
			res.Updated++
			res.Actions = append(res.Actions, fmt.Sprintf("update #%d: %s", is.GetNumber(), title))
		case github.Reassigned:
			res.Updated++
			res.Actions = append(res.Actions, fmt.Sprintf("reassign #%d: %s", is.GetNumber(), title))
		default:
			res.Unchanged++
		}
		if err != nil {
			return res, err
		}
	}
	for fp, is := range byFP {
		m := markerRe.FindStringSubmatch(is.GetBody())
		if want[fp] || is.GetState() != "open" || !Selected(m[2], opts.Rules) {
			continue
		}
		res.Closed++
		res.Actions = append(res.Actions, fmt.Sprintf("close #%d: %s", is.GetNumber(), is.GetTitle()))
		if opts.DryRun {
			continue
		}
		if err := gh.CloseIssue(ctx, is.GetNumber(), "The weekly audit no longer finds this problem, so this issue is closed. It reopens if the problem comes back."); err != nil {
			return res, err
		}
	}
	sort.Strings(res.Actions)
	return res, nil
}

// ruleTitles name each kind of problem for people, with what to do about it.
var ruleTitles = map[string][2]string{
	"citation-retracted":      {"Cited paper retracted", "Read the retraction notice. Cite other evidence instead, or keep the paper only as the subject of the myth (role: subject), and have a reviewer approve the change."},
	"link-dead":               {"Source link no longer works", "Find the page's new address or an archived copy and update the citation, or replace the source."},
	"review-due":              {"Clinical review past due", "Ask a named reviewer to re-check the evidence, then update last_reviewed and next_review in a pull request they approve."},
	"citation-not-found":      {"Cited identifier not found", "Check the DOI or PubMed ID against the paper and correct it."},
	"citation-title-mismatch": {"Cited identifier names a different work", "The DOI or PubMed ID resolves to another title; correct the identifier or the title."},
	"citation-concern":        {"Concern raised about a cited paper", "Read the notice (expression of concern or correction) and check whether it affects what the fact-check relies on; prefer other evidence if it does."},
	"citation-superseded":     {"Cited source superseded", "Cite the newer version of the source and have a reviewer check the fact-check still holds."},
	"guideline-age":           {"Cited guideline may be out of date", "Check whether the body has issued a newer guideline, and cite it."},
	"cited-page-changed":      {"Cited page changed", "Read the changes quoted above and the live page. If the fact-check still says what the page says, record the page anew (`factdesk cite <address>` gives new retrieved, fingerprint and archived lines) in a pull request a reviewer approves. If it no longer does, correct the fact-check, add an entry to its corrections log, and consider recording the change under positions."},
	"citation-no-match":       {"Citation matches no registered work", "No index holds a record matching this citation's fields. Correct them from the registered record, or the identifier; if the work cannot be found, remove the citation."},
}

// Title is the issue title of a problem.
func Title(p *Problem) string {
	name := p.Rule
	if t, ok := ruleTitles[p.Rule]; ok {
		name = t[0]
	}
	s := fmt.Sprintf("%s: %s", name, p.Path)
	if p.Subject != "" {
		s += " (" + p.Subject + ")"
	}
	return s
}

// escape keeps text from a page or a finding from being read as HTML or Markdown markup.
func escape(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "@", "@\u200b", "\n", " ").Replace(s)
}

// Body is the issue body: the marker, the findings, who is assigned and what to do.
func Body(p *Problem) string {
	var b strings.Builder
	b.WriteString(marker(p) + "\n")
	name, todo := p.Rule, "Fix the finding below in a pull request."
	if t, ok := ruleTitles[p.Rule]; ok {
		name, todo = t[0], t[1]
	}
	fmt.Fprintf(&b, "**%s** in `%s`\n\n", name, p.Path)
	for _, f := range p.Findings {
		fmt.Fprintf(&b, "- line %d: %s (`%s`)\n", f.Line, escape(f.Message), f.Rule)
		if len(f.Detail) > 0 {
			b.WriteString("\n")
			for _, d := range f.Detail {
				fmt.Fprintf(&b, "  > %s\n  >\n", escape(d))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\n**What to do:** %s\n\n", todo)
	if len(p.Assignees) > 0 {
		var at []string
		for _, a := range p.Assignees {
			at = append(at, "@"+a)
		}
		fmt.Fprintf(&b, "Reviewers of this page: %s\n\n", strings.Join(at, ", "))
	}
	b.WriteString("<sub>Kept by `factdesk audit` from the weekly online check: updated when the details change, closed when the problem is gone. See docs/review.md.</sub>\n")
	return b.String()
}
