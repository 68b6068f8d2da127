package outfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.ics")
	for _, want := range []string{"first", "second"} {
		if err := WriteFile(p, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}

func TestCreateNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "post.md")
	if err := CreateNew(p, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CreateNew(p, []byte("theirs"), 0o644); !errors.Is(err, ErrExist) {
		t.Fatalf("second CreateNew: %v, want ErrExist", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "mine" {
		t.Fatalf("file replaced: %q", got)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}
