package review

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/hugo"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// TestMisplacedPagesAreRealAndRefused builds the sample site with the pinned Hugo after
// adding a fact-check in each place the gate calls misplaced, and shows both halves of
// the claim: Hugo really publishes every one of them, and the gate, classifying with
// the mounts Hugo itself reports (`hugo config mounts`), refuses every one of them.
func TestMisplacedPagesAreRealAndRefused(t *testing.T) {
	t.Parallel()
	_, err := hugo.Binary(context.Background())
	testenv.Require(t, err)
	root := t.TempDir()
	project, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"hugo.toml", "package.json", "factdesk.yaml", "archetypes", "content", "data", "factchecks", "campaigns", "static", "themes"} {
		testenv.Copy(t, filepath.Join(project, p), filepath.Join(root, p))
	}
	sample, err := os.ReadFile(filepath.Join(project, "factchecks", "mmr-vaccine-autism.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Each attack carries its own marker, which must appear in the built site.
	attacks := map[string]string{
		"content/factchecks/attack-a.md":           "",
		"factchecks/attack-b.markdown":             "",
		"factchecks/ATTACK-C.MD":                   "",
		"factchecks/_index-attack-d.md":            "",
		"factchecks/en/attack-e.md":                "",
		"factchecks/2026/attack-f.md":              "",
		"factchecks/attack-g.Md":                   "",
		"themes/factdesk/content/factchecks/h.md":  "",
		"factchecks/_content.gotmpl":               `{{ $.AddPage (dict "path" "attack-i" "title" "MARKER-I" "content" (dict "mediaType" "text/markdown" "value" "MARKER-I")) }}`,
		"static/factchecks/attack-j/index.html":    "<h1>MARKER-J</h1>",
		"static/es/factchecks/attack-k/index.html": "<h1>MARKER-K</h1>",
		"factchecks/attack-l.es.md":                "",
		"factchecks/attack-m.org":                  "",
		"factchecks/attack-o.mdown":                "",
	}
	markers := map[string]string{}
	i := 0
	for p, body := range attacks {
		marker := fmt.Sprintf("ATTACKPAGE-%d", i)
		if body == "" {
			// The sample fact-check under another title: the marker.
			body = strings.Replace(string(sample), "title:", "title: \""+marker+"\"\n#", 1)
		} else {
			marker = body[strings.Index(body, "MARKER-") : strings.Index(body, "MARKER-")+8]
		}
		i++
		markers[p] = marker
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	if out, err := hugo.Build(ctx, root, "-d", "public", "--enableGitInfo=false"); err != nil {
		t.Fatalf("hugo build: %v\n%s", err, out)
	}
	built := map[string]bool{}
	err = filepath.WalkDir(filepath.Join(root, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range markers {
			if strings.Contains(string(b), m) {
				built[m] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := hugo.ConfigMounts(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	mounts, err := ParseMounts(root, out)
	if err != nil {
		t.Fatal(err)
	}
	for p, m := range markers {
		if !built[m] {
			t.Errorf("%s: Hugo did not publish it (marker %s not in public/); the attack is not real", p, m)
		}
		if c := Classify(p, config.Review{}, mounts); c.Kind != Misplaced {
			t.Errorf("%s: classified %+v, want Misplaced", p, c)
		}
	}
	// The canonical places are still fact-checks.
	for _, p := range []string{"factchecks/mmr-vaccine-autism.md", "factchecks/es/mmr-vaccine-autism.md"} {
		if c := Classify(p, config.Review{}, mounts); c.Kind != FactCheck {
			t.Errorf("%s: classified %+v, want FactCheck", p, c)
		}
	}
}
