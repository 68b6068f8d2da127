package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoadRepo loads a repository of 500 copies of the sample fact-check.
func BenchmarkLoadRepo(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "valid-factcheck.md"))
	if err != nil {
		b.Fatal(err)
	}
	root := b.TempDir()
	if err := os.MkdirAll(filepath.Join(root, FactChecksDir), 0o755); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 500; i++ {
		if err := os.WriteFile(filepath.Join(root, FactChecksDir, fmt.Sprintf("claim-%04d.md", i)), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := LoadRepo(root); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseFactCheck parses the sample fact-check once per iteration.
func BenchmarkParseFactCheck(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "valid-factcheck.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ParseFactCheck("factchecks/x.md", src)
	}
}
