package publish

import (
	"context"
	"fmt"
	"github.com/factdesk/factdesk/tools/repofile"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// Store keeps the ledger durable and gives one run at a time the turn to send. Every
// change is a Change applied to the newest ledger, so runs and people editing the ledger
// never undo each other's work.
type Store interface {
	// Begin waits for the turn (saying which run holds it) and returns the newest ledger.
	Begin(ctx context.Context) (*Ledger, error)
	// Commit applies changes to the newest ledger and makes the result durable. It
	// reports which changes applied and returns the ledger as committed.
	Commit(ctx context.Context, message string, changes []Change) ([]bool, *Ledger, error)
	// End gives the turn back.
	End(ctx context.Context) error
	// Peek reads the newest ledger without taking the turn (for previews).
	Peek(ctx context.Context) (*Ledger, error)
	// Where names where the ledger is, for messages.
	Where() string
}

// Turn is who may send now.
type Turn struct {
	Run   string    `json:"run"`
	Since time.Time `json:"since"`
	// Until is when the turn lapses unless its run renews it (a run that was killed
	// holds it no longer than this).
	Until time.Time `json:"until"`
}

// TurnBusyError says another run holds the turn and this one stopped waiting.
type TurnBusyError struct{ Turn Turn }

func (e *TurnBusyError) Error() string {
	return fmt.Sprintf("%s still holds the turn to publish (since %s, renewed until %s); this run sent nothing, and the next run continues",
		e.Turn.Run, e.Turn.Since.UTC().Format(time.RFC3339), e.Turn.Until.UTC().Format(time.RFC3339))
}

// RunID names this run for people: the workflow run in GitHub Actions, else the user,
// host and process.
func RunID(getenv func(string) string) string {
	if id := getenv("GITHUB_RUN_ID"); id != "" {
		s := "workflow run " + id
		if a := getenv("GITHUB_RUN_ATTEMPT"); a != "" && a != "1" {
			s += " (attempt " + a + ")"
		}
		return s
	}
	host, _ := os.Hostname()
	user := getenv("USER")
	if user == "" {
		user = "someone"
	}
	return fmt.Sprintf("%s@%s pid %d", user, host, os.Getpid())
}

// FileStore keeps the ledger in a file of the working tree and serialises runs on one
// machine with a lock file (an advisory lock the system releases when a run dies). It is
// used when the repository has no remote.
type FileStore struct {
	Path string
	// Lock is the lock file; it holds the name of the run that has the turn.
	Lock string
	Run  string
	// Wait is how long Begin waits for the turn.
	Wait time.Duration
	Log  io.Writer

	f *os.File
}

// Where implements Store.
func (s *FileStore) Where() string { return s.Path }

// Peek implements Store.
func (s *FileStore) Peek(context.Context) (*Ledger, error) { return ReadLedger(s.Path) }

// Begin implements Store.
func (s *FileStore) Begin(ctx context.Context) (*Ledger, error) {
	f, err := os.OpenFile(s.Lock, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the lock file %s: %w", s.Lock, err)
	}
	deadline := time.Now().Add(s.Wait)
	said := ""
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", s.Lock, err)
		}
		holder := readHolder(s.Lock)
		if holder.Run != said && s.Log != nil {
			fmt.Fprintf(s.Log, "Waiting for the turn: %s has been publishing since %s (lock file %s).\n", holder.Run, holder.Since.UTC().Format(time.RFC3339), s.Lock)
			said = holder.Run
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, &TurnBusyError{Turn: holder}
		}
		if err := Sleep(ctx, 100*time.Millisecond); err != nil {
			f.Close()
			return nil, fmt.Errorf("stopped while waiting for the turn: %w", err)
		}
	}
	s.f = f
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("%s\n%s\n", s.Run, time.Now().UTC().Format(time.RFC3339))), 0)
	l, err := ReadLedger(s.Path)
	if err != nil {
		s.End(ctx)
		return nil, err
	}
	return l, nil
}

// maxHolder is the most read of the file that names the run holding the store.
const maxHolder = 4 << 10

func readHolder(path string) Turn {
	b, _ := repofile.ReadLocal(path, maxHolder) // a name and a time; a damaged one says "another run"
	lines := strings.SplitN(strings.TrimSpace(string(b)), "\n", 2)
	t := Turn{Run: "another run"}
	if len(lines) > 0 && lines[0] != "" {
		t.Run = lines[0]
	}
	if len(lines) > 1 {
		t.Since, _ = time.Parse(time.RFC3339, strings.TrimSpace(lines[1]))
	}
	return t
}

// Commit implements Store. Outside a turn (unpublish, a hand settlement) it takes the
// lock for the length of the change.
func (s *FileStore) Commit(ctx context.Context, _ string, changes []Change) ([]bool, *Ledger, error) {
	if s.f == nil {
		if _, err := s.Begin(ctx); err != nil {
			return nil, nil, err
		}
		defer s.End(ctx)
	}
	l, err := ReadLedger(s.Path)
	if err != nil {
		return nil, nil, err
	}
	applied := make([]bool, len(changes))
	for i, c := range changes {
		applied[i] = c.Apply(l)
	}
	if err := l.Write(s.Path); err != nil {
		return nil, nil, err
	}
	return applied, l, nil
}

// End implements Store.
func (s *FileStore) End(context.Context) error {
	if s.f == nil {
		return nil
	}
	_ = s.f.Truncate(0)
	err := syscall.Flock(int(s.f.Fd()), syscall.LOCK_UN)
	s.f.Close()
	s.f = nil
	return err
}
