// Package clitest runs factdesk in memory for the commands' tests: the whole command line,
// flags and all, goes through root.Run as it does when a user types it, with its own
// standard input and, when a test needs one, a fixed clock.
package clitest

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
)

// Run runs factdesk with args, reading stdin as its standard input and, unless now is the
// zero time, taking now as the current time. It returns what factdesk wrote to standard
// output and standard error, and its exit code.
func Run(ctx context.Context, stdin string, now time.Time, args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	f := factory.New()
	f.IO = &factory.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	if !now.IsZero() {
		f.Now = func() time.Time { return now }
	}
	code = root.Run(ctx, f, args)
	return out.String(), errOut.String(), code
}
