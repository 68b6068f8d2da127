package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// FuzzCheck writes arbitrary bytes into a repository as a fact-check and as a campaign
// post and runs every offline rule over it. Nothing may panic, and every finding must
// point at a line of the file it names.
func FuzzCheck(f *testing.F) {
	for _, dir := range []string{"testdata/cases", "testdata/base/factchecks", "testdata/base/campaigns/2027"} {
		seeds, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, s := range seeds {
			src, err := os.ReadFile(s)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	root := f.TempDir()
	testenv.Copy(f, filepath.Join("testdata", "base"), root)
	f.Fuzz(func(t *testing.T, src []byte) {
		files := map[string][]byte{"factchecks/fuzz.md": src, "campaigns/2027/fuzz.md": src}
		for p, b := range files {
			if err := os.WriteFile(filepath.Join(root, p), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		repo, err := content.LoadRepo(root)
		if err != nil {
			t.Fatalf("LoadRepo: %v", err)
		}
		cfg, err := config.Load(root)
		if err != nil {
			t.Fatalf("config.Load: %v", err)
		}
		lines := content.LineCount(src)
		for _, fd := range NewRun(repo, cfg, Options{Today: testToday}).Execute(context.Background()) {
			if _, ok := files[fd.Path]; !ok {
				continue
			}
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 {
				t.Errorf("finding outside the file (%d lines): %s", lines, fd)
			}
		}
	})
}
