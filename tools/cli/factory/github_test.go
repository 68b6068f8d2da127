package factory

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGitHubClient checks where every command finds its repository, API address and
// token, and what it says when one is missing.
func TestGitHubClient(t *testing.T) {
	t.Parallel()
	var asked []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.Header.Get("Authorization")+" "+r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"default_branch":"main"}`))
	}))
	t.Cleanup(api.Close)
	configured := t.TempDir()
	if err := os.WriteFile(filepath.Join(configured, "factdesk.yaml"), []byte("organisation:\n  name: R\n  site: https://factdesk.example.org/\n  repository: riverside/configured\ntimezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bare := t.TempDir()
	if err := os.WriteFile(filepath.Join(bare, "factdesk.yaml"), []byte("organisation:\n  name: R\n  site: https://factdesk.example.org/\ntimezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		root    string
		env     map[string]string
		g       GitHub
		want    string // the request GitHub received: token and path
		wantErr string
	}{
		{name: "flag first", root: configured, g: GitHub{Repo: "o/flag"},
			env:  map[string]string{"GITHUB_REPOSITORY": "o/env", "GITHUB_TOKEN": "t1", "FACTDESK_GITHUB_API_URL": api.URL},
			want: "Bearer t1 /repos/o/flag"},
		{name: "then GITHUB_REPOSITORY", root: configured,
			env:  map[string]string{"GITHUB_REPOSITORY": "o/env", "GITHUB_TOKEN": "t1", "FACTDESK_GITHUB_API_URL": api.URL},
			want: "Bearer t1 /repos/o/env"},
		{name: "then organisation.repository", root: configured,
			env:  map[string]string{"GITHUB_TOKEN": "t1", "FACTDESK_GITHUB_API_URL": api.URL},
			want: "Bearer t1 /repos/riverside/configured"},
		{name: "FACTDESK_GITHUB_API_URL wins over GITHUB_API_URL", root: configured,
			env:  map[string]string{"GITHUB_TOKEN": "t1", "FACTDESK_GITHUB_API_URL": api.URL, "GITHUB_API_URL": "http://127.0.0.1:1/"},
			want: "Bearer t1 /repos/riverside/configured"},
		{name: "GITHUB_API_URL alone", root: configured,
			env:  map[string]string{"GITHUB_TOKEN": "t1", "GITHUB_API_URL": api.URL},
			want: "Bearer t1 /repos/riverside/configured"},
		{name: "another token variable", root: configured, g: GitHub{TokenVar: "FACTDESK_ADMIN_TOKEN"},
			env:  map[string]string{"GITHUB_TOKEN": "t1", "FACTDESK_ADMIN_TOKEN": "t2", "FACTDESK_GITHUB_API_URL": api.URL},
			want: "Bearer t2 /repos/riverside/configured"},
		{name: "a dry run needs no token", root: configured, g: GitHub{TokenOptional: true},
			env:  map[string]string{"FACTDESK_GITHUB_API_URL": api.URL},
			want: " /repos/riverside/configured"},
		{name: "no repository", root: bare, env: map[string]string{"GITHUB_TOKEN": "t1"},
			wantErr: "no repository: pass --repo OWNER/NAME, set GITHUB_REPOSITORY, or set organisation.repository in factdesk.yaml"},
		{name: "no repository, no flag", root: bare, g: GitHub{NoRepoFlag: true}, env: map[string]string{"GITHUB_TOKEN": "t1"},
			wantErr: "no repository: set GITHUB_REPOSITORY, or organisation.repository in factdesk.yaml"},
		{name: "no token", root: configured, g: GitHub{Why: "the audit needs a token that may write issues"},
			wantErr: "GITHUB_TOKEN is not set; the audit needs a token that may write issues"},
		{name: "not OWNER/NAME", root: configured, g: GitHub{Repo: "just-a-name"}, env: map[string]string{"GITHUB_TOKEN": "t1"},
			wantErr: `repository "just-a-name" is not OWNER/NAME`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked = nil
			f := &Factory{
				IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, RootFlag: tt.root,
				Getenv:     func(k string) string { return tt.env[k] },
				HTTPClient: func() *http.Client { return &http.Client{Timeout: 5 * time.Second} },
			}
			c, err := f.GitHubClient(tt.g)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || ExitCode(err) != 2 {
					t.Fatalf("err = %v (exit %d), want %q", err, ExitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Repository(context.Background()); err != nil {
				t.Fatal(err)
			}
			if len(asked) != 1 || strings.TrimSpace(asked[0]) != strings.TrimSpace(tt.want) {
				t.Errorf("GitHub was asked %q, want %q", asked, tt.want)
			}
		})
	}
}
