// Package fakeplatform is a fake of every social platform factdesk publishes to, served
// on 127.0.0.1 for tests. It implements the endpoints the publisher uses with their
// authentication, idempotency and limits, as documented by each platform, and it can
// inject faults into any call: errors, 429 with Retry-After, server errors, hangs,
// cut connections, and answers lost after the post was created.
package fakeplatform

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Fault is what the server does to one request.
type Fault int

// Faults that can be injected.
const (
	// None answers normally.
	None Fault = iota
	// ServerError answers 500 without doing anything.
	ServerError
	// Unavailable answers 503 without doing anything.
	Unavailable
	// TooMany answers 429 with Retry-After: RetryAfter, without doing anything.
	TooMany
	// ResetBefore cuts the connection without doing anything.
	ResetBefore
	// ResetAfter does the work, then cuts the connection: the answer is lost.
	ResetAfter
	// Hang waits for Server.Hang (longer than the client's timeout), then does the work.
	Hang
	// Malformed does the work, then answers 200 with a body that is not JSON.
	Malformed
	// ErrorAfter does the work, then answers 502: a proxy error after success.
	ErrorAfter
	// KillBefore calls Server.OnKill before doing anything, then cuts the connection.
	KillBefore
	// KillAfter does the work, calls Server.OnKill, then cuts the connection.
	KillAfter
)

var faultNames = []string{"none", "500", "503", "429", "reset-before", "reset-after", "hang", "malformed", "502-after", "kill-before", "kill-after"}

// String names the fault for logs.
func (f Fault) String() string { return faultNames[f] }

// Post is something created on a platform.
type Post struct {
	Platform string
	ID       string
	Text     string
	// Key is the idempotency key or record key the post was created with.
	Key    string
	Alts   []string
	Facets json.RawMessage
	Embed  json.RawMessage
	// Record is the whole Bluesky record as sent.
	Record  json.RawMessage
	Deleted bool
	Created time.Time
}

// Server is the fake. Create it with New; set Faults and OnKill before use.
type Server struct {
	*httptest.Server
	// Tokens are the valid credentials per platform: access tokens, the Bluesky app
	// password, the webhook secret.
	Tokens map[string]string
	// Faults picks a fault for the n-th request (counted per platform, from 0).
	Faults func(platform string, n int, r *http.Request) Fault
	// OnKill is called for KillBefore and KillAfter.
	OnKill func()
	// RetryAfter is the Retry-After value sent with 429, in seconds.
	RetryAfter int
	// Hang is how long a Hang fault waits.
	Hang time.Duration
	// PostLimit is the most posts an account may create before 429 (0: no limit).
	PostLimit int
	// LoginLimit is the most Bluesky logins allowed (the platform allows 300 a day).
	LoginLimit int
	// AccessTTL is how long a Bluesky access token lasts (2 hours by default).
	AccessTTL time.Duration
	// Live are the site paths that answer 200 (e.g. /factchecks/mmr-vaccine-autism/).
	Live map[string]bool
	// XCreditsLeft is how many posts the X developer account can still pay for; a post
	// beyond them is answered 402 (pay-per-use). Negative: no limit (the default).
	XCreditsLeft int
	// LinkedInOldest is the oldest LinkedIn-Version still served; an older one is
	// answered 426 (LinkedIn retires each version about a year after it ships).
	LinkedInOldest string
	// Expires is when each platform's token expires, for the platforms that tell
	// (Facebook's debug_token); zero means never.
	Expires map[string]time.Time
	// Scopes are the permissions each platform's token holds, where the platform tells.
	Scopes map[string][]string

	inflight sync.WaitGroup
	// check makes every exchange be checked against the descriptions (NewT).
	check      bool
	violations []string
	exchanges  []exchange

	mu         sync.Mutex
	conns      int
	lastConn   time.Time
	posts      []*Post
	counts     map[string]int
	keys       map[string]*Post // platform+key → post
	containers map[string]string
	published  map[string]bool
	logins     int
	refreshes  int
	seq        int
	requests   []string
}

// New starts a fake on 127.0.0.1.
func New() *Server {
	s := &Server{
		Tokens: map[string]string{
			"mastodon": "mastodon-token-0001", "bluesky": "bsky-app-pass-0001", "x": "x-token-0001",
			"linkedin": "linkedin-token-0001", "facebook": "facebook-token-0001", "threads": "threads-token-0001",
			"webhook": "webhook-secret-0001", "github": "github-token-0001",
			"x-consumer-key": "x-consumer-key-0001", "x-consumer-secret": "x-consumer-secret-0001",
			"x-access-token": "x-access-token-0001", "x-access-secret": "x-access-secret-0001",
		},
		XCreditsLeft: -1, LinkedInOldest: "202510", Expires: map[string]time.Time{},
		Scopes:     map[string][]string{"facebook": {"pages_manage_posts", "pages_read_engagement"}},
		RetryAfter: 1, Hang: 2 * time.Second, LoginLimit: 300, AccessTTL: 2 * time.Hour, Live: map[string]bool{},
		counts: map[string]int{}, keys: map[string]*Post{}, containers: map[string]string{}, published: map[string]bool{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/mastodon/", s.wrap("mastodon", s.mastodon))
	mux.HandleFunc("/bluesky/", s.wrap("bluesky", s.bluesky))
	mux.HandleFunc("/x/", s.wrap("x", s.x))
	mux.HandleFunc("/linkedin/", s.wrap("linkedin", s.linkedin))
	mux.HandleFunc("/facebook/", s.wrap("facebook", s.facebook))
	mux.HandleFunc("/threads/", s.wrap("threads", s.threads))
	mux.HandleFunc("/webhook/", s.wrap("webhook", s.webhook))
	mux.HandleFunc("/site/", s.wrap("site", s.site))
	s.Server = httptest.NewUnstartedServer(mux)
	s.Server.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.lastConn = time.Now()
		switch st {
		case http.StateNew:
			s.conns++
		case http.StateClosed, http.StateHijacked:
			s.conns--
		}
	}
	s.Server.Start()
	return s
}

// SetFaults sets the fault plan (see Faults) safely while requests may be in flight.
func (s *Server) SetFaults(f func(platform string, n int, r *http.Request) Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Faults = f
}

// SetOnKill sets OnKill safely while requests may be in flight.
func (s *Server) SetOnKill(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.OnKill = f
}

// URLFor returns the base address of platform on the fake (e.g. for options.api).
func (s *Server) URLFor(platform string) string { return s.Server.URL + "/" + platform }

// Posts returns a copy of everything created so far, on platform or on all when "".
func (s *Server) Posts(platform string) []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Post
	for _, p := range s.posts {
		if platform == "" || p.Platform == platform {
			out = append(out, *p)
		}
	}
	return out
}

// Logins returns how many Bluesky logins (createSession) and refreshes there were.
func (s *Server) Logins() (logins, refreshes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins, s.refreshes
}

// Requests returns "METHOD path" of every request so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

type handler func(w http.ResponseWriter, r *http.Request, path string) (status int, body any)

// wrap applies the fault plan around a platform handler.
func (s *Server) wrap(platform string, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.inflight.Add(1)
		defer s.inflight.Done()
		path := strings.TrimPrefix(r.URL.Path, "/"+platform)
		s.mu.Lock()
		n := s.counts[platform]
		s.counts[platform]++
		s.requests = append(s.requests, r.Method+" "+r.URL.Path)
		faults, onKill := s.Faults, s.OnKill
		s.mu.Unlock()
		fault := None
		if faults != nil {
			fault = faults(platform, n, r)
		}
		var reqBody []byte
		if s.check {
			reqBody = readBody(r)
		}
		switch fault {
		case ServerError:
			writeJSON(w, 500, map[string]string{"error": "Internal Server Error"})
			return
		case Unavailable:
			writeJSON(w, 503, map[string]string{"error": "Service Unavailable"})
			return
		case TooMany:
			w.Header().Set("Retry-After", fmt.Sprint(s.RetryAfter))
			writeJSON(w, 429, map[string]string{"error": "Too many requests"})
			return
		case ResetBefore:
			reset(w)
			return
		case KillBefore:
			if onKill != nil {
				onKill()
			}
			reset(w)
			return
		case Hang:
			select {
			case <-time.After(s.Hang):
			case <-r.Context().Done():
			}
		}
		status, body := h(w, r, path)
		if s.check && status != 0 && (fault == None || fault == Hang) {
			s.record(platform, r, path, reqBody, status, body)
		}
		switch fault {
		case ResetAfter:
			reset(w)
			return
		case KillAfter:
			if onKill != nil {
				onKill()
			}
			reset(w)
			return
		case Malformed:
			w.WriteHeader(200)
			io.WriteString(w, `{"id": "12`)
			return
		case ErrorAfter:
			writeJSON(w, 502, map[string]string{"error": "Bad Gateway"})
			return
		}
		if status == 0 {
			return
		}
		if status == http.StatusNoContent {
			w.WriteHeader(status)
			return
		}
		writeJSON(w, status, body)
	}
}

// reset closes the client's connection abruptly.
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// bearer checks an Authorization: Bearer header against want; a wrong one is answered
// the way platforms do, echoing what was sent (so tests can prove factdesk redacts it).
func bearer(r *http.Request, want string) (int, any, bool) {
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if got == "" || got != want {
		return 401, map[string]string{"error": "The access token is invalid: " + got}, false
	}
	return 0, nil, true
}

// create records a post unless the key was seen before, in which case it returns the
// earlier post. A limit reached answers 429.
func (s *Server) create(platform, key, text string, fill func(*Post)) (*Post, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if key != "" {
		if p, ok := s.keys[platform+"\x00"+key]; ok {
			return p, false, nil
		}
	}
	if s.PostLimit > 0 {
		n := 0
		for _, p := range s.posts {
			if p.Platform == platform {
				n++
			}
		}
		if n >= s.PostLimit {
			return nil, false, errLimit
		}
	}
	s.seq++
	p := &Post{Platform: platform, ID: fmt.Sprintf("%d", 100000+s.seq), Text: text, Key: key, Created: time.Now()}
	if fill != nil {
		fill(p)
	}
	s.posts = append(s.posts, p)
	if key != "" {
		s.keys[platform+"\x00"+key] = p
	}
	return p, true, nil
}

var errLimit = fmt.Errorf("rate limit")

func (s *Server) tooMany(w http.ResponseWriter) (int, any) {
	w.Header().Set("Retry-After", fmt.Sprint(s.RetryAfter))
	return 429, map[string]string{"error": "Too many requests"}
}

func (s *Server) find(platform, id string) *Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.posts {
		if p.Platform == platform && p.ID == id {
			return p
		}
	}
	return nil
}

func (s *Server) remove(platform, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.posts {
		if p.Platform == platform && p.ID == id && !p.Deleted {
			p.Deleted = true
			return true
		}
	}
	return false
}

func (s *Server) site(_ http.ResponseWriter, r *http.Request, path string) (int, any) {
	s.mu.Lock()
	live := s.Live[path]
	s.mu.Unlock()
	if !live {
		return 404, map[string]string{"error": "not found"}
	}
	return 200, map[string]string{"page": path}
}

// SetLive makes a site path answer 200 (or 404 again).
func (s *Server) SetLive(path string, live bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Live[path] = live
}

// Drain waits until every client connection is closed and no request is being handled,
// e.g. after the client was killed while the fake was still working on a request. Call it
// only once the client is gone.
func (s *Server) Drain() {
	// A request the client sent just before dying may still wait in the listen queue:
	// wait for the connections to close and stay quiet for a moment.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		s.mu.Lock()
		open, quiet := s.conns, time.Since(s.lastConn)
		s.mu.Unlock()
		if open <= 0 && quiet > 30*time.Millisecond {
			break
		}
	}
	s.inflight.Wait()
}

// ResetCounts sets every platform's request counter to start, so that a new run's
// calls are numbered from start (Faults sees n = start, start+1, …).
func (s *Server) ResetCounts(start int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.counts {
		s.counts[k] = start
	}
	for _, p := range []string{"mastodon", "bluesky", "x", "linkedin", "facebook", "threads", "webhook", "site"} {
		s.counts[p] = start
	}
}
