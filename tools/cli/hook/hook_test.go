package hook_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/clitest"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
)

// asCLI makes the test binary act as factdesk when the hook runs it.
const asCLI = "FACTDESK_HOOK_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) != "" {
		os.Exit(root.Run(context.Background(), factory.New(), os.Args[1:]))
	}
	os.Exit(m.Run())
}

const config = `organisation:
  name: Test Clinic
  site: https://clinic.example.org/
  contact: hello@clinic.example.org
timezone: America/New_York
editors: [editor]
accounts:
  outbox:
    platform: outbox
privacy:
  allow: ["(646) 555-0123"]
`

const post = `---
title: Reply to a review
observance: world-aids-day
publish_at: 2027-12-01T09:00
timezone: America/New_York
channels: [outbox]
copy:
  default: "%s"
---
`

func gitRun(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asCLI+"=1", "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func writePost(t *testing.T, dir, copy string) {
	t.Helper()
	p := filepath.Join(dir, "campaigns", "2027", "reply.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(post, "%s", copy, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPreCommitHookBlocksPlantedIdentifier(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for this test: install it (Debian: apt-get install git)")
	}
	dir := t.TempDir()
	if out, err := gitRun(t, dir, "init", "-q", "-b", "main"); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "factdesk.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}

	// Install the hook, pointing it at this test binary acting as factdesk.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := clitest.Run(context.Background(), "", time.Time{}, "--root", dir, "hook", "install", "--command", "'"+exe+"'"); code != 0 {
		t.Fatalf("hook install exited %d: %s", code, stderr)
	}
	hook, err := os.ReadFile(filepath.Join(dir, ".git", "hooks", "pre-commit"))
	if err != nil || !strings.Contains(string(hook), "hook pre-commit") {
		t.Fatalf("no pre-commit hook written: %v", err)
	}

	// A staged identifier stops the commit, and the message does not repeat it.
	const planted = "(312) 867-5309"
	writePost(t, dir, "Sorry about the wait! Call our nurse back at "+planted+" about your results.")
	gitRun(t, dir, "add", ".")
	msg, err := gitRun(t, dir, "commit", "-m", "reply")
	if err == nil {
		t.Fatalf("the commit went through with a phone number staged:\n%s", msg)
	}
	if !strings.Contains(msg, "campaigns/2027/reply.md:8:") || !strings.Contains(msg, "[phi-phone]") || !strings.Contains(msg, "Nothing was committed") {
		t.Errorf("the hook's message does not locate the finding:\n%s", msg)
	}
	if strings.Contains(msg, planted) || strings.Contains(msg, "867-5309") {
		t.Errorf("the hook's message repeats the phone number:\n%s", msg)
	}
	if log, err := gitRun(t, dir, "log", "--oneline"); err == nil {
		t.Fatalf("a commit exists after the hook refused: %s", log)
	}

	// Cleaning only the working tree is not enough: the hook reads what is staged.
	writePost(t, dir, "Call our main line at (646) 555-0123.")
	if msg, err := gitRun(t, dir, "commit", "-m", "reply"); err == nil {
		t.Fatalf("the commit went through with the identifier still staged:\n%s", msg)
	}

	// Staging the clean version (the organisation's own number is allowed) lets it through.
	gitRun(t, dir, "add", ".")
	if msg, err := gitRun(t, dir, "commit", "-m", "reply"); err != nil {
		t.Fatalf("a clean commit was refused: %v\n%s", err, msg)
	}

	// A staged clean file with an identifier left only in the working tree commits too.
	writePost(t, dir, "Call our main line at (646) 555-0123. Thanks Maria Lopez, we saw you last Tuesday.")
	if err := os.WriteFile(filepath.Join(dir, "campaigns", "2027", "other.md"), []byte(strings.Replace(post, "%s", "World AIDS Day is December 1.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	gitRun(t, dir, "add", "campaigns/2027/other.md")
	if msg, err := gitRun(t, dir, "commit", "-m", "other"); err != nil {
		t.Fatalf("a commit of a clean staged file was refused because of an unstaged one: %v\n%s", err, msg)
	}
}

func TestInstallKeepsForeignHook(t *testing.T) {
	dir := t.TempDir()
	if out, err := gitRun(t, dir, "init", "-q"); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "factdesk.yaml"), []byte(config), 0o644)
	hooks := filepath.Join(dir, ".git", "hooks")
	os.MkdirAll(hooks, 0o755)
	os.WriteFile(filepath.Join(hooks, "pre-commit"), []byte("#!/bin/sh\necho mine\n"), 0o755)
	var out, errOut bytes.Buffer
	f := factory.New()
	f.IO = &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	if code := root.Run(context.Background(), f, []string{"--root", dir, "hook", "install"}); code != 2 {
		t.Errorf("install over another hook exited %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), "--force") {
		t.Errorf("the message does not say how to proceed: %s", errOut.String())
	}
	if b, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(b) != "#!/bin/sh\necho mine\n" {
		t.Errorf("the existing hook was changed")
	}
}
