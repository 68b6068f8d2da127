// Package site builds factdesk's public Hugo site (search index included) for tests and
// benchmarks, serves the result on 127.0.0.1 and drives headless Chromium against it. Every
// step runs the real tool: the Hugo pinned in go.mod and Debian's chromium. html.go reads
// the built pages for tests and benchmarks.
package site

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/tools/hugo"
	"github.com/factdesk/factdesk/tools/searchindex"
	"github.com/factdesk/factdesk/tools/words"
)

// BuildFlags make Hugo fail on anything CI would reject: warnings, missing translations and
// clashing paths.
var BuildFlags = []string{"--panicOnWarning", "--printI18nWarnings", "--printPathWarnings"}

// Build builds the Hugo project in src into dest with baseURL, then writes the search index
// as `factdesk search-index` does, and returns Hugo's output. The calendar feed, which that
// command also writes, is left to calendar.WriteSiteFeed (the calendar's tests use this
// package).
func Build(ctx context.Context, src, dest, baseURL string, extra ...string) ([]byte, error) {
	args := append([]string{"--source", src, "--destination", dest, "--baseURL", baseURL, "--cleanDestinationDir"}, BuildFlags...)
	args = append(args, extra...)
	out, err := hugo.Build(ctx, src, args...)
	if err != nil {
		return out, fmt.Errorf("building the site in %s: %w", src, err)
	}
	// The index is in the terms of the project's word analyser; a source without
	// data/synonyms.yaml (a generated corpus) gets Snowball's rules alone.
	an, err := words.Load(src)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return out, err
	}
	if _, err := searchindex.Index(dest, an); err != nil {
		return out, fmt.Errorf("indexing the site in %s: %w", dest, err)
	}
	return out, nil
}

// Server serves a built site over HTTP on a free 127.0.0.1 port.
type Server struct {
	// URL is the server's base address, ending in a slash.
	URL       string
	listener  net.Listener
	srv       *http.Server
	mu        sync.Mutex
	transfers []Transfer
}

// Transfer is one response the server sent: the path and the body bytes on the wire
// (compressed when the browser accepted gzip).
type Transfer struct {
	Path  string
	Bytes int64
}

// Transfers returns the responses sent since the last call to Reset, in order.
func (s *Server) Transfers() []Transfer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Transfer(nil), s.transfers...)
}

// Reset forgets the responses sent so far.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.transfers = nil
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

// Listen reserves a port on 127.0.0.1; call Serve once the site is built for that address.
func Listen() (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening on 127.0.0.1: %w", err)
	}
	return &Server{URL: "http://" + l.Addr().String() + "/", listener: l}, nil
}

// Serve starts serving dir in the background, answering unknown paths with the site's 404
// page as a web host would.
func (s *Server) Serve(dir string) {
	files := http.FileServer(http.Dir(dir))
	s.srv = &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var n atomic.Int64
		w := countingWriter{ResponseWriter: rw, n: &n}
		defer func() {
			s.mu.Lock()
			s.transfers = append(s.transfers, Transfer{Path: r.URL.Path, Bytes: n.Load()})
			s.mu.Unlock()
		}()
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
		info, err := os.Stat(p)
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if b, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				_, _ = w.Write(b)
			}
			return
		}
		ext := strings.ToLower(filepath.Ext(p))
		if info.IsDir() {
			ext = ".html" // the folder's index.html
		}
		if compressible[ext] && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && r.Header.Get("Range") == "" {
			gw := &gzipWriter{ResponseWriter: w, gz: gzip.NewWriter(w)}
			files.ServeHTTP(gw, r)
			if gw.compressing {
				_ = gw.gz.Close()
			}
			return
		}
		files.ServeHTTP(w, r)
	})}
	go func() { _ = s.srv.Serve(s.listener) }()
}

// compressible are the kinds of file a web host sends gzip-compressed, the search index's
// JSON files among them.
var compressible = map[string]bool{".html": true, ".css": true, ".js": true, ".json": true, ".xml": true, ".svg": true, ".txt": true}

// gzipWriter compresses a response as a web host does when the browser accepts gzip.
type gzipWriter struct {
	http.ResponseWriter
	gz          *gzip.Writer
	compressing bool
	wrote       bool
}

func (w *gzipWriter) WriteHeader(code int) {
	w.wrote = true
	if code == http.StatusOK {
		w.compressing = true
		w.Header().Del("Content-Length")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if !w.compressing {
		return w.ResponseWriter.Write(b)
	}
	return w.gz.Write(b)
}

// Close stops the server.
func (s *Server) Close() error {
	if s.srv == nil {
		return s.listener.Close()
	}
	return s.srv.Close()
}

// ErrNoChromium reports that no Chromium binary could be found.
var ErrNoChromium = errors.New("chromium not found: install Debian's chromium or set FACTDESK_CHROMIUM")

// Chromium returns the path of the Chromium binary: $FACTDESK_CHROMIUM, /usr/bin/chromium, or
// chromium on the PATH.
func Chromium() (string, error) {
	if p := os.Getenv("FACTDESK_CHROMIUM"); p != "" {
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", ErrNoChromium
}

// Browser starts headless Chromium and returns a context for chromedp actions in its first
// tab, and a function that closes the browser.
func Browser(ctx context.Context) (context.Context, context.CancelFunc, error) {
	bin, err := Chromium()
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	return bctx, func() { cancelBrowser(); cancelAlloc() }, nil
}
