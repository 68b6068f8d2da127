package privacy

import (
	"path/filepath"
	"regexp"
	"testing"
)

// BenchmarkScan measures the guard over the held-out corpus; BenchmarkBaseline measures
// one email regular expression over the same texts, so the two can be compared as a
// ratio within one run.
func BenchmarkScan(b *testing.B) {
	samples := loadBench(b)
	g := New(EvalOptions())
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
	s, err := LoadSamples(filepath.Join("testdata", "corpus", "heldout.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	return s
}
