package privacy_test

import (
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/bench/privacy/corpus"
	"github.com/factdesk/factdesk/tools/privacy"
)

// FuzzScan runs the guard over arbitrary text. It must finish quickly (it is linear in
// its input: well under a second for the few kilobytes a fuzzer tries) and report only
// findings that lie inside the text, in order, each with a known type and a score.
func FuzzScan(f *testing.F) {
	samples, err := corpus.LoadSamples("testdata/corpus/dev.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range samples {
		if i%10 == 0 {
			f.Add(s.Text)
		}
	}
	for _, sh := range corpus.Shapes {
		f.Add(sh.Page(2048))
	}
	g := privacy.New(corpus.GuardOptions())
	known := map[privacy.Type]bool{}
	for _, t := range privacy.Types {
		known[t] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		t0 := time.Now()
		fs := g.Scan(text)
		if d := time.Since(t0); d > 2*time.Second && len(text) < 1<<16 {
			// A busy machine can stall one scan; a slow input is slow again.
			t1 := time.Now()
			g.Scan(text)
			if d2 := time.Since(t1); d2 > 2*time.Second {
				t.Fatalf("scan of %d bytes took %v, then %v", len(text), d, d2)
			}
		}
		last := 0
		for _, x := range fs {
			if x.Start < 0 || x.End > len(text) || x.Start >= x.End {
				t.Fatalf("finding %+v outside the text of %d bytes", x, len(text))
			}
			if x.Start < last {
				t.Fatalf("findings out of order: %+v", fs)
			}
			last = x.Start
			if !known[x.Type] || x.Score <= 0 || x.Score > 1 {
				t.Fatalf("finding %+v has an unknown type or a score outside (0, 1]", x)
			}
		}
		privacy.Redact(text, fs) // must not panic
	})
}
