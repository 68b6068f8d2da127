// Command citations benchmarks `factdesk check --online` over a loopback corpus: fact-checks
// citing thousands of links on many hosts (127.0.0.x addresses), some slow, rate-limited,
// bot-walled or flaky, plus real DOIs and a PubMed ID on the scholarly API fake. It prints
// the cold run's wall time as a ratio to the floor the default politeness limits allow,
// the number of false "dead" verdicts, the warm (cached) re-run as a ratio to the cold
// one, and linkinator's and linkchecker's figures over the same links.
//
//	go run ./tools/bench/citations            # full size: 20,000 citations, 160 hosts
//	go run ./tools/bench/citations -small     # CI size
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/scholarfake"
)

var warmProfile string

type hostKind int

const (
	normal hostKind = iota
	slow
	rateLimited
	botWall
	refuses999
	flaky
)

var kindNames = map[hostKind]string{normal: "normal", slow: "slow", rateLimited: "rate-limited", botWall: "bot-walled", refuses999: "999", flaky: "flaky"}

// host is one fake web host.
type host struct {
	kind    hostKind
	addr    string
	latency time.Duration
	urls    []string
	dead    map[string]bool
	served  atomic.Int64
	limited atomic.Bool
	// last is when the host last answered (Unix nanoseconds).
	last atomic.Int64
	srv  *http.Server
}

var challenge = scholarfake.Fixture("cloudflare-challenge.html")

func (h *host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() { h.last.Store(time.Now().UnixNano()) }()
	n := h.served.Add(1)
	time.Sleep(h.latency)
	if r.URL.Path == "/robots.txt" || r.URL.Path == "/favicon.ico" {
		http.NotFound(w, r)
		return
	}
	switch h.kind {
	case rateLimited:
		if h.limited.CompareAndSwap(false, true) {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
			return
		}
	case botWall:
		w.Header().Set("Cf-Mitigated", "challenge")
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		w.Write(challenge)
		return
	case refuses999:
		w.WriteHeader(999)
		return
	case flaky:
		if n%20 == 0 {
			scholarfake.ApplyFault(w, r, scholarfake.Reset, 0, 0, "", nil)
			return
		}
	}
	if strings.HasPrefix(r.URL.Path, "/dead/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	w.Write([]byte("<!doctype html><html><head><title>Page</title></head><body>ok</body></html>"))
}

// requests is the fewest requests the default policy must send to h, and pause the
// waits it must honour: HEAD for a live page, HEAD then GET for a refusal or a 404, one
// more request and a one-second Retry-After for a rate-limited host, one more request
// per reset connection.
func (h *host) requests() (n int, pause time.Duration) {
	for _, u := range h.urls {
		switch {
		case h.kind == botWall || h.kind == refuses999 || h.dead[u]:
			n += 2
		default:
			n++
		}
	}
	switch h.kind {
	case rateLimited:
		n++
		pause = time.Second
	case flaky:
		n += n / 19
	}
	return n, pause
}

// floor is the least time the policy's limits allow for h's links: requests spaced by
// spacing, at most inFlight open at once each taking the host's latency, plus the waits
// the host imposes.
func (h *host) floor(spacing time.Duration, inFlight int) time.Duration {
	r, pause := h.requests()
	return max(time.Duration(r-1)*spacing, time.Duration(r)*h.latency/time.Duration(inFlight)) + h.latency + pause
}

func main() {
	small := flag.Bool("small", false, "CI size: 100 hosts, about 2,000 citations")
	citations := flag.Int("citations", 20000, "citations in the corpus")
	hosts := flag.Int("hosts", 160, "web hosts")
	floorTarget := flag.Float64("target-seconds", 10, "per-host floor the corpus is sized for")
	external := flag.Bool("external", true, "also run linkinator and linkchecker")
	enforce := flag.Bool("enforce", false, "exit 1 when a target is missed")
	flag.StringVar(&warmProfile, "warm-cpuprofile", "", "write a CPU profile of the warm runs to this file")
	flag.Parse()
	if *small {
		*citations, *hosts, *floorTarget = 2000, 100, 1.6
	}
	if err := run(*citations, *hosts, *floorTarget, *external, *enforce); err != nil {
		fmt.Fprintln(os.Stderr, "citations benchmark:", err)
		os.Exit(1)
	}
}

func run(nCitations, nHosts int, target float64, external, enforce bool) error {
	rng := rand.New(rand.NewPCG(4, 2027))
	defaults := config.Citations{}.WithDefaults()
	spacing := time.Duration(float64(time.Second) / defaults.Web.PerSecond)

	// Hosts and their links, sized so each host's floor is about target seconds.
	var all []*host
	var links []string
	dead := map[string]bool{}
	truth := map[string]hostKind{}
	for i := range nHosts {
		h := &host{kind: normal, latency: 20 * time.Millisecond, dead: map[string]bool{}}
		switch p := i % 100; {
		case p < 10:
			h.kind, h.latency = slow, 250*time.Millisecond
		case p < 15:
			h.kind = rateLimited
		case p < 20:
			h.kind = botWall
		case p < 23:
			h.kind = refuses999
		case p < 30:
			h.kind = flaky
		}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", 2+i%250))
		if err != nil {
			return fmt.Errorf("listening on a loopback address: %w", err)
		}
		h.addr = ln.Addr().String()
		h.srv = &http.Server{Handler: h}
		go h.srv.Serve(ln)
		defer h.srv.Close()
		// As many links as fit in the host's share of the floor.
		budget := time.Duration(target * float64(time.Second))
		for j := 0; ; j++ {
			u := fmt.Sprintf("http://%s/p/%d", h.addr, j)
			if h.kind == normal && j%40 == 7 {
				u = fmt.Sprintf("http://%s/dead/%d", h.addr, j)
				h.dead[u] = true
			}
			h.urls = append(h.urls, u)
			if h.floor(spacing, defaults.Web.InFlight) > budget {
				h.urls = h.urls[:len(h.urls)-1]
				delete(h.dead, u)
				break
			}
		}
		for _, u := range h.urls {
			truth[u] = h.kind
			links = append(links, u)
			if h.dead[u] {
				dead[u] = true
			}
		}
		all = append(all, h)
	}
	var floor time.Duration
	for _, h := range all {
		floor = max(floor, h.floor(spacing, defaults.Web.InFlight))
	}

	// The corpus: every link cited once, the rest cited again elsewhere, plus real DOIs
	// and a PubMed ID cited in every file.
	cites := append([]string(nil), links...)
	for len(cites) < nCitations {
		cites = append(cites, links[rng.IntN(len(links))])
	}
	rng.Shuffle(len(cites), func(i, j int) { cites[i], cites[j] = cites[j], cites[i] })
	root, err := os.MkdirTemp("", "factdesk-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	fake := scholarfake.New()
	defer fake.Close()
	if err := writeCorpus(root, cites); err != nil {
		return err
	}

	coldStart := time.Now()
	cold, v, findings, err := checkOnce(root, fake)
	if err != nil {
		return err
	}
	// Which host finished last, against its own floor: where any slack was lost.
	var worst *host
	var worstAt time.Duration
	for _, h := range all {
		if at := time.Unix(0, h.last.Load()).Sub(coldStart); at > worstAt {
			worst, worstAt = h, at
		}
	}
	falseDead, foundDead := 0, 0
	for _, u := range links {
		l := v.Link(context.Background(), u)
		if l.Status == citation.Dead {
			if dead[u] {
				foundDead++
			} else {
				falseDead++
			}
		}
	}
	// The warm run is the median of three, each over the cache the cold run left.
	var warms []time.Duration
	var v2 *citation.Verifier
	if warmProfile != "" {
		pf, err := os.Create(warmProfile)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for range 3 {
		d, v, _, err := checkOnce(root, fake)
		if err != nil {
			return err
		}
		warms = append(warms, d)
		v2 = v
	}
	sort.Slice(warms, func(i, j int) bool { return warms[i] < warms[j] })
	warm := warms[1]
	kinds := map[hostKind]int{}
	for _, h := range all {
		kinds[h.kind]++
	}
	var mix []string
	for k := normal; k <= flaky; k++ {
		mix = append(mix, fmt.Sprintf("%d %s", kinds[k], kindNames[k]))
	}
	ratio := cold.Seconds() / floor.Seconds()
	warmRatio := warm.Seconds() / cold.Seconds()
	fmt.Printf("corpus: %d citations, %d distinct links on %d hosts (%s), plus a DOI and a PubMed ID in every file; %d links are really dead\n",
		len(cites)+2*files(len(cites)), len(links), len(all), strings.Join(mix, ", "), len(dead))
	fmt.Printf("floor under the default limits (10 req/s, 2 in flight per host): %.2f s\n", floor.Seconds())
	fmt.Printf("factdesk cold:  %6.2f s = %.2fx the floor (target <= 1.2x)   false dead: %d (target 0)   dead found: %d of %d   findings: %d\n",
		cold.Seconds(), ratio, falseDead, foundDead, len(dead), findings)
	if worst != nil {
		fmt.Printf("               last host to finish: %s, %d links, answered its last request %.2f s in; its own floor %.2f s\n",
			kindNames[worst.kind], len(worst.urls), worstAt.Seconds(), worst.floor(spacing, defaults.Web.InFlight).Seconds())
	}
	fmt.Printf("factdesk warm:  %6.2f s = %.3fx the cold run (target <= 0.05x), %d network lookups\n", warm.Seconds(), warmRatio, v2.Lookups())

	if external {
		// The same links in the shuffled order a corpus cites them in.
		shuffled := append([]string(nil), links...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		index := indexPage(shuffled)
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write(index)
		})}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		go srv.Serve(ln)
		defer srv.Close()
		page := "http://" + ln.Addr().String() + "/index.html"
		for _, tool := range []struct {
			name string
			run  func(ctx context.Context, page string) (map[string]bool, string, error)
		}{{"linkinator", runLinkinator}, {"linkchecker", runLinkchecker}} {
			// Each checker meets the hosts as factdesk's cold run did: rate limits re-armed.
			for _, h := range all {
				h.limited.Store(false)
				h.served.Store(0)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
			start := time.Now()
			broken, version, err := tool.run(ctx, page)
			cancel()
			d := time.Since(start)
			if err != nil {
				if os.Getenv("CI") == "true" {
					return fmt.Errorf("%s: %w", tool.name, err)
				}
				fmt.Printf("%-14s not run: %v\n", tool.name+":", err)
				continue
			}
			fd, fo := 0, 0
			for u := range broken {
				if _, ours := truth[u]; !ours {
					continue
				}
				if dead[u] {
					fo++
				} else {
					fd++
				}
			}
			fmt.Printf("%-14s %6.2f s = %.2fx the floor   false dead: %d   dead found: %d of %d   (%s)\n", tool.name+":", d.Seconds(), d.Seconds()/floor.Seconds(), fd, fo, len(dead), version)
		}
	}
	if enforce {
		var missed []string
		if ratio > 1.2 {
			missed = append(missed, fmt.Sprintf("cold run %.2fx the floor", ratio))
		}
		if falseDead > 0 {
			missed = append(missed, fmt.Sprintf("%d false dead", falseDead))
		}
		if warmRatio > 0.05 {
			missed = append(missed, fmt.Sprintf("warm run %.3fx the cold run", warmRatio))
		}
		if len(missed) > 0 {
			return errors.New("targets missed: " + strings.Join(missed, "; "))
		}
	}
	return nil
}

const perFile = 40

func files(n int) int { return (n + perFile - 1) / perFile }

func writeCorpus(root string, cites []string) error {
	if err := os.MkdirAll(filepath.Join(root, "factchecks"), 0o755); err != nil {
		return err
	}
	cfg := "organisation:\n  name: Bench Clinic\n  site: https://factdesk.example.org/\n  contact: bench@example.org\ntimezone: UTC\neditors: [editor]\naccounts:\n  outbox:\n    platform: outbox\n"
	if err := os.WriteFile(filepath.Join(root, "factdesk.yaml"), []byte(cfg), 0o644); err != nil {
		return err
	}
	for f := 0; f*perFile < len(cites); f++ {
		var b strings.Builder
		b.WriteString("---\ntitle: Bench\nclaim: A claim.\nclaim_short: A claim\nverdict: \"false\"\nbottom_line: It is false.\n")
		b.WriteString("appearances:\n  - url: https://social.example.org/1\ntopics: [bench]\nauthor: writer\nreviewers: [reviewer]\n")
		b.WriteString("published: 2026-01-01\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\ncitations:\n")
		b.WriteString("  - {key: taylor2014, kind: doi, id: 10.1016/j.vaccine.2014.04.085, title: \"Vaccines are not associated with autism: an evidence-based meta-analysis of case-control and cohort studies\", publisher: Vaccine, year: 2014, study_type: systematic-review}\n")
		b.WriteString("  - {key: wakefield, kind: pmid, id: \"9500320\", title: \"Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children\", publisher: Lancet, year: 1998, study_type: case-report, role: subject}\n")
		for i, u := range cites[f*perFile : min(len(cites), (f+1)*perFile)] {
			fmt.Fprintf(&b, "  - {key: c%d, kind: web, id: %q, title: Page, publisher: Example, year: 2025, study_type: other}\n", i, u)
		}
		b.WriteString("---\nBody.\n")
		if err := os.WriteFile(filepath.Join(root, "factchecks", fmt.Sprintf("bench-%04d.md", f)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// checkOnce runs the online rule as `factdesk check --online` does and times it.
func checkOnce(root string, fake *scholarfake.Server) (time.Duration, *citation.Verifier, int, error) {
	cfg, err := config.Load(root)
	if err != nil {
		return 0, nil, 0, err
	}
	cfg.Citations.CrossrefURL, cfg.Citations.DOIURL, cfg.Citations.EUtilsURL = fake.CrossrefURL(), fake.DOIURL(), fake.EUtilsURL()
	repo, err := content.LoadRepo(root)
	if err != nil {
		return 0, nil, 0, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 4
	run := check.NewRun(repo, cfg, check.Options{Online: true, Rules: []string{"online-citations"},
		Getenv: func(string) string { return "" }, HTTPClient: &http.Client{Transport: tr}})
	start := time.Now()
	fs := run.Execute(context.Background())
	d := time.Since(start)
	return d, run.Citations(), len(fs), nil
}

func indexPage(links []string) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html><html><head><title>Links</title></head><body><ul>\n")
	for _, u := range links {
		fmt.Fprintf(&b, "<li><a href=%q>link</a></li>\n", u)
	}
	b.WriteString("</ul></body></html>\n")
	return b.Bytes()
}

func tool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	local := filepath.Join("node_modules", ".bin", name)
	if _, err := os.Stat(local); err == nil {
		return local, nil
	}
	return "", fmt.Errorf("%s is not installed (scripts/test.sh installs it)", name)
}

// runLinkinator checks page's links with linkinator and returns those it calls broken.
func runLinkinator(ctx context.Context, page string) (map[string]bool, string, error) {
	bin, err := tool("linkinator")
	if err != nil {
		return nil, "", err
	}
	ver, _ := exec.CommandContext(ctx, bin, "--version").Output()
	cmd := exec.CommandContext(ctx, bin, page, "--format", "json", "--timeout", "20000")
	// Node writes to a file synchronously but to a pipe asynchronously, and linkinator
	// exits before a large report has gone through a pipe: give it a file.
	f, err := os.CreateTemp("", "linkinator-*.json")
	if err != nil {
		return nil, "", err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &errb
	err = cmd.Run()
	out, rerr := os.ReadFile(f.Name())
	if rerr != nil {
		return nil, "", rerr
	}
	var res struct {
		Links []struct {
			URL   string `json:"url"`
			State string `json:"state"`
		} `json:"links"`
	}
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		return nil, "", fmt.Errorf("reading linkinator's report (%v): %v %s", err, jerr, lastLine(errb.String()))
	}
	broken := map[string]bool{}
	for _, l := range res.Links {
		if l.State == "BROKEN" {
			broken[l.URL] = true
		}
	}
	return broken, "linkinator " + strings.TrimSpace(string(ver)), nil
}

// runLinkchecker checks page's links with linkchecker and returns those it calls invalid.
func runLinkchecker(ctx context.Context, page string) (map[string]bool, string, error) {
	bin, err := tool("linkchecker")
	if err != nil {
		return nil, "", err
	}
	ver, _ := exec.CommandContext(ctx, bin, "--version").Output()
	cmd := exec.CommandContext(ctx, bin, "--check-extern", "-r", "1", "--no-status", "-o", "csv", page)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	var lines []string
	for _, l := range strings.Split(out.String(), "\n") {
		if !strings.HasPrefix(l, "#") && strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	r := csv.NewReader(strings.NewReader(strings.Join(lines, "\n")))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, cerr := r.ReadAll()
	if cerr != nil || len(rows) == 0 {
		return nil, "", fmt.Errorf("reading linkchecker's report (%v): %v %s", err, cerr, lastLine(errb.String()))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	ui, ok1 := col["urlname"]
	vi, ok2 := col["valid"]
	if !ok1 || !ok2 {
		return nil, "", fmt.Errorf("linkchecker's CSV has no urlname/valid columns: %v", rows[0])
	}
	broken := map[string]bool{}
	for _, row := range rows[1:] {
		if len(row) > max(ui, vi) && strings.EqualFold(row[vi], "false") {
			broken[row[ui]] = true
		}
	}
	v := strings.SplitN(string(ver), "\n", 2)[0]
	return broken, strings.TrimSpace(v), nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
