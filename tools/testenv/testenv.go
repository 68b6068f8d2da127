// Package testenv lets a test say which outside tool it needs (Chromium, Node and the npm
// packages, Java, git): when the tool is missing the test is skipped on a developer's
// machine, but fails under CI=true, where scripts/test.sh has installed everything and a
// skip would hide missing work.
package testenv

import (
	"os"
	"testing"
)

// Require ends the test when err (what finding the tool returned) is not nil: it fails
// under CI=true and skips otherwise, with err as the reason in both cases.
func Require(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v (CI needs it: scripts/test.sh installs it)", err)
	}
	t.Skipf("%v", err)
}
