package reply_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/hugo"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// siteParts are what Hugo needs to build the site from a copy of the repository.
var siteParts = []string{"hugo.toml", "factdesk.yaml", "themes", "content", "factchecks", "campaigns", "data", "i18n", "static", "archetypes", "assets", "layouts"}

// TestRepliesStayOffTheSiteUnlessPublished builds the real site with the pinned Hugo:
// the templates are absent by default, present once privacy.publish_replies is true
// and `factdesk reply --publish` has run, and gone again when it is turned off.
func TestRepliesStayOffTheSiteUnlessPublished(t *testing.T) {
	repo := filepath.Join("..", "..", "..")
	site := t.TempDir()
	for _, p := range siteParts {
		if _, err := os.Stat(filepath.Join(repo, p)); err == nil {
			testenv.Copy(t, filepath.Join(repo, p), filepath.Join(site, p))
		}
	}
	const sentence = "we don't discuss anyone's health"
	build := func() string {
		t.Helper()
		out := filepath.Join(site, "public")
		os.RemoveAll(out)
		if msg, err := hugo.Build(context.Background(), site, "--quiet", "--enableGitInfo=false", "-d", out); err != nil {
			t.Fatalf("hugo build: %v\n%s", err, msg)
		}
		return out
	}
	publish := func(on bool) {
		t.Helper()
		cfg := readFile(t, filepath.Join(repo, "factdesk.yaml"))
		if !strings.Contains(cfg, "publish_replies: false") {
			t.Fatal("factdesk.yaml does not set privacy.publish_replies: false")
		}
		if on {
			cfg = strings.Replace(cfg, "publish_replies: false", "publish_replies: true", 1)
		}
		if err := os.WriteFile(filepath.Join(site, "factdesk.yaml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := runIn(t, site, "reply", "--publish"); code != 0 {
			t.Fatalf("reply --publish exited %d: %s", code, errOut)
		}
	}

	publish(false)
	if files := grepTree(t, build(), sentence); len(files) > 0 {
		t.Errorf("reply templates are on the site although privacy.publish_replies is false: %v", files)
	}
	publish(true)
	out := build()
	if files := grepTree(t, out, sentence); len(files) == 0 {
		t.Errorf("reply templates are not on the site although privacy.publish_replies is true")
	}
	if _, err := os.Stat(filepath.Join(out, "es", "replies", "index.html")); err != nil {
		t.Errorf("no Spanish page of the replies: %v", err)
	}
	publish(false)
	if files := grepTree(t, build(), sentence); len(files) > 0 {
		t.Errorf("reply templates stayed on the site after privacy.publish_replies was turned off: %v", files)
	}
}

func grepTree(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".xml")) {
			if b, _ := os.ReadFile(p); strings.Contains(strings.ReplaceAll(string(b), "&rsquo;", "'"), s) || strings.Contains(strings.ReplaceAll(string(b), "&#39;", "'"), s) {
				hits = append(hits, p)
			}
		}
		return nil
	})
	return hits
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
