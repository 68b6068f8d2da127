package content

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestLoadRepoHostileFilesBoundedMemory loads one repository holding every hostile kind
// of file at once: a data file that is a link to /dev/zero, a content file that is a
// FIFO, a loop of links and a link out of the repository. Each must be a located error,
// and the load must allocate bounded memory: an unbounded read of /dev/zero would
// allocate far past the bound (and a FIFO would hang the test).
func TestLoadRepoHostileFilesBoundedMemory(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("---\ntitle: outside\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, dir := range []string{FactChecksDir, CampaignsDir, "data"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, FactChecksDir, "fine.md"), []byte("---\ntitle: fine\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, step := range []error{
		os.Symlink("/dev/zero", filepath.Join(root, ReviewersFile)),
		syscall.Mkfifo(filepath.Join(root, FactChecksDir, "pipe.md"), 0o644),
		os.Symlink("loop-b.md", filepath.Join(root, FactChecksDir, "loop-a.md")),
		os.Symlink("loop-a.md", filepath.Join(root, FactChecksDir, "loop-b.md")),
		os.Symlink(outside, filepath.Join(root, CampaignsDir, "out.md")),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	lim := Limits{Content: 1 << 20, Data: 4 << 20}
	const slack = 64 << 20 // generous: parsing the one fine file costs kilobytes

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	repo, err := LoadRepoLimits(root, lim)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("LoadRepoLimits: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(lim.Data+slack) {
		t.Errorf("loading allocated %d MB, want under %d MB (the data limit plus %d MB)", alloc>>20, (lim.Data+slack)>>20, slack>>20)
	}

	problems := map[string]*Doc{}
	for _, d := range repo.FactChecks {
		problems[d.Path] = d.Doc
	}
	for _, d := range repo.Posts {
		problems[d.Path] = d.Doc
	}
	problems[ReviewersFile] = repo.ReviewersDoc
	for _, tt := range []struct{ path, want string }{
		{"data/reviewers.yaml", "outside the repository"},
		{"factchecks/pipe.md", "not a regular file (a named pipe)"},
		{"factchecks/loop-a.md", "cannot be followed"},
		{"factchecks/loop-b.md", "cannot be followed"},
		{"campaigns/out.md", "outside the repository"},
	} {
		d := problems[tt.path]
		if d == nil || len(d.Problems) == 0 {
			t.Errorf("%s: no problem, want a located error saying %q", tt.path, tt.want)
			continue
		}
		p := d.Problems[0]
		if p.Rule != "file-unreadable" || p.Pos.Line != 1 || !strings.Contains(p.Message, tt.want) {
			t.Errorf("%s: problem = %+v, want file-unreadable at line 1 saying %q", tt.path, p, tt.want)
		}
	}
	if d := problems["factchecks/fine.md"]; d == nil || len(d.Problems) > 0 && d.Problems[0].Rule == "file-unreadable" {
		t.Errorf("factchecks/fine.md was not loaded: %+v", d)
	}
}
