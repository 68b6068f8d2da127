package repofile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/factdesk/factdesk/tools/repofile"
)

// TestRead holds Read to its promise over each kind of file a careless or hostile
// contribution can hold: a located error that says what to do, without waiting on a
// FIFO or reading past the limit.
func TestRead(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		make       func(root, p string) error
		want       string // "" for a successful read
		tooLarge   bool
	}{
		{"regular", "a.md", func(_, p string) error { return os.WriteFile(p, []byte("hello"), 0o644) }, "", false},
		{"at the limit", "a.md", func(_, p string) error { return os.WriteFile(p, make([]byte, 64), 0o644) }, "", false},
		{"past the limit", "big.md", func(_, p string) error { return os.WriteFile(p, make([]byte, 65), 0o644) }, "larger than the limit of 64 bytes", true},
		{"link inside", "link.md", func(root, p string) error {
			if err := os.WriteFile(filepath.Join(root, "real.md"), []byte("hi"), 0o644); err != nil {
				return err
			}
			return os.Symlink("real.md", p)
		}, "", false},
		{"link outside", "out.md", func(_, p string) error { return os.Symlink(outside, p) }, "outside the repository", false},
		{"link to /dev/zero", "zero.md", func(_, p string) error { return os.Symlink("/dev/zero", p) }, "outside the repository", false},
		{"loop", "loop.md", func(root, p string) error { return os.Symlink("loop.md", p) }, "cannot be followed", false},
		{"dangling", "gone.md", func(_, p string) error { return os.Symlink("nowhere.md", p) }, "does not exist", false},
		{"fifo", "pipe.md", func(_, p string) error { return syscall.Mkfifo(p, 0o644) }, "not a regular file (a named pipe)", false},
		{"folder", "dir.md", func(_, p string) error { return os.Mkdir(p, 0o755) }, "not a regular file (a folder)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, tt.file)
			if err := tt.make(root, p); err != nil {
				t.Fatal(err)
			}
			src, err := repofile.Read(root, p, 64) // a FIFO must not block: the test would hang
			checkResult(t, src, err, tt.file, tt.want, tt.tooLarge)
		})
	}
}

// TestReadLocal holds ReadLocal, for factdesk's own files outside the repository
// (caches, sessions, locks), to the same: regular files only, never past the limit.
func TestReadLocal(t *testing.T) {
	tests := []struct {
		name     string
		make     func(p string) error
		want     string
		tooLarge bool
	}{
		{"regular", func(p string) error { return os.WriteFile(p, []byte(`{"v":1}`), 0o600) }, "", false},
		{"link to a regular file", func(p string) error {
			real := p + ".real"
			if err := os.WriteFile(real, []byte("ok"), 0o600); err != nil {
				return err
			}
			return os.Symlink(real, p)
		}, "", false},
		{"past the limit", func(p string) error { return os.WriteFile(p, make([]byte, 65), 0o600) }, "larger than the limit of 64 bytes", true},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "not a regular file (a device)", false},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "not a regular file (a named pipe)", false},
		{"folder", func(p string) error { return os.Mkdir(p, 0o700) }, "not a regular file (a folder)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "cache.json")
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			src, err := repofile.ReadLocal(p, 64) // a FIFO must not block: the test would hang
			checkResult(t, src, err, p, tt.want, tt.tooLarge)
		})
	}
	if _, err := repofile.ReadLocal(filepath.Join(t.TempDir(), "missing"), 64); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: got %v, want one that is os.ErrNotExist", err)
	}
}

func checkResult(t *testing.T, src []byte, err error, path, want string, tooLarge bool) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		if len(src) == 0 {
			t.Fatal("read nothing")
		}
		return
	}
	var e *repofile.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want a *repofile.Error", err, err)
	}
	if !strings.Contains(e.Reason, want) || !strings.HasSuffix(e.Path, filepath.Base(path)) {
		t.Errorf("got %q at %q, want %q at %s", e.Reason, e.Path, want, path)
	}
	if e.TooLarge != tooLarge {
		t.Errorf("TooLarge = %v, want %v", e.TooLarge, tooLarge)
	}
	if src != nil {
		t.Errorf("returned %d bytes with the error", len(src))
	}
}
