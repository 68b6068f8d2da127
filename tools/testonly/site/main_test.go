package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/config"
)

// builtSite is a site built once for the whole test binary.
type builtSite struct {
	name string
	// Src is the Hugo project, Dir the built output.
	Src, Dir string
	server   *Server
	// URL is where the site is served, ending in a slash.
	URL string
	err error
}

var (
	repoRoot string
	// fixture is tools/testonly/site/testdata/site over the repository's config and data: small and
	// fixed, for exact assertions.
	fixture builtSite
	// real is the repository itself with its sample content.
	real builtSite
)

func TestMain(m *testing.M) {
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code(m))
}

func setup() (func(*testing.M) int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var err error
	repoRoot, err = config.FindRoot(".")
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "factdesk-site-")
	if err != nil {
		return nil, fmt.Errorf("making a temporary folder: %w", err)
	}
	fixSrc := filepath.Join(tmp, "fixture")
	if err := makeFixture(ctx, fixSrc); err != nil {
		return nil, err
	}
	fixture = buildAndServe(ctx, "fixture", fixSrc, filepath.Join(tmp, "fixture-public"))
	real = buildAndServe(ctx, "repository", repoRoot, filepath.Join(tmp, "public"))
	return func(m *testing.M) int {
		code := m.Run()
		for _, s := range []*builtSite{&fixture, &real} {
			if s.server != nil {
				_ = s.server.Close()
			}
		}
		_ = os.RemoveAll(tmp)
		return code
	}, nil
}

// buildAndServe builds src (the search index comes with the build) for a port on 127.0.0.1
// and serves it.
// Errors are kept in the result so that each test reports them.
func buildAndServe(ctx context.Context, name, src, dest string) builtSite {
	s := builtSite{name: name, Src: src, Dir: dest}
	srv, err := Listen()
	if err != nil {
		s.err = err
		return s
	}
	s.server, s.URL = srv, srv.URL
	if _, err := Build(ctx, src, dest, srv.URL); err != nil {
		s.err = err
		return s
	}
	srv.Serve(dest)
	return s
}

// makeFixture lays out the fixture site: the repository's hugo.toml and data/ with the
// fixture's content, committed to a fresh Git repository so that Hugo's Git info works.
func makeFixture(ctx context.Context, dst string) error {
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "site"))); err != nil {
		return err
	}
	if err := os.CopyFS(filepath.Join(dst, "data"), os.DirFS(filepath.Join(repoRoot, "data"))); err != nil {
		return err
	}
	// The fixture's own ledger: what the publisher recorded of its campaign posts.
	ledger, err := os.ReadFile(filepath.Join("testdata", "ledger.json"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "data", "ledger.json"), ledger, 0o644); err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, "hugo.toml"))
	if err != nil {
		return fmt.Errorf("reading hugo.toml: %w", err)
	}
	conf := fmt.Sprintf("themesDir = %q\n", filepath.Join(repoRoot, "themes")) + string(b)
	if err := os.WriteFile(filepath.Join(dst, "hugo.toml"), []byte(conf), 0o644); err != nil {
		return fmt.Errorf("writing the fixture's hugo.toml: %w", err)
	}
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=Fixture", "-c", "user.email=fixture@example.org", "commit", "-q", "-m", "Add the fixture site"},
	} {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = dst
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s in the fixture: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}

// need returns the site, failing the test when it could not be built.
func need(t *testing.T, s *builtSite) *builtSite {
	t.Helper()
	if s.err != nil {
		t.Fatalf("the %s site could not be built: %v", s.name, s.err)
	}
	return s
}

// underTest is the site the browser tests drive: the repository's own sample content once
// it holds fact-checks, the fixture before that.
func underTest(t *testing.T) *builtSite {
	t.Helper()
	if _, err := os.Stat(filepath.Join(need(t, &real).Dir, "factchecks", "mmr-vaccine-autism", "index.html")); err == nil {
		return &real
	}
	t.Logf("the repository has no sample fact-checks yet; testing the fixture site")
	return need(t, &fixture)
}

// read returns a built file's text.
func (s *builtSite) read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("reading %s of the %s site: %v", rel, s.name, err)
	}
	return string(b)
}

// htmlPages lists the built HTML pages relative to the site root, leaving out Hugo's
// redirect pages for aliases.
func (s *builtSite) htmlPages(t *testing.T) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b[:min(len(b), 400)]), `http-equiv="refresh"`) || strings.Contains(string(b[:min(len(b), 400)]), `http-equiv=refresh`) {
			return nil
		}
		rel, _ := filepath.Rel(s.Dir, p)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatalf("listing the pages of the %s site: %v", s.name, err)
	}
	return pages
}
