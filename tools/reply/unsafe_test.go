package reply

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/factdesk/factdesk/tools/repofile"
)

// TestLoadRefusesUnsafeFiles: the reply templates file is read like every file of the
// repository — a link out of it, a FIFO or a file past the data limit is a located
// error, never a hang or unbounded memory.
func TestLoadRefusesUnsafeFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(p string) error
		want string
	}{
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "outside the repository"},
		{"FIFO", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "not a regular file (a named pipe)"},
		{"loop", func(p string) error { return os.Symlink(filepath.Base(p), p) }, "cannot be followed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, File)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			_, err := Load(root)
			var unsafe *repofile.Error
			if !errors.As(err, &unsafe) || unsafe.Path != File || !strings.Contains(unsafe.Reason, tt.want) {
				t.Fatalf("Load: %v; want %s refused: %q", err, File, tt.want)
			}
		})
	}
}
