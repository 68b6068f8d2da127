package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// TestNuHTMLChecker runs the Nu HTML Checker (vnu.jar from npm, on Debian's Java) over every
// generated page of the fixture and of the repository's site. Errors and warnings fail.
func TestNuHTMLChecker(t *testing.T) {
	t.Parallel()
	dirs := []string{need(t, &fixture).Dir}
	if s := underTest(t); s != &fixture {
		dirs = append(dirs, s.Dir)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		err = errors.New("java not found: install Debian's default-jre-headless")
	}
	testenv.Require(t, err)
	jar := filepath.Join(repoRoot, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	_, err = os.Stat(jar)
	testenv.Require(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, java, append([]string{"-jar", jar, "--skip-non-html", "--format", "json", "--exit-zero-always"}, dirs...)...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("running the Nu HTML Checker: %v\n%s", err, stderr.String())
	}
	var report struct {
		Messages []struct {
			Type    string `json:"type"`
			SubType string `json:"subType"`
			URL     string `json:"url"`
			Line    int    `json:"lastLine"`
			Message string `json:"message"`
			Extract string `json:"extract"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, stderr.String())
	}
	for _, m := range report.Messages {
		if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "warning" {
			t.Errorf("%s:%d: %s %s: %s\n  %s", m.URL, m.Line, m.Type, m.SubType, m.Message, m.Extract)
		}
	}
}
