package searchindex

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchDocs returns a documents file of n fact-checks with varied words.
func benchDocs(n int) []byte {
	words := []string{"vaccine", "autism", "measles", "influenza", "antibiotics", "cold", "virus", "heart", "cancer", "diabetes", "vitamin", "zinc", "fluoride", "water", "mask", "covid", "fever", "children", "pregnancy", "sugar", "vacunación", "niños", "corazón", "gripe"}
	docs := make([][]any, n)
	for i := range docs {
		w := func(k int) string { return words[(i*7+k*13+i/5)%len(words)] }
		docs[i] = []any{
			fmt.Sprintf("Does %s cause %s? (case %d)", w(1), w(2), i),
			fmt.Sprintf("/factchecks/generated-%05d/", i),
			"false", "False",
			fmt.Sprintf("Studies of %s show no link with %s in %d people.", w(3), w(4), i*31),
			fmt.Sprintf("My friend says %s gives you %s and %s, so skip the %s.", w(5), w(6), w(7), w(8)),
			[]string{fmt.Sprintf("%s causes %s", w(9), w(10)), fmt.Sprintf("never take %s", w(11)), "they don't want you to know"},
			[]string{w(12), w(12), w(13), w(13)},
		}
	}
	b, _ := json.Marshal(map[string]any{"lang": "en", "dir": "search/en/", "size": 25, "docs": docs})
	return b
}

// BenchmarkIndex10000 indexes 10,000 fact-checks: reading the documents file, building the
// postings and writing every file.
func BenchmarkIndex10000(b *testing.B) {
	docs := benchDocs(10000)
	site := b.TempDir()
	file := filepath.Join(site, "search", DocsFile)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		b.Fatal(err)
	}
	an := testAnalyser(b)
	b.SetBytes(int64(len(docs)))
	for b.Loop() {
		if err := os.WriteFile(file, docs, 0o644); err != nil {
			b.Fatal(err)
		}
		if _, err := Index(site, an); err != nil {
			b.Fatal(err)
		}
	}
}
