package apidesc

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// descriptions holds the vendored copies (see descriptions/README.md for their origin,
// version, date and licence).
//
//go:embed descriptions
var descriptions embed.FS

var (
	mastodonOnce sync.Once
	mastodon     *OpenAPI
	mastodonErr  error

	lexOnce sync.Once
	lex     *Lexicons
	lexErr  error

	githubMu  sync.Mutex
	github    = map[string]*OpenAPI{}
	githubErr = map[string]error{}
)

// Mastodon returns Mastodon's OpenAPI description (abraham/mastodon-openapi).
func Mastodon() (*OpenAPI, error) {
	mastodonOnce.Do(func() {
		src, err := descriptions.ReadFile("descriptions/mastodon-openapi.json")
		if err != nil {
			mastodonErr = err
			return
		}
		mastodon, mastodonErr = ParseOpenAPI("Mastodon's OpenAPI description", src)
	})
	return mastodon, mastodonErr
}

// Bluesky returns the AT Protocol lexicons factdesk uses (bluesky-social/atproto).
func Bluesky() (*Lexicons, error) {
	lexOnce.Do(func() { lex, lexErr = LoadLexicons(descriptions, "descriptions/atproto-lexicons") })
	return lex, lexErr
}

// ErrNoGitHubDescription means node_modules/@octokit/openapi is not installed.
var ErrNoGitHubDescription = errors.New("GitHub's OpenAPI description is not installed: run npm ci (package.json lists @octokit/openapi)")

// GitHub returns GitHub's official OpenAPI description of api.github.com, from the npm
// package @octokit/openapi in the repository's node_modules (found from the current
// directory upwards).
func GitHub() (*OpenAPI, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	file := filepath.Join(root, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json")
	githubMu.Lock()
	defer githubMu.Unlock()
	if o, ok := github[file]; ok || githubErr[file] != nil {
		return o, githubErr[file]
	}
	if _, err := os.Stat(file); err != nil {
		githubErr[file] = fmt.Errorf("%w (%v)", ErrNoGitHubDescription, err)
		return nil, githubErr[file]
	}
	o, err := LoadOpenAPI("GitHub's OpenAPI description (@octokit/openapi)", file)
	github[file], githubErr[file] = o, err
	return o, err
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				return d, nil
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no repository root (go.mod and package.json) at or above %s", dir)
		}
	}
}

// Fields are the documented fields of one platform's requests or answers, by dotted
// path ("data.id", "error.code"; array items add no part), each with the documentation
// page that defines it. A platform with no machine-readable description is checked with
// them.
type Fields map[string]string

// Check returns one message per field of v that the table does not document.
func (f Fields) Check(v any, where string) []string {
	var out []string
	var walk func(v any, prefix string)
	walk = func(v any, prefix string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				if _, ok := f[p]; !ok {
					out = append(out, fmt.Sprintf("%s: field %q is not a documented field (add it with the page that documents it, or fix its name)", where, p))
					continue
				}
				walk(c, p)
			}
		case []any:
			for _, c := range x {
				walk(c, prefix)
			}
		}
	}
	walk(v, "")
	sort.Strings(out)
	return out
}

// CheckForm checks the names of form fields.
func (f Fields) CheckForm(form map[string][]string, where string) []string {
	var out []string
	for k := range form {
		if _, ok := f[strings.TrimSuffix(k, "[]")]; !ok {
			out = append(out, fmt.Sprintf("%s: form field %q is not a documented field", where, k))
		}
	}
	sort.Strings(out)
	return out
}
