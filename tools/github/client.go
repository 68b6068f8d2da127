package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	gogithub "github.com/google/go-github/v60/github"
)

// DefaultAPIURL is GitHub's REST API; APIURL says what overrides it (GitHub Enterprise
// Server, tests).
const DefaultAPIURL = "https://api.github.com/"

// Client reads and writes one repository through GitHub's REST API.
type Client struct {
	gh          *gogithub.Client
	retry       *RetryTransport
	Owner, Name string
}

// NewClient returns a client for repo ("owner/name") at apiURL, authenticated with
// token (which is never printed), using hc for transport. Requests are retried by a
// RetryTransport wrapped around hc's transport.
func NewClient(hc *http.Client, apiURL, repo, token string, retry *RetryTransport) (*Client, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return nil, fmt.Errorf("repository %q is not OWNER/NAME", repo)
	}
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	base, err := url.Parse(apiURL)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("GitHub API address %q is not an http(s) URL", apiURL)
	}
	c := *hc
	if retry == nil {
		retry = &RetryTransport{}
	}
	r := *retry
	r.Base = c.Transport
	c.Transport = &r
	gh := gogithub.NewClient(&c)
	if token != "" {
		gh = gh.WithAuthToken(token)
	}
	gh.BaseURL = base
	return &Client{gh: gh, retry: &r, Owner: owner, Name: name}, nil
}

// ErrNoPullRequest reports that no open pull request has the commit asked for (it was
// closed, merged or pushed to since).
var ErrNoPullRequest = errors.New("nothing to review")

// FullName returns owner/name.
func (c *Client) FullName() string { return c.Owner + "/" + c.Name }

// PullRequest reads pull request n.
func (c *Client) PullRequest(ctx context.Context, n int) (*gogithub.PullRequest, error) {
	pr, _, err := c.gh.PullRequests.Get(ctx, c.Owner, c.Name, n)
	if err != nil {
		return nil, apiError(fmt.Sprintf("reading pull request #%d", n), err)
	}
	return pr, nil
}

// PullRequestForHead finds the open pull request whose head commit is sha.
func (c *Client) PullRequestForHead(ctx context.Context, sha string) (*gogithub.PullRequest, error) {
	opt := &gogithub.PullRequestListOptions{State: "open", ListOptions: gogithub.ListOptions{PerPage: PerPage}}
	var found *gogithub.PullRequest
	err := Each(func(page int) ([]*gogithub.PullRequest, *gogithub.Response, error) {
		opt.Page = page
		return c.gh.PullRequests.List(ctx, c.Owner, c.Name, opt)
	}, func(pr *gogithub.PullRequest) bool {
		if pr.GetHead().GetSHA() == sha {
			found = pr
		}
		return found == nil
	})
	if err != nil {
		return nil, apiError("listing open pull requests", err)
	}
	if found == nil {
		return nil, fmt.Errorf("no open pull request has head commit %s: %w", short(sha), ErrNoPullRequest)
	}
	return found, nil
}

// Files lists every file the pull request changes, page by page.
func (c *Client) Files(ctx context.Context, n int) ([]*gogithub.CommitFile, error) {
	return list(fmt.Sprintf("listing the files of pull request #%d", n), func(opt *gogithub.ListOptions) ([]*gogithub.CommitFile, *gogithub.Response, error) {
		return c.gh.PullRequests.ListFiles(ctx, c.Owner, c.Name, n, opt)
	})
}

// Reviews lists every review of the pull request in the order submitted.
func (c *Client) Reviews(ctx context.Context, n int) ([]*gogithub.PullRequestReview, error) {
	return list(fmt.Sprintf("listing the reviews of pull request #%d", n), func(opt *gogithub.ListOptions) ([]*gogithub.PullRequestReview, *gogithub.Response, error) {
		return c.gh.PullRequests.ListReviews(ctx, c.Owner, c.Name, n, opt)
	})
}

// Commits lists the pull request's commits.
func (c *Client) Commits(ctx context.Context, n int) ([]*gogithub.RepositoryCommit, error) {
	return list(fmt.Sprintf("listing the commits of pull request #%d", n), func(opt *gogithub.ListOptions) ([]*gogithub.RepositoryCommit, *gogithub.Response, error) {
		return c.gh.PullRequests.ListCommits(ctx, c.Owner, c.Name, n, opt)
	})
}

// File reads path at commit ref. It returns found=false when the file does not
// exist there.
func (c *Client) File(ctx context.Context, path, ref string) (data []byte, found bool, err error) {
	fc, _, resp, err := c.gh.Repositories.GetContents(ctx, c.Owner, c.Name, path, &gogithub.RepositoryContentGetOptions{Ref: ref})
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, apiError(fmt.Sprintf("reading %s at %s", path, short(ref)), err)
	}
	if fc == nil {
		return nil, false, fmt.Errorf("reading %s at %s: it is a folder, not a file", path, short(ref))
	}
	s, err := fc.GetContent()
	if err != nil {
		return nil, false, fmt.Errorf("reading %s at %s: decoding GitHub's answer: %w", path, short(ref), err)
	}
	return []byte(s), true, nil
}

// Modes returns the Git mode of every path in the tree of commit sha (100644 a file,
// 100755 an executable, 120000 a symbolic link, 160000 a submodule), and whether GitHub
// cut the list short.
func (c *Client) Modes(ctx context.Context, sha string) (map[string]string, bool, error) {
	t, _, err := c.gh.Git.GetTree(ctx, c.Owner, c.Name, sha, true)
	if err != nil {
		return nil, false, apiError(fmt.Sprintf("reading the file tree of %s", short(sha)), err)
	}
	out := make(map[string]string, len(t.Entries))
	for _, e := range t.Entries {
		if e.GetType() != "tree" {
			out[e.GetPath()] = e.GetMode()
		}
	}
	return out, t.GetTruncated(), nil
}

// Comments lists every comment on issue or pull request n.
func (c *Client) Comments(ctx context.Context, n int) ([]*gogithub.IssueComment, error) {
	return list(fmt.Sprintf("listing the comments of #%d", n), func(opt *gogithub.ListOptions) ([]*gogithub.IssueComment, *gogithub.Response, error) {
		return c.gh.Issues.ListComments(ctx, c.Owner, c.Name, n, &gogithub.IssueListCommentsOptions{ListOptions: *opt})
	})
}

// SetStatus sets the commit status statusContext on sha.
func (c *Client) SetStatus(ctx context.Context, sha, statusContext, state, description, targetURL string) error {
	if r := []rune(description); len(r) > 140 {
		description = string(r[:139]) + "…"
	}
	st := &gogithub.RepoStatus{State: &state, Context: &statusContext, Description: &description}
	if targetURL != "" {
		st.TargetURL = &targetURL
	}
	if _, _, err := c.gh.Repositories.CreateStatus(ctx, c.Owner, c.Name, sha, st); err != nil {
		return apiError(fmt.Sprintf("setting the %s status on %s", statusContext, short(sha)), err)
	}
	return nil
}

// Issues lists the repository's issues (not pull requests) with label, in any state.
func (c *Client) Issues(ctx context.Context, label string) ([]*gogithub.Issue, error) {
	return c.issues(ctx, "all", label)
}

// OpenIssues lists the repository's open issues (not pull requests) with label.
func (c *Client) OpenIssues(ctx context.Context, label string) ([]*gogithub.Issue, error) {
	return c.issues(ctx, "open", label)
}

func (c *Client) issues(ctx context.Context, state, label string) ([]*gogithub.Issue, error) {
	var all []*gogithub.Issue
	opt := &gogithub.IssueListByRepoOptions{State: state, Labels: []string{label}, ListOptions: gogithub.ListOptions{PerPage: PerPage}}
	err := Each(func(page int) ([]*gogithub.Issue, *gogithub.Response, error) {
		opt.Page = page
		return c.gh.Issues.ListByRepo(ctx, c.Owner, c.Name, opt)
	}, func(i *gogithub.Issue) bool {
		if !i.IsPullRequest() {
			all = append(all, i)
		}
		return true
	})
	if err != nil {
		return nil, apiError("listing issues labelled "+label, err)
	}
	return all, nil
}

// CreateIssue opens an issue.
func (c *Client) CreateIssue(ctx context.Context, req *gogithub.IssueRequest) (*gogithub.Issue, error) {
	is, _, err := c.gh.Issues.Create(ctx, c.Owner, c.Name, req)
	if err != nil {
		return nil, apiError(fmt.Sprintf("opening the issue %q", req.GetTitle()), err)
	}
	return is, nil
}

// EditIssue changes issue n.
func (c *Client) EditIssue(ctx context.Context, n int, req *gogithub.IssueRequest) (*gogithub.Issue, error) {
	is, _, err := c.gh.Issues.Edit(ctx, c.Owner, c.Name, n, req)
	if err != nil {
		return nil, apiError(fmt.Sprintf("updating issue #%d", n), err)
	}
	return is, nil
}

// Comment adds a comment to issue n.
func (c *Client) Comment(ctx context.Context, n int, body string) error {
	if _, _, err := c.gh.Issues.CreateComment(ctx, c.Owner, c.Name, n, &gogithub.IssueComment{Body: &body}); err != nil {
		return apiError(fmt.Sprintf("commenting on #%d", n), err)
	}
	return nil
}

// APIError is a failed GitHub request, explained for people; it unwraps to
// go-github's error so callers can still inspect the status code.
type APIError struct {
	msg string
	err error
}

func (e *APIError) Error() string { return e.msg }

// Unwrap returns go-github's error.
func (e *APIError) Unwrap() error { return e.err }

// apiError turns go-github's errors into messages a person can act on.
func apiError(doing string, err error) error {
	msg := explain(doing, err)
	return &APIError{msg: msg, err: err}
}

func explain(doing string, err error) string {
	var rl *gogithub.RateLimitError
	var abuse *gogithub.AbuseRateLimitError
	var er *gogithub.ErrorResponse
	switch {
	case errors.As(err, &rl):
		return fmt.Sprintf("%s: GitHub's API rate limit for this token is used up until %s; run again after that time", doing, rl.Rate.Reset.UTC().Format("15:04 MST"))
	case errors.As(err, &abuse):
		return fmt.Sprintf("%s: GitHub asked to slow down (secondary rate limit) for longer than factdesk waits; run again in a few minutes", doing)
	case errors.As(err, &er) && er.Response != nil:
		switch er.Response.StatusCode {
		case http.StatusUnauthorized:
			return fmt.Sprintf("%s: GitHub refused the token (401 Bad credentials); set GITHUB_TOKEN to a valid token", doing)
		case http.StatusForbidden:
			return fmt.Sprintf("%s: GitHub refused access (403: %s); give the workflow's token the permissions listed in docs/review.md", doing, er.Message)
		case http.StatusNotFound:
			return fmt.Sprintf("%s: not found (404); check the repository and number, and that the token can read the repository", doing)
		case http.StatusTooManyRequests:
			return fmt.Sprintf("%s: GitHub kept answering 429 Too Many Requests; run again in a few minutes", doing)
		}
		return fmt.Sprintf("%s: GitHub answered %d %s", doing, er.Response.StatusCode, er.Message)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Sprintf("%s: could not reach GitHub: %v", doing, ue.Err)
	}
	return fmt.Sprintf("%s: %v", doing, err)
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

// Retry returns the client's retry transport, whose settings (MaxWait, the clock) may
// be changed before the next request.
func (c *Client) Retry() *RetryTransport { return c.retry }
