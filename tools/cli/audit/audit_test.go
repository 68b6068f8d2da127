package audit

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

func TestAuditCommand(t *testing.T) {
	t.Parallel()
	fake := githubfake.NewT(t)
	fake.Token = "ghs_audit_token"
	fake.Repo("riverside/factdesk")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// The repository comes from factdesk.yaml, and FACTDESK_GITHUB_API_URL wins over the
	// GITHUB_API_URL that GitHub Actions always sets.
	write("factdesk.yaml", "organisation:\n  name: R\n  site: https://factdesk.example.org/\n  repository: riverside/factdesk\ntimezone: UTC\neditors: [editor-sam-rivera]\naccounts:\n  outbox:\n    platform: outbox\n")
	good := write("findings.json", `{"findings":[{"path":"factchecks/a.md","line":9,"column":1,"severity":"warning","rule":"review-due","message":"clinical review was due on 2026-11-01"}],"errors":0,"warnings":1,"notes":0}`)
	bad := write("broken.json", `{"findings": [`)
	github := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("GITHUB_API_URL was used instead of FACTDESK_GITHUB_API_URL: %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(github.Close)
	env := map[string]string{"GITHUB_API_URL": github.URL, "FACTDESK_GITHUB_API_URL": fake.APIURL(), "GITHUB_TOKEN": "ghs_audit_token"}
	run := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		f := &factory.Factory{
			IO: &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, RootFlag: dir,
			Getenv: func(k string) string { return env[k] }, Now: time.Now,
			HTTPClient: func() *http.Client { return &http.Client{Timeout: 5 * time.Second} },
		}
		cmd := NewCmdAudit(f, nil)
		cmd.SetArgs(args)
		cmd.SetOut(&out)
		cmd.SetErr(&errOut)
		err := cmd.ExecuteContext(context.Background())
		return out.String(), errOut.String(), err
	}
	out, _, err := run("--dry-run", good)
	if err != nil || !strings.Contains(out, "would open: Clinical review past due: factchecks/a.md") || len(fake.Issues("riverside/factdesk")) != 0 {
		t.Fatalf("dry run: out %q, err %v, issues %d", out, err, len(fake.Issues("riverside/factdesk")))
	}
	_, errOut, err := run(good)
	if err != nil || !strings.Contains(errOut, "1 opened") {
		t.Fatalf("audit: %v %q", err, errOut)
	}
	is := fake.Issues("riverside/factdesk")
	if len(is) != 1 || strings.Join(is[0].Assignees, ",") != "editor-sam-rivera" {
		t.Fatalf("issues = %+v, want one assigned to the editor (the page is not in the repository)", is)
	}
	_, _, err = run(bad)
	if err == nil || !strings.Contains(err.Error(), "nothing was changed on GitHub") {
		t.Errorf("broken report: err = %v", err)
	}
	if got := fake.CountRequests("PATCH", `.*`); got != 0 {
		t.Errorf("a broken report changed %d issues", got)
	}
	out, errOut, _ = run(good)
	if strings.Contains(out+errOut, "ghs_audit_token") {
		t.Error("the token was printed")
	}
}
