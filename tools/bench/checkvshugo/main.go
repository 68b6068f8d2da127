// Command checkvshugo measures how long `factdesk check` takes over a corpus of
// generated fact-checks against a Hugo build of the same corpus with a bare-bones theme
// (title and content only), both timed in the same run, and prints the ratio.
// The target is check ≤ 0.5× the build.
//
// Run it from the repository root:
//
//	go run ./tools/bench/checkvshugo               # 10,000 fact-checks
//	go run ./tools/bench/checkvshugo -n 300        # the small run the tests use
//	go run ./tools/bench/checkvshugo -without privacy   # also time the check without a rule
//
// It exits 1 when a run fails, and also when the target is missed with -enforce.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/hugo"
)

// Target is the largest acceptable ratio of check time to build time.
const Target = 0.5

// targetSize is the corpus size the target is set for.
const targetSize = 10000

func main() {
	n := flag.Int("n", targetSize, "fact-checks in the generated corpus")
	runs := flag.Int("runs", 3, "timed runs of each; the fastest counts")
	keep := flag.String("keep", "", "generate the corpus in this folder and keep it")
	enforce := flag.Bool("enforce", false, "exit 1 when the ratio misses the target")
	without := flag.String("without", "", "also time the check without these rules (comma-separated IDs), to see what they cost")
	flag.Parse()
	if err := run(context.Background(), *n, *runs, *keep, *enforce, *without); err != nil {
		fmt.Fprintln(os.Stderr, "checkvshugo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, n, runs int, keep string, enforce bool, without string) error {
	if n < 1 || runs < 1 {
		return errors.New("-n and -runs must be at least 1")
	}
	project, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(project, "data", "reviewers.yaml")); err != nil {
		return fmt.Errorf("run it from the repository root (no data/reviewers.yaml here)")
	}
	dir := keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "checkvshugo-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	corpus := filepath.Join(dir, "repo")
	start := time.Now()
	if err := Generate(project, corpus, n); err != nil {
		return fmt.Errorf("generating the corpus: %w", err)
	}
	fmt.Printf("corpus: %d fact-checks in %s (generated in %s)\n", n, corpus, time.Since(start).Round(time.Millisecond))

	bin := filepath.Join(dir, "factdesk")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./tools/cmd/factdesk")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building factdesk: %w\n%s", err, out)
	}
	hugoBin, err := hugo.Binary(ctx)
	if err != nil {
		return err
	}

	var subset []string
	if without != "" {
		subset = rulesWithout(strings.Split(without, ","))
	}
	// Each is timed -runs times, alternating so that a busy moment of the machine hits
	// all alike; the fastest wall-clock run counts. CPU time (user + system, all threads)
	// is printed too: on a shared machine it moves less with the load.
	var checkBest, subsetBest, buildBest timing
	var checkOut string
	for i := 0; i < runs; i++ {
		t, out, err := timeCheck(ctx, bin, corpus)
		if err != nil {
			return err
		}
		checkBest, checkOut = checkBest.best(t), out
		t, err = timeHugo(ctx, hugoBin, corpus, filepath.Join(dir, "public"))
		if err != nil {
			return err
		}
		buildBest = buildBest.best(t)
		if subset != nil {
			t, _, err := timeCheck(ctx, bin, corpus, "--rule", strings.Join(subset, ","))
			if err != nil {
				return err
			}
			subsetBest = subsetBest.best(t)
		}
	}
	ratio := float64(checkBest.wall) / float64(buildBest.wall)
	verdict := "meets"
	if ratio > Target {
		verdict = "MISSES"
	}
	fmt.Printf("factdesk check: %s (%s)\n", checkBest, checkOut)
	fmt.Printf("hugo build (bare-bones theme): %s\n", buildBest)
	fmt.Printf("ratio check/build: %.3f wall-clock, %.3f CPU; target ≤ %.1f: %s it (check takes %.0f%% of the time it may)\n",
		ratio, float64(checkBest.cpu)/float64(buildBest.cpu), Target, verdict, 100*ratio/Target)
	if n < targetSize {
		fmt.Printf("  (the target is for %d fact-checks; at %d, each program's start-up weighs more than the files)\n", targetSize, n)
	}
	if subset != nil {
		fmt.Printf("factdesk check without %s: %s; ratio %.3f wall-clock, %.3f CPU\n", without, subsetBest,
			float64(subsetBest.wall)/float64(buildBest.wall), float64(subsetBest.cpu)/float64(buildBest.cpu))
	}
	if err := breakdown(ctx, corpus, buildBest.wall); err != nil {
		return err
	}
	if enforce && ratio > Target {
		return fmt.Errorf("check takes %.2f× the build; the target is %.1f×", ratio, Target)
	}
	return nil
}

// timing is one timed run of a command.
type timing struct {
	wall, cpu time.Duration
}

// best returns the faster of t and u by wall-clock time (u when t is unset).
func (t timing) best(u timing) timing {
	if t.wall == 0 || u.wall < t.wall {
		return u
	}
	return t
}

func (t timing) String() string {
	return fmt.Sprintf("%s wall-clock, %s CPU", t.wall.Round(time.Millisecond), t.cpu.Round(time.Millisecond))
}

func timeCommand(cmd *exec.Cmd) (timing, error) {
	start := time.Now()
	err := cmd.Run()
	t := timing{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		t.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	return t, err
}

// timeCheck runs the real factdesk binary over the corpus. Findings are fine (exit 1);
// a check that could not run is not.
func timeCheck(ctx context.Context, bin, corpus string, args ...string) (timing, string, error) {
	cmd := exec.CommandContext(ctx, bin, append([]string{"--root", corpus, "check", "--today", "2027-01-15"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t, err := timeCommand(cmd)
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return timing{}, "", fmt.Errorf("factdesk check: %w\n%s", err, stderr.String())
	}
	return t, strings.TrimSpace(stderr.String()), nil
}

func timeHugo(ctx context.Context, bin, corpus, out string) (timing, error) {
	if err := os.RemoveAll(out); err != nil {
		return timing{}, err
	}
	cmd := exec.CommandContext(ctx, bin, "build", "--quiet", "--source", corpus, "--destination", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t, err := timeCommand(cmd)
	if err != nil {
		return timing{}, fmt.Errorf("hugo build: %w\n%s", err, stderr.String())
	}
	pages, _ := filepath.Glob(filepath.Join(out, "factchecks", "*", "index.html"))
	if len(pages) == 0 {
		return timing{}, fmt.Errorf("hugo built no fact-check pages in %s", out)
	}
	return t, nil
}

// breakdown loads the corpus in this process and times the loader and each offline
// rule, so that a slow part of the check shows by name.
func breakdown(ctx context.Context, corpus string, build time.Duration) error {
	start := time.Now()
	repo, err := content.LoadRepo(corpus)
	if err != nil {
		return err
	}
	load := time.Since(start)
	cfg, err := config.Load(corpus)
	if err != nil {
		return err
	}
	type part struct {
		name string
		d    time.Duration
	}
	parts := []part{{"loader (read, parse, decode)", load}}
	for _, r := range check.Rules() {
		if r.Online {
			continue
		}
		run := check.NewRun(repo, cfg, check.Options{Today: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), Rules: []string{r.ID}})
		start := time.Now()
		run.Execute(ctx)
		parts = append(parts, part{"rule " + r.ID, time.Since(start)})
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].d > parts[j].d })
	fmt.Println("in-process breakdown, slowest first (share of the Hugo build time):")
	for i, p := range parts {
		if i == 8 {
			break
		}
		fmt.Printf("  %-32s %10s  %5.1f%%\n", p.name, p.d.Round(time.Microsecond), 100*float64(p.d)/float64(build))
	}
	return nil
}

// rulesWithout returns the IDs of the offline rules of this build other than those named.
func rulesWithout(names []string) []string {
	skip := map[string]bool{}
	for _, n := range names {
		skip[strings.TrimSpace(n)] = true
	}
	var ids []string
	for _, r := range check.Rules() {
		if !r.Online && !skip[r.ID] {
			ids = append(ids, r.ID)
		}
	}
	return ids
}
