package citation

import (
	"context"
	"net/url"
	"strings"
	"sync"
)

// Task is one check to run. Lane names what it waits on — a service ("crossref",
// "ncbi") or a web host — so that RunAll can spread work across lanes.
type Task struct {
	Lane string
	Run  func(ctx context.Context)
}

// DefaultWorkers bounds the checks running at once. Each waits in its lane's gate, so
// the politeness limits, not this number, set the pace per service and host.
const DefaultWorkers = 1024

// LaneOf returns the lane of a web address: its host.
func LaneOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return strings.ToLower(u.Host)
}

// RunAll runs tasks with at most workers at once, taking them round-robin across lanes
// so that no host's queue holds up the others, and calls progress after each.
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
	queue := make([]Task, 0, len(tasks))
	for i := 0; len(queue) < len(tasks); i++ {
		for _, l := range order {
			if i < len(lanes[l]) {
				queue = append(queue, lanes[l][i])
			}
		}
	}
	work := make(chan Task, workers)
	var wg sync.WaitGroup
	for range min(workers, len(queue)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				if ctx.Err() == nil {
					t.Run(ctx)
				}
				progress.Add()
			}
		}()
	}
	for _, t := range queue {
		work <- t
	}
	close(work)
	wg.Wait()
}
