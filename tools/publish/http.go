package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/factdesk/factdesk/tools/retry"
)

// api makes the HTTP calls of one account and classifies their failures. Secrets holds
// the account's credentials so that no message built here ever contains one.
type api struct {
	client  *http.Client
	secrets []string
	// platform names the platform in messages.
	platform string
}

// call sends req and decodes a JSON answer into out (when out is not nil). It returns
// the response (with its body already read) so callers can read headers.
func (a *api) call(ctx context.Context, req *http.Request, out any) (*http.Response, []byte, error) {
	req = req.WithContext(ctx)
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, nil, a.transportError(ctx, err)
	}
	defer resp.Body.Close()
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return resp, body, &CallError{Outcome: NotSent, Retry: true, Status: resp.StatusCode, RetryAfter: retry.After(resp.Header.Get("Retry-After"), time.Now()),
			Msg: a.redact(fmt.Sprintf("%s is rate-limiting this account (429)", a.platform))}
	case resp.StatusCode >= 500:
		return resp, body, &CallError{Outcome: Unknown, Retry: true, Status: resp.StatusCode,
			Msg: a.redact(fmt.Sprintf("%s had a server error (%d)%s", a.platform, resp.StatusCode, excerpt(body)))}
	case resp.StatusCode >= 400 && a.isAccountProblem(resp, body):
		kind, fix := a.accountProblem(resp, body)
		return resp, body, &CallError{Outcome: NotSent, Status: resp.StatusCode, Account: kind, Msg: a.redact(fix)}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return resp, body, &CallError{Outcome: NotSent, Status: resp.StatusCode,
			Msg: a.redact(fmt.Sprintf("%s refused the credentials (%d)%s; check the account's token and its permissions", a.platform, resp.StatusCode, excerpt(body)))}
	case resp.StatusCode >= 400:
		return resp, body, &CallError{Outcome: NotSent, Status: resp.StatusCode,
			Msg: a.redact(fmt.Sprintf("%s rejected the request (%d)%s", a.platform, resp.StatusCode, excerpt(body)))}
	case resp.StatusCode >= 300:
		return resp, body, &CallError{Outcome: NotSent, Status: resp.StatusCode,
			Msg: a.redact(fmt.Sprintf("%s answered with a redirect (%d); check the account's api address", a.platform, resp.StatusCode))}
	}
	if rerr != nil {
		return resp, body, &CallError{Outcome: Unknown, Retry: true, Status: resp.StatusCode,
			Msg: a.redact(fmt.Sprintf("%s accepted the request but the answer was cut off: %v", a.platform, rerr))}
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return resp, body, &CallError{Outcome: Unknown, Retry: true, Status: resp.StatusCode,
				Msg: a.redact(fmt.Sprintf("%s accepted the request but its answer could not be read (%v)", a.platform, err))}
		}
	}
	return resp, body, nil
}

func (a *api) isAccountProblem(resp *http.Response, body []byte) bool {
	kind, _ := a.accountProblem(resp, body)
	return kind != ""
}

// transportError classifies a failure to get an answer at all.
func (a *api) transportError(ctx context.Context, err error) error {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) && !errors.Is(err, context.DeadlineExceeded) {
		return &CallError{Outcome: Unknown, Msg: "interrupted"}
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return &CallError{Outcome: NotSent, Retry: true, Msg: a.redact(fmt.Sprintf("could not connect to %s: %v", a.platform, op.Err))}
	}
	what := "the connection failed"
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		what = "no answer in time"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		what = "the connection was cut"
	}
	return &CallError{Outcome: Unknown, Retry: true, Msg: a.redact(fmt.Sprintf("%s: %s (%v)", a.platform, what, unwrapURL(err)))}
}

func unwrapURL(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		if _, ok := err.(interface{ Timeout() bool }); !ok {
			return err
		}
		err = u
	}
}

// redact replaces every credential of the account in s.
//
// A secret can reach a message in any of the forms a request carries it in: as is, in a
// query string or form (Facebook and Threads send the token there), in a path, or
// inside a JSON string (Bluesky's password), so each form is removed.
func (a *api) redact(s string) string {
	for _, sec := range a.secrets {
		if len(sec) < 4 {
			continue
		}
		for _, form := range secretForms(sec) {
			s = strings.ReplaceAll(s, form, "[redacted]")
		}
	}
	return s
}

// secretForms returns sec as it may appear in a message, longest first so that no
// form is left half-replaced by a shorter one.
func secretForms(sec string) []string {
	forms := []string{sec, neturl.QueryEscape(sec), neturl.PathEscape(sec), strings.ReplaceAll(neturl.QueryEscape(sec), "+", "%20")}
	if j, err := json.Marshal(sec); err == nil {
		forms = append(forms, string(j[1:len(j)-1]))
	}
	slices.SortFunc(forms, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(forms)
}

// excerpt quotes the start of an error body so people see the platform's own words.
func excerpt(body []byte) string {
	s := strings.TrimSpace(string(bytes.ToValidUTF8(body, nil)))
	if s == "" {
		return ""
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return ": " + s
}

func jsonRequest(method, url string, v any) (*http.Request, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding the request: %w", err)
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("building the request for %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return req, nil
}

func formRequest(method, url string, form neturl.Values) (*http.Request, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("building the request for %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	return req, nil
}
