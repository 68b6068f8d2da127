package hook_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
)

// TestInstallRefusesUnsafeHook: an existing pre-commit hook is read bounded and only if
// it is an ordinary file; a FIFO, a device or a huge file stops the install with a
// message naming it and saying how to proceed, and is left as it was.
func TestInstallRefusesUnsafeHook(t *testing.T) {
	tests := []struct {
		name string
		make func(p string) error
		want string
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o755) }, "is not a regular file (a named pipe)"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "is not a regular file (a device)"},
		{"past the limit", func(p string) error { return os.WriteFile(p, make([]byte, 1<<20+1), 0o755) }, "is larger than the limit of 1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if out, err := gitRun(t, dir, "init", "-q"); err != nil {
				t.Fatalf("git init: %v\n%s", err, out)
			}
			if err := os.WriteFile(filepath.Join(dir, "factdesk.yaml"), []byte(config), 0o644); err != nil {
				t.Fatal(err)
			}
			hooks := filepath.Join(dir, ".git", "hooks")
			if err := os.MkdirAll(hooks, 0o755); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(hooks, "pre-commit")
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Lstat(p)
			var out, errOut bytes.Buffer
			f := factory.New()
			f.IO = &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
			if code := root.Run(context.Background(), f, []string{"--root", dir, "hook", "install"}); code != 2 {
				t.Errorf("install over %s exited %d, want 2", tt.name, code)
			}
			msg := errOut.String()
			if !strings.Contains(msg, p) || !strings.Contains(msg, tt.want) || !strings.Contains(msg, "--force") {
				t.Errorf("message %q does not name %s, say %q and how to proceed", msg, p, tt.want)
			}
			if after, err := os.Lstat(p); err != nil || after.Mode() != before.Mode() || after.Size() != before.Size() {
				t.Errorf("the existing hook was changed")
			}
		})
	}
}
