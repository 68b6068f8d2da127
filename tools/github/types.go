package github

import gogithub "github.com/google/go-github/v60/github"

// The go-github types that callers read or fill in. They are aliases, so the values
// are go-github's own; only this package imports go-github.
type (
	PullRequest       = gogithub.PullRequest
	PullRequestReview = gogithub.PullRequestReview
	RepositoryCommit  = gogithub.RepositoryCommit
	Repository        = gogithub.Repository
	CommitFile        = gogithub.CommitFile
	Issue             = gogithub.Issue
	IssueRequest      = gogithub.IssueRequest
	IssueComment      = gogithub.IssueComment
	ErrorResponse     = gogithub.ErrorResponse
	ListOptions       = gogithub.ListOptions
	// The repository settings doctor reads.
	Protection             = gogithub.Protection
	WorkflowPermissions    = gogithub.DefaultWorkflowPermissionRepository
	Environment            = gogithub.Environment
	DeploymentBranchPolicy = gogithub.DeploymentBranchPolicy
	Pages                  = gogithub.Pages
)

// String returns a pointer to s, as go-github's request fields want.
func String(s string) *string { return &s }
