package github

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/factdesk/factdesk/tools/retry"
)

// RetryTransport retries GitHub API requests that failed for a reason that passes:
// rate limiting (429, or 403 with x-ratelimit-remaining: 0, or a secondary limit with
// Retry-After), server errors (5xx) and dropped connections. It waits as GitHub asks
// (Retry-After, else until x-ratelimit-reset), or backs off exponentially with jitter
// (retry.Backoff), and gives
// up when the wait would exceed MaxWait, returning the last response so the caller
// sees GitHub's own error.
//
// Writes (POST, PATCH) are retried only after a rate-limit answer, which GitHub gives
// before doing anything; a 5xx or dropped connection could hide a comment or issue
// that was created, so those are not repeated.
type RetryTransport struct {
	Base http.RoundTripper
	// Attempts is the most tries per request (default 4).
	Attempts int
	// MaxWait is the longest single wait (default 90 seconds).
	MaxWait time.Duration
	// Backoff is the first wait after a 5xx or dropped connection (default 1 second).
	Backoff time.Duration
	// Now and Sleep are the clock; tests replace them.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// OnRetry, when set, is told about each retry (for a progress line).
	OnRetry func(reason string, wait time.Duration)
}

// RoundTrip implements http.RoundTripper.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	attempts := t.Attempts
	if attempts <= 0 {
		attempts = 4
	}
	backoff := t.Backoff
	if backoff <= 0 {
		backoff = time.Second
	}
	idempotent := req.Method == http.MethodGet || req.Method == http.MethodHead
	for i := 1; ; i++ {
		if i > 1 && req.Body != nil && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
		resp, err := base.RoundTrip(req)
		if i >= attempts {
			return resp, err
		}
		var reason string
		var wait time.Duration
		switch {
		case err != nil:
			if !idempotent || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return resp, err
			}
			reason, wait = "connection failed", retry.Backoff(backoff, i-1)
		case resp.StatusCode == http.StatusTooManyRequests || (resp.StatusCode == http.StatusForbidden && limited(resp)):
			reason, wait = "rate limited", t.rateWait(resp, retry.Backoff(backoff, i-1))
		case resp.StatusCode >= 500 && idempotent:
			reason, wait = "GitHub answered "+resp.Status, retry.Backoff(backoff, i-1)
		default:
			return resp, err
		}
		if wait > t.maxWait() {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		if t.OnRetry != nil {
			t.OnRetry(reason, wait)
		}
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

func limited(resp *http.Response) bool {
	return resp.Header.Get("X-RateLimit-Remaining") == "0" || resp.Header.Get("Retry-After") != ""
}

// rateWait reads how long GitHub asks to wait: Retry-After (seconds or an HTTP date),
// else until x-ratelimit-reset when no requests remain, else the backoff.
func (t *RetryTransport) rateWait(resp *http.Response, backoff time.Duration) time.Duration {
	if d := retry.After(resp.Header.Get("Retry-After"), t.now()); d > 0 || resp.Header.Get("Retry-After") == "0" {
		return d
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if n, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			d := time.Unix(n, 0).Sub(t.now())
			if d < time.Second {
				d = time.Second
			}
			return d
		}
	}
	return backoff
}

func (t *RetryTransport) maxWait() time.Duration {
	if t.MaxWait <= 0 {
		return 90 * time.Second
	}
	return t.MaxWait
}

func (t *RetryTransport) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

func (t *RetryTransport) sleep(ctx context.Context, d time.Duration) error {
	if t.Sleep != nil {
		return t.Sleep(ctx, d)
	}
	return retry.Sleep(ctx, d)
}
