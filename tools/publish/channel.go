// Package publish sends due campaign posts to the organisation's accounts and keeps the
// ledger of what went where. Each platform is a Channel in its own file; the engine
// (engine.go) decides what is due, records an intent before every send, retries what is
// safe to retry, and flags for a person what might have gone out but cannot be confirmed.
package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Message is one post as it is sent to one account.
type Message struct {
	Post     string
	Account  string
	Platform string
	// Text is the whole text as sent: copy, link and hashtags.
	Text string
	// Link is the address included in Text, if any.
	Link     string
	Hashtags []string
	// Title and Description describe the linked page, for link cards.
	Title       string
	Description string
	Images      []Image
	PublishAt   time.Time
	// Key is derived from the post and the account only, so every attempt to send the
	// same post to the same account carries the same key.
	Key string
}

// Image is an image attached to a message.
type Image struct {
	// Path is the file on disk.
	Path string `json:"-"`
	// URL is the image's public address on the site, for platforms that fetch it.
	URL string `json:"url,omitempty"`
	Alt string `json:"alt"`
}

// Receipt says where a sent post lives.
type Receipt struct {
	RemoteID string
	URL      string
}

// Guarantee is what a channel promises about duplicates when runs die half-way.
type Guarantee struct {
	// ExactlyOnce is true when the platform lets a repeated send be recognised, by an
	// idempotency key or a look-up; otherwise a send with an unknown outcome is never
	// repeated (at most once) and is flagged for a person.
	ExactlyOnce bool
	// KeyWindow is how long the platform remembers an idempotency key; zero means the
	// key works for as long as it is needed (or a look-up is used instead).
	KeyWindow time.Duration
	// How explains the guarantee in one phrase, for summaries and documentation.
	How string
}

// Channel sends to and deletes from one account on one platform.
type Channel interface {
	Send(ctx context.Context, m *Message) (Receipt, error)
	Delete(ctx context.Context, r Receipt) error
	Guarantee() Guarantee
}

// Finder is implemented by channels that can look up whether a message already went out.
type Finder interface {
	Find(ctx context.Context, m *Message) (Receipt, bool, error)
}

// Outcome says what is known about a failed call.
type Outcome int

// Outcomes of a failed call.
const (
	// NotSent means the platform certainly did not create the post.
	NotSent Outcome = iota
	// Unknown means the post may have been created: the request reached the platform
	// and the answer was an error, was lost, or could not be read.
	Unknown
)

// CallError is a failed call to a platform, with what is known about its outcome.
type CallError struct {
	Outcome Outcome
	// Retry is true when trying again later may succeed (429, a server error, a lost connection).
	Retry bool
	// RetryAfter is the wait the platform asked for, if it did.
	RetryAfter time.Duration
	// Status is the HTTP status, or 0 when there was no answer.
	Status int
	// Account is the kind of account problem (ProblemCredits, ProblemToken, …) when the
	// account itself cannot post until a person acts; "" otherwise.
	Account string
	Msg     string
}

// Error returns the message, which never contains a credential.
func (e *CallError) Error() string { return e.Msg }

// AsCallError returns err as a CallError; any other error counts as an unknown outcome.
// It returns nil for nil.
func AsCallError(err error) *CallError {
	if err == nil {
		return nil
	}
	var ce *CallError
	if errors.As(err, &ce) {
		return ce
	}
	return &CallError{Outcome: Unknown, Msg: err.Error()}
}

// notSent marks an error of a step that comes before the post is created (logging in,
// uploading media, creating an unpublished container): whatever happened, no post exists.
func notSent(step string, err error) error {
	ce := AsCallError(err)
	c := *ce
	c.Outcome = NotSent
	c.Msg = step + ": " + ce.Msg
	return &c
}

// Key derives the idempotency key of post on account: the same on every run and every
// machine, different for every pair.
func Key(post, account string) string {
	sum := sha256.Sum256([]byte("factdesk\x00" + post + "\x00" + account))
	return hex.EncodeToString(sum[:16])
}

func errorf(outcome Outcome, format string, args ...any) error {
	return &CallError{Outcome: outcome, Msg: fmt.Sprintf(format, args...)}
}
