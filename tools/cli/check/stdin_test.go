package check_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/clitest"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// run runs factdesk with args and stdin, returning stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	return clitest.Run(context.Background(), stdin, time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), args...)
}

// planted are identifiers that appear in the inputs below; no output may repeat them.
var planted = []string{"Maria Lopez", "312-867-5309", "867-5309", "jane.doe@gmail.com", "219-09-9998", "we saw you"}

const plantedText = "Hi Maria Lopez, we saw you last Tuesday after your surgery.\nCall me at 312-867-5309 or jane.doe@gmail.com; SSN 219-09-9998.\n"

func TestCheckStdin(t *testing.T) {
	tests := []struct {
		name, in string
		code     int
		want     []string
	}{
		{"identifiers", plantedText, 1, []string{"-:1:4: error:", "[phi-name]", "-:1:17: error:", "[phi-confirmation]", "-:2:12: error:", "[phi-phone]", "[phi-email]", "[phi-ssn]"}},
		{"clean health copy", "World AIDS Day is December 1. If you are in crisis, call or text 988. Dr. Jonas Salk developed the polio vaccine.", 0, nil},
		{"waived with a reason", "Call our main line (646) 555-0123 <!-- phi-ok: our switchboard, listed on the contact page -->", 0, nil},
		{"waiver without reason", "Call (646) 555-0123 <!-- phi-ok -->", 1, []string{"[phi-phone]", "[phi-waiver]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.in, "--root", t.TempDir(), "check", "-")
			if code != tt.code {
				t.Errorf("exit code %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, p := range planted {
				if strings.Contains(out+errOut, p) {
					t.Errorf("output repeats %q", p)
				}
			}
		})
	}
}

func TestCheckStdinNotText(t *testing.T) {
	_, errOut, code := run(t, "\xff\xfe\x00bad", "--root", t.TempDir(), "check", "-")
	if code != 2 || !strings.Contains(errOut, "not UTF-8") {
		t.Errorf("exit %d, stderr %q; want 2 and a message about UTF-8", code, errOut)
	}
}

// TestNoFormatEchoesIdentifiers writes the guard's findings over a repository with
// planted identifiers in every output format, and over standard input.
func TestNoFormatEchoesIdentifiers(t *testing.T) {
	repo := t.TempDir()
	base := filepath.Join("..", "..", "check", "testdata", "base")
	testenv.Copy(t, base, repo)
	post := "---\ntitle: Reply\nobservance: world-immunization-week\npublish_at: 2027-04-26T09:00\ntimezone: America/New_York\nchannels: [mastodon-main]\ncopy:\n  default: \"" +
		strings.ReplaceAll(strings.TrimSpace(plantedText), "\n", " ") + "\"\n---\n\n" + plantedText
	if err := os.WriteFile(filepath.Join(repo, "campaigns", "2027", "reply.md"), []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json", "sarif", "github"} {
		for _, src := range []string{"repo", "stdin"} {
			args := []string{"--root", repo, "check", "--rule", "privacy", "--format", format}
			in := ""
			if src == "stdin" {
				args = append(args, "-")
				in = plantedText
			}
			out, errOut, code := run(t, in, args...)
			if code != 1 {
				t.Errorf("%s/%s: exit %d, want 1\n%s", format, src, code, errOut)
			}
			if !strings.Contains(out, "phi-phone") || !strings.Contains(out, "phi-email") {
				t.Errorf("%s/%s: findings missing from the output:\n%s", format, src, out)
			}
			for _, p := range planted {
				if strings.Contains(out+errOut, p) {
					t.Errorf("%s/%s: output repeats %q", format, src, p)
				}
			}
		}
	}
}
