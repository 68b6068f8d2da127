package main

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/factdesk/factdesk/tools/bench/privacy/corpus"
	"github.com/factdesk/factdesk/tools/cli/clitest"
)

// Targets of the shapes measurement.
const (
	// linearMax is the most the page four times larger may cost, as a multiple of the
	// smaller: 4 is linear, and the rest allows for the collector and noise.
	linearMax = 5.0
	// proseMax is the most any shape may cost per byte, as a multiple of prose.
	proseMax = 3.0
)

// measureShapes runs `factdesk check -` over each shape at size and 4×size and returns
// the exit code: 1 when a target is missed.
func measureShapes(size int) int {
	dir, err := os.MkdirTemp("", "factdesk-shapes-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "privacy bench:", err)
		return 2
	}
	defer os.RemoveAll(dir)
	// CPU time, not wall time: the machine may be busy with other work.
	run := func(text string) time.Duration {
		best := time.Duration(-1)
		for range 2 {
			t0 := cpuTime()
			_, errOut, code := clitest.Run(context.Background(), text, time.Time{}, "--root", dir, "check", "-", "--format", "json")
			if code > 1 {
				fmt.Fprintf(os.Stderr, "check - failed (exit %d): %s\n", code, errOut)
				os.Exit(2)
			}
			if d := cpuTime() - t0; best < 0 || d < best {
				best = d
			}
		}
		return best
	}
	fmt.Printf("`factdesk check -` over pages of %d MB and %d MB (CPU time, best of 2)\n\n", size>>20, 4*size>>20)
	fmt.Printf("%-10s %12s %12s %8s %14s\n", "shape", "small", "large", "ratio", "per byte/prose")
	failed := false
	var prose float64
	for _, sh := range corpus.Shapes {
		small, large := sh.Page(size), sh.Page(4*size)
		ts, tl := run(small), run(large)
		ratio := float64(tl) / float64(ts)
		perByte := float64(tl) / float64(len(large))
		if sh.Name == "prose" {
			prose = perByte
		}
		rel := perByte / prose
		mark := ""
		if ratio > linearMax || rel > proseMax {
			mark = "  MISSED"
			failed = true
		}
		fmt.Printf("%-10s %12s %12s %7.2fx %13.2fx%s\n", sh.Name, ts.Round(time.Millisecond), tl.Round(time.Millisecond), ratio, rel, mark)
	}
	fmt.Printf("\ntargets: the large page costs at most %.0fx the small one (4x is linear); no shape costs more than %.0fx prose per byte\n", linearMax, proseMax)
	if failed {
		return 1
	}
	fmt.Println("all targets met")
	return 0
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
