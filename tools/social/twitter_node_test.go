package social

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// corpus returns the tricky strings of testdata/corpus.txt, and longer ones built from
// them.
func corpus(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	out := append([]string{}, lines...)
	out = append(out, strings.Join(lines, "\n"), strings.Repeat(lines[2]+" ", 40), strings.Join(lines[10:20], " "))
	return out
}

// TestAgainstTwitterText compares XWeighted with npm twitter-text's parseTweet, and
// Graphemes with Node's Intl.Segmenter, over the corpus.
func TestAgainstTwitterText(t *testing.T) {
	node, err := exec.LookPath("node")
	root, _ := filepath.Abs("../..")
	if _, serr := os.Stat(filepath.Join(root, "node_modules", "twitter-text")); err != nil || serr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node and node_modules/twitter-text are needed (run npm ci): %v %v", err, serr)
		}
		t.Skip("node or node_modules/twitter-text missing; run npm ci")
	}
	texts := corpus(t)
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, "testdata/count.js", root)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got []struct {
		X         int      `json:"x"`
		URLs      []string `json:"urls"`
		Graphemes int      `json:"graphemes"`
	}
	if err := json.Unmarshal(outb, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(texts) {
		t.Fatalf("node counted %d strings, want %d", len(got), len(texts))
	}
	for i, s := range texts {
		if w := XWeighted(s); w != got[i].X {
			t.Errorf("XWeighted(%q) = %d, twitter-text says %d", s, w, got[i].X)
		}
		if u := URLs(s); strings.Join(u, " ") != strings.Join(got[i].URLs, " ") {
			t.Errorf("URLs(%q) = %q, twitter-text says %q", s, u, got[i].URLs)
		}
		if g := Graphemes(s); g != got[i].Graphemes {
			t.Errorf("Graphemes(%q) = %d, Intl.Segmenter says %d", s, g, got[i].Graphemes)
		}
	}
}
