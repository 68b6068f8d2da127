package citation

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
)

// Task is one check to run. Lane names what it waits on — a service ("crossref",
// "ncbi") or a web host — so that RunAll can keep every lane busy at once.
type Task struct {
	Lane string
	Run  func(ctx context.Context)
}

// DefaultWorkers bounds the checks running at once.
const DefaultWorkers = 1024

// laneWorkers is how many checks of one lane run at once: enough to keep a host's two
// requests in flight with one more waiting for its turn, few enough that a slow host
// cannot hold the workers every other host needs.
const laneWorkers = 4

// LaneOf returns the lane of a web address: its host.
func LaneOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return strings.ToLower(u.Host)
}

// RunAll runs tasks, at most laneWorkers of a lane and workers in all at once, and calls
// progress after each. Each lane works through its own queue, so a slow or rate-limited
// host delays only its own links.
func RunAll(ctx context.Context, tasks []Task, workers int, progress *Progress) {
	if workers < 1 {
		workers = DefaultWorkers
	}
	lanes := map[string][]Task{}
	var order []string
	for _, t := range tasks {
		if _, ok := lanes[t.Lane]; !ok {
			order = append(order, t.Lane)
		}
		lanes[t.Lane] = append(lanes[t.Lane], t)
	}
	slots := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, name := range order {
		queue := lanes[name]
		var next atomic.Int64
		for range min(laneWorkers, len(queue)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(queue) {
						return
					}
					slots <- struct{}{}
					if ctx.Err() == nil {
						queue[i].Run(ctx)
					}
					<-slots
					progress.Add()
				}
			}()
		}
	}
	wg.Wait()
}
