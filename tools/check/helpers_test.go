package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// foundationRules are the rules whose fixtures live in testdata; tests run only these so
// that rules added elsewhere do not change their expectations.
var foundationRules = []string{"load", "citations", "cite-keys", "factcheck-fields", "factcheck-dates", "review-due", "posts", "reviewers", "registry", "slugs", "readability"}

// testToday is the date the tests check against.
var testToday = time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)

// newRepo builds a repository in a temporary folder from testdata/base plus files (path
// relative to the root → content; an empty content removes the file).
func newRepo(tb testing.TB, files map[string]string) string {
	tb.Helper()
	root := tb.TempDir()
	testenv.Copy(tb, filepath.Join("testdata", "base"), root)
	writeFiles(tb, root, files)
	return root
}

func writeFiles(tb testing.TB, root string, files map[string]string) {
	tb.Helper()
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if body == "" {
			if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
				tb.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// runCheck loads root and applies rules (all foundation rules when none are given).
func runCheck(tb testing.TB, root string, rules ...string) []Finding {
	tb.Helper()
	if len(rules) == 0 {
		rules = foundationRules
	}
	repo, err := content.LoadRepo(root)
	if err != nil {
		tb.Fatalf("LoadRepo: %v", err)
	}
	cfg, err := config.Load(root)
	if err != nil {
		tb.Fatalf("config.Load: %v", err)
	}
	return NewRun(repo, cfg, Options{Today: testToday, Rules: rules}).Execute(context.Background())
}

// fixture reads a file of testdata/cases.
func fixture(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cases", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
