package citation

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/retry"
)

// Fetcher sends HTTP requests through gates and retries what is worth retrying: network
// failures, 429 (after its Retry-After) and 5xx answers, with exponential backoff and
// jitter. It never follows redirects itself; callers that want them record each hop.
type Fetcher struct {
	Client    *http.Client
	UserAgent string
	// Retries is how many times a request is tried again after the first attempt.
	Retries int
	// Timeout bounds one attempt, body included.
	Timeout time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a longer one ends the retries.
	MaxRetryAfter time.Duration
	// BaseDelay is the first backoff; each retry doubles it.
	BaseDelay time.Duration
	// MaxBody is how much of a body is read.
	MaxBody int64
}

// Response is what an HTTP request returned.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// RetryAfter is the wait the server last asked for, if any.
	RetryAfter time.Duration
}

// FetchError is a request that got no HTTP answer. Its message names the host and path
// but never the query string, where API keys travel.
type FetchError struct {
	Method string
	URL    string
	Err    error
}

func (e *FetchError) Error() string { return fmt.Sprintf("%s %s: %v", e.Method, e.URL, e.Err) }

func (e *FetchError) Unwrap() error { return e.Err }

// NewFetcher returns a Fetcher over client that does not follow redirects.
func NewFetcher(client *http.Client, userAgent string) *Fetcher {
	if client == nil {
		client = &http.Client{}
	}
	c := *client
	c.Timeout = 0
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Fetcher{Client: &c, UserAgent: userAgent, Retries: 3, Timeout: 20 * time.Second,
		MaxRetryAfter: time.Minute, BaseDelay: 500 * time.Millisecond, MaxBody: 4 << 20}
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == 500 || code == 502 || code == 503 || code == 504
}

// Fetch sends method rawURL through gate and returns the final answer. An error means no
// answer was had after every retry.
func (f *Fetcher) Fetch(ctx context.Context, gate *Gate, method, rawURL string, header http.Header) (*Response, error) {
	var lastErr error
	for attempt := 0; ; attempt++ {
		resp, err := f.once(ctx, gate, method, rawURL, header)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err == nil && !retryableStatus(resp.Status) {
			return resp, nil
		}
		if err != nil {
			if unknownHost(err) {
				return nil, err
			}
			lastErr = err
		}
		if attempt >= f.Retries {
			if err != nil {
				return nil, lastErr
			}
			return resp, nil
		}
		wait := f.backoff(attempt)
		if err == nil && resp.RetryAfter > 0 {
			if resp.RetryAfter > f.MaxRetryAfter {
				gate.Pause(time.Now().Add(f.MaxRetryAfter))
				return resp, nil
			}
			wait = resp.RetryAfter
			gate.Pause(time.Now().Add(wait))
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func (f *Fetcher) backoff(attempt int) time.Duration {
	return retry.Backoff(f.BaseDelay, attempt)
}

func (f *Fetcher) once(ctx context.Context, gate *Gate, method, rawURL string, header http.Header) (*Response, error) {
	release, err := gate.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	if f.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, nil)
	if err != nil {
		return nil, &FetchError{Method: method, URL: Redact(rawURL), Err: err}
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if f.UserAgent != "" {
		req.Header.Set("User-Agent", f.UserAgent)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, &FetchError{Method: method, URL: Redact(rawURL), Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBody))
	if err != nil {
		return nil, &FetchError{Method: method, URL: Redact(rawURL), Err: fmt.Errorf("reading the answer: %w", unwrapURLError(err))}
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: body, RetryAfter: retry.After(resp.Header.Get("Retry-After"), time.Now())}, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Redact returns rawURL without its query string and fragment, for messages.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		if i := strings.IndexAny(rawURL, "?#"); i >= 0 {
			return rawURL[:i]
		}
		return rawURL
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}

// unknownHost reports whether err says a host name does not exist.
func unknownHost(err error) bool {
	var dns *net.DNSError
	return errors.As(err, &dns) && dns.IsNotFound
}

// describe turns a fetch error into words for a finding.
func describe(err error) string {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &dns) && dns.IsNotFound:
		return "the host name does not exist"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "the server did not answer in time"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the connection closed before the answer was complete"
	case strings.Contains(err.Error(), "connection reset"):
		return "the connection was reset"
	case strings.Contains(err.Error(), "connection refused"):
		return "the connection was refused"
	}
	return "the request failed"
}
