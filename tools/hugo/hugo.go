// Package hugo locates the Hugo binary pinned in go.mod and runs it, so that tests,
// benchmarks and commands build the site with exactly the Hugo version the project
// declares.
package hugo

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
)

var (
	once    sync.Once
	binPath string
	binErr  error
)

// Binary returns the path of the pinned Hugo binary. FACTDESK_HUGO overrides it;
// otherwise `go tool -n hugo` builds it once into Go's cache and prints its path.
func Binary(ctx context.Context) (string, error) {
	once.Do(func() {
		if p := os.Getenv("FACTDESK_HUGO"); p != "" {
			binPath = p
			return
		}
		var out, errb bytes.Buffer
		cmd := exec.CommandContext(ctx, "go", "tool", "-n", "hugo")
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			binErr = fmt.Errorf("building the pinned Hugo with `go tool -n hugo`: %v: %s", err, strings.TrimSpace(errb.String()))
			return
		}
		binPath = strings.TrimSpace(out.String())
	})
	return binPath, binErr
}

// Build runs `hugo build` in dir with extra arguments and returns its combined output.
func Build(ctx context.Context, dir string, args ...string) ([]byte, error) {
	bin, err := Binary(ctx)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, append([]string{"build"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("hugo build in %s: %w\n%s", dir, err, out)
	}
	return out, nil
}

// ConfigMounts runs `hugo config mounts` in dir and returns its output: one JSON object
// per module, listing the folders and files Hugo reads and where it reads them as.
func ConfigMounts(ctx context.Context, dir string) ([]byte, error) {
	bin, err := Binary(ctx)
	if err != nil {
		return nil, err
	}
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "config", "mounts")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("hugo config mounts in %s: %w: %s", dir, err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}
