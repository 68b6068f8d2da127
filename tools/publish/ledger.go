package publish

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/repofile"
)

// Status is the state of one post on one account in the ledger.
type Status string

// Ledger statuses.
const (
	// Sending is an intent: the publisher recorded, and made durable, that it is about to
	// send. An entry still Sending when a run takes its turn was left by a run that stopped.
	Sending Status = "sending"
	// Sent means the platform accepted the post; RemoteID and URL say where it is.
	Sent Status = "sent"
	// Uncertain means the post may or may not have gone out; a person must look and decide.
	Uncertain Status = "uncertain"
	// Deleted means the post was taken back with `factdesk unpublish`.
	Deleted Status = "deleted"
)

// rank orders the statuses: an entry only ever moves to a higher rank, except when a
// person settles an uncertain entry by removing it.
func (s Status) rank() int {
	return map[Status]int{Sending: 1, Uncertain: 2, Sent: 3, Deleted: 4}[s]
}

// Entry is one post on one account.
type Entry struct {
	Post     string `json:"post"`
	Account  string `json:"account"`
	Platform string `json:"platform"`
	Status   Status `json:"status"`
	RemoteID string `json:"remote_id,omitempty"`
	URL      string `json:"url,omitempty"`
	// Time is when the entry last changed status, in UTC.
	Time time.Time `json:"time"`
	// Attempted is when the first send was attempted (set with the intent).
	Attempted *time.Time `json:"attempted,omitempty"`
	// Run names the run that recorded the intent (see RunID), so that only that run
	// records its result.
	Run string `json:"run,omitempty"`
	// Note explains an uncertain or deleted entry to the people reviewing it.
	Note string `json:"note,omitempty"`
}

// Ledger is the record of what was published. It lives on a branch of its own (see
// GitStore), so that the default branch can require reviews.
type Ledger struct {
	Entries []*Entry `json:"entries"`
	// Paused are the accounts that stopped posting until a person acts (holds.go).
	Paused []*Pause `json:"paused,omitempty"`
}

// MaxLedgerSize bounds what is read of a ledger.
const MaxLedgerSize = 64 << 20

// LedgerProblem is one reason a ledger cannot be used, at a byte offset of the file.
type LedgerProblem struct {
	Offset int
	Msg    string
}

// ParseLedger reads a ledger strictly: the whole file is one object with an "entries"
// list and nothing else; every entry has a post, an account and a known status, and no
// post and account appear twice. A damaged ledger is never read as an empty one, since
// that would send again everything in the grace window.
func ParseLedger(src []byte) (*Ledger, []LedgerProblem) {
	var probs []LedgerProblem
	fail := func(off int64, format string, args ...any) (*Ledger, []LedgerProblem) {
		return nil, append(probs, LedgerProblem{int(off), fmt.Sprintf(format, args...)})
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return fail(0, "the ledger is empty; it must be an object with an \"entries\" list")
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	start := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return fail(start, "the ledger is not valid JSON: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fail(start, "the ledger is %s, not an object with an \"entries\" list", describeToken(tok))
	}
	l := &Ledger{}
	seenEntries := false
	for dec.More() {
		keyOff := skipSpaceComma(src, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return fail(keyOff, "the ledger is not valid JSON: %v", err)
		}
		key, _ := tok.(string)
		if key == "paused" {
			// The accounts paused until a person acts (holds.go).
			if l.Paused != nil {
				return fail(keyOff, "\"paused\" appears twice")
			}
			valOff := skipSpaceColon(src, dec.InputOffset())
			if err := dec.Decode(&l.Paused); err != nil {
				return fail(valOff, "\"paused\" is not a list of paused accounts (account, kind, reason, since): %v", cleanJSONError(err))
			}
			for i, p := range l.Paused {
				if p == nil || p.Account == "" {
					return fail(valOff, "paused account %d has no account name", i+1)
				}
			}
			if l.Paused == nil {
				l.Paused = []*Pause{}
			}
			continue
		}
		if key != "entries" {
			return fail(keyOff, "unknown field %q; the ledger holds only \"entries\" and \"paused\"", key)
		}
		if seenEntries {
			return fail(keyOff, "\"entries\" appears twice")
		}
		seenEntries = true
		valOff := skipSpaceColon(src, dec.InputOffset())
		tok, err = dec.Token()
		if err != nil {
			return fail(valOff, "the ledger is not valid JSON: %v", err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return fail(valOff, "\"entries\" is %s, not a list", describeToken(tok))
		}
		type at struct {
			off int
			e   *Entry
		}
		seen := map[[2]string]int{}
		for i := 1; dec.More(); i++ {
			off := int(skipSpaceComma(src, dec.InputOffset()))
			before := dec.InputOffset()
			var e *Entry
			if err := dec.Decode(&e); err != nil {
				var se *json.SyntaxError
				if errors.As(err, &se) {
					return fail(se.Offset, "the ledger is not valid JSON: %v", err)
				}
				if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || dec.InputOffset() == before {
					// Nothing was read (the file ends inside the entry): the decoder
					// would fail here again and again.
					return fail(int64(len(src)), "the ledger is not valid JSON: it ends inside entry %d", i)
				}
				probs = append(probs, LedgerProblem{off, fmt.Sprintf("entry %d: %v", i, cleanJSONError(err))})
				continue
			}
			switch {
			case e == nil:
				probs = append(probs, LedgerProblem{off, fmt.Sprintf("entry %d is null", i)})
				continue
			case e.Post == "" || e.Account == "":
				probs = append(probs, LedgerProblem{off, fmt.Sprintf("entry %d has no post or account", i)})
				continue
			}
			switch e.Status {
			case Sending, Sent, Uncertain, Deleted:
			default:
				probs = append(probs, LedgerProblem{off, fmt.Sprintf("entry %d (%s on %s) has unknown status %q; use sending, sent, uncertain or deleted", i, e.Post, e.Account, e.Status)})
			}
			k := [2]string{e.Post, e.Account}
			if first, dup := seen[k]; dup {
				probs = append(probs, LedgerProblem{off, fmt.Sprintf("entry %d repeats %s on %s (first at line %d); keep one entry per post and account", i, e.Post, e.Account, LinePos(src, first).Line)})
				continue
			}
			seen[k] = off
			l.Entries = append(l.Entries, e)
		}
		if _, err := dec.Token(); err != nil {
			return fail(dec.InputOffset(), "the ledger is not valid JSON: %v", err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail(dec.InputOffset(), "the ledger is not valid JSON: %v", err)
	}
	if !seenEntries {
		return fail(start, "the ledger has no \"entries\" list")
	}
	if rest := dec.InputOffset(); len(bytes.TrimSpace(src[rest:])) > 0 {
		off := int(rest) + (len(src[rest:]) - len(bytes.TrimLeft(src[rest:], " \t\r\n")))
		probs = append(probs, LedgerProblem{off, "data follows the ledger's closing brace; remove it"})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if l.Entries == nil {
		l.Entries = []*Entry{}
	}
	return l, nil
}

func describeToken(tok any) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		if v == '[' {
			return "a list"
		}
		return string(v)
	case string:
		return "a string"
	case bool:
		return "true or false"
	default:
		return "a number"
	}
}

func cleanJSONError(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

func skipSpaceColon(src []byte, off int64) int64 {
	for off < int64(len(src)) && strings.IndexByte(" \t\r\n:", src[off]) >= 0 {
		off++
	}
	return off
}

func skipSpaceComma(src []byte, off int64) int64 {
	for off < int64(len(src)) && strings.IndexByte(" \t\r\n,", src[off]) >= 0 {
		off++
	}
	return off
}

// Pos is a 1-based line and column.
type Pos struct{ Line, Col int }

// LinePos converts a byte offset of src into a line and column.
func LinePos(src []byte, off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(src) {
		off = len(src)
	}
	line := bytes.Count(src[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return Pos{line, col}
}

// LedgerError is a ledger that cannot be used. Publishing stops on it.
type LedgerError struct {
	// Path is the file as people know it (data/ledger.json, or branch:path).
	Path     string
	Src      []byte
	Problems []LedgerProblem
	// Missing is true when there is no ledger at all; Detail then says what to do.
	Missing bool
	Detail  string
}

func (e *LedgerError) Error() string {
	if e.Missing && e.Detail != "" {
		return fmt.Sprintf("there is no ledger at %s, so factdesk cannot tell what was already sent; nothing was sent. %s", e.Path, e.Detail)
	}
	if e.Missing {
		return fmt.Sprintf("there is no ledger at %s, so factdesk cannot tell what was already sent; nothing was sent. "+
			"Restore it from Git history, or, if nothing was ever published, start one with: factdesk ledger init", e.Path)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the ledger %s is damaged, so nothing was sent:", e.Path)
	for _, p := range e.Problems {
		pos := LinePos(e.Src, p.Offset)
		fmt.Fprintf(&b, "\n  %s:%d:%d: %s", e.Path, pos.Line, pos.Col, p.Msg)
	}
	b.WriteString("\nFix it, or restore it from Git history (git log -p); factdesk never starts a new ledger by itself.")
	return b.String()
}

// DecodeLedger parses src, or returns a *LedgerError naming path.
func DecodeLedger(path string, src []byte) (*Ledger, error) {
	l, probs := ParseLedger(src)
	if len(probs) > 0 {
		return nil, &LedgerError{Path: path, Src: src, Problems: probs}
	}
	return l, nil
}

// ReadLedger reads the ledger at path. A missing, empty or damaged file is an error
// (*LedgerError): it is never taken for an empty ledger.
func ReadLedger(path string) (*Ledger, error) {
	src, err := readBounded(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &LedgerError{Path: path, Missing: true}
	}
	var unsafe *repofile.Error
	if errors.As(err, &unsafe) {
		// Not ReadLocal's advice to remove it: the ledger is the record of what was sent.
		what, _, _ := strings.Cut(unsafe.Reason, ";")
		return nil, fmt.Errorf("the ledger %s %s; put the ledger back as an ordinary file (from its Git history) before publishing", path, what)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the ledger %s: %w", path, err)
	}
	return DecodeLedger(path, src)
}

// readBounded reads the ledger file: a regular file once links are followed, never
// past MaxLedgerSize, and no wait on a FIFO.
func readBounded(path string) ([]byte, error) {
	return repofile.ReadLocal(path, MaxLedgerSize)
}

// Encode writes the ledger as sorted, indented JSON with whole seconds in UTC.
func (l *Ledger) Encode() ([]byte, error) {
	sort.SliceStable(l.Entries, func(i, j int) bool {
		a, b := l.Entries[i], l.Entries[j]
		if a.Post != b.Post {
			return a.Post < b.Post
		}
		return a.Account < b.Account
	})
	if l.Entries == nil {
		l.Entries = []*Entry{}
	}
	for _, e := range l.Entries {
		e.Time = e.Time.UTC().Truncate(time.Second)
		if e.Attempted != nil {
			t := e.Attempted.UTC().Truncate(time.Second)
			e.Attempted = &t
		}
	}
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding the ledger: %w", err)
	}
	return append(data, '\n'), nil
}

// Write saves the ledger atomically: it never leaves a half-written file.
func (l *Ledger) Write(path string) error {
	data, err := l.Encode()
	if err != nil {
		return err
	}
	return writeAtomic(path, data)
}

// Get returns the entry for post on account, or nil.
func (l *Ledger) Get(post, account string) *Entry {
	for _, e := range l.Entries {
		if e.Post == post && e.Account == account {
			return e
		}
	}
	return nil
}

// Put adds e, replacing the entry for the same post and account.
func (l *Ledger) Put(e *Entry) {
	for i, x := range l.Entries {
		if x.Post == e.Post && x.Account == e.Account {
			l.Entries[i] = e
			return
		}
	}
	l.Entries = append(l.Entries, e)
}

// Remove drops the entry for post on account.
func (l *Ledger) Remove(post, account string) {
	out := l.Entries[:0]
	for _, x := range l.Entries {
		if x.Post != post || x.Account != account {
			out = append(out, x)
		}
	}
	l.Entries = out
}

// Change is one change to one entry, applied to the newest ledger when it is made
// durable. Changes are conditional, so that a change decided on an older copy of the
// ledger never undoes what happened since: a state only moves forward, and an intent's
// result is recorded only while the entry is still that intent.
type Change struct {
	Post, Account string
	// If is what the entry must be for the change to apply: nil means no entry; otherwise
	// an entry with If.Status and If.Run (and, when set, If.Attempted).
	If *Entry
	// Then is the new entry; nil removes the entry.
	Then *Entry
	// Pause, when set, pauses Pause.Account instead (holds.go); Resume lifts the pause of
	// the account named Account. Post, If and Then are then unused.
	Pause  *Pause
	Resume bool
}

// Apply makes c on l and reports whether it applied.
func (c Change) Apply(l *Ledger) bool {
	switch {
	case c.Pause != nil:
		l.PauseAccount(c.Pause.Account, c.Pause.Kind, c.Pause.Reason, c.Pause.Since)
		return true
	case c.Resume:
		return l.Resume(c.Account)
	}
	cur := l.Get(c.Post, c.Account)
	if !c.matches(cur) {
		return false
	}
	if c.Then == nil {
		l.Remove(c.Post, c.Account)
		return true
	}
	if cur != nil && c.Then.Status.rank() < cur.Status.rank() {
		return false
	}
	e := *c.Then
	l.Put(&e)
	return true
}

func (c Change) matches(cur *Entry) bool {
	if c.If == nil {
		return cur == nil
	}
	if cur == nil || cur.Status != c.If.Status || cur.Run != c.If.Run {
		return false
	}
	if c.If.Attempted != nil && (cur.Attempted == nil || !cur.Attempted.Truncate(time.Second).Equal(c.If.Attempted.Truncate(time.Second))) {
		return false
	}
	return true
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
