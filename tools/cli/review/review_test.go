package review

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

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

func TestNewCmdReviewFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		wantErr string
		check   func(*Options) bool
	}{
		{args: []string{"--repo", "o/r", "--pr", "42"}, check: func(o *Options) bool { return o.Repo == "o/r" && o.PR == 42 }},
		{args: []string{"--deploy-gate"}, check: func(o *Options) bool { return o.DeployGate }},
		{args: []string{"--deploy-gate", "--pr", "3"}, wantErr: "--deploy-gate reads no pull request"},
		{args: []string{"--pr", "-1"}, wantErr: "--pr must be a pull request number"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			var got *Options
			cmd := NewCmdReview(&factory.Factory{IO: &factory.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}, func(o *Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || factory.ExitCode(err) != 2 {
					t.Fatalf("err = %v (exit %d), want usage error %q", err, factory.ExitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil || got == nil || !tt.check(got) {
				t.Fatalf("err = %v, options = %+v", err, got)
			}
		})
	}
}

const (
	sha  = "0123456789abcdef0123456789abcdef01234567"
	sha2 = "89abcdef0123456789abcdef0123456789abcdef"
)

// TestReviewFromEvent runs the command as a workflow does: repository, event and API
// address from the environment, against a fake GitHub.
func TestReviewFromEvent(t *testing.T) {
	t.Parallel()
	fake := githubfake.NewT(t)
	fake.Token = "ghs_secret_token_value"
	repo := fake.Repo("riverside/factdesk")
	base := strings.Repeat("a", 40)
	fake.Update(func() {
		repo.Files[base] = map[string]string{"factdesk.yaml": "organisation:\n  name: R\n  site: https://factdesk.example.org/\ntimezone: UTC\neditors: [editor-sam-rivera]\naccounts:\n  outbox:\n    platform: outbox\n"}
		repo.Files[sha] = map[string]string{"README.md": "hello"}
		repo.Pulls[5] = &githubfake.Pull{Number: 5, User: "writer-kim", HeadSHA: sha, BaseSHA: base, Files: []githubfake.File{{Filename: "README.md", Status: "modified"}}}
		repo.Issues[5] = &githubfake.Issue{Number: 5, PullRequest: true}
		repo.Files[sha2] = map[string]string{"data/reviewers.yaml": "dr-new:\n  name: New\n  specialty: X\n  roles: [clinician]\n  conflicts: None\n"}
		repo.Pulls[6] = &githubfake.Pull{Number: 6, User: "writer-kim", HeadSHA: sha2, BaseSHA: base, Files: []githubfake.File{{Filename: "data/reviewers.yaml", Status: "added"}}}
		repo.Issues[6] = &githubfake.Issue{Number: 6, PullRequest: true}
	})
	dir := t.TempDir()
	evPath := filepath.Join(dir, "event.json")
	if err := os.WriteFile(evPath, []byte(`{"action":"completed","workflow_run":{"head_sha":"`+sha+`","pull_requests":[]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "factdesk.yaml"), []byte("organisation:\n  name: R\n  site: https://factdesk.example.org/\ntimezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mounts := filepath.Join(dir, "mounts.json")
	if err := os.WriteFile(mounts, []byte(`{"path":"project","dir":"`+dir+`","mounts":[{"source":"content","target":"content"},{"source":"factchecks","target":"content/factchecks"},{"source":"static","target":"static"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// As in GitHub Actions, GITHUB_API_URL names GitHub itself; FACTDESK_GITHUB_API_URL
	// wins over it.
	github := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("GITHUB_API_URL was used instead of FACTDESK_GITHUB_API_URL: %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(github.Close)
	env := map[string]string{
		"GITHUB_REPOSITORY":       "riverside/factdesk",
		"GITHUB_EVENT_PATH":       evPath,
		"GITHUB_API_URL":          github.URL,
		"FACTDESK_GITHUB_API_URL": fake.APIURL(),
		"GITHUB_TOKEN":            "ghs_secret_token_value",
	}
	var out, errOut bytes.Buffer
	f := &factory.Factory{
		IO:         &factory.IOStreams{Out: &out, ErrOut: &errOut},
		RootFlag:   dir,
		Getenv:     func(k string) string { return env[k] },
		Now:        func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) },
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 5 * time.Second} },
	}
	cmd := NewCmdReview(f, nil)
	cmd.SetArgs([]string{"--hugo-mounts", mounts})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("review: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "Nothing to review: every changed file is on the review policy's list of paths that need no review") {
		t.Errorf("stderr = %q", errOut.String())
	}
	if sts := fake.Statuses("riverside/factdesk", sha); len(sts) != 1 || sts[0].State != "success" {
		t.Errorf("statuses = %+v, want one success found through the head commit", sts)
	}
	if strings.Contains(out.String()+errOut.String(), "ghs_secret_token_value") {
		t.Error("the token was printed")
	}

	// A registry change without an editor's approval fails with exit 1.
	errOut.Reset()
	cmd = NewCmdReview(f, nil)
	cmd.SetArgs([]string{"--pr", "6", "--hugo-mounts", mounts})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	if err := cmd.ExecuteContext(context.Background()); factory.ExitCode(err) != 1 || !strings.Contains(errOut.String(), "FAIL data/reviewers.yaml") {
		t.Errorf("registry change: exit %d, stderr %q", factory.ExitCode(err), errOut.String())
	}
	// Outside Actions the repository comes from organisation.repository.
	delete(env, "GITHUB_REPOSITORY")
	if err := os.WriteFile(filepath.Join(dir, "factdesk.yaml"), []byte("organisation:\n  name: R\n  site: https://factdesk.example.org/\n  repository: riverside/factdesk\ntimezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	errOut.Reset()
	cmd = NewCmdReview(f, nil)
	cmd.SetArgs([]string{"--pr", "5", "--hugo-mounts", mounts})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	if err := cmd.ExecuteContext(context.Background()); err != nil || !strings.Contains(errOut.String(), "Nothing to review") {
		t.Errorf("repository from factdesk.yaml: err %v, stderr %q", err, errOut.String())
	}

	// A pull request GitHub does not know: the gate could not run, exit 2.
	cmd = NewCmdReview(f, nil)
	cmd.SetArgs([]string{"--pr", "99", "--hugo-mounts", mounts})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	if err := cmd.ExecuteContext(context.Background()); factory.ExitCode(err) != 2 || !strings.Contains(err.Error(), "not found (404)") {
		t.Errorf("unknown pull request: exit %d, err %v", factory.ExitCode(err), err)
	}

	// A review event for a commit no open pull request has any more: nothing to do.
	errOut.Reset()
	cmd = NewCmdReview(f, nil)
	cmd.SetArgs([]string{"--head-sha", strings.Repeat("e", 40), "--hugo-mounts", mounts})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	if err := cmd.ExecuteContext(context.Background()); err != nil || !strings.Contains(errOut.String(), "no open pull request has head commit eeeeeee: nothing to review") {
		t.Errorf("stale head: err %v, stderr %q", err, errOut.String())
	}

	// Without a token the command refuses before reaching the network.
	delete(env, "GITHUB_TOKEN")
	cmd = NewCmdReview(f, nil)
	cmd.SetArgs([]string{"--pr", "5", "--hugo-mounts", mounts})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.ExecuteContext(context.Background())
	if err == nil || factory.ExitCode(err) != 2 || !strings.Contains(err.Error(), "GITHUB_TOKEN is not set") {
		t.Errorf("without a token: err = %v", err)
	}
}
