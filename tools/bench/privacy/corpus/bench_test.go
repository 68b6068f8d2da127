package corpus

import (
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/factdesk/factdesk/tools/privacy"
)

// BenchmarkScan measures the guard over the held-out corpus; BenchmarkBaseline measures
// one email regular expression over the same texts, so the two can be compared as a
// ratio within one run.
func BenchmarkScan(b *testing.B) {
	samples := loadBench(b)
	g := privacy.New(GuardOptions())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range samples {
			g.Scan(s.Text)
		}
	}
}

func BenchmarkBaseline(b *testing.B) {
	samples := loadBench(b)
	re := regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range samples {
			re.FindAllStringIndex(s.Text, -1)
		}
	}
}

func loadBench(b *testing.B) []Sample {
	b.Helper()
	s, err := LoadSamples(filepath.Join(corpusDir, "heldout.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkScanShapes measures the guard over a page of 1 MB and of 4 MB of each input
// shape a hostile or careless text can take. Every recognizer is linear in its input:
// the 4 MB page costs about four times the 1 MB one, per shape, and no shape costs much
// more per byte than ordinary prose (tools/bench/privacy -shapes prints both ratios).
func BenchmarkScanShapes(b *testing.B) {
	g := privacy.New(GuardOptions())
	for _, sh := range Shapes {
		for _, size := range []int{1 << 20, 4 << 20} {
			text := sh.Page(size)
			b.Run(fmt.Sprintf("%s/%dMB", sh.Name, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					g.Scan(text)
				}
			})
		}
	}
}
