// Package retry is the one retry policy of factdesk's network clients: how long to back
// off between tries (exponential, with jitter), how long a server asked to wait
// (Retry-After, in seconds or as an HTTP date), and a wait that ends as soon as the
// context does. Each client keeps its own loop, because what may be repeated differs
// (the publisher never repeats a post that may have gone out), and uses these for the
// waits.
package retry

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxDoublings caps the exponential growth of Backoff.
const maxDoublings = 10

// Backoff returns the wait before retry number attempt (0 before the first retry): base
// doubled attempt times (at most 1,024 times), jittered to anywhere between half and all
// of that, so that clients that failed together do not all come back at once.
func Backoff(base time.Duration, attempt int) time.Duration {
	d := base << min(max(attempt, 0), maxDoublings)
	if d <= 0 {
		return 0
	}
	return d/2 + rand.N(d/2+1)
}

// After reads a Retry-After header value, either form RFC 9110 allows: a number of
// seconds or an HTTP date (measured from now). It returns 0 when the value is empty,
// unreadable or in the past.
func After(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// Sleep waits for d, or until ctx ends, when it returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
