package provenance

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadStateRefusesUnsafeFiles: the provenance state is factdesk's own file, so a
// damaged or replaced one is reported (and verification restarts) without waiting on a
// FIFO or reading past the limit.
func TestReadStateRefusesUnsafeFiles(t *testing.T) {
	tests := []struct {
		name     string
		make     func(p string) error
		verified string // of a state that reads
		want     string // in the error; "" for none
	}{
		{"missing", func(string) error { return nil }, "", ""},
		{"regular", func(p string) error { return os.WriteFile(p, []byte(`{"verified":"abc123"}`), 0o644) }, "abc123", ""},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "", "is not a regular file (a named pipe)"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "", "is not a regular file (a device)"},
		{"past the limit", func(p string) error { return os.WriteFile(p, make([]byte, maxState+1), 0o644) }, "", "is larger than the limit of 4 MB"},
		{"not JSON", func(p string) error { return os.WriteFile(p, []byte("{"), 0o644) }, "", "does not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "provenance.json")
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			st, err := ReadState(p) // a FIFO must not block: the test would hang
			if st == nil {
				t.Fatal("nil state")
			}
			if tt.want == "" {
				if err != nil || st.Verified != tt.verified {
					t.Fatalf("ReadState = %+v, %v; want verified %q", st, err, tt.verified)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), p) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, p, tt.want)
			}
			if st.Verified != "" {
				t.Errorf("a refused state was used: %+v", st)
			}
		})
	}
}
