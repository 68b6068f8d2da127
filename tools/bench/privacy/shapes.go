package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/factdesk/factdesk/tools/bench/privacy/corpus"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
	"github.com/factdesk/factdesk/tools/privacy"
)

// Targets of the shapes measurement.
const (
	// linearMax is the most the page four times larger may cost, as a multiple of the
	// smaller: 4 is linear, and the rest allows for the collector and noise.
	linearMax = 5.0
	// proseMax is the most any shape may cost the guard per byte, as a multiple of prose.
	proseMax = 3.0
)

// measureShapes measures, for each shape at size and 4×size, the guard's recognizers
// (privacy.Guard.Scan) and the whole of `factdesk check -` reading the page on standard
// input and writing its JSON report (to nowhere, as to a file). It returns the exit
// code: 1 when a target is missed.
func measureShapes(size int, only, cpuprofile string) int {
	dir, err := os.MkdirTemp("", "factdesk-shapes-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "privacy bench:", err)
		return 2
	}
	defer os.RemoveAll(dir)
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "privacy bench:", err)
			return 2
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "privacy bench:", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	g := privacy.New(privacy.Options{})
	scan := func(text string) { g.Scan(text) }
	check := func(text string) {
		var errOut bytes.Buffer
		f := factory.New()
		f.IO = &factory.IOStreams{In: strings.NewReader(text), Out: io.Discard, ErrOut: &errOut}
		if code := root.Run(context.Background(), f, []string{"--root", dir, "check", "-", "--format", "json"}); code > 1 {
			fmt.Fprintf(os.Stderr, "check - failed (exit %d): %s\n", code, errOut.String())
			os.Exit(2)
		}
	}
	scan(corpus.Shapes[0].Page(64 << 10)) // the patterns are built on first use
	type row struct {
		name                     string
		small, large             string
		scanS, scanL, chkS, chkL time.Duration
	}
	var rows []*row
	for _, sh := range corpus.Shapes {
		if only != "" && sh.Name != only && sh.Name != "prose" {
			continue
		}
		rows = append(rows, &row{name: sh.Name, small: sh.Page(size), large: sh.Page(4 * size), scanS: -1, scanL: -1, chkS: -1, chkL: -1})
	}
	// Rounds go over every shape and size in turn, so that a stretch of load on the
	// machine falls on all of them alike; each figure is the least of its rounds.
	for range rounds {
		for _, r := range rows {
			keepLeast(&r.scanS, cpuOf(scan, r.small))
			keepLeast(&r.scanL, cpuOf(scan, r.large))
			keepLeast(&r.chkS, cpuOf(check, r.small))
			keepLeast(&r.chkL, cpuOf(check, r.large))
		}
	}
	failed := false
	var proseScan, proseCheck float64
	fmt.Printf("CPU time over pages of %d MB and %d MB of each shape (least of %d rounds)\n\n", size>>20, 4*size>>20, rounds)
	fmt.Printf("%-10s | %-40s | %-40s\n", "", "the guard's recognizers (Guard.Scan)", "`factdesk check -`, JSON report")
	fmt.Printf("%-10s | %8s %8s %7s %14s | %8s %8s %7s %14s\n", "shape", "small", "large", "ratio", "per byte/prose", "small", "large", "ratio", "per byte/prose")
	for _, r := range rows {
		ps, pc := float64(r.scanL)/float64(len(r.large)), float64(r.chkL)/float64(len(r.large))
		if r.name == "prose" {
			proseScan, proseCheck = ps, pc
		}
		scanRatio, chkRatio := float64(r.scanL)/float64(r.scanS), float64(r.chkL)/float64(r.chkS)
		mark := ""
		if scanRatio > linearMax || chkRatio > linearMax || ps/proseScan > proseMax {
			mark = "  MISSED"
			failed = true
		}
		fmt.Printf("%-10s | %8s %8s %6.2fx %13.2fx | %8s %8s %6.2fx %13.2fx%s\n", r.name,
			ms(r.scanS), ms(r.scanL), scanRatio, ps/proseScan, ms(r.chkS), ms(r.chkL), chkRatio, pc/proseCheck, mark)
	}
	fmt.Printf("\ntargets: every large page costs at most %.0fx the small one (4x is linear), for the guard and for `check -`;\n"+
		"no shape costs the guard more than %.0fx prose per byte (`check -` also writes one finding per name found, which prose has none of)\n", linearMax, proseMax)
	if failed {
		return 1
	}
	fmt.Println("all targets met")
	return 0
}

// rounds is how many times each page is measured.
const rounds = 7

// cpuOf returns the CPU time of one run of f over text.
func cpuOf(f func(string), text string) time.Duration {
	runtime.GC() // the garbage of what ran before is not this run's
	t0 := cpuTime()
	f(text)
	return cpuTime() - t0
}

func keepLeast(least *time.Duration, d time.Duration) {
	if *least < 0 || d < *least {
		*least = d
	}
}

func ms(d time.Duration) string { return d.Round(time.Millisecond).String() }

// cpuTime returns the CPU time the process has used, user and system: the machine may
// be busy with other work, which wall time would count.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
