package review

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

// manyFiles returns a spec whose fact-check is the last of n changed files, behind
// n-1 files the gate does not look at, with m comment-only reviews before the approvals.
func manyFiles(t *testing.T, n, m int) prSpec {
	head := map[string]string{}
	for i := 0; i < n-1; i++ {
		head[fmt.Sprintf("docs/notes-%03d.md", i)] = "x"
	}
	head[fcPath] = factCheck(t, "false", []string{"dr-ana-lima", "dr-james-okafor"}, "")
	var reviews []Review
	for i := 0; i < m; i++ {
		reviews = append(reviews, Review{User: "dr-mei-chen", State: "COMMENTED", CommitID: olderSHA})
	}
	reviews = append(reviews, approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA))
	return prSpec{author: "writer-kim", headFile: head, reviews: reviews}
}

func TestPaginationOfFilesAndReviews(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.pr(manyFiles(t, 250, 130))
	out, err := f.run(Options{Status: true})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Report.Passed() {
		t.Fatalf("not passed:\n%s", Describe(out.Report))
	}
	found := false
	for _, fr := range out.Report.Files {
		if fr.Path == fcPath {
			found = true
		}
	}
	if !found {
		t.Fatalf("the fact-check on the third page of files was not gated")
	}
	if got := f.fake.CountRequests("GET", `repos/riverside/factdesk/pulls/7/files`); got != 3 {
		t.Errorf("files requests = %d, want 3 pages of 100", got)
	}
	if got := f.fake.CountRequests("GET", `repos/riverside/factdesk/pulls/7/reviews`); got != 2 {
		t.Errorf("reviews requests = %d, want 2 pages of 100", got)
	}
	if !strings.Contains(strings.Join(out.Report.Notes, " "), "249 changed files") {
		t.Errorf("notes = %q, want the ungated files counted", out.Report.Notes)
	}
}

func TestRateLimitsAreWaitedOut(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.pr(manyFiles(t, 1, 0))
	f.fake.Inject(githubfake.Fault{Method: "GET", Path: `repos/.*/pulls/7/reviews`, Status: http.StatusForbidden, RateLimited: true, ResetAfter: 42 * time.Second})
	f.fake.Inject(githubfake.Fault{Method: "GET", Path: `repos/.*/pulls/7/files`, Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"7"}}})
	f.fake.Inject(githubfake.Fault{Method: "POST", Path: `repos/.*/statuses/.*`, Status: http.StatusForbidden, Header: http.Header{"Retry-After": {"3"}},
		Body: `{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`})
	out, err := f.run(Options{Status: true})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Report.Passed() {
		t.Fatalf("not passed:\n%s", Describe(out.Report))
	}
	if len(f.waits) != 3 {
		t.Fatalf("waits = %v, want three", f.waits)
	}
	if f.waits[0] != 7*time.Second {
		t.Errorf("wait after 429 = %v, want Retry-After's 7s", f.waits[0])
	}
	if f.waits[1] < 40*time.Second || f.waits[1] > 43*time.Second {
		t.Errorf("wait after the primary limit = %v, want about 42s until x-ratelimit-reset", f.waits[1])
	}
	if f.waits[2] != 3*time.Second {
		t.Errorf("wait after the secondary limit = %v, want 3s", f.waits[2])
	}
	if sts := f.fake.Statuses(repoName, headSHA); len(sts) != 1 || sts[0].State != "success" {
		t.Errorf("statuses = %+v, want one success", sts)
	}
}

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		faults []githubfake.Fault
		token  string
		// wantErr is a substring of the error, or "" for success.
		wantErr   string
		wantWaits int
	}{
		{name: "server errors are retried", faults: []githubfake.Fault{{Method: "GET", Path: `repos/.*/pulls/7`, Status: 502, Times: 2}}, wantWaits: 2},
		// net/http itself retries a request once on a reused connection that was reset,
		// so the gate's own retries number one or two.
		{name: "reset connections are retried", faults: []githubfake.Fault{{Method: "GET", Path: `repos/.*/pulls/7/commits`, Reset: true, Times: 3}}, wantWaits: -1},
		{name: "a server that keeps failing gives up with GitHub's answer", faults: []githubfake.Fault{{Method: "GET", Path: `repos/.*/pulls/7`, Status: 503, Times: 10}},
			wantErr: "reading pull request #7: GitHub answered 503", wantWaits: 3},
		{name: "a rate limit that resets in an hour is not waited for", faults: []githubfake.Fault{{Method: "GET", Path: `repos/.*/pulls/7/files`, Status: 403, RateLimited: true, ResetAfter: time.Hour}},
			wantErr: "GitHub's API rate limit for this token is used up until"},
		{name: "a malformed body", faults: []githubfake.Fault{{Method: "GET", Path: `repos/.*/pulls/7/reviews`, Status: 200, Body: `[{"id": 1, "user": `}},
			wantErr: "listing the reviews of pull request #7"},
		{name: "a bad token", token: "wrong-token", wantErr: "GitHub refused the token (401 Bad credentials); set GITHUB_TOKEN"},
		{name: "a missing pull request", faults: []githubfake.Fault{{Method: "GET", Path: `repos/.*/pulls/7`, Status: 404}}, wantErr: "not found (404)"},
		{name: "a status the token may not set", faults: []githubfake.Fault{{Method: "POST", Path: `repos/.*/statuses/.*`, Status: 403, Body: `{"message":"Resource not accessible by integration"}`}},
			wantErr: "GitHub refused access (403: Resource not accessible by integration)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.pr(manyFiles(t, 1, 0))
			if tt.token != "" {
				c, err := github.NewClient(&http.Client{Timeout: 5 * time.Second}, f.fake.APIURL(), repoName, tt.token, f.client.Retry())
				if err != nil {
					t.Fatal(err)
				}
				f.client = c
			}
			for _, fl := range tt.faults {
				f.fake.Inject(fl)
			}
			f.client.Retry().MaxWait = 5 * time.Minute
			_, err := f.run(Options{Status: true})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Run: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Run error = %v, want one containing %q", err, tt.wantErr)
			}
			if err != nil && (strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "wrong-token")) {
				t.Errorf("the error repeats the token: %v", err)
			}
			if tt.wantWaits >= 0 && len(f.waits) != tt.wantWaits {
				t.Errorf("retries = %d (%v), want %d", len(f.waits), f.waits, tt.wantWaits)
			}
		})
	}
}

func TestCommentIsUpdatedNotRepeated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	spec := manyFiles(t, 1, 0)
	spec.reviews = spec.reviews[:1] // only one of the two has approved
	f.pr(spec)
	// 120 earlier comments push the gate's comment to the second page.
	repo := f.fake.Repo(repoName)
	f.fake.Update(func() {
		for i := 0; i < 120; i++ {
			repo.Comments[7] = append(repo.Comments[7], &githubfake.Comment{ID: int64(i + 1), User: "dr-mei-chen", Body: fmt.Sprintf("note %d", i)})
		}
	})
	out, err := f.run(Options{Comment: true, Status: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Report.Passed() {
		t.Fatal("passed with one approval missing")
	}
	// The second reviewer approves; the gate runs again.
	f.fake.Update(func() {
		p := repo.Pulls[7]
		p.Reviews = append(p.Reviews, githubfake.Review{ID: 999, User: "dr-james-okafor", State: "APPROVED", CommitID: headSHA})
	})
	out, err = f.run(Options{Comment: true, Status: true})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Report.Passed() {
		t.Fatalf("not passed:\n%s", Describe(out.Report))
	}
	var marked []githubfake.Comment
	for _, c := range f.fake.Comments(repoName, 7) {
		if strings.Contains(c.Body, Marker) {
			marked = append(marked, c)
		}
	}
	if len(marked) != 1 {
		t.Fatalf("gate comments = %d, want 1", len(marked))
	}
	if !strings.Contains(marked[0].Body, "ready to merge") || strings.Contains(marked[0].Body, "not ready") {
		t.Errorf("the comment was not updated to the new outcome:\n%s", marked[0].Body)
	}
	if got := f.fake.CountRequests("PATCH", `repos/riverside/factdesk/issues/comments/\d+`); got != 1 {
		t.Errorf("comment edits = %d, want 1", got)
	}
	if got := f.fake.CountRequests("POST", `repos/riverside/factdesk/issues/7/comments`); got != 1 {
		t.Errorf("comment creations = %d, want 1", got)
	}
	sts := f.fake.Statuses(repoName, headSHA)
	if len(sts) != 2 || sts[0].State != "failure" || sts[1].State != "success" {
		t.Errorf("statuses = %+v, want failure then success", sts)
	}
	// A third run with nothing new does not touch the comment.
	if _, err := f.run(Options{Comment: true}); err != nil {
		t.Fatal(err)
	}
	if got := f.fake.CountRequests("PATCH", `repos/riverside/factdesk/issues/comments/\d+`); got != 1 {
		t.Errorf("comment edits after an unchanged run = %d, want still 1", got)
	}
}

// TestFileListCutShortByGitHub: GitHub lists at most 3,000 files of a pull request; one
// with more is refused, because what the gate cannot see it cannot judge.
func TestFileListCutShortByGitHub(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	head := map[string]string{}
	for i := 0; i < githubfake.MaxFiles; i++ {
		head[fmt.Sprintf("docs/notes-%04d.md", i)] = "x"
	}
	// With a fact-check among 3,001 files, one file is never listed.
	head["factchecks/zz-unreviewed.md"] = factCheck(t, "false", nil, "")
	f.pr(prSpec{author: "writer-kim", headFile: head})
	out, err := f.run(Options{Status: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Report.Passed() {
		t.Fatalf("a pull request with more files than GitHub lists passed:\n%s", Describe(out.Report))
	}
	if !strings.Contains(out.Report.Summary(), "GitHub lists 3000 of the 3001 files") && !strings.Contains(Describe(out.Report), "GitHub lists 3000 of the 3001 files") {
		t.Errorf("the refusal does not say the list was cut short:\n%s", Describe(out.Report))
	}
	if sts := f.fake.Statuses(repoName, headSHA); len(sts) != 1 || sts[0].State != "failure" {
		t.Errorf("statuses = %+v, want one failure", sts)
	}
}
