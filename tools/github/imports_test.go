package github_test

import (
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/layers"
)

// TestOnlyThisPackageImportsGoGitHub keeps GitHub in one place: the client, its retries,
// pagination and error messages live in tools/github, so no other package under tools/
// (code or tests) may import go-github, except the test fakes under tools/testonly/.
func TestOnlyThisPackageImportsGoGitHub(t *testing.T) {
	layers.Check(t, layers.Rule{
		Forbidden: "github.com/google/go-github/",
		Allowed:   []string{layers.Module + "tools/github/", layers.Module + "tools/testonly/"},
		Fix:       "only tools/github may use go-github; add the call there and use it through tools/github",
	})
}
