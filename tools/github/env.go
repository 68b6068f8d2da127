package github

import (
	"strconv"
	"strings"
)

// The environment variables every command reads GitHub's whereabouts from.
const (
	// TokenVar holds the token of the workflow (or of the person running a command).
	TokenVar = "GITHUB_TOKEN"
	// RepositoryVar is OWNER/NAME, set by GitHub Actions.
	RepositoryVar = "GITHUB_REPOSITORY"
	// APIURLVar points factdesk at another API (a test server): GitHub Actions always sets
	// GITHUB_API_URL, so only a variable of factdesk's own can override it there.
	APIURLVar = "FACTDESK_GITHUB_API_URL"
)

// RepoFrom is the repository a command works on: the first of flag (--repo),
// GITHUB_REPOSITORY and configured (organisation.repository in factdesk.yaml) that is
// set, or "".
func RepoFrom(flag string, getenv func(string) string, configured func() string) string {
	if flag != "" {
		return flag
	}
	if r := getenv(RepositoryVar); r != "" {
		return r
	}
	if configured != nil {
		return configured()
	}
	return ""
}

// APIURL is the REST API's address: FACTDESK_GITHUB_API_URL, else GITHUB_API_URL (GitHub
// Enterprise Server), else "" for DefaultAPIURL.
func APIURL(getenv func(string) string) string {
	if u := getenv(APIURLVar); u != "" {
		return u
	}
	return getenv("GITHUB_API_URL")
}

// RunURL is the address of the GitHub Actions run a command is part of, from
// GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID, or "" outside a run.
func RunURL(getenv func(string) string) string {
	server, repo, id := getenv("GITHUB_SERVER_URL"), getenv(RepositoryVar), getenv("GITHUB_RUN_ID")
	if server == "" || repo == "" || id == "" {
		return ""
	}
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/actions/runs/" + id
}
