package factory

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSyncGeneratedRefusesUnsafeFiles: the generated file a command compares or
// refreshes is read like any repository file — a FIFO, a device or a link out of the
// repository is a located error saying what to run, and nothing is written over it.
func TestSyncGeneratedRefusesUnsafeFiles(t *testing.T) {
	const rel, refresh = "data/generated.json", "factdesk observances --write"
	want := []byte(`{"ok":true}` + "\n")
	outside := filepath.Join(t.TempDir(), "elsewhere.json")
	if err := os.WriteFile(outside, want, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		make    func(p string) error
		check   bool
		code    int    // exit code; 0 for success
		message string // in the error or on stderr
	}{
		{"up to date", func(p string) error { return os.WriteFile(p, want, 0o644) }, true, 0, "is up to date"},
		{"out of date", func(p string) error { return os.WriteFile(p, []byte("{}\n"), 0o644) }, true, 1, "out of date; run: " + refresh},
		{"missing", func(string) error { return nil }, true, 1, "out of date; run: " + refresh},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, true, 2, rel + ": is not a regular file (a named pipe)"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, false, 2, rel + ": is a symbolic link to a file outside the repository"},
		{"link outside", func(p string) error { return os.Symlink(outside, p) }, true, 2, rel + ": is a symbolic link to a file outside the repository"},
		{"loop", func(p string) error { return os.Symlink("generated.json", p) }, false, 2, rel + ": is a symbolic link that cannot be followed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "factdesk.yaml"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			var errOut bytes.Buffer
			f := New()
			f.RootFlag = root
			f.IO = &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut}
			err := f.SyncGenerated(rel, want, tt.check, refresh)
			if got := ExitCode(err); got != tt.code {
				t.Fatalf("exit code %d, want %d (%v)", got, tt.code, err)
			}
			msg := errOut.String()
			if err != nil {
				var ee *ExitError
				if errors.As(err, &ee) && ee.Err != nil {
					msg += ee.Err.Error()
				}
			}
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q does not say %q", msg, tt.message)
			}
			if tt.code == 2 && !strings.Contains(msg, "run: "+refresh) {
				t.Errorf("message %q does not say what to run", msg)
			}
			if tt.code == 2 {
				if info, err := os.Lstat(p); err != nil || info.Mode().IsRegular() {
					t.Errorf("the unsafe file was replaced")
				}
			}
		})
	}
}
