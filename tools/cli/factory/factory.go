// Package factory gives factdesk's commands what they share: their input and output
// streams, the repository, its configuration, an HTTP client and the clock, each built
// lazily so that a command that never uses one never pays for it. It also defines the
// errors that commands return to choose an exit code.
package factory

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

// IOStreams are a command's standard streams.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Terminal reports whether ErrOut is an interactive terminal (for progress bars).
	Terminal bool
}

// System returns the process's streams.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Terminal: isatty.IsTerminal(os.Stderr.Fd())}
}

// Factory builds what commands need.
type Factory struct {
	IO *IOStreams
	// RootFlag is the repository root given with --root; empty means search upwards.
	RootFlag string
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// Now is the clock; tests replace it.
	Now func() time.Time
	// HTTPClient returns the client for network calls.
	HTTPClient func() *http.Client

	once    sync.Once
	root    string
	rootErr error
}

// New returns a Factory over the process's streams and environment.
func New() *Factory {
	return &Factory{
		IO:         System(),
		Getenv:     os.Getenv,
		Now:        time.Now,
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 30 * time.Second} },
	}
}

// Root returns the repository root.
func (f *Factory) Root() (string, error) {
	f.once.Do(func() {
		dir := f.RootFlag
		if dir == "" {
			dir = "."
		} else if _, err := os.Stat(dir); err != nil {
			f.rootErr = UsageErrorf("--root %s: no such folder", dir)
			return
		}
		f.root, f.rootErr = config.FindRoot(dir)
		if f.rootErr != nil {
			f.rootErr = &ExitError{Code: 2, Err: f.rootErr}
		}
	})
	return f.root, f.rootErr
}

// Config reads factdesk.yaml. A configuration that cannot be read or is invalid ends the
// command with exit code 2, as a wrong --root does.
func (f *Factory) Config() (*config.Config, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(root)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	return cfg, nil
}

// CheckedConfig reads factdesk.yaml and refuses one with errors, listing each with its
// line: for commands that act on the settings (publishing, planning), where a setting
// read wrong would do harm.
func (f *Factory) CheckedConfig() (*config.Config, error) {
	cfg, err := f.Config()
	if err != nil || cfg.Doc == nil {
		return cfg, err
	}
	var msgs []string
	for _, p := range cfg.Doc.Problems {
		if p.Severity == content.Error {
			msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", config.File, p.Line, p.Col, p.Message))
		}
	}
	if len(msgs) > 0 {
		return nil, &ExitError{Code: 2, Err: fmt.Errorf("%s has errors; fix them first:\n  %s", config.File, strings.Join(msgs, "\n  "))}
	}
	return cfg, nil
}

// Repo loads the repository's content, reading no file past the limits set in
// factdesk.yaml.
func (f *Factory) Repo() (*content.Repo, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	lim := content.DefaultLimits()
	if cfg, err := config.Load(root); err == nil {
		lim = cfg.ReadLimits()
	}
	return content.LoadRepoLimits(root, lim)
}

// ExitError ends a command with a given exit code. An ExitError with a nil Err prints
// nothing more: the command has already explained itself.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// UsageError is a mistake in how the command was called: bad flags or arguments, or a
// path that does not exist. It exits with 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// UsageErrorf formats a UsageError.
func UsageErrorf(format string, args ...any) error {
	return &UsageError{Msg: sprintf(format, args...)}
}

// Silent returns an error that exits with code without printing anything.
func Silent(code int) error { return &ExitError{Code: code} }

// ExitCode maps an error returned by a command to the process exit code: 0 for nil, 2
// for usage errors, the code of an ExitError, and 1 otherwise.
func ExitCode(err error) int {
	var ee *ExitError
	var ue *UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	case errors.As(err, &ee):
		return ee.Code
	}
	return 1
}

// Today returns the date that date-dependent checks compare with: flag, written
// YYYY-MM-DD, when given (a --today flag), otherwise the clock's now.
func (f *Factory) Today(flag string) (time.Time, error) {
	if flag == "" {
		return f.Now(), nil
	}
	t, err := content.ParseDate(flag)
	if err != nil {
		return time.Time{}, UsageErrorf("--today: %v", err)
	}
	return t, nil
}
