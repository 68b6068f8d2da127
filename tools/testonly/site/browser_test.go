package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/testenv"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/net/html"
)

// keyPages are the pages the accessibility and layout checks visit: home, a fact-check, a
// list, the withdrawn fact-check and a Spanish fact-check.
func keyPages(t *testing.T, s *builtSite) map[string]string {
	t.Helper()
	pages := map[string]string{
		"home":        "",
		"fact-check":  "factchecks/mmr-vaccine-autism/",
		"list":        "factchecks/",
		"topic list":  "topics/vaccines/",
		"spanish":     "es/factchecks/mmr-vaccine-autism/",
		"search":      "search/?q=autism",
		"corrections": "corrections/",
	}
	for _, p := range factcheckPages(t, s) {
		doc := parseHTML(t, s.read(t, p))
		if len(Find(doc, func(n *html.Node) bool { return n.Data == "section" && HasClass(n, "withdrawn") })) > 0 {
			pages["withdrawn"] = strings.TrimSuffix(p, "index.html")
			break
		}
	}
	if pages["withdrawn"] == "" {
		t.Fatalf("the %s site has no withdrawn fact-check to test", s.name)
	}
	return pages
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func TestAccessibilityAxe(t *testing.T) {
	s := underTest(t)
	axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	testenv.Require(t, err)
	for name, path := range keyPages(t, s) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := Tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.URL+path)); err != nil {
				t.Fatalf("opening %s: %v", path, err)
			}
			if name == "search" {
				waitSearch(t, ctx)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
				t.Fatalf("loading axe-core into %s: %v", path, err)
			}
			const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]})
				.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " " + n.failureSummary)}))))`
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("running axe-core on %s: %v", path, err)
			}
			var vs []axeViolation
			if err := json.Unmarshal([]byte(out), &vs); err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("/%s: %s (%s): %s\n  %s", path, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
			}
		})
	}
}

func TestKeyboardSkipLinkAndFocus(t *testing.T) {
	s := underTest(t)
	for _, path := range []string{"", "factchecks/mmr-vaccine-autism/"} {
		t.Run("/"+path, func(t *testing.T) {
			t.Parallel()
			ctx := Tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(s.URL+path), chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			// The first Tab reaches the skip link, which must then be on screen with a visible outline.
			const focused = `(() => { const e = document.activeElement, cs = getComputedStyle(e), r = e.getBoundingClientRect();
				return JSON.stringify({cls: e.className, id: e.id, tag: e.tagName, outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2,
				onScreen: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 0}); })()`
			var f struct {
				Cls, ID, Tag      string
				Outline, OnScreen bool
			}
			decode := func() {
				t.Helper()
				out, err := chromedp.Run(ctx, chromedp.Evaluate[string](focused))
				if err != nil {
					t.Fatal(err)
				}
				f = struct {
					Cls, ID, Tag      string
					Outline, OnScreen bool
				}{}
				if err := json.Unmarshal([]byte(out), &f); err != nil {
					t.Fatal(err)
				}
			}
			decode()
			if f.Cls != "skip-link" || !f.Outline || !f.OnScreen {
				t.Fatalf("after Tab, focus is on <%s class=%q> (outline visible %v, on screen %v); want the visible skip link", f.Tag, f.Cls, f.Outline, f.OnScreen)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			decode()
			if f.ID != "main-content" {
				t.Fatalf("after Enter on the skip link, focus is on <%s id=%q>; want <main id=main-content>", f.Tag, f.ID)
			}
			// Every further stop shows a focus indicator.
			for i := 0; i < 6; i++ {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
				decode()
				if !f.Outline {
					t.Errorf("Tab stop %d after main (<%s class=%q>) has no visible focus outline", i+1, f.Tag, f.Cls)
				}
			}
		})
	}
}

func TestNoHorizontalOverflow(t *testing.T) {
	s := underTest(t)
	shots := os.Getenv("FACTDESK_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	for name, path := range keyPages(t, s) {
		for _, width := range []int64{375, 1280} {
			t.Run(fmt.Sprintf("%s@%d", name, width), func(t *testing.T) {
				t.Parallel()
				ctx := Tab(t)
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(s.URL+path)); err != nil {
					t.Fatal(err)
				}
				if name == "search" {
					waitSearch(t, ctx)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
				if err != nil {
					t.Fatalf("screenshot: %v", err)
				}
				file := filepath.Join(shots, fmt.Sprintf("%s-%d.png", strings.ReplaceAll(name, " ", "-"), width))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
				if err != nil {
					t.Fatal(err)
				}
				if out[0] > out[1] {
					wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5).map(e => e.tagName + "." + e.className)`))
					t.Errorf("/%s at %d px: the page is %d px wide, wider than the %d px window (screenshot %s); too wide: %v", path, width, out[0], out[1], file, wide)
				}
			})
		}
	}
}
