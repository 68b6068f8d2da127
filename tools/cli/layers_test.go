package cli_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyCommandsImportTheCLI keeps the layers pointing down: the commands (tools/cli/...),
// the main package (tools/cmd/...) and the benchmarks (tools/bench/...) may import
// tools/cli/...; no other package may, in its code or its tests.
func TestOnlyCommandsImportTheCLI(t *testing.T) {
	const module = "github.com/factdesk/factdesk/"
	out, err := exec.Command("go", "list", "-e", "-f",
		`{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`,
		module+"tools/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	allowed := []string{module + "tools/cli/", module + "tools/cmd/", module + "tools/bench/"}
	packages := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		packages++
		pkg := fields[0] + "/"
		if hasAnyPrefix(pkg, allowed) {
			continue
		}
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp+"/", module+"tools/cli/") {
				t.Errorf("%s imports %s: only the commands, the main package and the benchmarks may use tools/cli; give the package what it needs as typed values instead", fields[0], imp)
			}
		}
	}
	if packages < 20 {
		t.Fatalf("go list named only %d packages under tools/:\n%s", packages, out)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
