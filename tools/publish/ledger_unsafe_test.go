package publish

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadLedgerRefusesUnsafeFiles: a ledger that is a FIFO, a link to a device or
// larger than MaxLedgerSize is an error naming it, never a wait or an unbounded read,
// and never taken for an empty ledger.
func TestReadLedgerRefusesUnsafeFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(p string) error
		want string
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "is not a regular file (a named pipe)"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "is not a regular file (a device)"},
		{"past the limit", func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(MaxLedgerSize + 1) // sparse: no disk used
		}, "is larger than the limit of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "ledger.json")
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			l, err := ReadLedger(p)
			if err == nil || l != nil {
				t.Fatalf("ReadLedger = %v, %v; want an error", l, err)
			}
			if !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, p, tt.want)
			}
		})
	}
}
