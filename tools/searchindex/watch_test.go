package searchindex

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runReport is one call of Watch's report function.
type runReport struct {
	langs []Language
	err   error
}

func TestWatchReindexesWhenHugoWritesAgain(t *testing.T) {
	site := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	reports := make(chan runReport, 10)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, site, testAnalyser(t), 5*time.Millisecond, func(l []Language, err error) { reports <- runReport{l, err} })
	}()
	next := func() runReport {
		t.Helper()
		select {
		case r := <-reports:
			return r
		case <-time.After(10 * time.Second):
			t.Fatal("the watch did not index within 10 s")
		}
		return runReport{}
	}
	docs := filepath.Join(site, "search", DocsFile)
	write := func(body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(docs), 0o755); err != nil {
			t.Fatal(err)
		}
		// Written whole, so that the watch never sees half a file under a loaded machine.
		tmp := filepath.Join(site, "docs.tmp")
		if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, docs); err != nil {
			t.Fatal(err)
		}
	}
	term := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(site, "search", "en", "t", name))
		return string(b)
	}

	write(englishDocs)
	if r := next(); r.err != nil || len(r.langs) != 1 || r.langs[0].Docs != 3 {
		t.Fatalf("first run: %+v, %v; want 3 fact-checks indexed", r.langs, r.err)
	}
	if !strings.Contains(term("au.json"), `"autism"`) {
		t.Errorf("t/au.json = %q after the first run; want autism in it", term("au.json"))
	}

	write(strings.Replace(englishDocs, "autism?", "autism or asthma?", 1))
	if r := next(); r.err != nil {
		t.Fatalf("second run: %v", r.err)
	}
	if !strings.Contains(term("as.json"), `"asthma"`) {
		t.Errorf("t/as.json = %q after the documents changed; want asthma in it", term("as.json"))
	}

	write(`{"lang":"en",`)
	r := next()
	if r.err == nil || !strings.Contains(r.err.Error(), "not valid JSON") {
		t.Fatalf("a broken documents file gave %v; want an error saying it is not valid JSON", r.err)
	}
	select {
	case r := <-reports:
		t.Fatalf("the same broken file was reported again: %v", r.err)
	case <-time.After(50 * time.Millisecond):
	}
	if _, err := os.Stat(filepath.Join(site, "search", "en", "t", "as.json")); err != nil {
		t.Errorf("a broken documents file cost the previous index: %v", err)
	}

	write(englishDocs)
	if r := next(); r.err != nil {
		t.Fatalf("after the fix: %v", r.err)
	}
	if term("as.json") != "" {
		t.Errorf("t/as.json survived the documents that no longer have asthma: %q", term("as.json"))
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch returned %v when stopped; want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not stop when its context ended")
	}
}
