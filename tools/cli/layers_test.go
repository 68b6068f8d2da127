package cli_test

import (
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/layers"
)

// TestOnlyCommandsImportTheCLI keeps the layers pointing down: the commands (tools/cli/...),
// the main package (tools/cmd/...) and the benchmarks (tools/bench/...) may import
// tools/cli/...; no other package may, in its code or its tests.
func TestOnlyCommandsImportTheCLI(t *testing.T) {
	layers.Check(t, layers.Rule{
		Forbidden: layers.Module + "tools/cli/",
		Allowed:   []string{layers.Module + "tools/cli/", layers.Module + "tools/cmd/", layers.Module + "tools/bench/"},
		Fix:       "only the commands, the main package and the benchmarks may use tools/cli; give the package what it needs as typed values instead",
	})
}
