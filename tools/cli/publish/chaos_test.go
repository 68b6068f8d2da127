package publish_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// The chaos test runs the real command as a child process (this test binary re-executed),
// against fake platforms that inject faults into every call, kills the child with SIGKILL
// at random points, and, like a CI runner, starts every run from a fresh clone of a Git
// remote, so whatever was not pushed is lost. After each scenario it checks that every
// due post went out exactly once on the channels that promise it, at most once (with the
// doubt flagged) on the others, none early, and nothing during a paused run.

func TestMain(m *testing.M) {
	if os.Getenv("FACTDESK_CHAOS_CHILD") == "1" {
		os.Exit(chaosChild())
	}
	os.Exit(m.Run())
}

// chaosChild is the publisher process of one chaos run.
func chaosChild() int {
	f := factory.New()
	now, err := time.Parse(time.RFC3339, os.Getenv("FACTDESK_CHAOS_NOW"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "FACTDESK_CHAOS_NOW:", err)
		return 3
	}
	f.Now = func() time.Time { return now }
	return runRoot(context.Background(), f, strings.Fields(os.Getenv("FACTDESK_CHAOS_ARGS")))
}

const chaosConfig = `publish:
  turn_lease: 10s
  turn_wait: 120s
  timeout: 500ms
  backoff: 1ms
  retries: 2
  max_wait: 1s
`

var (
	atLeastOnce = map[string]bool{"outbox": true, "mastodon": true, "bluesky": true, "webhook": true}
	// Every kind of fault; the slow one (a hang past the client's timeout) less often.
	chaosFaults = []fakeplatform.Fault{fakeplatform.ServerError, fakeplatform.Unavailable, fakeplatform.TooMany, fakeplatform.ResetBefore,
		fakeplatform.ResetAfter, fakeplatform.Malformed, fakeplatform.ErrorAfter, fakeplatform.Hang,
		fakeplatform.ServerError, fakeplatform.Unavailable, fakeplatform.TooMany, fakeplatform.ResetBefore,
		fakeplatform.ResetAfter, fakeplatform.Malformed, fakeplatform.ErrorAfter}
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// chaosFull is the number of scenarios of the full run (BenchmarkChaos); TestChaos runs a
// seeded sample of them (every chaosStride-th, from an offset the seed picks).
const (
	chaosFull   = 1000
	chaosStride = 25
)

// TestChaos runs a seeded sample of the chaos scenarios (40 of the 1,000), or the
// scenarios FACTDESK_CHAOS_SCENARIOS (the first n) or FACTDESK_CHAOS_ONLY (one) name.
func TestChaos(t *testing.T) {
	seed := uint64(envInt("FACTDESK_CHAOS_SEED", 20270424))
	var indices []int
	switch {
	case os.Getenv("FACTDESK_CHAOS_ONLY") != "":
		i, err := strconv.Atoi(os.Getenv("FACTDESK_CHAOS_ONLY"))
		if err != nil {
			t.Fatalf("FACTDESK_CHAOS_ONLY=%q is not a scenario number", os.Getenv("FACTDESK_CHAOS_ONLY"))
		}
		indices = []int{i}
	case os.Getenv("FACTDESK_CHAOS_SCENARIOS") != "":
		first := envInt("FACTDESK_CHAOS_FIRST", 0)
		for i := 0; i < envInt("FACTDESK_CHAOS_SCENARIOS", chaosFull); i++ {
			indices = append(indices, first+i)
		}
	default:
		stride := chaosStride
		if testing.Short() {
			stride *= 4
		}
		for i := int(seed % uint64(stride)); i < chaosFull; i += stride {
			indices = append(indices, i)
		}
	}
	runChaos(t, seed, indices)
}

// BenchmarkChaos is the full chaos run: all 1,000 scenarios, once, whatever -benchtime
// says (go test -run '^$' -bench Chaos -benchtime 1x ./tools/cli/publish). It reports
// the time per scenario.
func BenchmarkChaos(b *testing.B) {
	seed := uint64(envInt("FACTDESK_CHAOS_SEED", 20270424))
	var indices []int
	for i := 0; i < chaosFull; i++ {
		indices = append(indices, i)
	}
	start := time.Now()
	for i := 0; i < b.N; i++ {
		runChaos(b, seed, indices)
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N*len(indices)), "ms/scenario")
}

func runChaos(t testing.TB, seed uint64, indices []int) {
	for _, tool := range []string{"git", "setsid"} {
		_, err := exec.LookPath(tool)
		testenv.Require(t, err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	workers := envInt("FACTDESK_CHAOS_WORKERS", 8)
	base := t.TempDir()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := 0
	stats := map[string]int{}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				dir, err := os.MkdirTemp(base, fmt.Sprintf("scenario-%d-", i))
				if err != nil {
					t.Error(err)
					continue
				}
				sc := &scenario{self: self, seed: seed, index: i, dir: dir, stats: map[string]int{}}
				err = sc.run()
				if os.Getenv("FACTDESK_CHAOS_VERBOSE") != "" {
					t.Logf("scenario %d:\n%s", i, strings.Join(sc.log, "\n"))
				}
				os.RemoveAll(dir) // keep the disk small: every scenario clones many repositories
				mu.Lock()
				for k, v := range sc.stats {
					stats[k] += v
				}
				if err != nil {
					failures++
					if failures <= 5 {
						t.Errorf("scenario %d (reproduce: FACTDESK_CHAOS_SEED=%d FACTDESK_CHAOS_ONLY=%d go test -run TestChaos ./tools/cli/publish): %v\n%s", i, seed, i, err, strings.Join(sc.log, "\n"))
					}
				}
				if p := os.Getenv("FACTDESK_CHAOS_PROGRESS"); p != "" {
					if f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
						fmt.Fprintf(f, "%s scenario %d ok=%v %v\n", time.Now().UTC().Format(time.RFC3339), i, err == nil, err)
						f.Close()
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, i := range indices {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d scenarios, %d failed; %v", len(indices), failures, stats)
	if failures > 0 {
		t.Errorf("%d of %d scenarios failed", failures, len(indices))
	}
	if len(indices) >= 10 {
		for _, what := range []string{"killed", "faults", "paused", "overlapping", "damaged", "settled-by-hand"} {
			if stats[what] == 0 {
				t.Errorf("the scenarios did not exercise %s: %v", what, stats)
			}
		}
	}
}

type scenario struct {
	self  string
	seed  uint64
	index int
	dir   string
	log   []string
	stats map[string]int
}

func (sc *scenario) logf(format string, args ...any) {
	sc.log = append(sc.log, fmt.Sprintf(format, args...))
}

func gitEnv() []string {
	return append(os.Environ(), "GIT_AUTHOR_NAME=factdesk", "GIT_AUTHOR_EMAIL=factdesk@example.org",
		"GIT_COMMITTER_NAME=factdesk", "GIT_COMMITTER_EMAIL=factdesk@example.org", "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0",
		// Throwaway repositories: no fsync, no background maintenance.
		"GIT_CONFIG_COUNT=5", "GIT_CONFIG_KEY_4=receive.autogc", "GIT_CONFIG_VALUE_4=false", "GIT_CONFIG_KEY_0=core.fsync", "GIT_CONFIG_VALUE_0=none",
		"GIT_CONFIG_KEY_1=gc.auto", "GIT_CONFIG_VALUE_1=0", "GIT_CONFIG_KEY_2=maintenance.auto", "GIT_CONFIG_VALUE_2=false",
		// The remote's side of a push runs in its own session, as a real server would: when
		// the runner is killed mid-push, the remote finishes or aborts cleanly instead of
		// dying with it and leaving its ref locked.
		"GIT_CONFIG_KEY_3=remote.origin.receivepack", "GIT_CONFIG_VALUE_3=setsid git-receive-pack")
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// hash64 mixes the scenario's seed with labels into a number, so a fault depends only on
// the scenario, the run, the platform and the call's position, not on goroutine timing.
func hash64(parts ...any) uint64 {
	h := sha256.Sum256([]byte(fmt.Sprint(parts...)))
	return binary.BigEndian.Uint64(h[:8])
}

func (sc *scenario) run() (err error) {
	rng := rand.New(rand.NewPCG(sc.seed, uint64(sc.index)))
	srv := fakeplatform.New()
	srv.CheckDescriptions()
	defer srv.Close()
	defer func() {
		if v := srv.Violations(); len(v) > 0 && err == nil {
			err = fmt.Errorf("the fake's exchanges do not match the published descriptions:\n  %s", strings.Join(v, "\n  "))
		}
	}()
	srv.RetryAfter = 0
	srv.Hang = 600 * time.Millisecond
	t0 := ny("2027-04-24T10:00")
	// Two posts due within the runs, one far in the future; random channels each.
	pick := func() []string {
		var out []string
		for _, a := range fakeplatform.Accounts {
			if rng.IntN(3) > 0 {
				out = append(out, a)
			}
		}
		if len(out) == 0 {
			out = []string{fakeplatform.Accounts[rng.IntN(len(fakeplatform.Accounts))]}
		}
		return out
	}
	posts := []fakeplatform.FixturePost{
		{Slug: "p-one", PublishAt: "2027-04-24T10:00", Channels: pick(), Copy: "[p-one] Vaccines do not cause autism 💉", FactCheck: "mmr-vaccine-autism", Hashtags: []string{"VaccinesWork"}},
		{Slug: "p-two", PublishAt: "2027-04-24T10:10", Channels: pick(), Copy: "[p-two] The flu shot cannot give you the flu", Hashtags: []string{"FluFacts"}},
		{Slug: "p-later", PublishAt: "2027-04-24T16:00", Channels: pick(), Copy: "[p-later] Not yet"},
	}
	due := map[string]time.Time{"p-one": t0, "p-two": t0.Add(10 * time.Minute), "p-later": t0.Add(6 * time.Hour)}
	srv.SetLive("/factchecks/mmr-vaccine-autism/", true)
	remote := filepath.Join(sc.dir, "remote.git")
	seedDir := filepath.Join(sc.dir, "seed")
	outbox := filepath.Join(sc.dir, "outbox-platform")
	env, err := srv.WriteRepo(seedDir, outbox, posts, chaosConfig)
	if err != nil {
		return err
	}
	if err := seedRemote(seedDir, remote); err != nil {
		return err
	}
	// Runs every ten minutes: faulty ones, some killed (at a platform call, at a push of
	// the ledger, or at a random moment), some overlapping with a run from a terminal,
	// some meeting a damaged ledger or a person settling entries by hand meanwhile; then up
	// to three clean ones that must settle everything (on a loaded machine a clean run can
	// still time out, and a post then waits for the next run, as it would in production).
	runs, cleanRuns := 3, 3
	paused := -1
	if rng.IntN(3) == 0 {
		paused = rng.IntN(runs)
	}
	if err := installPushHooks(remote); err != nil {
		return err
	}
	slowed := false
	settledSent := map[[2]string]bool{}
	kills := 0
	var faults atomic.Int64 // counted by the fake's handlers, concurrently
	defer func() { sc.stats["faults"] += int(faults.Load()) }()
	for k := 0; k < runs+cleanRuns; k++ {
		now := t0.Add(time.Duration(5+10*k) * time.Minute)
		clean := k >= runs
		faultRate := 0
		killAt, killPlatform, killAfter, killPush := -1, "", time.Duration(0), ""
		overlap, damage, settle := false, "", false
		if !clean {
			faultRate = 10 + rng.IntN(40) // percent of calls
			switch rng.IntN(5) {
			case 0, 1: // killed at a chosen call
				killPlatform = []string{"mastodon", "bluesky", "x", "linkedin", "facebook", "threads", "webhook", "site"}[rng.IntN(8)]
				killAt = rng.IntN(4)
			case 2: // killed after a random time, wherever it is
				killAfter = time.Duration(5+rng.IntN(400)) * time.Millisecond
			case 3: // killed while pushing the ledger: before or after the remote takes it
				killPush = fmt.Sprintf("%d %s", 1+rng.IntN(6), []string{"pre", "post"}[rng.IntN(2)])
			}
			overlap = rng.IntN(3) == 0
			settle = k > 0 && rng.IntN(2) == 0
			if k != paused && rng.IntN(6) == 0 {
				damage = ledgerDamages[rng.IntN(len(ledgerDamages))]
			}
		}
		before := srv.Posts("")
		var good string
		if damage != "" {
			var err error
			if good, err = damageLedger(sc.dir, remote, damage); err != nil {
				return err
			}
			sc.stats["damaged"]++
		}
		remoteBefore, _ := git(remote, "rev-parse", ledgerBranch)
		var pidMu sync.Mutex
		pids := map[int]bool{}
		kill := func() {
			pidMu.Lock()
			defer pidMu.Unlock()
			for pid := range pids {
				// The whole process group, like a runner dying: no git push outlives it.
				_ = syscall.Kill(-pid, syscall.SIGKILL)
			}
		}
		srv.SetOnKill(kill)
		run := k
		srv.SetFaults(func(platform string, n int, r *http.Request) fakeplatform.Fault {
			if platform == killPlatform && n == killAt+1000*run {
				if hash64(sc.seed, sc.index, run, "kill")%2 == 0 {
					return fakeplatform.KillBefore
				}
				return fakeplatform.KillAfter
			}
			if faultRate == 0 {
				return fakeplatform.None
			}
			h := hash64(sc.seed, sc.index, run, platform, n)
			if int(h%100) < faultRate {
				faults.Add(1)
				return chaosFaults[(h>>8)%uint64(len(chaosFaults))]
			}
			return fakeplatform.None
		})
		srv.ResetCounts(1000 * run)
		// The workflow's run, and maybe one started from a terminal at the same moment.
		type child struct {
			name string
			cmd  *exec.Cmd
			out  *strings.Builder
		}
		var children []*child
		for c := 0; c < 1+btoi(overlap); c++ {
			work := filepath.Join(sc.dir, fmt.Sprintf("run%d-%d", k, c))
			if _, err := git(sc.dir, "clone", "-q", remote, work); err != nil {
				return err
			}
			childEnv := gitEnv()
			for k, v := range env {
				childEnv = append(childEnv, k+"="+v)
			}
			args := "--root " + work + " publish"
			name := "terminal"
			if c == 0 {
				args += " --push"
				name = "workflow"
				childEnv = append(childEnv, fmt.Sprintf("GITHUB_RUN_ID=%d", 1000+k))
			}
			childEnv = append(childEnv, "FACTDESK_CHAOS_CHILD=1", "FACTDESK_CHAOS_NOW="+now.UTC().Format(time.RFC3339),
				"FACTDESK_CHAOS_ARGS="+args, "FACTDESK_PAUSE=false")
			if k == paused {
				childEnv = append(childEnv, "FACTDESK_PAUSE=true")
			}
			cmd := exec.Command(sc.self, "-test.run=^$")
			cmd.Env = childEnv
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			out := &strings.Builder{}
			cmd.Stdout, cmd.Stderr = out, out
			children = append(children, &child{name, cmd, out})
		}
		if k == paused {
			sc.stats["paused"]++
		}
		if overlap {
			sc.stats["overlapping"]++
		}
		started := time.Now()
		for _, c := range children {
			if err := c.cmd.Start(); err != nil {
				return err
			}
			pidMu.Lock()
			pids[c.cmd.Process.Pid] = true
			pidMu.Unlock()
		}
		if killPush != "" {
			if err := os.WriteFile(filepath.Join(remote, "chaos-kill"), []byte(fmt.Sprintf("%s %d\n", killPush, children[0].cmd.Process.Pid)), 0o644); err != nil {
				return err
			}
		}
		var timer *time.Timer
		if killAfter > 0 {
			timer = time.AfterFunc(killAfter, kill)
		}
		type settled struct {
			sent map[[2]string]bool
			err  error
		}
		settleDone := make(chan settled, 1)
		if settle {
			go func() {
				time.Sleep(time.Duration(rng2(sc, k)%300) * time.Millisecond)
				sent, err := settleByHand(sc.dir, remote, srv, k)
				settleDone <- settled{sent, err}
			}()
		} else {
			settleDone <- settled{}
		}
		var runOut strings.Builder
		for _, c := range children {
			err := c.cmd.Wait()
			code, killed := 0, false
			if err != nil {
				ee, ok := err.(*exec.ExitError)
				if !ok {
					return err
				}
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					killed = true
					kills++
					sc.stats["killed"]++
				}
				code = ee.ExitCode()
			}
			sc.logf("run %d (%s) at %s, %s: faults %d%%, kill %s#%d after %s push %q, paused %v, damage %q, settle %v: killed=%v exit=%d\n%s",
				k, c.name, now.Format("15:04"), time.Since(started).Round(time.Millisecond), faultRate, killPlatform, killAt, killAfter, killPush, k == paused, damage, settle, killed, code, indent(c.out.String()))
			if damage != "" && !killed && code != 2 {
				return fmt.Errorf("run %d (%s) met a damaged ledger (%s) but exited %d; want 2", k, c.name, damage, code)
			}
			if damage == "" && !killed && code != 0 && code != 1 {
				return fmt.Errorf("run %d (%s) exited %d (only 0 or 1 are expected)", k, c.name, code)
			}
			if strings.Contains(c.out.String(), "goroutine ") || strings.Contains(c.out.String(), "panic:") {
				return fmt.Errorf("run %d (%s) printed a Go stack trace", k, c.name)
			}
			runOut.WriteString(c.out.String())
		}
		if timer != nil {
			timer.Stop()
		}
		_ = os.Remove(filepath.Join(remote, "chaos-kill"))
		_ = os.Remove(filepath.Join(remote, "chaos-count"))
		st := <-settleDone
		if st.err != nil {
			return st.err
		}
		for key, wasSent := range st.sent {
			if wasSent {
				settledSent[key] = true
			}
			sc.stats["settled-by-hand"]++
		}
		// A request the fake was still working on when the runner died finishes now, and
		// so does a push the remote had already received.
		srv.Drain()
		waitRemoteIdle(remote)
		// Nothing early, nothing while paused, nothing from a damaged ledger.
		after := srv.Posts("")
		for _, p := range after[len(before):] {
			slug := markerOf(p.Text)
			if d, ok := due[slug]; !ok || d.After(now) {
				return fmt.Errorf("run %d at %s sent %q (due %s): early", k, now.Format("15:04"), slug, d.Format("15:04"))
			}
		}
		if k == paused || damage != "" {
			if len(after) != len(before) {
				return fmt.Errorf("run %d was paused or met a damaged ledger but sent %d posts", k, len(after)-len(before))
			}
			if remoteAfter, _ := git(remote, "rev-parse", ledgerBranch); remoteAfter != remoteBefore && !settle {
				return fmt.Errorf("run %d was paused or met a damaged ledger but pushed to the ledger", k)
			}
		}
		if damage != "" {
			// The operator restores the ledger from history.
			if err := restoreLedger(sc.dir, remote, good); err != nil {
				return err
			}
		}
		out := runOut.String()
		if clean && !strings.Contains(out, "waiting ") && !strings.Contains(out, "pending ") && !strings.Contains(out, "failed ") {
			break
		}
		if clean && !slowed {
			// The machine is too busy for the short timeout: an operator would raise it.
			if err := raiseTimeout(sc.dir, remote); err != nil {
				return err
			}
			slowed = true
			sc.logf("timeout raised to 5s for the next clean run")
		}
	}
	if kills > 0 {
		sc.stats["scenarios-with-kills"]++
	}
	ledgerJSON, err := git(remote, "show", ledgerBranch+":data/ledger.json")
	if err != nil {
		return fmt.Errorf("no ledger was pushed: %w", err)
	}
	ledgerFile := filepath.Join(sc.dir, "final-ledger.json")
	if err := os.WriteFile(ledgerFile, []byte(ledgerJSON), 0o644); err != nil {
		return err
	}
	ledger, err := publish.ReadLedger(ledgerFile)
	if err != nil {
		return err
	}
	sc.logf("final ledger:\n%s", indent(ledgerJSON))
	killedInFlight := map[string]int{}
	for _, p := range posts {
		for _, account := range p.Channels {
			platform := platformOf(account)
			copies := 0
			if platform == "outbox" {
				if _, err := os.Stat(filepath.Join(outbox, p.Slug+"--outbox.md")); err == nil {
					copies = 1
				}
			} else {
				for _, x := range srv.Posts(platform) {
					if markerOf(x.Text) == p.Slug && !x.Deleted {
						copies++
					}
				}
			}
			e := ledger.Get(p.Slug, account)
			if settledSent[[2]string{p.Slug, account}] && (e == nil || (e.Status != publish.Sent && e.Status != publish.Deleted)) {
				return fmt.Errorf("%s → %s was settled as sent by hand, but a run moved it back to %+v", p.Slug, account, e)
			}
			if e != nil && e.Status == publish.Uncertain && strings.Contains(e.Note, "stopped before recording") {
				killedInFlight[account]++
				if killedInFlight[account] > kills {
					return fmt.Errorf("%s: %d sends left uncertain by %d killed runs; at most one per account per kill", account, killedInFlight[account], kills)
				}
			}
			switch {
			case p.Slug == "p-later":
				if copies != 0 || e != nil {
					return fmt.Errorf("%s → %s is not due but has %d copies and ledger entry %+v", p.Slug, account, copies, e)
				}
			case atLeastOnce[platform]:
				if copies != 1 {
					return fmt.Errorf("%s → %s promises exactly once but has %d copies", p.Slug, account, copies)
				}
				if e == nil || e.Status != publish.Sent {
					return fmt.Errorf("%s → %s went out but the ledger says %+v", p.Slug, account, e)
				}
				sc.stats["exactly-once"]++
			default:
				if copies > 1 {
					return fmt.Errorf("%s → %s promises at most once but has %d copies", p.Slug, account, copies)
				}
				if e == nil || (e.Status != publish.Sent && e.Status != publish.Uncertain) {
					return fmt.Errorf("%s → %s: the ledger says %+v; want sent or uncertain after a clean run", p.Slug, account, e)
				}
				if e.Status == publish.Sent && copies != 1 {
					return fmt.Errorf("%s → %s is recorded as sent but has %d copies", p.Slug, account, copies)
				}
				if e.Status == publish.Uncertain {
					sc.stats["flagged"]++
				} else {
					sc.stats["at-most-once"]++
				}
			}
		}
	}
	return nil
}

const ledgerBranch = publish.DefaultLedgerBranch

// seedRemote makes the bare remote of a repository written in seedDir, the way a
// migrated repository looks: the default branch without the ledger, and the ledger
// branch holding it.
func seedRemote(seedDir, remote string) error {
	ledger, err := os.ReadFile(filepath.Join(seedDir, "data", "ledger.json"))
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(seedDir, "data", "ledger.json")); err != nil {
		return err
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "seed"}, {"clone", "-q", "--bare", seedDir, remote},
		{"checkout", "-q", "--orphan", ledgerBranch}, {"rm", "-rq", "--cached", "."}} {
		if _, err := git(seedDir, args...); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(seedDir, "data", "ledger.json"), ledger, 0o644); err != nil {
		return err
	}
	for _, args := range [][]string{{"add", "data/ledger.json"}, {"commit", "-q", "-m", "ledger"}, {"push", "-q", remote, ledgerBranch}, {"checkout", "-q", "-f", "main"}} {
		if _, err := git(seedDir, args...); err != nil {
			return err
		}
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func rng2(sc *scenario, k int) uint64 { return hash64(sc.seed, sc.index, k, "settle") }

// installPushHooks makes the remote kill the runner at its n-th push, before the remote
// takes it (pre) or after (post), as told by the file chaos-kill ("n pre|post pgid").
func installPushHooks(remote string) error {
	for _, when := range []string{"pre", "post"} {
		script := fmt.Sprintf(`#!/bin/sh
cd %q || exit 0
[ -f chaos-kill ] || exit 0
read n when pgid < chaos-kill
[ "$when" = %q ] || exit 0
c=$(cat chaos-count 2>/dev/null || echo 0)
c=$((c+1))
echo $c > chaos-count
if [ "$c" = "$n" ]; then kill -9 -"$pgid" 2>/dev/null; fi
exit 0
`, remote, when)
		if err := os.WriteFile(filepath.Join(remote, "hooks", when+"-receive"), []byte(script), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// ledgerDamages are the ways a ledger gets damaged; each must stop publishing.
var ledgerDamages = []string{"null", "{}", "entries-null", "trailing", "duplicate", "unknown-state", "deleted"}

// damageLedger damages the ledger on the remote's ledger branch, like a bad hand edit,
// and returns its good content.
func damageLedger(dir, remote, how string) (string, error) {
	work := filepath.Join(dir, "damage")
	_ = os.RemoveAll(work)
	if _, err := git(dir, "clone", "-q", "-b", ledgerBranch, remote, work); err != nil {
		return "", err
	}
	path := filepath.Join(work, "data", "ledger.json")
	good, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	bad := ""
	switch how {
	case "null":
		bad = "null\n"
	case "{}":
		bad = "{}\n"
	case "entries-null":
		bad = "{\"entries\": null}\n"
	case "trailing":
		bad = string(good) + "{\"entries\": []}\n"
	case "duplicate", "unknown-state":
		e := `{"post": "p-two", "account": "outbox", "platform": "outbox", "status": "sent", "time": "2027-04-24T14:00:00Z"}`
		if how == "unknown-state" {
			e = strings.Replace(e, `"sent"`, `"posted"`, 1)
		} else {
			e = e + ",\n" + e
		}
		bad = "{\"entries\": [\n" + e + "\n]}\n"
	}
	if how == "deleted" {
		_, err = git(work, "rm", "-q", "data/ledger.json")
	} else {
		err = os.WriteFile(path, []byte(bad), 0o644)
	}
	if err != nil {
		return "", err
	}
	if _, err := git(work, "commit", "-qam", "damage the ledger"); err != nil {
		return "", err
	}
	_, err = git(work, "push", "-q", "origin", ledgerBranch)
	return string(good), err
}

// restoreLedger puts the good ledger back on the ledger branch, as an operator would.
func restoreLedger(dir, remote, good string) error {
	work := filepath.Join(dir, "damage")
	if _, err := git(work, "pull", "-q", "--rebase", "origin", ledgerBranch); err != nil {
		return err
	}
	// A deleted ledger may have taken its folder with it (Git keeps no empty folders).
	if err := os.MkdirAll(filepath.Join(work, "data"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(work, "data", "ledger.json"), []byte(good), 0o644); err != nil {
		return err
	}
	if _, err := git(work, "add", "data/ledger.json"); err != nil {
		return err
	}
	if _, err := git(work, "commit", "-qm", "restore the ledger"); err != nil {
		return err
	}
	_, err := git(work, "push", "-q", "origin", ledgerBranch)
	return err
}

// settleByHand does what docs/publishing.md asks of a person for each uncertain entry
// made before run k: looks at the account and records sent (with the address) or removes
// the entry, pushing to the ledger branch while run k is under way. It returns the
// entries it settled: true for sent, false for not sent.
func settleByHand(dir, remote string, srv *fakeplatform.Server, k int) (map[[2]string]bool, error) {
	work := filepath.Join(dir, fmt.Sprintf("person%d", k))
	if _, err := git(dir, "clone", "-q", "-b", ledgerBranch, remote, work); err != nil {
		return nil, err
	}
	sent := map[[2]string]bool{}
	for try := 0; try < 20; try++ {
		path := filepath.Join(work, "data", "ledger.json")
		l, err := publish.ReadLedger(path)
		if err != nil {
			return nil, nil // a damaged ledger: nothing to settle now
		}
		changed := false
		var lastKey [2]string
		for _, e := range l.Entries {
			lastKey = [2]string{e.Post, e.Account}
			if e.Status != publish.Uncertain {
				continue
			}
			copies := 0
			for _, x := range srv.Posts(platformOf(e.Account)) {
				if markerOf(x.Text) == e.Post && !x.Deleted {
					copies++
				}
			}
			if copies > 0 {
				e.Status, e.URL, e.Note = publish.Sent, "https://settled.example/"+e.Post+"/"+e.Account, "found by a person"
				sent[[2]string{e.Post, e.Account}] = true
			} else {
				l.Remove(e.Post, e.Account)
				sent[[2]string{e.Post, e.Account}] = false
			}
			changed = true
			break // one entry per commit, as people do
		}
		if !changed {
			return sent, nil
		}
		if err := l.Write(path); err != nil {
			return nil, err
		}
		if _, err := git(work, "commit", "-qam", "settle by hand"); err != nil {
			return nil, err
		}
		if _, err := git(work, "push", "-q", "origin", ledgerBranch); err != nil {
			// Someone pushed first: look again at what is there now.
			delete(sent, lastKey)
			if _, err := git(work, "fetch", "-q", "origin"); err != nil {
				return nil, err
			}
			if _, err := git(work, "reset", "-q", "--hard", "origin/"+ledgerBranch); err != nil {
				return nil, err
			}
		}
	}
	return sent, nil
}

func markerOf(text string) string {
	text = strings.ReplaceAll(text, `\`, "")
	if i, j := strings.Index(text, "["), strings.Index(text, "]"); i >= 0 && j > i {
		return text[i+1 : j]
	}
	return ""
}

func platformOf(account string) string {
	if account == "outbox" {
		return "outbox"
	}
	return strings.TrimSuffix(account, "-main")
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// raiseTimeout commits and pushes a factdesk.yaml with a 5s network timeout, the way an
// operator would on a slow day.
func raiseTimeout(dir, remote string) error {
	work := filepath.Join(dir, "operator")
	if _, err := git(dir, "clone", "-q", remote, work); err != nil {
		return err
	}
	cfgPath := filepath.Join(work, "factdesk.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		return err
	}
	if err := os.WriteFile(cfgPath, []byte(strings.Replace(string(cfg), "timeout: 500ms", "timeout: 5s", 1)), 0o644); err != nil {
		return err
	}
	if _, err := git(work, "commit", "-q", "-m", "raise the timeout", "--", "factdesk.yaml"); err != nil {
		return err
	}
	_, err = git(work, "push", "-q", "origin", "HEAD:refs/heads/main")
	return err
}

// waitRemoteIdle waits until no process serves a push to remote (a receive-pack that
// outlived the killed runner), by looking for the remote's path in /proc/*/cmdline.
func waitRemoteIdle(remote string) {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		busy := false
		procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, p := range procs {
			if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), remote) && strings.Contains(string(b), "receive-pack") {
				busy = true
				break
			}
		}
		if !busy {
			return
		}
	}
}
