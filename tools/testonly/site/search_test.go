package site

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/testonly/testenv"

	"github.com/chromedp/chromedp"
)

// waitSearch waits until the search page has finished (results or a message).
func waitSearch(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](SearchDone, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the search page did not finish: %v", err)
	}
}

// searchPage runs query on the search page of s (lang "" or "es/") and returns the paths the
// results link to and the status line.
func searchPage(t *testing.T, s *builtSite, lang, query string) ([]string, string) {
	t.Helper()
	ctx := Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+lang+"search/?q="+url.QueryEscape(query))); err != nil {
		t.Fatal(err)
	}
	waitSearch(t, ctx)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results a")].map(a => new URL(a.href).pathname)`))
	if err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	return out, status
}

func TestSearchFindsAFactCheckByAWordOfItsClaim(t *testing.T) {
	s := underTest(t)
	tests := []struct {
		name, lang, query, want string
	}{
		{"a word of the claim", "", "autism", "/factchecks/mmr-vaccine-autism/"},
		{"a Spanish word of the claim", "es/", "autismo", "/es/factchecks/mmr-vaccine-autism/"},
		{"capitals and accents folded", "es/", "AUTÍSMO", "/es/factchecks/mmr-vaccine-autism/"},
		{"a plural finds the singular", "", "vaccines", "/factchecks/mmr-vaccine-autism/"},
		{"a Spanish plural finds the singular", "es/", "vacunas", "/es/factchecks/mmr-vaccine-autism/"},
		{"a topic by its Spanish name", "es/", "sarampión", "/es/factchecks/mmr-vaccine-autism/"},
		{"an unfinished last word", "", "mmr vacc", "/factchecks/mmr-vaccine-autism/"},
		{"every word must match", "", "flu shot", "/factchecks/flu-shot-gives-flu/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, status := searchPage(t, s, tt.lang, tt.query)
			found := false
			for _, p := range out {
				found = found || p == tt.want
			}
			if !found {
				t.Errorf("searching %q found %v (%q); want %s among them", tt.query, out, status, tt.want)
			}
		})
	}
}

func TestSearchNeedsEveryWord(t *testing.T) {
	s := underTest(t)
	out, status := searchPage(t, s, "", "autism measles")
	if len(out) == 0 {
		t.Fatalf("searching %q found nothing (%q)", "autism measles", status)
	}
	for _, p := range out {
		if p != "/factchecks/mmr-vaccine-autism/" {
			t.Errorf("searching %q listed %s, which is not about both (all: %v)", "autism measles", p, out)
		}
	}
}

func TestSearchNoResultsSaysSo(t *testing.T) {
	s := underTest(t)
	out, status := searchPage(t, s, "", "qqqzzz")
	if len(out) != 0 {
		t.Errorf("searching a word no fact-check has listed %v", out)
	}
	if !strings.Contains(status, "No fact-check matches") {
		t.Errorf("searching a word no fact-check has says %q; want the no-match message", status)
	}
}

// A site published without running `factdesk search-index` has no index: its search page
// must say that search could not load, not that no fact-check matches.
func TestSearchWithoutIndexSaysSo(t *testing.T) {
	s := underTest(t)
	dir := filepath.Join(t.TempDir(), "site")
	testenv.Copy(t, s.Dir, dir)
	if err := os.RemoveAll(filepath.Join(dir, "search", "en")); err != nil {
		t.Fatal(err)
	}
	srv, err := Listen()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	srv.Serve(dir)
	out, status := searchPage(t, &builtSite{name: "unindexed", Dir: dir, URL: srv.URL}, "", "autism")
	if len(out) != 0 {
		t.Errorf("a site without its index listed %v", out)
	}
	if !strings.Contains(status, "could not load") {
		t.Errorf("a site without its index says %q; want the message that search could not load", status)
	}
}

// The search index is split so that a query downloads only the parts it needs; on the test
// site that is far below the budget, and above it means the split is broken.
func TestSearchDownloadStaysUnderBudget(t *testing.T) {
	const budget = 100 * 1024
	s := underTest(t)
	_, err := Chromium()
	testenv.Require(t, err)
	srv, err := Listen()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	srv.Serve(s.Dir)
	for _, q := range []struct{ lang, query string }{{"", "autism"}, {"", "flu vaccine"}, {"es/", "vacuna gripe"}} {
		d, err := MeasureSearch(context.Background(), srv, q.lang, q.query)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q: %d results; %d bytes: script %d, rules %d, %d term files %d, %d document files %d", q.query, d.Results, d.Total(), d.Script, d.Rules, d.TermFiles, d.Terms, d.DocFiles, d.Docs)
		if d.Results == 0 {
			t.Errorf("searching %q%s found nothing", q.lang, q.query)
		}
		if d.Script == 0 || d.Rules == 0 || d.TermFiles == 0 || d.DocFiles == 0 {
			t.Errorf("searching %q downloaded script %d B, rules %d B, %d term files, %d document files; want each at least once (files %v)", q.query, d.Script, d.Rules, d.TermFiles, d.DocFiles, d.Files)
		}
		if d.Total() > budget {
			t.Errorf("searching %q downloaded %d bytes; budget %d", q.query, d.Total(), budget)
		}
	}
}

// The index comes from Hugo's own pages: every result address is a built page, the search
// page counts what the index holds, and the documents file it was made from is gone.
func TestSearchIndexMatchesTheBuiltSite(t *testing.T) {
	s := underTest(t)
	for _, lang := range []struct{ code, prefix string }{{"en", ""}, {"es", "es/"}} {
		t.Run(lang.code, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(s.Dir, lang.prefix+"search", "docs.json")); err == nil {
				t.Errorf("%ssearch/docs.json is published; it is for the indexer only", lang.prefix)
			}
			page := s.read(t, lang.prefix+"search/index.html")
			m := regexp.MustCompile(`data-base="([^"]*)" data-size="(\d+)" data-count="(\d+)"`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("the %s search page does not say where its index is", lang.code)
			}
			if m[1] != "/search/"+lang.code+"/" || m[2] != "25" {
				t.Errorf("the %s search page reads its index at %s in files of %s; want /search/%s/ and 25", lang.code, m[1], m[2], lang.code)
			}
			files, _ := filepath.Glob(filepath.Join(s.Dir, "search", lang.code, "d", "*.json"))
			n := 0
			for _, f := range files {
				var docs [][]string
				if err := json.Unmarshal([]byte(s.read(t, "search/"+lang.code+"/d/"+filepath.Base(f))), &docs); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				for _, d := range docs {
					n++
					if len(d) != 5 || d[0] == "" || d[2] == "" || d[3] == "" {
						t.Errorf("%s lists %q; want title, address, verdict slug and label, bottom line", f, d)
						continue
					}
					if _, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(strings.TrimPrefix(d[1], "/")), "index.html")); err != nil {
						t.Errorf("%s links %q to %s, which is not a built page", f, d[0], d[1])
					}
				}
			}
			if strconv.Itoa(n) != m[3] || n == 0 {
				t.Errorf("the %s index holds %d fact-checks; the search page counts %s", lang.code, n, m[3])
			}
		})
	}
}
