// Package layers checks, with go list, which packages under tools/ import what: the
// tests that keep the layers pointing down and keep go-github in one package use it.
package layers

import (
	"os/exec"
	"strings"
	"testing"
)

// Module is factdesk's module path, with a trailing slash.
const Module = "github.com/factdesk/factdesk/"

// Rule forbids the packages under tools/ to import anything under Forbidden in their
// code or tests, except the packages under one of Allowed.
type Rule struct {
	// Forbidden is an import path prefix ending in "/".
	Forbidden string
	// Allowed are import path prefixes ending in "/": these packages may import it.
	Allowed []string
	// Fix is said with each offence: what to do instead.
	Fix string
}

// Check fails t for each package under tools/ that breaks r.
func Check(t *testing.T, r Rule) {
	t.Helper()
	out, err := exec.Command("go", "list", "-e", "-f",
		`{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`,
		Module+"tools/...").CombinedOutput()
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
		if hasAnyPrefix(fields[0]+"/", r.Allowed) {
			continue
		}
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp+"/", r.Forbidden) {
				t.Errorf("%s imports %s: %s", fields[0], imp, r.Fix)
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
