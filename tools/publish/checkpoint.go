package publish

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// GitCheckpoint commits the ledger (and the outbox) and pushes the commit, so that the
// record survives the runner. It is what the scheduled workflow uses.
type GitCheckpoint struct {
	Root string
	// Paths are the files and folders to commit, relative to Root.
	Paths []string
	// Remote and Branch say where to push (origin and the default branch).
	Remote string
	Branch string
}

func (g *GitCheckpoint) git(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = g.Root
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(out.String()))
	}
	return out.String(), nil
}

// Checkpoint implements Checkpointer.
func (g *GitCheckpoint) Checkpoint(ctx context.Context, message string) error {
	var paths []string
	for _, p := range g.Paths {
		if _, err := os.Stat(filepath.Join(g.Root, p)); err == nil {
			paths = append(paths, p)
		}
	}
	if len(paths) > 0 {
		if _, err := g.git(ctx, append([]string{"add", "--all", "--"}, paths...)...); err != nil {
			return err
		}
		if out, err := g.git(ctx, append([]string{"commit", "--quiet", "--no-verify", "-m", message, "--"}, paths...)...); err != nil && !strings.Contains(out, "nothing to commit") && !strings.Contains(out, "nothing added to commit") {
			return err
		}
	}
	var last error
	for try := 0; try < 3; try++ {
		_, err := g.git(ctx, "push", "--quiet", g.Remote, "HEAD:refs/heads/"+g.Branch)
		if err == nil {
			return nil
		}
		last = err
		// Someone merged meanwhile: put the ledger commit on top and try again.
		if _, err := g.git(ctx, "pull", "--quiet", "--rebase", g.Remote, g.Branch); err != nil {
			_, _ = g.git(ctx, "rebase", "--abort")
			return fmt.Errorf("pushing the ledger: %w", err)
		}
	}
	return fmt.Errorf("pushing the ledger: %w", last)
}

// CurrentBranch returns the branch being run on: GITHUB_REF_NAME or GITHUB_REF in
// GitHub Actions, else Git's current branch.
func CurrentBranch(ctx context.Context, root string, getenv func(string) string) (string, error) {
	if getenv("GITHUB_ACTIONS") == "true" {
		if ref := getenv("GITHUB_REF"); strings.HasPrefix(ref, "refs/heads/") {
			return strings.TrimPrefix(ref, "refs/heads/"), nil
		} else if ref != "" {
			return ref, nil
		}
	}
	g := &GitCheckpoint{Root: root}
	out, err := g.git(ctx, "rev-parse", "--abbrev-ref", "HEAD")
	if err != nil {
		return "", fmt.Errorf("finding the current branch: %w", err)
	}
	return strings.TrimSpace(out), nil
}
