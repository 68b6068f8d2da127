package site

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

var (
	sharedOnce    sync.Once
	sharedBrowser context.Context
	sharedErr     error
)

// Tab opens a new tab in the one headless Chromium a test binary shares, bounded by a
// minute and closed when the test ends. Without Chromium it fails under CI=true and skips
// elsewhere (testenv.Require).
func Tab(t testing.TB) context.Context {
	t.Helper()
	sharedOnce.Do(func() {
		// The browser lives as long as the test binary: its context is never cancelled.
		sharedBrowser, _, sharedErr = Browser(context.Background())
	})
	if sharedErr != nil {
		testenv.Require(t, fmt.Errorf("headless Chromium is needed: %w", sharedErr))
	}
	ctx, cancel := chromedp.NewContext(sharedBrowser)
	t.Cleanup(cancel)
	tctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	return tctx
}
