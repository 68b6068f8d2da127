package reply_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/clitest"
)

func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	return runIn(t, filepath.Join("..", "..", ".."), args...)
}

// runIn runs factdesk on the repository at dir.
func runIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	return clitest.Run(context.Background(), "", time.Time{}, append([]string{"--root", dir}, args...)...)
}

func TestReply(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"list", []string{"reply"}, 0, "private-channel", ""},
		{"filled from factdesk.yaml", []string{"reply", "private-channel", "--platform", "x"}, 0, "(212) 555-0147", "x: "},
		{"crisis", []string{"reply", "crisis-es"}, 0, "988", ""},
		{"override", []string{"reply", "complaint", "--var", "portal=https://portal.example.org/feedback"}, 0, "https://portal.example.org/feedback", ""},
		{"unknown template", []string{"reply", "nope"}, 2, "", "no reply template"},
		{"unused var", []string{"reply", "crisis", "--var", "phone=1"}, 2, "", "does not use phone"},
		{"bad var", []string{"reply", "crisis", "--var", "phone"}, 2, "", "name=value"},
		{"identifier in a var", []string{"reply", "complaint", "--var", "phone=Maria Lopez, who was admitted last week"}, 1, "", "[phi-name]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.err) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errOut, tt.code, tt.out, tt.err)
			}
			if strings.Contains(errOut, "Maria") {
				t.Errorf("the identifier was echoed: %s", errOut)
			}
		})
	}
}
