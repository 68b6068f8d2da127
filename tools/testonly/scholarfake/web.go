package scholarfake

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"html"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// SamplePage is a web page the sample content cites. The fake serves a stand-in for it
// under its real address, carrying its real title, not its text.
type SamplePage struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	// Found says where the page and its title were confirmed.
	Found string `json:"found"`
}

// SamplePages returns the pages in testdata/sample-pages.json.
func SamplePages() []SamplePage {
	var pages []SamplePage
	if err := json.Unmarshal(Fixture("sample-pages.json"), &pages); err != nil {
		panic("scholarfake: sample-pages.json: " + err.Error())
	}
	return pages
}

// HTML is the stand-in page served for p.
func (p SamplePage) HTML() []byte {
	t := html.EscapeString(p.Title)
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + t + `</title></head>
<body><nav>Home</nav><main><h1>` + t + `</h1>
<p>A stand-in for the page ` + html.EscapeString(p.Publisher) + ` publishes at this address: the test web serves its title, not its text.</p>
</main></body></html>`)
}

// Web is a fake of the web sites that cited pages live on: one HTTPS server on 127.0.0.1
// answering for every host name of its pages, with a certificate made for those names.
// Any other path answers 404 Not Found.
type Web struct {
	*httptest.Server

	pages map[string][]byte
	hosts []string
	roots *x509.CertPool

	mu       sync.Mutex
	requests []string
}

// NewWeb starts a fake web serving pages, keyed by their https:// addresses.
func NewWeb(pages map[string][]byte) *Web {
	w := &Web{pages: map[string][]byte{}}
	seen := map[string]bool{}
	for raw, body := range pages {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			panic("scholarfake: not an https address: " + raw)
		}
		w.pages[u.Host+u.RequestURI()] = body
		if !seen[u.Hostname()] {
			seen[u.Hostname()] = true
			w.hosts = append(w.hosts, u.Hostname())
		}
	}
	sort.Strings(w.hosts)
	cert, roots := selfSigned(w.hosts)
	w.roots = roots
	w.Server = httptest.NewUnstartedServer(http.HandlerFunc(w.serve))
	w.Server.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	w.Server.StartTLS()
	return w
}

// NewSampleWeb starts a fake web serving every page of SamplePages.
func NewSampleWeb() *Web {
	pages := map[string][]byte{}
	for _, p := range SamplePages() {
		pages[p.URL] = p.HTML()
	}
	return NewWeb(pages)
}

// Hosts maps each host name the fake answers for to its address, for Client.
func (w *Web) Hosts() map[string]string {
	addr := strings.TrimPrefix(w.URL, "https://")
	m := map[string]string{}
	for _, h := range w.hosts {
		m[h] = addr
	}
	return m
}

// Client returns an HTTP client that reaches the fake's hosts (and those in more, as
// Client does) and trusts the fake's certificate; any other name fails as "no such host",
// so that a test never reaches the real web.
func (w *Web) Client(more map[string]string) *http.Client {
	hosts := w.Hosts()
	for h, a := range more {
		hosts[h] = a
	}
	c := client(hosts, true)
	c.Transport.(*http.Transport).TLSClientConfig = &tls.Config{RootCAs: w.roots}
	return c
}

// Requests returns every request's method, host and path so far, in order.
func (w *Web) Requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.requests...)
}

func (w *Web) serve(rw http.ResponseWriter, r *http.Request) {
	key := r.Host + r.URL.RequestURI()
	w.mu.Lock()
	w.requests = append(w.requests, r.Method+" "+key)
	page, ok := w.pages[key]
	w.mu.Unlock()
	if !ok {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.Method != http.MethodHead {
		_, _ = rw.Write(page)
	}
}

// selfSigned makes a certificate for hosts, valid for a day, and a pool trusting it.
func selfSigned(hosts []string) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"factdesk test web"}},
		DNSNames:              hosts,
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	parsed, err := x509.ParseCertificate(der)
	if err != nil {
		panic(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(parsed)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: parsed}, pool
}
