package site

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestCopyReplyButton: on a fact-check with ready replies, the script reveals the copy
// buttons, and pressing one puts the reply, ending with the page's address, on the clipboard.
func TestCopyReplyButton(t *testing.T) {
	s := underTest(t)
	ctx := Tab(t)
	origin := strings.TrimSuffix(s.URL, "/")
	for _, name := range []string{"clipboard-write", "clipboard-read"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted,
			Origin:     origin,
		}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	page := s.URL + "factchecks/mmr-vaccine-autism/"
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(`button[data-copy]`), chromedp.Click(`button[data-copy]`)); err != nil {
		t.Fatalf("pressing the first copy button on %s: %v", page, err)
	}
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const s = document.querySelector(".copy-status"); return s && s.textContent; })()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("no status after copying: %v", err)
	}
	clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the clipboard (status %q): %v", status, err)
	}
	want, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById(document.querySelector("button[data-copy]").dataset.copy).textContent.trim()`))
	if err != nil {
		t.Fatal(err)
	}
	if clip != want || !strings.HasSuffix(clip, page) {
		t.Errorf("clipboard holds %q (status %q); want the reply %q ending with %s", clip, status, want, page)
	}
}
