// Package testenv sets up what tests need from outside the code: the tools they run
// (Chromium, Node and the npm packages, Java, git), which are skipped without on a
// developer's machine but fail under CI=true, where scripts/test.sh has installed
// everything and a skip would hide missing work; and copies of the sample repository or of
// fixtures to work on.
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

// Copy copies the file or folder src to dst, failing the test on an error. A folder is
// copied whole (os.CopyFS), into dst whether or not dst exists; no file may exist yet.
func Copy(t testing.TB, src, dst string) {
	t.Helper()
	info, err := os.Stat(src)
	if err == nil && info.IsDir() {
		err = os.CopyFS(dst, os.DirFS(src))
	} else if err == nil {
		var b []byte
		if b, err = os.ReadFile(src); err == nil {
			err = os.WriteFile(dst, b, 0o644)
		}
	}
	if err != nil {
		t.Fatalf("copying %s to %s: %v", src, dst, err)
	}
}
