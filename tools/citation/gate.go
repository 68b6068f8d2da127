// Package citation verifies what fact-checks cite: DOIs through Crossref and the doi.org
// handle API, PubMed IDs through NCBI E-utilities, and web links, politely (per-service
// and per-host limits, Retry-After, backoff with jitter), once per run, with a persistent
// cache. It also derives each source's tier from the organisation's policy file.
package citation

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/factdesk/factdesk/tools/retry"
)

// Gate bounds the requests to one service or host: how many start per second, how many
// are open at once, and a pause that a Retry-After answer imposes on all of them.
type Gate struct {
	limiter *rate.Limiter
	slots   chan struct{}

	mu          sync.Mutex
	pausedUntil time.Time
}

// NewGate returns a gate allowing perSecond request starts per second (evenly spaced)
// and inFlight open requests.
func NewGate(perSecond float64, inFlight int) *Gate {
	if inFlight < 1 {
		inFlight = 1
	}
	lim := rate.Inf
	if perSecond > 0 {
		lim = rate.Limit(perSecond)
	}
	return &Gate{limiter: rate.NewLimiter(lim, 1), slots: make(chan struct{}, inFlight)}
}

// Acquire waits until a request may start and returns the function that ends it.
func (g *Gate) Acquire(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() { <-g.slots }
	for {
		g.mu.Lock()
		wait := time.Until(g.pausedUntil)
		g.mu.Unlock()
		if wait <= 0 {
			break
		}
		if err := sleep(ctx, wait); err != nil {
			release()
			return nil, err
		}
	}
	if err := g.limiter.Wait(ctx); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// Pause holds every request through the gate until t (a host's Retry-After).
func (g *Gate) Pause(t time.Time) {
	g.mu.Lock()
	if t.After(g.pausedUntil) {
		g.pausedUntil = t
	}
	g.mu.Unlock()
}

func sleep(ctx context.Context, d time.Duration) error { return retry.Sleep(ctx, d) }

// gates hands out one Gate per key, created on first use.
type gates struct {
	mu        sync.Mutex
	m         map[string]*Gate
	perSecond float64
	inFlight  int
}

func (g *gates) get(key string) *Gate {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]*Gate{}
	}
	gate, ok := g.m[key]
	if !ok {
		gate = NewGate(g.perSecond, g.inFlight)
		g.m[key] = gate
	}
	return gate
}
