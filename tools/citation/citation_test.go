package citation_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/testonly/scholarfake"
)

const (
	wakefieldDOI = "10.1016/S0140-6736(97)11096-0"
	taylorDOI    = "10.1016/j.vaccine.2014.04.085"
)

// newVerifier returns a verifier pointed at fake, with short backoffs.
func newVerifier(t *testing.T, fake *scholarfake.Server, client *http.Client, cfg config.Citations, env map[string]string) *citation.Verifier {
	t.Helper()
	cfg.CrossrefURL, cfg.DOIURL, cfg.EUtilsURL = fake.CrossrefURL(), fake.DOIURL(), fake.EUtilsURL()
	if cfg.TimeoutSeconds == 0 {
		cfg.TimeoutSeconds = 2
	}
	v := citation.New(citation.Options{Config: cfg, Contact: "factcheck@example.org", HTTPClient: client,
		Getenv: func(k string) string { return env[k] }})
	v.Crossref.Fetcher.BaseDelay = 5 * time.Millisecond
	v.Web.DNSRetryDelay = 10 * time.Millisecond
	return v
}

func TestCrossrefRetractionIsReadAndDeduplicated(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	v := newVerifier(t, fake, nil, config.Citations{}, nil)
	rec := v.DOI(context.Background(), wakefieldDOI)
	if rec.Status != citation.OK || rec.Source != "crossref" {
		t.Fatalf("status %s from %s (%s), want ok from crossref", rec.Status, rec.Source, rec.Reason)
	}
	if got, want := rec.Year(), 1998; got != want {
		t.Errorf("year %d, want %d", got, want)
	}
	if !citation.TitlesMatch("Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children", rec.Title) {
		t.Errorf("the cited title does not match %q once RETRACTED: is stripped", rec.Title)
	}
	if len(rec.Notices) != 2 {
		t.Fatalf("notices %+v, want a retraction and a correction", rec.Notices)
	}
	r := rec.Notices[0]
	if r.Kind != "retraction" || r.DOI != "10.1016/s0140-6736(10)60175-4" || r.Date != "2010-02-06" || !slices.Equal(r.Sources, []string{"retraction-watch"}) {
		t.Errorf("first notice %+v, want the 2010 retraction from Retraction Watch", r)
	}
	if rec.Notices[1].Kind != "correction" || rec.Notices[1].Severity().String() != "note" {
		t.Errorf("second notice %+v, want a correction (a note)", rec.Notices[1])
	}
	if !strings.Contains(fake.Requests()[0], "mailto=factcheck%40example.org") {
		t.Errorf("request %s lacks the polite-pool mailto", fake.Requests()[0])
	}
}

func TestNoticesDeduplicatedByNoticeDOI(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	// The same retraction reported by the publisher and by Retraction Watch, plus a
	// publisher entry naming the work itself, as Crossref records often do.
	fake.Set("doi:10.1016/j.vaccine.2014.04.085", []byte(`{"status":"ok","message":{"DOI":"10.1016/j.vaccine.2014.04.085","title":["Vaccines are not associated with autism"],
	"updated-by":[{"DOI":"10.1016/S0140-6736(10)60175-4","type":"retraction","source":"publisher"},
	{"DOI":"10.1016/s0140-6736(10)60175-4","type":"retraction","source":"retraction-watch"},
	{"DOI":"10.1016/j.vaccine.2014.04.085","type":"expression_of_concern","source":"publisher"}]}}`))
	v := newVerifier(t, fake, nil, config.Citations{}, nil)
	rec := v.DOI(context.Background(), taylorDOI)
	if len(rec.Notices) != 2 {
		t.Fatalf("notices %+v, want one retraction (two sources) and one concern", rec.Notices)
	}
	if n := rec.Notices[0]; n.Kind != "retraction" || len(n.Sources) != 2 {
		t.Errorf("merged notice %+v, want a retraction reported by both sources", n)
	}
	if n := rec.Notices[1]; n.Kind != "expression_of_concern" || n.DOI != "" {
		t.Errorf("self-referencing notice %+v, want a concern without the work's own DOI", n)
	}
}

func TestRetractionNoticeIsNotRetracted(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	v := newVerifier(t, fake, nil, config.Citations{}, nil)
	rec := v.DOI(context.Background(), "10.1016/S0140-6736(10)60175-4")
	if rec.Status != citation.OK || len(rec.Notices) != 0 || rec.Type != "notice" {
		t.Errorf("notice record %+v, want ok with no notices", rec)
	}
}

func TestDOIFallsBackToDOIOrg(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	v := newVerifier(t, fake, nil, config.Citations{}, nil)
	rec := v.DOI(context.Background(), "10.48550/arXiv.1706.03762")
	if rec.Status != citation.OK || rec.Source != "doi.org" || rec.URL != "https://arxiv.org/abs/1706.03762" {
		t.Errorf("DataCite DOI %+v, want ok from doi.org with its URL", rec)
	}
	rec = v.DOI(context.Background(), "10.1000/xyz123")
	if rec.Status != citation.NotFound {
		t.Errorf("unregistered DOI %+v, want not-found", rec)
	}
	if fake.Hits("doi:10.1000/xyz123") != 1 || fake.Hits("handle:10.1000/xyz123") != 1 {
		t.Errorf("want one Crossref and one doi.org request for the unregistered DOI")
	}
}

func TestPubMedReadsBothRetractionSignals(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	v := newVerifier(t, fake, nil, config.Citations{}, nil)
	rec := v.PMID(context.Background(), "9500320")
	if rec.Status != citation.OK || rec.Journal != "Lancet (London, England)" || rec.Year() != 1998 || rec.DOI != "10.1016/s0140-6736(97)11096-0" {
		t.Fatalf("record %+v", rec)
	}
	if len(rec.Notices) != 2 || rec.Notices[0].Kind != "retraction" || rec.Notices[0].PMID != "20137807" || rec.Notices[1].Kind != "expression_of_concern" {
		t.Errorf("notices %+v, want the RetractionIn PMID 20137807 and the expression of concern", rec.Notices)
	}
	// The publication type alone is enough.
	only := strings.Replace(string(scholarfake.Fixture("efetch-9500320.xml")), `RefType="RetractionIn"`, `RefType="CommentIn"`, 1)
	fake.Set("pmid:9500320", []byte(only))
	v2 := newVerifier(t, fake, nil, config.Citations{}, nil)
	if rec := v2.PMID(context.Background(), "9500320"); len(rec.Notices) == 0 || rec.Notices[0].Kind != "retraction" {
		t.Errorf("with only the Retracted Publication type: notices %+v, want a retraction", rec.Notices)
	}
	if rec := v.PMID(context.Background(), "20137807"); rec.Status != citation.NotFound {
		t.Errorf("unknown PMID: %s, want not-found", rec.Status)
	}
}

func TestServiceFailures(t *testing.T) {
	t.Parallel()
	f := scholarfake.RateLimited
	tests := []struct {
		name    string
		faults  []scholarfake.Fault
		want    citation.Status
		reason  string
		minWait time.Duration
	}{
		{"429 with Retry-After is honoured", []scholarfake.Fault{f}, citation.OK, "", time.Second},
		{"5xx is retried", []scholarfake.Fault{scholarfake.Unavailable, scholarfake.Unavailable}, citation.OK, "", 0},
		{"reset connection is retried", []scholarfake.Fault{scholarfake.Reset}, citation.OK, "", 0},
		{"truncated body is retried", []scholarfake.Fault{scholarfake.Truncated}, citation.OK, "", 0},
		{"malformed JSON is asked again", []scholarfake.Fault{scholarfake.Malformed}, citation.OK, "", 0},
		{"malformed twice is unverified", []scholarfake.Fault{scholarfake.Malformed, scholarfake.Malformed}, citation.Unverified, "malformed JSON", 0},
		{"lasting outage is unverified", []scholarfake.Fault{scholarfake.Unavailable, scholarfake.Unavailable, scholarfake.Unavailable, scholarfake.Unavailable}, citation.Unverified, "503", 0},
		{"slow answers time out", []scholarfake.Fault{scholarfake.Slow, scholarfake.Slow, scholarfake.Slow, scholarfake.Slow}, citation.Unverified, "did not answer in time", 0},
		{"resets every time", []scholarfake.Fault{scholarfake.Reset, scholarfake.Reset, scholarfake.Reset, scholarfake.Reset}, citation.Unverified, "could not be reached", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := scholarfake.New()
			defer fake.Close()
			fake.SlowDelay = 1500 * time.Millisecond
			fake.Fail("doi:"+strings.ToLower(taylorDOI), tt.faults...)
			v := newVerifier(t, fake, nil, config.Citations{TimeoutSeconds: 0.5}, nil)
			start := time.Now()
			rec := v.DOI(context.Background(), taylorDOI)
			if rec.Status != tt.want || !strings.Contains(rec.Reason, tt.reason) {
				t.Errorf("status %s (%q), want %s containing %q", rec.Status, rec.Reason, tt.want, tt.reason)
			}
			if d := time.Since(start); d < tt.minWait {
				t.Errorf("took %v, want at least %v (Retry-After)", d, tt.minWait)
			}
		})
	}
}

func TestAPIKeyNeverInMessages(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	fake.Fail("pmid:9500320", scholarfake.Reset, scholarfake.Reset, scholarfake.Reset, scholarfake.Reset)
	v := newVerifier(t, fake, nil, config.Citations{}, map[string]string{"NCBI_API_KEY": "s3cr3t-key-123"})
	v.PubMed.Fetcher.BaseDelay = time.Millisecond
	rec := v.PMID(context.Background(), "9500320")
	if rec.Status != citation.Unverified || strings.Contains(rec.Reason, "s3cr3t") {
		t.Errorf("reason %q: want unverified without the key", rec.Reason)
	}
	if !strings.Contains(fake.Requests()[0], "api_key=s3cr3t-key-123") {
		t.Errorf("the key is not sent: %s", fake.Requests()[0])
	}
}

func TestOncePerRunAndCacheLifetimes(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	path := filepath.Join(t.TempDir(), "cache", "citations.json")
	now := time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	cfg := config.Citations{CrossrefURL: fake.CrossrefURL(), DOIURL: fake.DOIURL(), EUtilsURL: fake.EUtilsURL(), Retries: 1}
	mk := func() *citation.Verifier {
		v := citation.New(citation.Options{Config: cfg, CachePath: path, Now: clock})
		v.Crossref.Fetcher.BaseDelay = time.Millisecond
		return v
	}
	fake.Fail("doi:10.1016/s0140-6736(10)60175-4", scholarfake.Unavailable, scholarfake.Unavailable)
	v := mk()
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(2)
		go func() { defer wg.Done(); v.DOI(context.Background(), wakefieldDOI) }()
		go func() { defer wg.Done(); v.DOI(context.Background(), "10.1016/s0140-6736(10)60175-4") }()
	}
	wg.Wait()
	if h := fake.Hits("doi:10.1016/s0140-6736(97)11096-0"); h != 1 {
		t.Errorf("20 concurrent lookups made %d requests, want 1", h)
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	// A new run within the lifetimes fetches nothing.
	v2 := mk()
	if rec := v2.DOI(context.Background(), wakefieldDOI); rec.Status != citation.OK || len(rec.Notices) != 2 {
		t.Errorf("cached record %+v", rec)
	}
	v2.DOI(context.Background(), "10.1016/s0140-6736(10)60175-4")
	if v2.Lookups() != 0 {
		t.Errorf("warm run made %d lookups, want 0", v2.Lookups())
	}
	// Two hours later the failure (kept 60 minutes) is fetched again; the resolved DOI is not.
	now = now.Add(2 * time.Hour)
	v3 := mk()
	v3.DOI(context.Background(), wakefieldDOI)
	if rec := v3.DOI(context.Background(), "10.1016/s0140-6736(10)60175-4"); rec.Status != citation.OK {
		t.Errorf("refetched failure: %s", rec.Status)
	}
	if v3.Lookups() != 1 {
		t.Errorf("after 2 hours: %d lookups, want 1 (only the earlier failure)", v3.Lookups())
	}
}

// host is a fake web host that records how politely it was called.
type host struct {
	srv      *httptest.Server
	inFlight atomic.Int32
	maxIn    atomic.Int32
	mu       sync.Mutex
	starts   []time.Time
	methods  []string
}

func newHost(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *host {
	t.Helper()
	x := &host{}
	x.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := x.inFlight.Add(1)
		defer x.inFlight.Add(-1)
		for {
			m := x.maxIn.Load()
			if in <= m || x.maxIn.CompareAndSwap(m, in) {
				break
			}
		}
		x.mu.Lock()
		x.starts = append(x.starts, time.Now())
		x.methods = append(x.methods, r.Method)
		n := len(x.starts)
		x.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(x.srv.Close)
	return x
}

func (x *host) addr() string { return strings.TrimPrefix(x.srv.URL, "http://") }

func TestWebLinks(t *testing.T) {
	t.Parallel()
	challenge := scholarfake.Fixture("cloudflare-challenge.html")
	page := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html><title>Page</title></html>")) }
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request, n int)
		want    citation.Status
		reason  string
	}{
		{"200", func(w http.ResponseWriter, r *http.Request, n int) { page(w, r) }, citation.OK, ""},
		{"HEAD refused with 405, GET works", func(w http.ResponseWriter, r *http.Request, n int) {
			if r.Method == http.MethodHead {
				w.WriteHeader(405)
				return
			}
			page(w, r)
		}, citation.OK, ""},
		{"HEAD 404 but GET works", func(w http.ResponseWriter, r *http.Request, n int) {
			if r.Method == http.MethodHead {
				w.WriteHeader(404)
				return
			}
			page(w, r)
		}, citation.OK, ""},
		{"404", func(w http.ResponseWriter, r *http.Request, n int) { http.NotFound(w, r) }, citation.Dead, "404"},
		{"410", func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(410) }, citation.Dead, "410"},
		{"401", func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(401) }, citation.Unverified, "401"},
		{"403", func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(403) }, citation.Unverified, "403"},
		{"999 as LinkedIn", func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(999) }, citation.Unverified, "999"},
		{"429 then 200", func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(429)
				return
			}
			page(w, r)
		}, citation.OK, ""},
		{"429 with a long Retry-After", func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(429)
		}, citation.Unverified, "429"},
		{"Cloudflare challenge", func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(403)
			w.Write(challenge)
		}, citation.Unverified, "bot-check"},
		{"captcha page answered 200", func(w http.ResponseWriter, r *http.Request, n int) {
			if r.Method == http.MethodHead {
				w.WriteHeader(405)
				return
			}
			w.Write([]byte(`<html><body><div class="g-recaptcha" data-sitekey="x"></div></body></html>`))
		}, citation.Unverified, "bot-check"},
		{"lasting 500", func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(500) }, citation.Unverified, "server error"},
		{"too slow every time", func(w http.ResponseWriter, r *http.Request, n int) {
			time.Sleep(1500 * time.Millisecond)
			page(w, r)
		}, citation.Unverified, "did not answer in time"},
		{"reset once", func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				scholarfake.ApplyFault(w, r, scholarfake.Reset, 0, 200, "", nil)
				return
			}
			page(w, r)
		}, citation.OK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHost(t, tt.handler)
			fake := scholarfake.New()
			defer fake.Close()
			v := newVerifier(t, fake, scholarfake.Client(map[string]string{"site.example.org": h.addr()}), config.Citations{MaxRetryAfterSeconds: 5, TimeoutSeconds: 0.5, Retries: 1}, nil)
			v.Web.Fetcher.BaseDelay = 5 * time.Millisecond
			l := v.Link(context.Background(), "http://site.example.org/page")
			if l.Status != tt.want || !strings.Contains(l.Reason, tt.reason) {
				t.Errorf("%s (%q), want %s containing %q", l.Status, l.Reason, tt.want, tt.reason)
			}
		})
	}
}

func TestRedirectsAndUnknownHosts(t *testing.T) {
	t.Parallel()
	h := newHost(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		case "/temp":
			http.Redirect(w, r, "/new", http.StatusFound)
		default:
			w.Write([]byte("ok"))
		}
	})
	fake := scholarfake.New()
	defer fake.Close()
	v := newVerifier(t, fake, scholarfake.Client(map[string]string{"site.example.org": h.addr()}), config.Citations{}, nil)
	l := v.Link(context.Background(), "http://site.example.org/old")
	if l.Status != citation.OK || l.Final != "http://site.example.org/new" || !l.Permanent || len(l.Redirects) != 1 || !strings.HasPrefix(l.Redirects[0], "301 ") {
		t.Errorf("permanent redirect: %+v", l)
	}
	if l := v.Link(context.Background(), "http://site.example.org/temp"); l.Permanent || l.Status != citation.OK {
		t.Errorf("temporary redirect: %+v", l)
	}
	v.Web.DNSCanary = "http://site.example.org/"
	l = v.Link(context.Background(), "http://no-such-host.invalid/page")
	if l.Status != citation.Dead || !strings.Contains(l.Reason, "asked twice") {
		t.Errorf("unknown host: %+v, want dead after a second try", l)
	}
	// Where no name resolves at all (no network), nothing is called dead.
	v2 := newVerifier(t, fake, scholarfake.Client(nil), config.Citations{}, nil)
	v2.Web.DNSCanary = "http://doi-org-stand-in.invalid/"
	if l := v2.Link(context.Background(), "http://no-such-host.invalid/page"); l.Status != citation.Unverified || !strings.Contains(l.Reason, "no host name can be looked up") {
		t.Errorf("without DNS: %+v, want unverified", l)
	}
	// A refused connection is not a definite answer.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	if l := v.Link(context.Background(), "http://"+addr+"/"); l.Status != citation.Unverified {
		t.Errorf("refused connection: %+v, want unverified", l)
	}
}

func TestPerHostPoliteness(t *testing.T) {
	t.Parallel()
	h := newHost(t, func(w http.ResponseWriter, r *http.Request, n int) {
		time.Sleep(30 * time.Millisecond)
		w.Write([]byte("ok"))
	})
	fake := scholarfake.New()
	defer fake.Close()
	v := newVerifier(t, fake, scholarfake.Client(map[string]string{"site.example.org": h.addr()}), config.Citations{}, nil)
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v.Link(context.Background(), "http://site.example.org/p"+strings.Repeat("x", i))
		}()
	}
	wg.Wait()
	if m := h.maxIn.Load(); m > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", m)
	}
	// Spacing is enforced when a request is sent; arrivals jitter with connection set-up
	// and scheduling, so the host-side check is on the whole span.
	if n := len(h.starts); n != 12 {
		t.Fatalf("%d requests, want 12", n)
	}
	// Eleven gaps of 100 ms: 1.1 s, less up to 150 ms by which a busy machine may delay
	// the first arrival. Without the limit the twelve requests take about 0.2 s.
	if span := h.starts[11].Sub(h.starts[0]); span < 950*time.Millisecond {
		t.Errorf("12 requests arrived within %v, want at least 1.1 s at 10 per second", span)
	}
}

func TestCrossrefPoliteness(t *testing.T) {
	t.Parallel()
	var in, maxIn atomic.Int32
	var mu sync.Mutex
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := in.Add(1)
		defer in.Add(-1)
		for m := maxIn.Load(); n > m && !maxIn.CompareAndSwap(m, n); m = maxIn.Load() {
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(200 * time.Millisecond)
		http.NotFound(w, r)
	}))
	defer srv.Close()
	v := citation.New(citation.Options{Config: config.Citations{CrossrefURL: srv.URL, DOIURL: srv.URL, EUtilsURL: srv.URL}})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); v.Crossref.Work(context.Background(), "10.1000/xyz12"+string(rune('0'+i))) }()
	}
	wg.Wait()
	if maxIn.Load() > 3 {
		t.Errorf("%d Crossref requests in flight, want at most 3", maxIn.Load())
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	if span := starts[len(starts)-1].Sub(starts[0]); span < 600*time.Millisecond {
		t.Errorf("8 requests started within %v; at 10/s they need at least 700 ms", span)
	}
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
