package content

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseDoc feeds arbitrary bytes to the loader as a fact-check and as a campaign
// post. The loader must never panic, and every problem it reports must point inside the
// file.
func FuzzParseDoc(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, s := range seeds {
		src, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("---\ntitle: x\n---\nbody [](cite:a)\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := LineCount(src)
		fc := ParseFactCheck("factchecks/fuzz.md", src)
		post := ParsePost("campaigns/2027/fuzz.md", src)
		for _, d := range []*Doc{fc.Doc, post.Doc} {
			for _, p := range d.Problems {
				if p.Line < 1 || p.Line > lines || p.Col < 1 {
					t.Errorf("problem %q at %d:%d is outside the file (%d lines)", p.Message, p.Line, p.Col, lines)
				}
				if p.Rule == "" || p.Message == "" {
					t.Errorf("problem without rule or message: %+v", p)
				}
			}
			for _, r := range append(append([]Ref(nil), d.Refs...), d.Links...) {
				if r.Line < d.BodyLine || r.Line > lines || r.Col < 1 {
					t.Errorf("link %q at %d:%d is outside the body (lines %d-%d)", r.Target, r.Line, r.Col, d.BodyLine, lines)
				}
			}
		}
		if fc.OK {
			_ = fc.At("citations", 0, "id")
			_ = fc.KeyAt("appearances", 0, "url")
		}
		if post.OK {
			_, _ = post.Time()
		}
	})
}
