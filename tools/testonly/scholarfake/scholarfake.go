// Package scholarfake is a fake of the scholarly APIs factdesk calls — Crossref's REST
// API, the doi.org handle API and NCBI E-utilities efetch — for tests and benchmarks on
// 127.0.0.1. It answers with the real public records committed under testdata/ (see
// testdata/README.md) and can be told to fail the way the real services do: 429 with
// Retry-After, 5xx, slow answers, reset connections, truncated or malformed bodies.
package scholarfake

import (
	"context"
	"embed"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

//go:embed testdata
var fixtures embed.FS

// Fixture returns a committed fixture file by name.
func Fixture(name string) []byte {
	b, err := fixtures.ReadFile("testdata/" + name)
	if err != nil {
		panic("scholarfake: no fixture " + name)
	}
	return b
}

// Fault is one way a request fails.
type Fault int

// Faults the fake can inject, each used up by one request.
const (
	// RateLimited answers 429 with Retry-After: 1.
	RateLimited Fault = iota + 1
	// Unavailable answers 503.
	Unavailable
	// Reset closes the connection without an answer.
	Reset
	// Slow waits SlowDelay before answering normally.
	Slow
	// Truncated sends half of the body and closes the connection.
	Truncated
	// Malformed answers 200 with a body that is not JSON or XML.
	Malformed
)

// Server is the fake. Keys are "doi:<lower-case DOI>", "handle:<lower-case DOI>",
// "pmid:<id>" and, for OpenAlex, "openalex:doi:<lower-case DOI>" and "openalex:pmid:<id>".
// It also plays the Internet Archive: GET /save/{url} answers 302 to a copy at
// /web/{Timestamp}/{url}, and /web/{timestamp}id_/{url} serves what SetArchived stored.
type Server struct {
	*httptest.Server
	// SlowDelay is how long a Slow fault waits.
	SlowDelay time.Duration

	// Timestamp is the capture time Save Page Now reports, 14 digits.
	Timestamp string

	mu       sync.Mutex
	archived map[string][]byte
	saved    []string
	answers  map[string][]byte
	faults   map[string][]Fault
	hits     map[string]int
	requests []string
}

// Requests returns every request's path and query so far, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// New starts a fake holding the Wakefield record (Crossref, its retraction notice and
// PubMed), the Taylor 2014 meta-analysis (Crossref and OpenAlex), an arXiv DOI held by
// doi.org only, and every other work the sample content cites (SampleRecords), in
// Crossref, PubMed and OpenAlex.
func New() *Server {
	s := &Server{SlowDelay: 2 * time.Second, Timestamp: "20261201093000", answers: map[string][]byte{}, faults: map[string][]Fault{}, hits: map[string]int{}, archived: map[string][]byte{}}
	s.Set("doi:10.1016/s0140-6736(97)11096-0", Fixture("crossref-wakefield.json"))
	s.Set("doi:10.1016/s0140-6736(10)60175-4", Fixture("crossref-wakefield-notice.json"))
	s.Set("doi:10.1016/j.vaccine.2014.04.085", Fixture("crossref-taylor2014.json"))
	s.Set("handle:10.48550/arxiv.1706.03762", Fixture("handle-arxiv-attention.json"))
	s.Set("pmid:9500320", Fixture("efetch-9500320.xml"))
	s.Set("openalex:doi:10.1016/j.vaccine.2014.04.085", Fixture("openalex-taylor2014.json"))
	s.holdSample()
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// CrossrefURL, DOIURL and EUtilsURL are the bases to configure clients with.
func (s *Server) CrossrefURL() string { return s.URL }

// DOIURL is the handle API base.
func (s *Server) DOIURL() string { return s.URL + "/api/handles" }

// EUtilsURL is the E-utilities base.
func (s *Server) EUtilsURL() string { return s.URL + "/entrez/eutils" }

// OpenAlexURL is the OpenAlex API base.
func (s *Server) OpenAlexURL() string { return s.URL + "/openalex" }

// ArchiveURL is the Wayback Machine base.
func (s *Server) ArchiveURL() string { return s.URL }

// SetArchived stores the page the archive serves as its copy of rawURL.
func (s *Server) SetArchived(rawURL string, page []byte) {
	s.mu.Lock()
	s.archived[rawURL] = page
	s.mu.Unlock()
}

// Saved returns every address Save Page Now was asked to archive, in order.
func (s *Server) Saved() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.saved...)
}

// Set makes key answer body.
func (s *Server) Set(key string, body []byte) {
	s.mu.Lock()
	s.answers[strings.ToLower(key)] = body
	s.mu.Unlock()
}

// Fail queues faults for the next requests for key.
func (s *Server) Fail(key string, faults ...Fault) {
	s.mu.Lock()
	k := strings.ToLower(key)
	s.faults[k] = append(s.faults[k], faults...)
	s.mu.Unlock()
}

// Hits returns how many requests asked for key.
func (s *Server) Hits(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[strings.ToLower(key)]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	var key, notFound, ctype string
	path := r.URL.Path
	if raw := r.URL.RawPath; raw != "" {
		path = raw
	}
	switch {
	case strings.HasPrefix(path, "/save/"):
		s.save(w, r, strings.TrimPrefix(r.URL.RequestURI(), "/save/"))
		return
	case strings.HasPrefix(path, "/web/"):
		s.wayback(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/openalex/works/"):
		id := strings.TrimPrefix(r.URL.Path, "/openalex/works/")
		if !strings.HasPrefix(id, "doi:") && !strings.HasPrefix(id, "pmid:") {
			http.Error(w, `{"error":"Invalid query parameters error."}`, http.StatusBadRequest)
			return
		}
		key = "openalex:" + id
		notFound, ctype = `{"error":"404 Not Found","message":"The requested URL was not found on the server."}`, "application/json"
	case strings.HasPrefix(r.URL.Path, "/works/"):
		key = "doi:" + strings.TrimPrefix(r.URL.Path, "/works/")
		notFound, ctype = "Resource not found.", "text/plain"
	case strings.HasPrefix(r.URL.Path, "/api/handles/"):
		doi := strings.TrimPrefix(r.URL.Path, "/api/handles/")
		key = "handle:" + doi
		notFound, ctype = `{"responseCode":100,"handle":"`+doi+`"}`, "application/json"
	case r.URL.Path == "/entrez/eutils/efetch.fcgi":
		key = "pmid:" + r.URL.Query().Get("id")
		notFound, ctype = string(Fixture("efetch-empty.xml")), "text/xml"
	default:
		http.NotFound(w, r)
		return
	}
	key = strings.ToLower(key)
	s.mu.Lock()
	s.hits[key]++
	s.requests = append(s.requests, r.URL.RequestURI())
	var fault Fault
	if q := s.faults[key]; len(q) > 0 {
		fault, s.faults[key] = q[0], q[1:]
	}
	body, ok := s.answers[key]
	s.mu.Unlock()
	status := http.StatusOK
	if !ok {
		body, status = []byte(notFound), http.StatusNotFound
	}
	if strings.HasPrefix(key, "pmid:") && !ok {
		status = http.StatusOK // efetch answers an unknown ID with an empty set
	}
	if strings.HasPrefix(key, "doi:") || strings.HasPrefix(key, "handle:") || strings.HasPrefix(key, "openalex:") {
		if ok {
			ctype = "application/json"
		}
	} else if ok {
		ctype = "text/xml"
	}
	ApplyFault(w, r, fault, s.SlowDelay, status, ctype, body)
}

// save plays Save Page Now: a 302 to the new copy, with its address in Content-Location
// too, or the fault queued for "save:<url>".
func (s *Server) save(w http.ResponseWriter, r *http.Request, target string) {
	key := "save:" + target
	s.mu.Lock()
	s.hits[key]++
	s.requests = append(s.requests, r.URL.RequestURI())
	s.saved = append(s.saved, target)
	var fault Fault
	if q := s.faults[key]; len(q) > 0 {
		fault, s.faults[key] = q[0], q[1:]
	}
	ts := s.Timestamp
	s.mu.Unlock()
	if fault != 0 {
		ApplyFault(w, r, fault, s.SlowDelay, http.StatusOK, "text/html", []byte("<html></html>"))
		return
	}
	loc := "/web/" + ts + "/" + target
	w.Header().Set("Content-Location", loc)
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusFound)
}

// wayback serves /web/{timestamp}id_/{url} from what SetArchived stored.
func (s *Server) wayback(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.RequestURI(), "/web/")
	i := strings.Index(rest, "/")
	if i < 0 {
		http.NotFound(w, r)
		return
	}
	target := rest[i+1:]
	s.mu.Lock()
	page, ok := s.archived[target]
	s.requests = append(s.requests, r.URL.RequestURI())
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(page)
}

// ApplyFault answers with status, ctype and body after applying fault (0 for none).
func ApplyFault(w http.ResponseWriter, r *http.Request, fault Fault, slow time.Duration, status int, ctype string, body []byte) {
	switch fault {
	case RateLimited:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
		return
	case Unavailable:
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
		return
	case Reset:
		resetConn(w)
		return
	case Slow:
		select {
		case <-time.After(slow):
		case <-r.Context().Done():
			return
		}
	case Truncated:
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body[:len(body)/2])
		resetConn(w)
		return
	case Malformed:
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"status":"ok","message":{"DOI":`))
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	_ = buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // send RST, as a dropped connection does
	}
	_ = conn.Close()
}

func itoa(n int) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{digits[n%10]}, b...)
	}
	return string(b)
}

// Client returns an HTTP client that sends requests for each host name in hosts to the
// address given (host:port on 127.0.0.1) and answers "no such host" for any other name
// ending in .invalid, so that tests can use stable names such as gone.example.org.
func Client(hosts map[string]string) *http.Client { return client(hosts, false) }

// client is Client; closed makes every name not in hosts, other than 127.0.0.1 and
// localhost, answer "no such host".
func client(hosts map[string]string, closed bool) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if to, ok := hosts[host]; ok {
				return d.DialContext(ctx, network, to)
			}
			if to, ok := hosts[net.JoinHostPort(host, port)]; ok {
				return d.DialContext(ctx, network, to)
			}
			if strings.HasSuffix(host, ".invalid") || closed && host != "127.0.0.1" && host != "localhost" {
				return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
			}
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 16,
	}
	return &http.Client{Transport: tr}
}
