package factory

import (
	"fmt"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/github"
)

// GitHub says what a command needs to reach GitHub.
type GitHub struct {
	// Repo is the --repo flag; empty falls back to GITHUB_REPOSITORY, then to
	// organisation.repository in factdesk.yaml.
	Repo string
	// NoRepoFlag is set for commands without --repo, so that the error for a missing
	// repository does not offer one.
	NoRepoFlag bool
	// TokenVar holds the token (default GITHUB_TOKEN).
	TokenVar string
	// Why ends the error for a missing token ("GITHUB_TOKEN is not set; Why"): what the
	// token must be allowed to do, or how to make one.
	Why string
	// TokenOptional lets the command go on without a token (a dry run).
	TokenOptional bool
}

// GitHubRepository is the repository a command works on: flag (--repo), else
// GITHUB_REPOSITORY, else organisation.repository in factdesk.yaml. factdesk.yaml is
// read only when neither is set.
func (f *Factory) GitHubRepository(flag string, noFlag bool) (string, error) {
	var cfgErr error
	repo := github.RepoFrom(flag, f.Getenv, func() string {
		cfg, err := f.Config()
		if err != nil {
			cfgErr = err
			return ""
		}
		return cfg.Organisation.Repository
	})
	switch {
	case cfgErr != nil:
		return "", cfgErr
	case repo != "":
		return repo, nil
	case noFlag:
		return "", UsageErrorf("no repository: set %s, or organisation.repository in %s", github.RepositoryVar, config.File)
	}
	return "", UsageErrorf("no repository: pass --repo OWNER/NAME, set %s, or set organisation.repository in %s", github.RepositoryVar, config.File)
}

// GitHubClient returns a client for the repository g names, with the token from the
// environment (never printed) and the API address from FACTDESK_GITHUB_API_URL or
// GITHUB_API_URL. Each retry is told on standard error, so a run that waits on a rate
// limit says why.
func (f *Factory) GitHubClient(g GitHub) (*github.Client, error) {
	repo, err := f.GitHubRepository(g.Repo, g.NoRepoFlag)
	if err != nil {
		return nil, err
	}
	tokenVar := g.TokenVar
	if tokenVar == "" {
		tokenVar = github.TokenVar
	}
	token := f.Getenv(tokenVar)
	if token == "" && !g.TokenOptional {
		if g.Why == "" {
			return nil, UsageErrorf("%s is not set", tokenVar)
		}
		return nil, UsageErrorf("%s is not set; %s", tokenVar, g.Why)
	}
	c, err := github.NewClient(f.HTTPClient(), github.APIURL(f.Getenv), repo, token, &github.RetryTransport{
		OnRetry: func(reason string, wait time.Duration) {
			fmt.Fprintf(f.IO.ErrOut, "GitHub: %s; trying again in %s\n", reason, wait.Round(time.Second))
		},
	})
	if err != nil {
		return nil, UsageErrorf("%v", err)
	}
	return c, nil
}
