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
	// API is the go-github client itself, for the repository settings that doctor
	// reads and this package has no method for.
	API = gogithub.Client
)

// ErrBranchNotProtected is go-github's answer for a branch without protection.
var ErrBranchNotProtected = gogithub.ErrBranchNotProtected

// String returns a pointer to s, as go-github's request fields want.
func String(s string) *string { return &s }
