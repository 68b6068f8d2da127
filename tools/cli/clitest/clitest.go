// Package clitest runs factdesk in memory for the commands' tests: the whole command line,
// flags and all, goes through root.Run as it does when a user types it, with its own
// standard input and, when a test needs them, a fixed clock, its own environment and an
// HTTP client that reaches fake servers.
package clitest

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
)

// Options are what a test gives factdesk instead of the process's own.
type Options struct {
	// Stdin is the standard input.
	Stdin string
	// Now, unless zero, is the current time for the whole run.
	Now time.Time
	// Env, when not nil, is the whole environment the command sees: nothing of the
	// test process's environment reaches it.
	Env map[string]string
	// HTTPClient, when not nil, makes every network call.
	HTTPClient *http.Client
}

// Run runs factdesk with args, reading stdin as its standard input and, unless now is the
// zero time, taking now as the current time. It returns what factdesk wrote to standard
// output and standard error, and its exit code.
func Run(ctx context.Context, stdin string, now time.Time, args ...string) (stdout, stderr string, code int) {
	return Exec(ctx, Options{Stdin: stdin, Now: now}, args...)
}

// Exec runs factdesk with args and what o injects, and returns what it wrote to standard
// output and standard error, and its exit code.
func Exec(ctx context.Context, o Options, args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	f := Factory(o)
	f.IO = &factory.IOStreams{In: strings.NewReader(o.Stdin), Out: &out, ErrOut: &errOut}
	code = root.Run(ctx, f, args)
	return out.String(), errOut.String(), code
}

// Factory returns the factory Exec runs with, for a test that builds one command itself
// (to pass it a runF hook): o's environment, clock and HTTP client, and empty streams.
func Factory(o Options) *factory.Factory {
	f := factory.New()
	f.IO = &factory.IOStreams{In: strings.NewReader(o.Stdin), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	if !o.Now.IsZero() {
		f.Now = func() time.Time { return o.Now }
	}
	if o.Env != nil {
		env := o.Env
		f.Getenv = func(k string) string { return env[k] }
	} else {
		f.Getenv = os.Getenv
	}
	if o.HTTPClient != nil {
		c := o.HTTPClient
		f.HTTPClient = func() *http.Client { return c }
	}
	return f
}
