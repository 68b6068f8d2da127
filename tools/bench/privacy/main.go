// Command privacy measures the PHI guard on the held-out half of its labelled corpus:
// precision and recall per identifier type against the targets, and scanning speed as a
// ratio against a baseline measured in the same run (one pass of a single email
// regular expression over the same texts). It then scores, line by line, the
// real-world set of the same half (tools/privacy/testdata/realworld: comments in lower
// case, with typos, Spanish, emoji and obfuscated contacts, and equally hard clean
// lines), apart from the old corpus: recall and precision against their own targets.
//
//	go run ./tools/bench/privacy [-set heldout|dev] [-rounds N]
//	go run ./tools/bench/privacy -shapes [-size MB] [-shape NAME] [-cpuprofile FILE]
//
// With -shapes it instead measures the CPU time of the guard's recognizers
// (privacy.Guard.Scan) and of the whole `factdesk check -` (standard input in, JSON
// report out) over a page of each input shape a hostile text can take
// (corpus.Shapes: capitals, digits, '@', repeated names) and of ordinary prose, at
// size and four times size: the larger page must cost about four times the smaller
// (linear time) for both, and no shape may cost the guard more than three times prose
// per byte.
//
// It exits with 1 when a target is missed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/factdesk/factdesk/tools/bench/privacy/corpus"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/privacy"
)

func main() {
	set := flag.String("set", "heldout", "corpus set to measure: heldout or dev")
	rounds := flag.Int("rounds", 20, "rounds over the corpus for the speed measurement")
	shapes := flag.Bool("shapes", false, "measure `factdesk check -` over pages of each input shape instead")
	size := flag.Int("size", 1, "with -shapes: the smaller page, in MB (the larger is four times it)")
	only := flag.String("shape", "", "with -shapes: measure only this shape (and prose, the baseline)")
	cpuprofile := flag.String("cpuprofile", "", "with -shapes: write a CPU profile of the measurement to this file")
	flag.Parse()
	if *shapes {
		os.Exit(measureShapes(*size<<20, *only, *cpuprofile))
	}
	root, err := config.FindRoot(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "privacy bench:", err)
		os.Exit(2)
	}
	samples, err := corpus.LoadSamples(filepath.Join(root, "tools", "privacy", "testdata", "corpus", *set+".jsonl"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "privacy bench:", err)
		os.Exit(2)
	}
	g := privacy.New(corpus.GuardOptions())
	r := corpus.Evaluate(g, samples)
	fmt.Printf("PHI guard on the %s set: %d texts, %d of them clean\n\n%s\n", *set, r.Samples, r.Clean, r.Table())
	fmt.Printf("targets: recall >= %.2f on %v; >= %.2f on names and confirmations; precision >= %.2f overall\n",
		corpus.Targets.FixedRecall, privacy.FixedFormat, corpus.Targets.ContextRecall, corpus.Targets.Precision)

	bytes := 0
	for _, s := range samples {
		bytes += len(s.Text)
	}
	baseline := regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	t0 := time.Now()
	for i := 0; i < *rounds; i++ {
		for _, s := range samples {
			baseline.FindAllStringIndex(s.Text, -1)
		}
	}
	base := time.Since(t0)
	t0 = time.Now()
	for i := 0; i < *rounds; i++ {
		for _, s := range samples {
			g.Scan(s.Text)
		}
	}
	guard := time.Since(t0)
	n := float64(*rounds * len(samples))
	fmt.Printf("\nspeed: %.1f µs per text (%.0f bytes on average), %.1f MB/s; baseline single regexp %.2f µs per text; ratio %.0fx the baseline\n",
		float64(guard.Microseconds())/n, float64(bytes)/float64(len(samples)), float64(bytes**rounds)/guard.Seconds()/1e6,
		float64(base.Microseconds())/n, float64(guard)/float64(base))
	fmt.Printf("Presidio's guidance for a recognizer set is under 100 ms per 100-token request: %.4f of that budget per text\n",
		float64(guard.Microseconds())/n/100000)
	short := r.Shortfalls()
	rw, err := corpus.LoadLines(filepath.Join(root, "tools", "privacy", "testdata", "realworld", *set+".tsv"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "privacy bench:", err)
		os.Exit(2)
	}
	lr := corpus.EvaluateLines(g, rw)
	fmt.Printf("\nPHI guard on the real-world %s set (comments as people write them), line by line: %d lines with a patient detail, %d clean\n",
		*set, lr.PHILines, lr.CleanLines)
	fmt.Printf("caught %d, missed %d, false alarms %d: recall %.3f, precision %.3f (targets %.2f and %.2f)\n",
		lr.TP, lr.FN, lr.FP, lr.Recall(), lr.Precision(), corpus.Targets.RealWorldRecall, corpus.Targets.RealWorldPrecision)
	for _, m := range lr.Misses {
		fmt.Println("  missed:", m)
	}
	for _, m := range lr.FalseAlarms {
		fmt.Println("  false alarm:", m)
	}
	if rc := lr.Recall(); rc < corpus.Targets.RealWorldRecall {
		short = append(short, fmt.Sprintf("real-world recall is %.3f, below %.2f", rc, corpus.Targets.RealWorldRecall))
	}
	if p := lr.Precision(); p < corpus.Targets.RealWorldPrecision {
		short = append(short, fmt.Sprintf("real-world precision is %.3f, below %.2f", p, corpus.Targets.RealWorldPrecision))
	}
	if len(short) > 0 {
		for _, s := range short {
			fmt.Println("MISSED:", s)
		}
		os.Exit(1)
	}
	fmt.Println("all targets met")
}
