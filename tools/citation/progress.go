package citation

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress reports how many checks are done: a bar redrawn in place on a terminal,
// or a plain line every tenth of the way (and at the end) otherwise, as in CI logs.
type Progress struct {
	w        io.Writer
	terminal bool
	total    int
	what     string

	mu        sync.Mutex
	done      int
	lastTenth int
	lastDraw  time.Time
}

// NewProgress starts reporting on w for total items named what ("citations and links").
// A nil w reports nothing.
func NewProgress(w io.Writer, terminal bool, total int, what string) *Progress {
	return &Progress{w: w, terminal: terminal, total: total, what: what}
}

// Add marks one item done.
func (p *Progress) Add() {
	if p == nil || p.w == nil || p.total == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if p.terminal {
		if p.done == p.total || time.Since(p.lastDraw) > 100*time.Millisecond {
			p.lastDraw = time.Now()
			const width = 30
			n := p.done * width / p.total
			fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), p.done, p.total, p.what)
			if p.done == p.total {
				fmt.Fprintln(p.w)
			}
		}
		return
	}
	tenth := p.done * 10 / p.total
	if tenth > p.lastTenth || p.done == p.total {
		p.lastTenth = tenth
		fmt.Fprintf(p.w, "checked %d of %d %s\n", p.done, p.total, p.what)
	}
}
