package audit

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

const repoName = "riverside/factdesk"

func finding(path string, line int, level, rule, msg string) check.Finding {
	return check.Finding{Path: path, Line: line, Col: 1, Level: level, Rule: rule, Message: msg}
}

func newClient(t *testing.T) (*githubfake.Server, *github.Client) {
	t.Helper()
	fake := githubfake.NewT(t)
	fake.Token = "ghs_audit"
	fake.Repo(repoName)
	return fake, fake.Client(t, repoName)
}

func assignees(path string) []string {
	if strings.HasPrefix(path, "factchecks/mmr") {
		return []string{"dr-ana-lima", "dr-james-okafor"}
	}
	return nil
}

func TestAuditOpensUpdatesAndClosesOneIssuePerProblem(t *testing.T) {
	t.Parallel()
	fake, c := newClient(t)
	ctx := context.Background()
	opts := Options{Assignees: assignees}
	run := func(fs []check.Finding) *Result {
		t.Helper()
		res, err := Sync(ctx, c, Problems(fs, opts), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	mmr := "factchecks/mmr-vaccine-autism.md"
	week1 := []check.Finding{
		finding(mmr, 40, "error", "citation-retracted", `citation "taylor2014": the paper was retracted on 2026-11-02 (notice 10.1016/x)`),
		finding(mmr, 52, "error", "link-dead", "link https://example.org/gone answered 404 Not Found"),
		finding(mmr, 53, "error", "link-dead", "link https://example.net/old answered 410 Gone"),
		finding("factchecks/flu-shot-gives-flu.md", 20, "warning", "review-due", "clinical review was due on 2026-11-01; ask a reviewer to re-check the evidence"),
		// Not the audit's business: style warnings and notes.
		finding(mmr, 5, "warning", "reading-grade", "the bottom line reads at grade 11"),
		finding(mmr, 41, "note", "link-unverified", "link https://example.com could not be checked"),
		finding(mmr, 42, "warning", "citation-unverified", `citation "who2023": the service did not answer`),
	}
	res := run(week1)
	if res.Opened != 4 || res.Closed != 0 {
		t.Fatalf("week 1: %+v, want 4 opened", res)
	}
	issues := fake.Issues(repoName)
	if len(issues) != 4 {
		t.Fatalf("issues = %d, want 4", len(issues))
	}
	var retracted githubfake.Issue
	for _, is := range issues {
		if strings.HasPrefix(is.Title, "Cited paper retracted") {
			retracted = is
		}
		if len(is.Labels) != 1 || is.Labels[0] != DefaultLabel {
			t.Errorf("issue %q labels = %v", is.Title, is.Labels)
		}
	}
	if retracted.Title != "Cited paper retracted: factchecks/mmr-vaccine-autism.md (taylor2014)" {
		t.Errorf("retraction issue title = %q", retracted.Title)
	}
	if strings.Join(retracted.Assignees, ",") != "dr-ana-lima,dr-james-okafor" {
		t.Errorf("retraction issue assignees = %v, want the page's reviewers", retracted.Assignees)
	}

	// The same problems again: nothing changes, nothing is duplicated.
	res = run(week1)
	if res.Opened != 0 || res.Updated != 0 || res.Unchanged != 4 {
		t.Fatalf("week 1 again: %+v, want 4 unchanged", res)
	}

	// Week 2: one dead link changed its answer, the other came back, the review was done.
	week2 := []check.Finding{
		week1[0],
		finding(mmr, 52, "error", "link-dead", "link https://example.org/gone answered 410 Gone"),
	}
	res = run(week2)
	if res.Opened != 0 || res.Updated != 1 || res.Closed != 2 || res.Unchanged != 1 {
		t.Fatalf("week 2: %+v, want 1 updated, 2 closed, 1 unchanged", res)
	}
	open := 0
	for _, is := range fake.Issues(repoName) {
		if is.State == "open" {
			open++
			if strings.Contains(is.Title, "Source link") && !strings.Contains(is.Body, "410 Gone") {
				t.Errorf("the dead-link issue was not updated: %q", is.Body)
			}
		}
	}
	if open != 2 || len(fake.Issues(repoName)) != 4 {
		t.Fatalf("open issues = %d of %d, want 2 of 4", open, len(fake.Issues(repoName)))
	}

	// Week 3: the review is overdue again: the closed issue reopens rather than a new one.
	res = run(append(week2, week1[3]))
	if res.Reopened != 1 || res.Opened != 0 {
		t.Fatalf("week 3: %+v, want 1 reopened", res)
	}
	if len(fake.Issues(repoName)) != 4 {
		t.Errorf("issues = %d, want still 4", len(fake.Issues(repoName)))
	}

	// A run limited to other rules leaves these issues alone.
	res, err := Sync(ctx, c, nil, Options{Rules: []string{"guideline-age"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Closed != 0 {
		t.Errorf("a run over other rules closed %d issues", res.Closed)
	}
}

func TestSubject(t *testing.T) {
	t.Parallel()
	tests := []struct{ msg, want string }{
		{`citation "taylor2014": 10.1016/x has a retraction (notice 10.1016/y); cite other evidence`, "taylor2014"},
		{`citation "who2023" (url): https://example.org/a is dead: answered 404; find the page's new address`, "who2023"},
		{`the link: https://example.org/gone. is dead: answered "410 Gone"; find the page's new address`, "https://example.org/gone"},
		{`clinical review was due on 2026-11-01`, ""},
	}
	for _, tt := range tests {
		if got := subject(check.Finding{Message: tt.msg}); got != tt.want {
			t.Errorf("subject(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

func TestAuditAssigneesRefused(t *testing.T) {
	t.Parallel()
	fake, c := newClient(t)
	fake.Inject(githubfake.Fault{Method: "POST", Path: `repos/.*/issues`, Status: http.StatusUnprocessableEntity,
		Body: `{"message":"Validation Failed","errors":[{"value":"dr-ana-lima","resource":"Issue","field":"assignees","code":"invalid"}]}`})
	fs := []check.Finding{finding("factchecks/mmr-vaccine-autism.md", 20, "warning", "review-due", "clinical review was due on 2026-11-01")}
	opts := Options{Assignees: assignees}
	res, err := Sync(context.Background(), c, Problems(fs, opts), opts)
	if err != nil {
		t.Fatal(err)
	}
	is := fake.Issues(repoName)
	if res.Opened != 1 || len(is) != 1 || len(is[0].Assignees) != 0 || !strings.Contains(is[0].Body, "@dr-ana-lima") {
		t.Fatalf("result %+v, issues %+v: want one unassigned issue naming the reviewers", res, is)
	}
}

func TestAuditListsIssuesAcrossPages(t *testing.T) {
	t.Parallel()
	fake, c := newClient(t)
	// 130 unrelated audit-labelled issues put ours on page 2.
	repo := fake.Repo(repoName)
	fs := []check.Finding{finding("factchecks/a.md", 3, "warning", "review-due", "due")}
	p := Problems(fs, Options{})[0]
	fake.Update(func() {
		for i := 1; i <= 130; i++ {
			repo.Issues[i] = &githubfake.Issue{Number: i, Title: "other", State: "closed", Labels: []string{DefaultLabel}}
		}
		repo.Issues[131] = &githubfake.Issue{Number: 131, Title: Title(p), Body: Body(p), State: "open", Labels: []string{DefaultLabel}}
	})
	res, err := Sync(context.Background(), c, []*Problem{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged != 1 || res.Opened != 0 {
		t.Fatalf("result %+v, want the issue on page 2 found unchanged", res)
	}
}
