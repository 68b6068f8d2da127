package provenance

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/factdesk/factdesk/tools/repofile"
)

// maxState bounds the state file read: it holds one commit, a few hundred memos at most.
const maxState = 4 << 20

// State is what provenance remembers between runs.
type State struct {
	// Branch is the branch the state is about.
	Branch string `json:"branch"`
	// Verified is the last commit of Branch whose whole history is verified.
	Verified string `json:"verified,omitempty"`
	// Passed memoises commits verified by a run that then stopped at a failing one, so
	// the next run does not run their gates again: commit → pull request number.
	Passed map[string]int `json:"passed,omitempty"`
	// Paths are the files each memoised pull request changed, by its number.
	Paths map[string][]string `json:"paths,omitempty"`
	// Updated is when the state last changed.
	Updated time.Time `json:"updated"`
}

// ReadState reads the state file at path. A missing file is an empty state; a file
// that does not read is reported, and the caller restarts from the restart point.
func ReadState(path string) (*State, error) {
	data, err := repofile.ReadLocal(path, maxState) // no FIFO, device or huge file
	if errors.Is(err, os.ErrNotExist) {
		return &State{}, nil
	}
	var rerr *repofile.Error
	if errors.As(err, &rerr) {
		return &State{}, fmt.Errorf("the provenance state %w; it is ignored", err)
	}
	if err != nil {
		return &State{}, fmt.Errorf("reading the provenance state %s: %w", path, err)
	}
	var st State
	if err := json.Unmarshal(data, &st); err != nil {
		return &State{}, fmt.Errorf("the provenance state %s does not read (%v); it is ignored", path, err)
	}
	return &st, nil
}

// Write saves the state to path (through a temporary file, so a run that dies leaves
// the old state or the new, never half of one).
func (s *State) Write(path string, now time.Time) error {
	s.Updated = now.UTC()
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("writing the provenance state: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the provenance state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing the provenance state: %w", err)
	}
	return nil
}

// prepare forgets a state kept for another branch.
func (s *State) prepare(branch string) {
	if s.Branch != branch {
		*s = State{Branch: branch}
	}
}

func (s *State) pass(sha string, pr int, paths []string) {
	if s.Passed == nil {
		s.Passed, s.Paths = map[string]int{}, map[string][]string{}
	}
	s.Passed[sha] = pr
	s.Paths[fmt.Sprint(pr)] = paths
}

// advance records head as verified and drops the memos, which it covers.
func (s *State) advance(head string) {
	s.Verified, s.Passed, s.Paths = head, nil, nil
}
