package retry

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func TestAfter(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		want     time.Duration
	}{
		{"empty", "", 0},
		{"zero seconds", "0", 0},
		{"seconds", "7", 7 * time.Second},
		{"seconds with spaces", " 120 ", 2 * time.Minute},
		{"negative", "-3", 0},
		{"words", "soon", 0},
		{"HTTP date ahead", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"HTTP date in RFC 850 form", now.Add(time.Hour).Format(time.RFC850), time.Hour},
		{"HTTP date past", now.Add(-time.Minute).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := After(tt.in, now); got != tt.want {
				t.Errorf("After(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestBackoffDoublesWithJitter(t *testing.T) {
	base := time.Second
	for attempt, full := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := Backoff(base, attempt)
			if d < full/2 || d > full {
				t.Fatalf("Backoff(1s, %d) = %v, want between %v and %v", attempt, d, full/2, full)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("Backoff(1s, %d) gave the same wait 50 times: no jitter", attempt)
		}
	}
	if d := Backoff(base, 60); d > 1024*time.Second {
		t.Errorf("Backoff(1s, 60) = %v, want at most 1024s", d)
	}
	if d := Backoff(0, 3); d != 0 {
		t.Errorf("Backoff(0, 3) = %v, want 0", d)
	}
}

func TestSleepEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := Sleep(ctx, time.Hour); err != context.Canceled {
		t.Errorf("Sleep on a cancelled context = %v, want context.Canceled", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("Sleep on a cancelled context took %v", time.Since(start))
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep(1ms) = %v", err)
	}
}
