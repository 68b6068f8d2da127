package publish

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Status is the state of one post on one account in the ledger.
type Status string

// Ledger statuses.
const (
	// Sending is an intent: the publisher recorded, and pushed, that it is about to send.
	// An entry still Sending at the start of a run means the previous run stopped mid-way.
	Sending Status = "sending"
	// Sent means the platform accepted the post; RemoteID and URL say where it is.
	Sent Status = "sent"
	// Uncertain means the post may or may not have gone out; a person must look and decide.
	Uncertain Status = "uncertain"
	// Deleted means the post was taken back with `factdesk unpublish`.
	Deleted Status = "deleted"
)

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
	// Note explains an uncertain or deleted entry to the people reviewing it.
	Note string `json:"note,omitempty"`
}

// Ledger is the record of what was published, kept in the repository so that it is
// reviewable and the site can link to live posts.
type Ledger struct {
	Entries []*Entry `json:"entries"`
	// Paused are the accounts that stopped posting until a person acts (holds.go).
	Paused []*Pause `json:"paused,omitempty"`
}

// ReadLedger reads the ledger at path; a missing file is an empty ledger.
func ReadLedger(path string) (*Ledger, error) {
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Ledger{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the ledger %s: %w", path, err)
	}
	var l Ledger
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("the ledger %s is not valid: %v; restore it from Git history (git log -p -- %s)", path, err, path)
	}
	for i, e := range l.Entries {
		if e == nil || e.Post == "" || e.Account == "" {
			return nil, fmt.Errorf("the ledger %s: entry %d has no post or account; restore it from Git history", path, i+1)
		}
		switch e.Status {
		case Sending, Sent, Uncertain, Deleted:
		default:
			return nil, fmt.Errorf("the ledger %s: entry %d (%s on %s) has unknown status %q; use sending, sent, uncertain or deleted", path, i+1, e.Post, e.Account, e.Status)
		}
	}
	return &l, nil
}

// Write saves the ledger atomically: it never leaves a half-written file.
func (l *Ledger) Write(path string) error {
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
		// Whole seconds in UTC: easier to read and to diff.
		e.Time = e.Time.UTC().Truncate(time.Second)
		if e.Attempted != nil {
			t := e.Attempted.UTC().Truncate(time.Second)
			e.Attempted = &t
		}
	}
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the ledger: %w", err)
	}
	data = append(data, '\n')
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
