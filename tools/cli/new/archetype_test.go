package new

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRenderRefusesUnsafeArchetype: the archetype `factdesk new` fills in is a
// repository file, so a FIFO, a link to a device or out of the repository, or one past
// the content limit is a located error instead of a hang or an unbounded read.
func TestRenderRefusesUnsafeArchetype(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "factcheck.md")
	if err := os.WriteFile(outside, []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const limit = 64
	tests := []struct {
		name string
		make func(p string) error
		want string // in the error; "" for success
	}{
		{"regular", func(p string) error { return os.WriteFile(p, []byte("---\nslug: {{ .Name }}\n---\n"), 0o644) }, ""},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "archetypes/factcheck.md: is not a regular file (a named pipe)"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "archetypes/factcheck.md: is a symbolic link to a file outside the repository"},
		{"link outside", func(p string) error { return os.Symlink(outside, p) }, "archetypes/factcheck.md: is a symbolic link to a file outside the repository"},
		{"past the limit", func(p string) error { return os.WriteFile(p, make([]byte, limit+1), 0o644) }, "archetypes/factcheck.md: is larger than the limit of 64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, "archetypes", "factcheck.md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			text, err := Render(root, p, limit, "a-slug", testNow, nil)
			if tt.want == "" {
				if err != nil || !strings.Contains(text, "slug: a-slug") {
					t.Fatalf("Render = %q, %v", text, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
