package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseLedger reads arbitrary bytes as the ledger of published posts. Nothing may
// panic, and every problem points inside the file, at a line and column LinePos can
// name.
func FuzzParseLedger(f *testing.F) {
	for _, p := range []string{"../../data/ledger.json"} {
		if b, err := os.ReadFile(filepath.FromSlash(p)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"version": 1, "entries": {}}`))
	f.Add([]byte(`{"entries": {"a": {"channel": "x"}}, "entries": {}}`))
	f.Add([]byte("{\n  \"entries\": [1, 2,"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, probs := ParseLedger(src)
		for _, p := range probs {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("problem %q at offset %d, outside the %d bytes", p.Msg, p.Offset, len(src))
			}
			pos := LinePos(src, p.Offset)
			if pos.Line < 1 || pos.Col < 1 {
				t.Fatalf("problem %q at %+v", p.Msg, pos)
			}
		}
	})
}
