package calendar

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/tools/testonly/site"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// TestKitCopyButton presses a kit's copy button in Chromium and reads the clipboard: it
// must hold exactly the post's text, and the page must say it was copied.
func TestKitCopyButton(t *testing.T) {
	builtSite(t)
	ctx := site.Tab(t)
	grant := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
				Setting:    browser.PermissionSettingGranted,
				Origin:     strings.TrimSuffix(siteServer.URL, "/"),
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(ctx, grant, chromedp.EmulateViewport(375, 800), chromedp.Navigate(siteServer.URL+"observances/world-aids-day/")); err != nil {
		t.Fatal(err)
	}
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll(".kit-copy button[data-copy]")].filter(b => b.hidden).length`))
	if err != nil || hidden != 0 {
		t.Fatalf("%d kit copy buttons stayed hidden (copy.js not loaded?): %v", hidden, err)
	}
	want, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("kit-0-0").textContent.trim()`))
	if err != nil || want == "" {
		t.Fatalf("no kit text: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[data-copy="kit-0-0"]`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".copy-status").textContent !== ""`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no copy status after the click: %v", err)
	}
	status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".copy-status").textContent`))
	if status != "Copied to the clipboard." {
		t.Fatalf("status after copying = %q", status)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("clipboard = %q, want the kit text %q", got, want)
	}
}

// TestCalendarPagesAccessible runs axe-core (WCAG 2.2 AA rules) on the observance, kits and
// calendar pages at phone width.
func TestCalendarPagesAccessible(t *testing.T) {
	builtSite(t)
	root, _ := filepath.Abs("../..")
	axe, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		testenv.Require(t, fmt.Errorf("axe-core is needed (run npm ci): %w", err))
	}
	for _, path := range []string{"observances/", "observances/world-aids-day/", "observances/national-infant-immunization-week/", "kits/", "calendar/"} {
		t.Run(path, func(t *testing.T) {
			ctx := site.Tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(siteServer.URL+path)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
				t.Fatal(err)
			}
			const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]})
				.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			var vs []struct {
				ID, Help string
				Nodes    []string
			}
			if err := json.Unmarshal([]byte(out), &vs); err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("/%s: %s: %s (%s)", path, v.ID, v.Help, strings.Join(v.Nodes, "; "))
			}
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
			if wide {
				t.Errorf("/%s scrolls sideways on a 375px phone", path)
			}
		})
	}
}
