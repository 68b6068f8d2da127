package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Outbox writes each post to a Markdown file in a folder instead of sending it, for
// people who post by hand and for trying factdesk out. It needs no credentials.
//
// Guarantee: exactly once. The file name is derived from the post and the account, a
// file is written whole or not at all, and an existing file is found before writing.
type Outbox struct {
	// Dir is the folder written to.
	Dir string
	// Root is the repository root; image paths are written relative to it.
	Root string
	// Now stamps the files.
	Now func() time.Time
}

// Guarantee implements Channel.
func (o *Outbox) Guarantee() Guarantee {
	return Guarantee{ExactlyOnce: true, How: "one file per post and account, looked up before writing"}
}

func (o *Outbox) path(post, account string) string {
	return filepath.Join(o.Dir, strings.ReplaceAll(post, "/", "_")+"--"+account+".md")
}

// Find implements Finder: the post went out if its file exists.
func (o *Outbox) Find(_ context.Context, m *Message) (Receipt, bool, error) {
	p := o.path(m.Post, m.Account)
	if _, err := os.Stat(p); err == nil {
		return Receipt{RemoteID: filepath.Base(p)}, true, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return Receipt{}, false, &CallError{Outcome: NotSent, Msg: fmt.Sprintf("reading the outbox: %v", err)}
	}
	return Receipt{}, false, nil
}

// Send implements Channel.
func (o *Outbox) Send(ctx context.Context, m *Message) (Receipt, error) {
	if r, ok, err := o.Find(ctx, m); err != nil || ok {
		return r, err
	}
	var b strings.Builder
	b.WriteString("<!-- Written by factdesk publish: the post below is ready to copy by hand. -->\n\n")
	fmt.Fprintf(&b, "- post: %s\n- account: %s\n- due: %s\n- written: %s\n", m.Post, m.Account,
		m.PublishAt.UTC().Format(time.RFC3339), o.Now().UTC().Format(time.RFC3339))
	for _, img := range m.Images {
		path := img.Path
		if rel, err := filepath.Rel(o.Root, img.Path); err == nil && o.Root != "" && !strings.HasPrefix(rel, "..") {
			path = filepath.ToSlash(rel)
		}
		fmt.Fprintf(&b, "- image: %s\n  alt text: %s\n", path, img.Alt)
	}
	fmt.Fprintf(&b, "\n%s\n", m.Text)
	p := o.path(m.Post, m.Account)
	if err := writeAtomic(p, []byte(b.String())); err != nil {
		return Receipt{}, &CallError{Outcome: NotSent, Msg: err.Error()}
	}
	return Receipt{RemoteID: filepath.Base(p)}, nil
}

// Delete implements Channel: it removes the post's file.
func (o *Outbox) Delete(_ context.Context, r Receipt) error {
	err := os.Remove(filepath.Join(o.Dir, filepath.Base(r.RemoteID)))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing %s from the outbox: %w", r.RemoteID, err)
	}
	return nil
}
