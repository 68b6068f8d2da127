// Package hook implements `factdesk hook`: a Git pre-commit hook that runs the privacy
// guard on staged content, so patient information is stopped before it is committed.
package hook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/factdesk/factdesk/tools/outfile"
	"github.com/factdesk/factdesk/tools/repofile"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

// marker identifies a hook written by factdesk, so that install may replace it.
const marker = "# factdesk pre-commit hook"

// InstallOptions are the flags of `factdesk hook install`.
type InstallOptions struct {
	Factory *factory.Factory
	// Command is the command the hook runs; empty means this factdesk binary, or
	// `go run ./tools/cmd/factdesk` when factdesk is run with go run.
	Command string
	// Force replaces a pre-commit hook that factdesk did not write.
	Force bool
}

// PreCommitOptions are the flags of `factdesk hook pre-commit`.
type PreCommitOptions struct {
	Factory *factory.Factory
}

// NewCmdHook returns the hook command with its install and pre-commit subcommands.
// runF replaces the install run function in tests.
func NewCmdHook(f *factory.Factory, runF func(*InstallOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook <command>",
		Short: "Install the Git pre-commit hook that blocks patient information",
		Long: `The pre-commit hook runs the privacy guard over the staged versions of fact-checks,
campaign posts, site pages and reply templates, and stops the commit when it finds
patient information. In a public repository a pushed commit is already a disclosure.`,
	}
	cmd.AddCommand(newCmdInstall(f, runF), newCmdPreCommit(f, nil))
	return cmd
}

func newCmdInstall(f *factory.Factory, runF func(*InstallOptions) error) *cobra.Command {
	opts := &InstallOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "install",
		Short: "Write .git/hooks/pre-commit so every commit runs the privacy guard",
		Example: `  factdesk hook install
  factdesk hook install --command "go run ./tools/cmd/factdesk"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return installRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Command, "command", "", "command the hook runs to reach factdesk (default: this binary)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace a pre-commit hook that factdesk did not write")
	return cmd
}

func newCmdPreCommit(f *factory.Factory, runF func(*PreCommitOptions) error) *cobra.Command {
	opts := &PreCommitOptions{Factory: f}
	return &cobra.Command{
		Use:   "pre-commit",
		Short: "Run the privacy guard on staged content (what the hook runs)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return preCommitRun(cmd.Context(), opts)
		},
	}
}

func installRun(ctx context.Context, opts *InstallOptions) error {
	f := opts.Factory
	root, err := f.Root()
	if err != nil {
		return err
	}
	out, err := git(ctx, root, "rev-parse", "--git-path", "hooks")
	if err != nil {
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("finding the Git hooks folder: %w", err)}
	}
	dir := strings.TrimSpace(string(out))
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	path := filepath.Join(dir, "pre-commit")
	old, err := repofile.ReadLocal(path, maxHook) // never a FIFO, a device or a huge file
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !opts.Force {
		return factory.UsageErrorf("%v, or run 'factdesk hook install --force' to replace it", err)
	}
	if err == nil && !bytes.Contains(old, []byte(marker)) && !opts.Force {
		return factory.UsageErrorf("%s already exists and was not written by factdesk; add the line\n  %s hook pre-commit || exit 1\nto it, or run 'factdesk hook install --force' to replace it", path, commandFor(opts))
	}
	script := fmt.Sprintf("#!/bin/sh\n%s: stops commits that carry patient information.\n# Installed by 'factdesk hook install'; delete this file to turn it off.\nexec %s hook pre-commit\n", marker, commandFor(opts))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if err := outfile.WriteFile(path, []byte(script), 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o755); err != nil {
		return fmt.Errorf("making %s executable: %w", path, err)
	}
	fmt.Fprintf(f.IO.Out, "installed %s: each commit now runs the privacy guard on staged content\n", path)
	return nil
}

// maxHook bounds the read of an existing pre-commit hook: a shell script of a few lines.
const maxHook = 1 << 20

// commandFor returns the shell words that run factdesk from the hook.
func commandFor(opts *InstallOptions) string {
	if opts.Command != "" {
		return opts.Command
	}
	exe, err := os.Executable()
	if err != nil || strings.Contains(exe, "go-build") {
		return "go run ./tools/cmd/factdesk"
	}
	return shellQuote(exe)
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// guarded reports whether the guard checks a repository path: fact-checks, campaign
// posts, site pages and the reply templates.
func guarded(path string) bool {
	if path == check.ReplyTemplatesFile {
		return true
	}
	for _, dir := range []string{content.FactChecksDir, content.CampaignsDir, check.PagesDir} {
		if strings.HasPrefix(path, dir+"/") && strings.HasSuffix(path, ".md") {
			return true
		}
	}
	return false
}

func preCommitRun(ctx context.Context, opts *PreCommitOptions) error {
	f := opts.Factory
	root, err := f.Root()
	if err != nil {
		return err
	}
	out, err := git(ctx, root, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR")
	if err != nil {
		return &factory.ExitError{Code: 2, Err: fmt.Errorf("listing staged files: %w", err)}
	}
	cfg, err := f.Config()
	if err != nil {
		cfg = config.Default()
	}
	var repo *content.Repo
	if r, err := f.Repo(); err == nil {
		repo = r
	}
	g := check.PrivacyGuard(cfg, repo)
	var findings []check.Finding
	files := 0
	for _, p := range strings.Split(string(out), "\x00") {
		if p == "" || !guarded(p) {
			continue
		}
		src, err := git(ctx, root, "show", ":"+p)
		if err != nil {
			return &factory.ExitError{Code: 2, Err: fmt.Errorf("reading the staged %s: %w", p, err)}
		}
		files++
		findings = append(findings, check.PrivacyFindings(check.ParseForPrivacy(p, src), g)...)
	}
	for _, fd := range findings {
		fmt.Fprintln(f.IO.ErrOut, fd.String())
	}
	errs, warns, _ := check.Count(findings)
	if errs > 0 {
		fmt.Fprintf(f.IO.ErrOut, "\ncommit stopped: %d possible patient identifier(s) in %d staged file(s).\n"+
			"Remove them and stage the files again, or add a phi-ok comment with the reason on the line.\n"+
			"See docs/privacy-and-replies.md. Nothing was committed.\n", errs, files)
		return factory.Silent(1)
	}
	if warns > 0 {
		fmt.Fprintf(f.IO.ErrOut, "privacy guard: %d warning(s) in staged files; review them before you push\n", warns)
	}
	return nil
}

// git runs git in dir and returns its standard output; its standard error becomes the
// error's text.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("running git: %w", err)
	}
	return out, nil
}
