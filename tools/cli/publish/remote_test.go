package publish_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	publishcmd "github.com/factdesk/factdesk/tools/cli/publish"
	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// remoteFixture is a repository whose ledger is on the ledger branch of a bare remote
// (a real Git repository on disk), and clones of it, as each runner has.
type remoteFixture struct {
	*fixture
	remote string
}

func newRemoteFixture(t testing.TB, posts []fakeplatform.FixturePost, migrated bool) *remoteFixture {
	t.Helper()
	_, err := execLookGit()
	testenv.Require(t, err)
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "factdesk", "GIT_AUTHOR_EMAIL": "factdesk@example.org", "GIT_COMMITTER_NAME": "factdesk",
		"GIT_COMMITTER_EMAIL": "factdesk@example.org", "GIT_CONFIG_NOSYSTEM": "1"} {
		t.Setenv(k, v)
	}
	fx := newFixture(t, posts, "")
	dir := t.TempDir()
	remote := filepath.Join(dir, "remote.git")
	if migrated {
		if err := seedRemote(fx.root, remote); err != nil {
			t.Fatal(err)
		}
	} else {
		for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "seed"}, {"clone", "-q", "--bare", fx.root, remote}} {
			if _, err := git(fx.root, args...); err != nil {
				t.Fatal(err)
			}
		}
	}
	return &remoteFixture{fixture: fx, remote: remote}
}

// clone returns a fresh clone of the remote, as a runner starts with.
func (rf *remoteFixture) clone(name string) string {
	rf.t.Helper()
	work := filepath.Join(filepath.Dir(rf.remote), name)
	if _, err := git(filepath.Dir(rf.remote), "clone", "-q", rf.remote, work); err != nil {
		rf.t.Fatal(err)
	}
	return work
}

func (rf *remoteFixture) remoteLedger() *publish.Ledger {
	rf.t.Helper()
	src, err := git(rf.remote, "show", ledgerBranch+":data/ledger.json")
	if err != nil {
		rf.t.Fatal(err)
	}
	l, err := publish.DecodeLedger("remote", []byte(src))
	if err != nil {
		rf.t.Fatal(err)
	}
	return l
}

func (rf *remoteFixture) pushLedger(content string) {
	rf.t.Helper()
	work := filepath.Join(filepath.Dir(rf.remote), "edit")
	_ = os.RemoveAll(work)
	if _, err := git(filepath.Dir(rf.remote), "clone", "-q", "-b", ledgerBranch, rf.remote, work); err != nil {
		rf.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "data", "ledger.json"), []byte(content), 0o644); err != nil {
		rf.t.Fatal(err)
	}
	for _, args := range [][]string{{"commit", "-qam", "edit"}, {"push", "-q", "origin", ledgerBranch}} {
		if _, err := git(work, args...); err != nil {
			rf.t.Fatal(err)
		}
	}
}

// TestTwoRunsAtOnceSendEachPostOnce: two publish runs started at the same moment from two
// clones of one remote (a workflow run and one from a terminal) deliver each due post once
// to each account; one waits for the other's turn and finds nothing left to send.
func TestTwoRunsAtOnceSendEachPostOnce(t *testing.T) {
	posts := []fakeplatform.FixturePost{
		{Slug: "p-one", PublishAt: "2027-04-24T10:00", Channels: everyChannel, Copy: "[p-one] Vaccines do not cause autism", Hashtags: []string{"VaccinesWork"}},
		{Slug: "p-two", PublishAt: "2027-04-24T10:01", Channels: everyChannel, Copy: "[p-two] The flu shot cannot give you the flu"},
	}
	rf := newRemoteFixture(t, posts, true)
	rf.srv.SetFaults(func(string, int, *http.Request) fakeplatform.Fault { return fakeplatform.None })
	works := []string{rf.clone("runner"), rf.clone("laptop")}
	codes, outs := make([]int, 2), make([]string, 2)
	var wg sync.WaitGroup
	for i, work := range works {
		env := map[string]string{}
		for k, v := range rf.env {
			env[k] = v
		}
		args := []string{"--root", work, "publish"}
		if i == 0 {
			env["GITHUB_RUN_ID"] = "4242"
			args = append(args, "--push")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var o, e string
			codes[i], o, e = execute(context.Background(), work, env, ny("2027-04-24T10:05"), args...)
			outs[i] = o + e
		}()
	}
	wg.Wait()
	for i := range codes {
		if codes[i] != 0 {
			t.Fatalf("run %d exited %d:\n%s", i, codes[i], outs[i])
		}
	}
	for _, p := range posts {
		for _, account := range p.Channels {
			copies := 0
			if account == "outbox" {
				// The outbox is kept on the ledger branch, where every runner finds it.
				if _, err := git(rf.remote, "cat-file", "-e", ledgerBranch+":outbox/"+p.Slug+"--outbox.md"); err == nil {
					copies++
				}
			} else {
				for _, x := range rf.srv.Posts(platformOf(account)) {
					if markerOf(x.Text) == p.Slug && !x.Deleted {
						copies++
					}
				}
			}
			if copies != 1 {
				t.Errorf("%s → %s went out %d times; want once\n%s\n%s", p.Slug, account, copies, outs[0], outs[1])
			}
			if e := rf.remoteLedger().Get(p.Slug, account); e == nil || e.Status != publish.Sent {
				t.Errorf("%s → %s: the ledger on the remote says %+v; want sent", p.Slug, account, e)
			}
		}
	}
	if turn, _ := git(rf.remote, "show", ledgerBranch+":"+publish.TurnFile); strings.TrimSpace(turn) != "{}" {
		t.Errorf("the turn was not given back: %s", turn)
	}
	if !strings.Contains(outs[0]+outs[1], "Waiting for the turn: ") {
		t.Logf("the runs did not overlap on this machine (no wait was needed):\n%s\n%s", outs[0], outs[1])
	}
}

// TestDamagedLedgerStopsPublishing: a ledger that is missing, null, {} and so on makes
// publish exit 2, naming the problem at its line, and send nothing; on the remote's
// ledger branch and in a repository without a remote.
func TestDamagedLedgerStopsPublishing(t *testing.T) {
	entry := `{"post": "wiw-mmr", "account": "mastodon-main", "platform": "mastodon", "status": "sent", "time": "2027-04-24T14:00:00Z"}`
	tests := []struct{ name, ledger, want string }{
		{"null", "null\n", "data/ledger.json:1:1: the ledger is null"},
		{"empty object", "{}\n", `data/ledger.json:1:1: the ledger has no "entries" list`},
		{"entries null", "{\"entries\": null}\n", `data/ledger.json:1:13: "entries" is null, not a list`},
		{"trailing data", "{\"entries\": []}\n[]\n", "data/ledger.json:2:1: data follows the ledger's closing brace"},
		{"duplicate", "{\"entries\": [\n" + entry + ",\n" + entry + "\n]}\n", "data/ledger.json:3:1: entry 2 repeats wiw-mmr on mastodon-main (first at line 2)"},
		{"unknown state", "{\"entries\": [\n" + strings.Replace(entry, `"sent"`, `"posted"`, 1) + "\n]}\n", `data/ledger.json:2:1: entry 1 (wiw-mmr on mastodon-main) has unknown status "posted"`},
		{"missing", "", "there is no ledger at"},
	}
	for _, tt := range tests {
		t.Run("local "+tt.name, func(t *testing.T) {
			fx := newFixture(t, onePost("mastodon-main", "webhook-main"), "")
			fx.live("mmr-vaccine-autism")
			path := filepath.Join(fx.root, "data", "ledger.json")
			if tt.ledger == "" {
				os.Remove(path)
			} else if err := os.WriteFile(path, []byte(tt.ledger), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := fx.run(ny("2027-04-24T10:05"), "publish")
			if code != 2 || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "goroutine") {
				t.Errorf("exit %d, want 2 and %q:\n%s", code, tt.want, errOut)
			}
			if n := len(fx.srv.Posts("")); n != 0 {
				t.Errorf("%d posts sent from a damaged ledger", n)
			}
			if tt.ledger == "" {
				if _, err := os.Stat(path); err == nil {
					t.Error("publish started a new ledger by itself")
				}
			}
		})
	}
	t.Run("remote null", func(t *testing.T) {
		rf := newRemoteFixture(t, onePost("mastodon-main", "webhook-main"), true)
		rf.live("mmr-vaccine-autism")
		rf.pushLedger("null\n")
		before, _ := git(rf.remote, "rev-parse", ledgerBranch)
		work := rf.clone("runner")
		code, _, errOut := execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "publish", "--push")
		if code != 2 || !strings.Contains(errOut, "factdesk-ledger:data/ledger.json:1:1: the ledger is null") {
			t.Errorf("exit %d, want 2 naming the branch, file and line:\n%s", code, errOut)
		}
		if n := len(rf.srv.Posts("")); n != 0 {
			t.Errorf("%d posts sent from a null ledger", n)
		}
		if after, _ := git(rf.remote, "rev-parse", ledgerBranch); after != before {
			t.Error("publish pushed to a damaged ledger")
		}
	})
}

// TestLedgerMigrates: a repository whose ledger is still on the default branch is moved
// with one command; before that, publish refuses and names it.
func TestLedgerMigrates(t *testing.T) {
	rf := newRemoteFixture(t, onePost("mastodon-main"), false)
	rf.live("mmr-vaccine-autism")
	work := rf.clone("runner")
	code, _, errOut := execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "publish", "--push")
	if code != 2 || !strings.Contains(errOut, "factdesk ledger migrate") || len(rf.srv.Posts("")) != 0 {
		t.Fatalf("exit %d with no ledger branch; want 2 naming the migration:\n%s", code, errOut)
	}
	code, out, errOut := execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "ledger", "migrate")
	if code != 0 || !strings.Contains(out, "git rm data/ledger.json") {
		t.Fatalf("migrate: exit %d:\n%s%s", code, out, errOut)
	}
	if code, _, errOut := execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "ledger", "migrate"); code != 2 || !strings.Contains(errOut, "already has the ledger branch") {
		t.Errorf("a second migrate: exit %d:\n%s", code, errOut)
	}
	code, out, errOut = execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "publish", "--push")
	if code != 0 || len(rf.srv.Posts("mastodon")) != 1 {
		t.Fatalf("publish after migrating: exit %d:\n%s%s", code, out, errOut)
	}
	if e := rf.remoteLedger().Get("wiw-mmr", "mastodon-main"); e == nil || e.Status != publish.Sent {
		t.Fatalf("the send is not on the ledger branch: %+v", e)
	}
	// The site's build reads it from there.
	site := rf.clone("site")
	if code, _, errOut := execute(context.Background(), site, rf.env, ny("2027-04-24T10:05"), "--root", site, "ledger", "export"); code != 0 {
		t.Fatalf("export: exit %d:\n%s", code, errOut)
	}
	l, err := publish.ReadLedger(filepath.Join(site, "data", "ledger.json"))
	if err != nil || l.Get("wiw-mmr", "mastodon-main") == nil {
		t.Fatalf("the exported ledger lacks the send: %v", err)
	}
}

// TestSettleByHandIsNeverReverted: a person settles an uncertain entry on the ledger
// branch; later runs keep it.
func TestSettleByHandIsNeverReverted(t *testing.T) {
	rf := newRemoteFixture(t, onePost("x-main", "mastodon-main"), true)
	rf.live("mmr-vaccine-autism")
	rf.pushLedger(`{"entries": [{"post": "wiw-mmr", "account": "x-main", "platform": "x", "status": "uncertain", "time": "2027-04-24T14:01:00Z", "run": "workflow run 1"}]}` + "\n")
	work := rf.clone("person")
	code, out, errOut := execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "ledger", "settle", "wiw-mmr", "x-main", "--sent", "https://x.com/RiversideHealth/status/1")
	if code != 0 {
		t.Fatalf("settle: exit %d:\n%s%s", code, out, errOut)
	}
	run := rf.clone("runner")
	if code, out, errOut := execute(context.Background(), run, rf.env, ny("2027-04-24T10:05"), "--root", run, "publish", "--push"); code != 0 {
		t.Fatalf("publish: exit %d:\n%s%s", code, out, errOut)
	}
	e := rf.remoteLedger().Get("wiw-mmr", "x-main")
	if e == nil || e.Status != publish.Sent || e.URL != "https://x.com/RiversideHealth/status/1" {
		t.Errorf("the hand settlement became %+v", e)
	}
	if n := len(rf.srv.Posts("x")); n != 0 {
		t.Errorf("%d posts sent to X after it was settled as sent", n)
	}
}

// TestInterruptRecordsSendsInFlight: Ctrl-C during publish records the send in flight
// (as uncertain or as an intent the next run settles), starts no other, and stops at once.
func TestInterruptRecordsSendsInFlight(t *testing.T) {
	posts := []fakeplatform.FixturePost{
		{Slug: "p-one", PublishAt: "2027-04-24T10:00", Channels: []string{"x-main"}, Copy: "[p-one] one"},
		{Slug: "p-two", PublishAt: "2027-04-24T10:01", Channels: []string{"x-main"}, Copy: "[p-two] two"},
	}
	fx := newFixture(t, posts, "")
	fx.srv.Hang = 3 * time.Second
	fx.srv.SetFaults(func(platform string, n int, _ *http.Request) fakeplatform.Fault {
		if platform == "x" {
			return fakeplatform.Hang
		}
		return fakeplatform.None
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	code, out, errOut := execute(ctx, fx.root, fx.env, ny("2027-04-24T10:05"), "publish")
	if took := time.Since(start); took > 1300*time.Millisecond {
		t.Errorf("publish took %s after Ctrl-C; want it to stop within a second", took-300*time.Millisecond)
	}
	if code != 1 || !strings.Contains(errOut, "Publishing was stopped") {
		t.Errorf("exit %d, want 1 and a line saying it stopped:\n%s%s", code, out, errOut)
	}
	l := fx.ledger()
	if e := l.Get("p-one", "x-main"); e == nil || (e.Status != publish.Uncertain && e.Status != publish.Sending) {
		t.Errorf("the send in flight is recorded as %+v; want uncertain", e)
	}
	if e := l.Get("p-two", "x-main"); e != nil {
		t.Errorf("a send that never started is in the ledger: %+v", e)
	}
}

func execLookGit() (string, error) { return gitPath() }

func gitPath() (string, error) { return exec.LookPath("git") }

// BenchmarkRun40x8 is one run of 40 due posts on 8 accounts against a Git remote on this
// machine: it reports the pushes the run made (each a commit on the ledger branch) and its
// time, to compare with the workflow's 20-minute limit (go test -run '^$' -bench Run40x8
// -benchtime 1x ./tools/cli/publish).
func BenchmarkRun40x8(b *testing.B) {
	var posts []fakeplatform.FixturePost
	for i := 0; i < 40; i++ {
		posts = append(posts, fakeplatform.FixturePost{Slug: fmt.Sprintf("p%02d", i), PublishAt: "2027-04-24T10:00", Channels: everyChannel,
			Copy: fmt.Sprintf("[p%02d] Vaccines do not cause autism", i)})
	}
	for i := 0; i < b.N; i++ {
		rf := newRemoteFixture(b, posts, true)
		work := rf.clone("runner")
		before, _ := git(rf.remote, "rev-list", "--count", ledgerBranch)
		start := time.Now()
		code, out, errOut := execute(context.Background(), work, rf.env, ny("2027-04-24T10:05"), "--root", work, "publish", "--push")
		took := time.Since(start)
		after, _ := git(rf.remote, "rev-list", "--count", ledgerBranch)
		var nb, na int
		fmt.Sscan(before, &nb)
		fmt.Sscan(after, &na)
		sent := len(rf.srv.Posts("")) + strings.Count(out, "→ outbox  ")
		b.ReportMetric(float64(na-nb), "pushes/run")
		b.ReportMetric(took.Seconds(), "s/run")
		b.ReportMetric(float64(sent), "sent")
		b.Logf("exit %d; the run's summary:\n%s%s", code, lastLines(out, 3), errOut)
		if code > 1 {
			b.Fatalf("exit %d:\n%s", code, errOut)
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestAtAcceptsRFC3339WithoutSeconds: --at takes RFC 3339 with or without seconds, or a
// local time; a bad value is named as --at, never as the front-matter key.
func TestAtAcceptsRFC3339WithoutSeconds(t *testing.T) {
	want := time.Date(2027, 4, 24, 14, 5, 0, 0, time.UTC)
	for _, in := range []string{"2027-04-24T14:05Z", "2027-04-24T10:05-04:00", "2027-04-24T14:05:00Z", "2027-04-24T10:05"} {
		got, err := publishcmd.ParseAt(in, "America/New_York")
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseAt(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"tomorrow", "2027-04-24", "2027-03-14T02:30"} {
		_, err := publishcmd.ParseAt(in, "America/New_York")
		if err == nil || !strings.Contains(err.Error(), "--at") || strings.Contains(err.Error(), "publish_at") {
			t.Errorf("ParseAt(%q) error = %v; want one naming --at only", in, err)
		}
	}
}
