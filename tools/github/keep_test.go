package github_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/github"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

const keptRepo = "riverside/factdesk"

// TestKeepIssue checks the one routine that keeps a job's issue up to date, as the
// audit, provenance and the publisher use it: what it changes on GitHub, what it says
// it did, and that a dry run changes nothing.
func TestKeepIssue(t *testing.T) {
	t.Parallel()
	open := githubfake.Issue{Number: 7, Title: "T", Body: "B", State: "open", Labels: []string{"kept"}, Assignees: []string{"dr-ana-lima"}}
	closed := open
	closed.State = "closed"
	retitled := open
	retitled.Title = "Old"
	unassigned := open
	unassigned.Assignees = nil
	want := github.WantIssue{Title: "T", Body: "B", Labels: []string{"kept"}, Assignees: []string{"Dr-Ana-Lima"}}
	tests := []struct {
		name   string
		have   *githubfake.Issue
		want   github.WantIssue
		dryRun bool
		change github.Change
		after  githubfake.Issue
	}{
		{name: "none yet", want: want, change: github.Opened, after: githubfake.Issue{Number: 1, Title: "T", Body: "B", State: "open", Labels: []string{"kept"}, Assignees: []string{"Dr-Ana-Lima"}}},
		{name: "the same", have: &open, want: want, change: github.Unchanged, after: open},
		{name: "no assignees wanted leaves them", have: &open, want: github.WantIssue{Title: "T", Body: "B"}, change: github.Unchanged, after: open},
		{name: "closed", have: &closed, want: want, change: github.Reopened, after: open},
		{name: "another title", have: &retitled, want: want, change: github.Updated, after: open},
		{name: "other assignees", have: &unassigned, want: want, change: github.Reassigned, after: githubfake.Issue{Number: 7, Title: "T", Body: "B", State: "open", Labels: []string{"kept"}, Assignees: []string{"Dr-Ana-Lima"}}},
		{name: "dry run, none yet", want: want, dryRun: true, change: github.Opened},
		{name: "dry run, closed", have: &closed, want: want, dryRun: true, change: github.Reopened, after: closed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake, c := keptClient(t)
			var is *github.Issue
			if tt.have != nil {
				have := *tt.have
				repo := fake.Repo(keptRepo)
				fake.Update(func() { repo.Issues[have.Number] = &have })
				all, err := c.Issues(context.Background(), "kept")
				if err != nil || len(all) != 1 {
					t.Fatalf("issues = %v, %v", all, err)
				}
				is = all[0]
			}
			_, change, err := c.KeepIssue(context.Background(), is, tt.want, tt.dryRun)
			if err != nil || change != tt.change {
				t.Fatalf("change = %v, %v; want %v", change, err, tt.change)
			}
			got := fake.Issues(keptRepo)
			if tt.after.Number == 0 {
				if len(got) != 0 {
					t.Fatalf("issues = %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || !sameIssue(got[0], tt.after) {
				t.Errorf("issues = %+v, want %+v", got, tt.after)
			}
			if tt.dryRun || tt.change == github.Unchanged {
				if n := fake.CountRequests("POST", ".*") + fake.CountRequests("PATCH", ".*"); n != 0 {
					t.Errorf("%d writes, want none", n)
				}
			}
		})
	}
}

func sameIssue(a, b githubfake.Issue) bool {
	return a.Number == b.Number && a.Title == b.Title && a.Body == b.Body && a.State == b.State &&
		strings.Join(a.Labels, ",") == strings.Join(b.Labels, ",") && strings.Join(a.Assignees, ",") == strings.Join(b.Assignees, ",")
}

// TestKeepIssueAssigneesRefused: GitHub refuses to assign people without access to the
// repository; the issue is opened unassigned rather than not at all.
func TestKeepIssueAssigneesRefused(t *testing.T) {
	t.Parallel()
	fake, c := keptClient(t)
	fake.Inject(githubfake.Fault{Method: "POST", Path: `repos/.*/issues`, Status: http.StatusUnprocessableEntity,
		Body: `{"message":"Validation Failed","errors":[{"value":"dr-ana-lima","resource":"Issue","field":"assignees","code":"invalid"}]}`})
	_, change, err := c.KeepIssue(context.Background(), nil, github.WantIssue{Title: "T", Body: "B", Assignees: []string{"dr-ana-lima"}}, false)
	got := fake.Issues(keptRepo)
	if err != nil || change != github.Opened || len(got) != 1 || len(got[0].Assignees) != 0 {
		t.Fatalf("change %v, err %v, issues %+v; want one unassigned issue", change, err, got)
	}
}

// TestKeptIssues: for each fingerprint the open issue wins over a closed one, and the
// oldest among equals, whatever order GitHub lists them in.
func TestKeptIssues(t *testing.T) {
	t.Parallel()
	issue := func(n int, state, body string) *github.Issue {
		return &github.Issue{Number: &n, State: &state, Body: &body}
	}
	fp := func(body string) string { f, _, _ := strings.Cut(body, " "); return f }
	got := github.KeptIssues([]*github.Issue{
		issue(9, "open", "a newest"), issue(5, "closed", "a closed"), issue(4, "open", "a oldest open"),
		issue(8, "closed", "b newer"), issue(3, "closed", "b older"),
		issue(2, "open", " no fingerprint"),
	}, fp)
	want := map[string]int{"a": 4, "b": 3}
	if len(got) != len(want) {
		t.Fatalf("kept %d fingerprints, want %d", len(got), len(want))
	}
	for f, n := range want {
		if got[f].GetNumber() != n {
			t.Errorf("kept #%d for %s, want #%d", got[f].GetNumber(), f, n)
		}
	}
}

func keptClient(t *testing.T) (*githubfake.Server, *github.Client) {
	t.Helper()
	fake := githubfake.NewT(t)
	fake.Token = "ghs_kept"
	fake.Repo(keptRepo)
	return fake, fake.Client(t, keptRepo)
}
