package githubfake

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/github"
)

// Client returns a tools/github client for repo on the fake, with the fake's token and
// retries that do not sleep.
func (s *Server) Client(t testing.TB, repo string) *github.Client {
	t.Helper()
	c, err := github.NewClient(&http.Client{Timeout: 10 * time.Second}, s.APIURL(), repo, s.Token,
		&github.RetryTransport{Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
