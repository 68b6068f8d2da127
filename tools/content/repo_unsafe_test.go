package content

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadRepoRefusesUnsafeFiles: a contribution that holds a link to a device or to a
// file outside the repository, a FIFO, a loop of links or a file past the limit gets a
// located error on that file, at once, and the rest of the repository still loads.
func TestLoadRepoRefusesUnsafeFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("---\ntitle: outside\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		make       func(path string) error
		want       string
	}{
		{"device", "zero.md", func(p string) error { return os.Symlink("/dev/zero", p) }, "outside the repository"},
		{"outside", "out.md", func(p string) error { return os.Symlink(outside, p) }, "outside the repository"},
		{"fifo", "pipe.md", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "not a regular file (a named pipe)"},
		{"loop", "loop.md", func(p string) error {
			if err := os.Symlink("loop.md", p); err != nil {
				return err
			}
			return nil
		}, "cannot be followed"},
		{"too large", "big.md", func(p string) error {
			return os.WriteFile(p, []byte("---\ntitle: big\n---\n"+strings.Repeat("word ", 300_000)), 0o644)
		}, "larger than the limit of 1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, FactChecksDir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "fine.md"), []byte("---\ntitle: fine\n---\nBody.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			// A link inside the repository is read like the file it points to.
			if err := os.Symlink("fine.md", filepath.Join(dir, "alias.md")); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(filepath.Join(dir, tt.file)); err != nil {
				t.Fatal(err)
			}
			t0 := time.Now()
			repo, err := LoadRepo(root)
			if err != nil {
				t.Fatalf("LoadRepo: %v", err)
			}
			if d := time.Since(t0); d > 5*time.Second {
				t.Fatalf("LoadRepo took %v", d) // a FIFO would block forever
			}
			var got *FactCheckDoc
			for _, d := range repo.FactChecks {
				switch d.Path {
				case "factchecks/" + tt.file:
					got = d
				case "factchecks/fine.md", "factchecks/alias.md":
					if len(d.Problems) > 0 && d.Problems[0].Rule == "file-unreadable" {
						t.Errorf("%s refused: %v", d.Path, d.Problems)
					}
				}
			}
			if got == nil || len(got.Problems) == 0 {
				t.Fatalf("no problem on factchecks/%s", tt.file)
			}
			p := got.Problems[0]
			if p.Rule != "file-unreadable" || p.Pos.Line != 1 || !strings.Contains(p.Message, tt.want) {
				t.Fatalf("problem = %+v, want file-unreadable at line 1 saying %q", p, tt.want)
			}
		})
	}
}

func TestLoadRepoLimitsFromSettings(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, FactChecksDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: mid\n---\n" + strings.Repeat("word ", 1000)
	if err := os.WriteFile(filepath.Join(dir, "mid.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		limit   int64
		refused bool
	}{{int64(len(src)), false}, {int64(len(src)) - 1, true}} {
		repo, err := LoadRepoLimits(root, Limits{Content: tt.limit, Data: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		ps := repo.FactChecks[0].Problems
		refused := len(ps) > 0 && ps[0].Rule == "file-unreadable"
		if refused != tt.refused {
			t.Errorf("limit %d bytes for a file of %d: refused = %v, want %v (%v)", tt.limit, len(src), refused, tt.refused, ps)
		}
	}
}
