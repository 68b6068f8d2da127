package social

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/testenv"
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
	// Every symbol and pictograph code point, bare, with a skin tone, and with text and
	// emoji presentation selectors, in chunks.
	var chunk []string
	flush := func() {
		if len(chunk) > 0 {
			out = append(out, strings.Join(chunk, " "))
			chunk = nil
		}
	}
	for _, r := range [][2]rune{{0x00a0, 0x00ff}, {0x2000, 0x2bff}, {0x3000, 0x303f}, {0x1f000, 0x1faff}} {
		for c := r[0]; c <= r[1]; c++ {
			chunk = append(chunk, string(c), string(c)+"\U0001F3FD", string(c)+"\uFE0F", string(c)+"\uFE0E")
			if len(chunk) >= 400 {
				flush()
			}
		}
		flush()
	}
	// Links written every way people write them.
	out = append(out, strings.Join([]string{
		"example.com", "example.c", "Example.COM/Path", "http://example.com/path_(x)", "www.example.com.", "https://example.com/?q=a,b.",
		"xn--bcher-kva.example", "https://xn--bcher-kva.com/x", "例え.jp", "https://例え.jp/", "https://example.com:8080/x", "t.co/abc",
		"https://t.co/abcdefghijklmnopqrstuvwxyz0123456789abcdefghij", "@user@example.com", "user@example.com", "foo.bar.baz.co.uk/a/b?c=d#e",
		"(see who.int)", "«cdc.gov»", "cdc.gov/…", "file.txt", "a.b", "1.2.3.4", "http://1.2.3.4/", "https://ex-ample.org/a--b", "-example.org", "_example.org",
		"https://example.org/café?x=ü", "https://example.org/путь", "https://example.org/#/frag", "https://example.org/a.b.", "HTTPS://EXAMPLE.ORG",
	}, " "))
	return out
}

// TestAgainstTwitterText compares XWeighted with npm twitter-text's parseTweet, and
// Graphemes with Node's Intl.Segmenter, over the corpus.
func TestAgainstTwitterText(t *testing.T) {
	node, err := exec.LookPath("node")
	root, _ := filepath.Abs("../..")
	_, serr := os.Stat(filepath.Join(root, "node_modules", "twitter-text"))
	if err := errors.Join(err, serr); err != nil {
		testenv.Require(t, fmt.Errorf("node and node_modules/twitter-text are needed (run npm ci): %w", err))
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
