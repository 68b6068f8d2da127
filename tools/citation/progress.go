package citation

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Progress reports how many checks are done: a bar redrawn in place on a terminal,
// or a plain line every tenth of the way (and at the end) otherwise, as in CI logs.
// Add is called by many goroutines; it takes a lock only to draw.
type Progress struct {
	w        io.Writer
	terminal bool
	total    int64
	what     string

	done      atomic.Int64
	lastTenth atomic.Int64
	lastDraw  atomic.Int64
	mu        sync.Mutex
}

// NewProgress starts reporting on w for total items named what ("citations and links").
// A nil w reports nothing.
func NewProgress(w io.Writer, terminal bool, total int, what string) *Progress {
	return &Progress{w: w, terminal: terminal, total: int64(total), what: what}
}

// Add marks one item done.
func (p *Progress) Add() {
	if p == nil || p.w == nil || p.total == 0 || p.w == io.Discard {
		return
	}
	done := p.done.Add(1)
	if p.terminal {
		now := time.Now().UnixNano()
		last := p.lastDraw.Load()
		if done != p.total && (now-last < int64(100*time.Millisecond) || !p.lastDraw.CompareAndSwap(last, now)) {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		const width = 30
		n := int(done * width / p.total)
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, p.total, p.what)
		if done == p.total {
			fmt.Fprintln(p.w)
		}
		return
	}
	tenth := done * 10 / p.total
	last := p.lastTenth.Load()
	if (tenth > last && p.lastTenth.CompareAndSwap(last, tenth)) || done == p.total {
		p.mu.Lock()
		defer p.mu.Unlock()
		fmt.Fprintf(p.w, "checked %d of %d %s\n", done, p.total, p.what)
	}
}
