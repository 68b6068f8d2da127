package citation_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/citation"
)

// A slow lane must not hold up a fast one, and every task runs once.
func TestRunAllKeepsLanesApart(t *testing.T) {
	t.Parallel()
	var ran atomic.Int32
	var fastDone atomic.Int64
	start := time.Now()
	var tasks []citation.Task
	for range 20 {
		tasks = append(tasks, citation.Task{Lane: "slow.example.org", Run: func(context.Context) {
			time.Sleep(100 * time.Millisecond)
			ran.Add(1)
		}})
		tasks = append(tasks, citation.Task{Lane: "fast.example.org", Run: func(context.Context) {
			ran.Add(1)
			fastDone.Store(int64(time.Since(start)))
		}})
	}
	citation.RunAll(context.Background(), tasks, 8, nil)
	if ran.Load() != 40 {
		t.Fatalf("%d tasks ran, want 40", ran.Load())
	}
	if d := time.Duration(fastDone.Load()); d > 300*time.Millisecond {
		t.Errorf("the fast lane finished after %v, held up by the slow one", d)
	}
	if d := time.Since(start); d < 450*time.Millisecond {
		t.Errorf("20 tasks of 100 ms in a lane of 4 took %v; the lane limit was not kept", d)
	}
}
