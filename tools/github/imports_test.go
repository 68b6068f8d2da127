package github_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyThisPackageImportsGoGitHub keeps GitHub in one place: the client, its retries,
// pagination and error messages live in tools/github, so no other package under tools/
// (code or tests) may import go-github, except the test fakes under tools/testonly/.
func TestOnlyThisPackageImportsGoGitHub(t *testing.T) {
	const module = "github.com/factdesk/factdesk/"
	out, err := exec.Command("go", "list", "-e", "-f",
		`{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`,
		module+"tools/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	packages := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		packages++
		pkg := fields[0]
		if pkg == module+"tools/github" || pkg == module+"tools/github_test" || strings.HasPrefix(pkg, module+"tools/testonly/") {
			continue
		}
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/google/go-github/") {
				t.Errorf("%s imports %s: only tools/github may use go-github; add the call there and use it through tools/github", pkg, imp)
			}
		}
	}
	if packages < 20 {
		t.Fatalf("go list named only %d packages under tools/:\n%s", packages, out)
	}
}
