package observance

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// TestResolvedFileCurrent fails when data/observances_resolved.json, which the site reads,
// does not match the data file for this year and next.
func TestResolvedFileCurrent(t *testing.T) {
	src, err := os.ReadFile("../../" + DataFile)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../" + ResolvedFile)
	if err != nil {
		t.Fatalf("%s is missing; run: go run ./tools/cmd/factdesk observances --write", ResolvedFile)
	}
	y := time.Now().Year()
	want, err := Parse(src).ResolvedJSON(y, y+1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatalf("%s is out of date; run: go run ./tools/cmd/factdesk observances --write", ResolvedFile)
	}
}
