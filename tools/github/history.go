package github

import (
	"context"
	"fmt"

	gogithub "github.com/google/go-github/v60/github"
)

// Repository reads the repository (its default branch, among others).
func (c *Client) Repository(ctx context.Context) (*gogithub.Repository, error) {
	r, _, err := c.gh.Repositories.Get(ctx, c.Owner, c.Name)
	if err != nil {
		return nil, apiError("reading the repository "+c.FullName(), err)
	}
	return r, nil
}

// BranchHead returns the commit at the tip of branch.
func (c *Client) BranchHead(ctx context.Context, branch string) (string, error) {
	b, _, err := c.gh.Repositories.GetBranch(ctx, c.Owner, c.Name, branch, 0)
	if err != nil {
		return "", apiError("reading the branch "+branch, err)
	}
	if sha := b.GetCommit().GetSHA(); sha != "" {
		return sha, nil
	}
	return "", fmt.Errorf("reading the branch %s: GitHub gave no commit", branch)
}

// Comparison is what lies between two commits.
type Comparison struct {
	// Status is ahead, behind, diverged or identical.
	Status string
	// Commits are reachable from head and not from base, oldest first.
	Commits []*gogithub.RepositoryCommit
}

// Compare lists the commits reachable from head and not from base, every page of
// them, and fails when GitHub gives fewer than it counts.
func (c *Client) Compare(ctx context.Context, base, head string) (*Comparison, error) {
	out := &Comparison{}
	opt := &gogithub.ListOptions{PerPage: 100}
	total := -1
	for {
		cmp, resp, err := c.gh.Repositories.CompareCommits(ctx, c.Owner, c.Name, base, head, opt)
		if err != nil {
			return nil, apiError(fmt.Sprintf("comparing %s with %s", short(base), short(head)), err)
		}
		out.Status = cmp.GetStatus()
		total = cmp.GetTotalCommits()
		out.Commits = append(out.Commits, cmp.Commits...)
		if resp.NextPage == 0 || len(cmp.Commits) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	if total >= 0 && len(out.Commits) != total {
		return nil, fmt.Errorf("comparing %s with %s: GitHub listed %d of the %d commits; the rest cannot be verified", short(base), short(head), len(out.Commits), total)
	}
	return out, nil
}

// History lists every commit reachable from head, newest first.
func (c *Client) History(ctx context.Context, head string) ([]*gogithub.RepositoryCommit, error) {
	return list("listing the history of "+short(head), func(opt *gogithub.ListOptions) ([]*gogithub.RepositoryCommit, *gogithub.Response, error) {
		return c.gh.Repositories.ListCommits(ctx, c.Owner, c.Name, &gogithub.CommitsListOptions{SHA: head, ListOptions: *opt})
	})
}

// PullsWithCommit lists the pull requests GitHub associates with commit sha: for a
// commit on the default branch, the merged pull request that brought it there.
func (c *Client) PullsWithCommit(ctx context.Context, sha string) ([]*gogithub.PullRequest, error) {
	return list("listing the pull requests of commit "+short(sha), func(opt *gogithub.ListOptions) ([]*gogithub.PullRequest, *gogithub.Response, error) {
		return c.gh.PullRequests.ListPullRequestsWithCommit(ctx, c.Owner, c.Name, sha, opt)
	})
}

// CommitFiles lists the paths commit sha changes (for a rename, both paths).
func (c *Client) CommitFiles(ctx context.Context, sha string) ([]string, error) {
	var out []string
	opt := &gogithub.ListOptions{PerPage: 100}
	for {
		cm, resp, err := c.gh.Repositories.GetCommit(ctx, c.Owner, c.Name, sha, opt)
		if err != nil {
			return nil, apiError("reading commit "+short(sha), err)
		}
		for _, f := range cm.Files {
			out = append(out, f.GetFilename())
			if p := f.GetPreviousFilename(); p != "" {
				out = append(out, p)
			}
		}
		if resp.NextPage == 0 || len(cm.Files) == 0 {
			return out, nil
		}
		opt.Page = resp.NextPage
	}
}

// AnyPullRequest reports whether the repository has ever had a pull request.
func (c *Client) AnyPullRequest(ctx context.Context) (bool, error) {
	prs, _, err := c.gh.PullRequests.List(ctx, c.Owner, c.Name, &gogithub.PullRequestListOptions{State: "all", ListOptions: gogithub.ListOptions{PerPage: 1}})
	if err != nil {
		return false, apiError("listing pull requests", err)
	}
	return len(prs) > 0, nil
}
