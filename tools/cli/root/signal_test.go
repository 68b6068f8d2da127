package root

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runMainEnv makes the test binary act as factdesk itself: the signal tests start it
// again with this variable set, so that Main handles real signals in a real process.
const runMainEnv = "FACTDESK_TEST_RUN_MAIN"

func init() {
	if os.Getenv(runMainEnv) == "1" {
		catching = func() { os.WriteFile(os.Getenv(runMainEnv+"_READY"), nil, 0o644) }
		os.Args = append(os.Args[:1], strings.Fields(os.Getenv(runMainEnv+"_ARGS"))...)
		os.Exit(Main())
	}
}

// TestSignalStopsCommand: Ctrl-C and SIGTERM stop a command that is busy (here `check -`
// still reading its input) within a second, with exit 130 or 143 and a message.
func TestSignalStopsCommand(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
		says string
	}{{syscall.SIGTERM, 143, "stopped by SIGTERM"}, {syscall.SIGINT, 130, "stopped by Ctrl-C"}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			ready := filepath.Join(t.TempDir(), "ready")
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), runMainEnv+"=1", runMainEnv+"_ARGS=--root "+t.TempDir()+" check -", runMainEnv+"_READY="+ready)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			// Some text, and the input left open: the command is still at work.
			io.WriteString(stdin, strings.Repeat("Our patient was seen today. ", 1000))
			waitFor(t, ready)
			t0 := time.Now()
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 5 s after %v", tt.sig)
			}
			took := time.Since(t0)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tt.code {
				t.Fatalf("exit: %v, want code %d; stderr: %s", err, tt.code, errOut.String())
			}
			if !strings.Contains(errOut.String(), tt.says) {
				t.Errorf("stderr %q does not say %q", errOut.String(), tt.says)
			}
			if took > time.Second {
				t.Logf("took %v to stop (a busy machine?)", took)
			}
		})
	}
}

// waitFor waits until the file ready exists: Main catches the signals.
func waitFor(t *testing.T, ready string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ready); err == nil {
			time.Sleep(50 * time.Millisecond) // the command is under way
			return
		}
	}
	t.Fatal("factdesk never started catching signals")
}
