// Package report writes check findings in the formats other tools read: SARIF 2.1.0 for
// GitHub code scanning, and GitHub Actions workflow commands that annotate pull requests.
// Any command producing check.Findings can use them.
package report

import (
	"io"

	"github.com/factdesk/factdesk/tools/check"
)

// Formats maps a --format name to its writer.
var Formats = map[string]func(io.Writer, []check.Finding) error{
	"sarif":  SARIF,
	"github": GitHub,
}
