package audit

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/factdesk/factdesk/tools/cli/factory"
)

// TestReadReportRefusesUnsafeFiles: the check report is read bounded and only if it is
// an ordinary file; a FIFO or a link to a device is a usage error naming it and saying
// to pass a file or -, instead of a hang or an unbounded read.
func TestReadReportRefusesUnsafeFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(p string) error
		want string // in the error; "" for success
	}{
		{"regular", func(p string) error { return os.WriteFile(p, []byte(`{"findings":[]}`), 0o644) }, ""},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "is not a regular file (a named pipe); pass the report as an ordinary file, or -"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "is not a regular file (a device); pass the report as an ordinary file, or -"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "findings.json")
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			_, err := readReport(factory.New(), p)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("readReport: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), tt.want) || factory.ExitCode(err) != 2 {
				t.Fatalf("error %v (exit %d), want a usage error naming %s and saying %q", err, factory.ExitCode(err), p, tt.want)
			}
		})
	}
}
