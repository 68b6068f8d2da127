package publish

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/github"
)

// Problem is something people must hear about: a failed or uncertain send, a missed
// post, a credential about to expire.
type Problem struct {
	Kind   string // failed, uncertain, pending, missed, expiring
	Label  string
	Detail string
}

// Problems collects what a run must report from its items.
func Problems(items []*Item) []Problem {
	var out []Problem
	for _, it := range items {
		switch it.State {
		case StateFailed, StateHeld, StateUncertain, StatePending, StateMissed:
			out = append(out, Problem{Kind: string(it.State), Label: it.Label(), Detail: it.Reason})
		}
	}
	return out
}

// Expiring checks each account's FACTDESK_<ACCOUNT>_TOKEN_EXPIRES (YYYY-MM-DD or RFC 3339)
// and returns a problem for each token that expires within warn of now, or has expired.
func Expiring(accounts []string, getenv func(string) string, now time.Time, warn time.Duration) []Problem {
	var out []Problem
	sort.Strings(accounts)
	for _, a := range accounts {
		name := EnvName(a, "TOKEN_EXPIRES")
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t, err = time.Parse("2006-01-02", v)
		}
		if err != nil {
			out = append(out, Problem{Kind: "expiring", Label: a, Detail: fmt.Sprintf("%s is %q, not a date; write it as YYYY-MM-DD", name, v)})
			continue
		}
		switch left := t.Sub(now); {
		case left <= 0:
			out = append(out, Problem{Kind: "expiring", Label: a, Detail: fmt.Sprintf("the access token expired on %s; create a new one and update the secret %s and the variable %s", t.Format("2006-01-02"), EnvName(a, "TOKEN"), name)})
		case left < warn:
			out = append(out, Problem{Kind: "expiring", Label: a, Detail: fmt.Sprintf("the access token expires on %s (in %d days); renew it with: factdesk accounts refresh %s (it prints the commands that update the secret %s and the variable %s)", t.Format("2006-01-02"), int(left.Hours()/24), a, EnvName(a, "TOKEN"), name)})
		}
	}
	return out
}

// IssueReporter opens or updates the one GitHub issue that lists publishing problems.
type IssueReporter struct {
	Client *github.Client
	Label  string
	// RunURL links the workflow run, when known.
	RunURL string
}

// IssueTitle is the title of the reporting issue.
const IssueTitle = "Publishing needs attention"

// Report writes problems into the issue: it edits the open issue carrying the label, or
// opens one. With no problems it does nothing. It returns the issue's address.
func (r *IssueReporter) Report(ctx context.Context, problems []Problem, now time.Time) (string, error) {
	if len(problems) == 0 {
		return "", nil
	}
	issues, err := r.Client.OpenIssues(ctx, r.Label)
	if err != nil {
		return "", fmt.Errorf("looking for the open %q issue: %w", r.Label, err)
	}
	// The label alone marks the issue.
	open := github.KeptIssues(issues, func(string) string { return r.Label })[r.Label]
	is, _, err := r.Client.KeepIssue(ctx, open, github.WantIssue{Title: IssueTitle, Body: IssueBody(problems, now, r.RunURL), Labels: []string{r.Label}}, false)
	if err != nil {
		return "", err
	}
	return is.GetHTMLURL(), nil
}

// IssueBody renders problems as the issue's Markdown body.
func IssueBody(problems []Problem, now time.Time, runURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The publisher found things that need a person (last checked %s).\n\n", now.UTC().Format("2006-01-02 15:04 UTC"))
	titles := map[string]string{
		"failed":    "Not sent",
		"uncertain": "May have gone out: check the account, then fix the ledger (data/ledger.json)",
		"pending":   "Outcome unknown: the next run settles these without duplicates",
		"missed":    "Missed (later than the grace window): to send one late, Actions → Publish posts → Run workflow, with its slug in \"To send a missed post late\"",
		"expiring":  "Credentials expiring",
		"paused":    "Accounts paused until a person acts (the other accounts go on)",
		"held":      "Held: not sent until a person acts",
		"costs":     "Costs",
	}
	for _, kind := range []string{"paused", "failed", "held", "uncertain", "pending", "missed", "expiring", "costs"} {
		first := true
		for _, p := range problems {
			if p.Kind != kind {
				continue
			}
			if first {
				fmt.Fprintf(&b, "### %s\n\n", titles[kind])
				first = false
			}
			fmt.Fprintf(&b, "- **%s**: %s\n", p.Label, p.Detail)
		}
		if !first {
			b.WriteString("\n")
		}
	}
	if runURL != "" {
		fmt.Fprintf(&b, "Workflow run: %s\n\n", runURL)
	}
	b.WriteString("This issue is updated by each run while problems remain. Close it once they are dealt with. See docs/publishing.md.\n")
	return b.String()
}
