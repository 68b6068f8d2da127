package words

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadSynonymsRefusesUnsafeFiles: data/synonyms.yaml is a repository file, so a
// FIFO, a link to a device or out of the repository, or one past the limit is a located
// error instead of a hang or an unbounded read.
func TestReadSynonymsRefusesUnsafeFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "synonyms.yaml")
	if err := os.WriteFile(outside, []byte("flu: [gripa]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		make func(p string) error
		want string // in the error; "" for success
	}{
		{"regular", func(p string) error { return os.WriteFile(p, []byte("flu: [gripa]\n"), 0o644) }, ""},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "data/synonyms.yaml: is not a regular file (a named pipe)"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "data/synonyms.yaml: is a symbolic link to a file outside the repository"},
		{"link outside", func(p string) error { return os.Symlink(outside, p) }, "data/synonyms.yaml: is a symbolic link to a file outside the repository"},
		{"past the limit", func(p string) error { return os.WriteFile(p, make([]byte, maxSynonymsBytes+1), 0o644) }, "data/synonyms.yaml: is larger than the limit of 1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, SynonymsFile)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			src, err := ReadSynonyms(root)
			if tt.want == "" {
				if err != nil || string(src) != "flu: [gripa]\n" {
					t.Fatalf("ReadSynonyms = %q, %v", src, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
