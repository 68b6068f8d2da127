package citation

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Web checks web links, each host behind its own Gate. It follows redirects and records
// them, sends GET where HEAD is refused, and calls a link dead only on a definite
// answer: 404, 410, or a host name that still does not exist when asked again.
// Rate limits (429), refusals (401, 403, LinkedIn's 999) and challenge pages are
// "unverified", never dead.
type Web struct {
	Fetcher *Fetcher
	// Hosts hands out one Gate per host.
	Hosts *gates
	// DNSRetryDelay is the wait before asking again about an unknown host.
	DNSRetryDelay time.Duration
	// MaxRedirects bounds a redirect chain.
	MaxRedirects int
	// DNSCanary is an address whose host certainly exists. Before calling a link dead
	// for an unknown host, the checker makes sure names can be looked up at all by
	// asking for it once per run: on a machine without working DNS every host looks
	// unknown, and nothing should be called dead then.
	DNSCanary string

	canaryOnce sync.Once
	dnsBroken  bool
}

// NewWeb returns a link checker allowing perSecond requests per second and inFlight open
// requests to each host.
func NewWeb(f *Fetcher, perSecond float64, inFlight int) *Web {
	return &Web{Fetcher: f, Hosts: &gates{perSecond: perSecond, inFlight: inFlight}, DNSRetryDelay: 2 * time.Second, MaxRedirects: 10,
		DNSCanary: "https://doi.org/"}
}

// Gate returns the gate of a URL's host.
func (w *Web) Gate(u *url.URL) *Gate { return w.Hosts.get(strings.ToLower(u.Host)) }

var browserHeaders = http.Header{
	"Accept":          {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
	"Accept-Language": {"en"},
}

// Check checks rawURL.
func (w *Web) Check(ctx context.Context, rawURL string) Link {
	link := Link{URL: rawURL, Permanent: true}
	cur, err := url.Parse(rawURL)
	if err != nil || (cur.Scheme != "http" && cur.Scheme != "https") || cur.Host == "" {
		link.Status, link.Reason = Dead, "this is not a web address"
		return link
	}
	for hop := 0; ; hop++ {
		resp, err := w.get(ctx, cur)
		if err != nil {
			if ctx.Err() != nil {
				link.Status, link.Reason = Unverified, "the check was interrupted"
				return link
			}
			if unknownHost(err) {
				if w.namesUnresolvable(ctx) {
					link.Status, link.Reason = Unverified, "no host name can be looked up from this machine right now (not even "+LaneOf(w.DNSCanary)+"); check the network connection"
					return link
				}
				link.Status, link.Reason = Dead, "the host name "+cur.Hostname()+" does not exist (asked twice)"
				return link
			}
			link.Status, link.Reason = Unverified, describe(err)
			return link
		}
		link.Code = resp.Status
		if isRedirect(resp.Status) {
			loc := resp.Header.Get("Location")
			next, perr := cur.Parse(loc)
			if loc == "" || perr != nil {
				link.Status, link.Reason = Unverified, fmt.Sprintf("a %d redirect without a usable Location", resp.Status)
				return link
			}
			link.Redirects = append(link.Redirects, fmt.Sprintf("%d %s", resp.Status, next.String()))
			if resp.Status != http.StatusMovedPermanently && resp.Status != http.StatusPermanentRedirect {
				link.Permanent = false
			}
			if hop+1 >= w.MaxRedirects {
				link.Status, link.Reason = Unverified, fmt.Sprintf("more than %d redirects", w.MaxRedirects)
				return link
			}
			cur = next
			continue
		}
		if len(link.Redirects) > 0 {
			link.Final = cur.String()
		} else {
			link.Permanent = false
		}
		link.Status, link.Reason = classify(resp)
		return link
	}
}

// namesUnresolvable reports whether the DNS canary's host is unknown too.
func (w *Web) namesUnresolvable(ctx context.Context) bool {
	if w.DNSCanary == "" {
		return false
	}
	w.canaryOnce.Do(func() {
		u, err := url.Parse(w.DNSCanary)
		if err != nil {
			return
		}
		_, err = w.Fetcher.Fetch(ctx, w.Gate(u), http.MethodHead, w.DNSCanary, nil)
		w.dnsBroken = err != nil && unknownHost(err)
	})
	return w.dnsBroken
}

// get asks for u with HEAD and, when HEAD is refused or says the page is missing, with
// GET. An unknown host is asked about again after DNSRetryDelay.
func (w *Web) get(ctx context.Context, u *url.URL) (*Response, error) {
	gate := w.Gate(u)
	resp, err := w.Fetcher.Fetch(ctx, gate, http.MethodHead, u.String(), browserHeaders)
	if err != nil && unknownHost(err) {
		if serr := sleep(ctx, w.DNSRetryDelay); serr != nil {
			return nil, serr
		}
		resp, err = w.Fetcher.Fetch(ctx, gate, http.MethodHead, u.String(), browserHeaders)
	}
	if err != nil && !unknownHost(err) {
		// Some servers drop HEAD requests; GET decides.
		return w.Fetcher.Fetch(ctx, gate, http.MethodGet, u.String(), browserHeaders)
	}
	if err != nil {
		return nil, err
	}
	if resp.Status < 300 && !challengeHeader(resp.Header) || isRedirect(resp.Status) || resp.Status == http.StatusTooManyRequests {
		return resp, nil
	}
	// HEAD refused (405, 501, 403, …), missing (404/410: confirm before calling it dead)
	// or challenged: GET shows what a reader would get.
	return w.Fetcher.Fetch(ctx, gate, http.MethodGet, u.String(), browserHeaders)
}

func isRedirect(code int) bool {
	switch code {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// classify turns a final answer into a status and a reason.
func classify(resp *Response) (Status, string) {
	code := resp.Status
	switch {
	case challengeHeader(resp.Header) || challengeBody(resp.Body):
		return Unverified, fmt.Sprintf("the site answered %d with a bot-check page (CAPTCHA or \"Just a moment\"); open it in a browser to confirm", code)
	case code >= 200 && code < 300:
		return OK, ""
	case code == http.StatusNotFound || code == http.StatusGone:
		return Dead, fmt.Sprintf("the page answered %d %s", code, http.StatusText(code))
	case code == http.StatusTooManyRequests:
		return Unverified, "the site is rate-limiting checks (429 Too Many Requests); it will be tried again on the next run"
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return Unverified, fmt.Sprintf("the site refuses automated checks (%d %s); open it in a browser to confirm", code, http.StatusText(code))
	case code == 999:
		return Unverified, "the site refuses automated checks (999, as LinkedIn does); open it in a browser to confirm"
	case code >= 500:
		return Unverified, fmt.Sprintf("the site had a server error (%d %s)", code, http.StatusText(code))
	}
	return Unverified, fmt.Sprintf("the site answered %d", code)
}

func challengeHeader(h http.Header) bool {
	return strings.EqualFold(h.Get("Cf-Mitigated"), "challenge")
}

var challengeMarkers = [][]byte{
	[]byte("<title>just a moment"),
	[]byte("cf-browser-verification"),
	[]byte("challenge-platform"),
	[]byte("attention required! | cloudflare"),
	[]byte("g-recaptcha"),
	[]byte("h-captcha"),
	[]byte("hcaptcha.com"),
	[]byte("captcha-delivery"),
	[]byte("please verify you are a human"),
}

func challengeBody(body []byte) bool {
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	lower := bytes.ToLower(body)
	for _, m := range challengeMarkers {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	return false
}

// Page fetches rawURL with GET, following redirects through each host's gate, and
// returns the final address and the answer.
func (w *Web) Page(ctx context.Context, rawURL string) (string, *Response, error) {
	cur, err := url.Parse(rawURL)
	if err != nil || (cur.Scheme != "http" && cur.Scheme != "https") || cur.Host == "" {
		return "", nil, fmt.Errorf("%q is not a web address", rawURL)
	}
	for hop := 0; hop < w.MaxRedirects; hop++ {
		resp, err := w.Fetcher.Fetch(ctx, w.Gate(cur), http.MethodGet, cur.String(), browserHeaders)
		if err != nil {
			return "", nil, fmt.Errorf("fetching %s: %s", Redact(cur.String()), describe(err))
		}
		if !isRedirect(resp.Status) {
			return cur.String(), resp, nil
		}
		next, err := cur.Parse(resp.Header.Get("Location"))
		if err != nil {
			return "", nil, fmt.Errorf("fetching %s: a redirect without a usable Location", Redact(cur.String()))
		}
		cur = next
	}
	return "", nil, fmt.Errorf("fetching %s: more than %d redirects", Redact(rawURL), w.MaxRedirects)
}
