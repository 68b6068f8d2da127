package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultLedgerBranch is the branch the ledger lives on unless publish.ledger_branch
// says otherwise. It needs no pull requests (the publisher pushes to it) and must not
// allow force pushes.
const DefaultLedgerBranch = "factdesk-ledger"

// TurnFile is the file on the ledger branch that says which run holds the turn.
const TurnFile = "turn.json"

// GitStore keeps the ledger on a branch of the Git remote, and coordinates every run on
// every machine through it. Each change is a commit on top of the branch's newest
// commit, pushed without force: when another run or a person pushed first, the push is
// refused, and the changes are applied again to what they pushed. A run sends only after
// a push that records its intent, and only while a push of its own holds the turn.
//
// The branch holds the ledger at the same path as on the default branch, the turn file,
// and the folders listed in Mirror (the outbox), never the site's content.
type GitStore struct {
	Root   string
	Remote string
	Branch string
	// Path is the ledger's path on the branch, e.g. data/ledger.json.
	Path string
	// Mirror are folders of the working tree, relative to Root, kept on the branch too.
	Mirror []string
	Run    string
	// Lease is how long the turn lasts without a renewal; Wait how long Begin waits.
	Lease, Wait time.Duration
	Log         io.Writer
	// Clock is the real clock (the turn is about real time, whatever --at says).
	Clock func() time.Time

	mu      sync.Mutex
	head    string
	held    bool
	pushed  time.Time
	stop    chan struct{}
	stopped chan struct{}
	cache   map[string]snapshot
	ident   *[]string
	// Pushes counts the pushes made, for reports and benchmarks.
	Pushes int
}

func (g *GitStore) now() time.Time {
	if g.Clock != nil {
		return g.Clock()
	}
	return time.Now()
}

// Where implements Store.
func (g *GitStore) Where() string { return g.Branch + ":" + g.Path }

func (g *GitStore) localRef() string { return "refs/factdesk/" + g.Branch }

func (g *GitStore) git(ctx context.Context, stdin []byte, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = g.Root
	cmd.Env = append(append(os.Environ(), "GIT_TERMINAL_PROMPT=0"), env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	// When the context ends, ask git to stop (it removes its lock files on SIGTERM)
	// and kill it only if it has not within the delay: a git killed outright leaves a
	// ref's .lock behind, and every later fetch in this clone fails on it.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// ErrNoLedgerBranch means the remote has no ledger branch yet.
var ErrNoLedgerBranch = errors.New("no ledger branch")

// fetch brings the branch's newest commit to localRef and returns it.
// The fetch updates localRef alone ("--refmap=" keeps git from also updating
// refs/remotes/<remote>/<branch>), so that it takes one ref lock, ours.
func (g *GitStore) fetch(ctx context.Context) (string, error) {
	if _, err := g.git(ctx, nil, nil, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--refmap=", g.Remote, "+refs/heads/"+g.Branch+":"+g.localRef()); err != nil {
		if strings.Contains(err.Error(), "couldn't find remote ref") {
			return "", fmt.Errorf("%w: %s has no branch %s", ErrNoLedgerBranch, g.Remote, g.Branch)
		}
		return "", fmt.Errorf("fetching the ledger branch %s from %s: %w", g.Branch, g.Remote, err)
	}
	head, err := g.git(ctx, nil, nil, "rev-parse", "--verify", g.localRef())
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(head), nil
}

// show reads files of one commit with one git process; a missing file is left out.
func (g *GitStore) show(ctx context.Context, rev string, files ...string) (map[string][]byte, error) {
	var in bytes.Buffer
	for _, f := range files {
		in.WriteString(rev + ":" + f + "\n")
	}
	out, err := g.git(ctx, in.Bytes(), nil, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	got := map[string][]byte{}
	rest := []byte(out)
	for _, f := range files {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("reading %s of %s: short answer from git cat-file", f, rev)
		}
		header := strings.Fields(string(rest[:nl]))
		rest = rest[nl+1:]
		if len(header) == 2 && header[1] == "missing" {
			continue
		}
		if len(header) != 3 {
			return nil, fmt.Errorf("reading %s of %s: unexpected answer %q from git cat-file", f, rev, header)
		}
		var size int
		if _, err := fmt.Sscan(header[2], &size); err != nil || size > len(rest) {
			return nil, fmt.Errorf("reading %s of %s: bad size in %q", f, rev, header)
		}
		if size > MaxLedgerSize {
			return nil, fmt.Errorf("%s on %s is larger than %d MiB", f, g.Branch, MaxLedgerSize>>20)
		}
		got[f] = rest[:size]
		rest = rest[size:]
		if len(rest) > 0 && rest[0] == '\n' {
			rest = rest[1:]
		}
	}
	return got, nil
}

type snapshot struct {
	l *Ledger
	t *Turn
}

func (g *GitStore) read(ctx context.Context, head string) (*Ledger, *Turn, error) {
	if g.cache == nil {
		g.cache = map[string]snapshot{}
	}
	sn, ok := g.cache[head]
	if !ok {
		files, err := g.show(ctx, head, g.Path, TurnFile)
		if err != nil {
			return nil, nil, err
		}
		src, ok := files[g.Path]
		if !ok {
			return nil, nil, &LedgerError{Path: g.Where(), Missing: true}
		}
		l, err := DecodeLedger(g.Where(), src)
		if err != nil {
			return nil, nil, err
		}
		var t *Turn
		if b := bytes.TrimSpace(files[TurnFile]); len(b) > 0 && string(b) != "{}" {
			t = &Turn{}
			if err := json.Unmarshal(b, t); err != nil || t.Run == "" {
				// A turn file nobody can read holds no turn.
				t = nil
			}
		}
		sn = snapshot{l, t}
		clear(g.cache)
		g.cache[head] = sn
	}
	// A copy: changes replace entries, never edit them.
	l := &Ledger{Entries: append([]*Entry(nil), sn.l.Entries...)}
	var t *Turn
	if sn.t != nil {
		c := *sn.t
		t = &c
	}
	return l, t, nil
}

// Begin implements Store: it waits until no other run holds a live turn, takes it with a
// push, and brings back the mirrored folders (the outbox) from the branch.
func (g *GitStore) Begin(ctx context.Context) (*Ledger, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	deadline := g.now().Add(g.Wait)
	said := ""
	for {
		head, err := g.fetch(ctx)
		if err != nil {
			if errors.Is(err, ErrNoLedgerBranch) {
				return nil, g.noBranch()
			}
			return nil, err
		}
		l, t, err := g.read(ctx, head)
		if err != nil {
			return nil, err
		}
		now := g.now()
		if t != nil && t.Run != g.Run && t.Until.After(now) {
			if t.Run != said && g.Log != nil {
				fmt.Fprintf(g.Log, "Waiting for the turn: %s has been publishing since %s (its turn lapses at %s unless it renews it).\n",
					t.Run, t.Since.UTC().Format(time.RFC3339), t.Until.UTC().Format(time.RFC3339))
				said = t.Run
			}
			if now.After(deadline) {
				return nil, &TurnBusyError{Turn: *t}
			}
			if err := Sleep(ctx, 500*time.Millisecond); err != nil {
				return nil, fmt.Errorf("stopped while waiting for the turn: %w", err)
			}
			continue
		}
		turn := &Turn{Run: g.Run, Since: now, Until: now.Add(g.Lease)}
		sha, err := g.commitTree(ctx, head, l, turn, "publish: "+g.Run+" takes the turn")
		if err != nil {
			return nil, err
		}
		if err := g.push(ctx, sha); err != nil {
			if errors.Is(err, errRejected) {
				continue
			}
			return nil, err
		}
		g.head, g.held, g.pushed = sha, true, now
		if err := g.restoreMirror(ctx, sha); err != nil {
			return nil, err
		}
		g.stop, g.stopped = make(chan struct{}), make(chan struct{})
		go g.heartbeat()
		return l, nil
	}
}

// heartbeat renews the turn when no push did for a third of the lease.
func (g *GitStore) heartbeat() {
	defer close(g.stopped)
	tick := time.NewTicker(g.Lease / 6)
	defer tick.Stop()
	for {
		select {
		case <-g.stop:
			return
		case <-tick.C:
			g.mu.Lock()
			due := g.held && g.now().Sub(g.pushed) > g.Lease/3
			g.mu.Unlock()
			if due {
				ctx, cancel := context.WithTimeout(context.Background(), g.Lease/3)
				_, _, _ = g.Commit(ctx, "publish: "+g.Run+" renews the turn", nil)
				cancel()
			}
		}
	}
}

var errRejected = errors.New("the branch moved")

// ErrTurnLost means another run took the turn (this run's lapsed): this run must stop.
var ErrTurnLost = errors.New("another run took the turn")

// Commit implements Store. The turn is renewed with every commit.
func (g *GitStore) Commit(ctx context.Context, message string, changes []Change) ([]bool, *Ledger, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	head := g.head
	for try := 0; ; try++ {
		if try > 0 || head == "" {
			h, err := g.fetch(ctx)
			if err != nil {
				return nil, nil, err
			}
			head = h
		}
		l, t, err := g.read(ctx, head)
		if err != nil {
			return nil, nil, err
		}
		now := g.now()
		var turn *Turn
		if g.held {
			if t == nil || t.Run != g.Run {
				g.held = false
				who := "a person"
				if t != nil {
					who = t.Run
				}
				return nil, nil, fmt.Errorf("%w: %s holds it now (this run's turn lapsed or was cleared); stopping", ErrTurnLost, who)
			}
			turn = &Turn{Run: g.Run, Since: t.Since, Until: now.Add(g.Lease)}
		} else {
			turn = t
			if t != nil && t.Until.Before(now) {
				turn = nil
			}
		}
		applied := make([]bool, len(changes))
		for i, c := range changes {
			applied[i] = c.Apply(l)
		}
		sha, err := g.commitTree(ctx, head, l, turn, message)
		if err != nil {
			return nil, nil, err
		}
		if err := g.push(ctx, sha); err != nil {
			if errors.Is(err, errRejected) && try < 50 {
				continue
			}
			return nil, nil, err
		}
		g.head, g.pushed = sha, now
		return applied, l, nil
	}
}

// End implements Store: it clears the turn (if this run still holds it).
func (g *GitStore) End(ctx context.Context) error {
	g.mu.Lock()
	if !g.held {
		g.mu.Unlock()
		return nil
	}
	stop, stopped := g.stop, g.stopped
	g.mu.Unlock()
	close(stop)
	<-stopped
	g.mu.Lock()
	defer g.mu.Unlock()
	head := g.head
	for try := 0; try < 50; try++ {
		if try > 0 {
			h, err := g.fetch(ctx)
			if err != nil {
				return err
			}
			head = h
		}
		l, t, err := g.read(ctx, head)
		if err != nil {
			return err
		}
		if t == nil || t.Run != g.Run {
			g.held = false
			return nil
		}
		sha, err := g.commitTree(ctx, head, l, nil, "publish: "+g.Run+" ends its turn")
		if err != nil {
			return err
		}
		if err := g.push(ctx, sha); err != nil {
			if errors.Is(err, errRejected) {
				continue
			}
			return err
		}
		g.head, g.held = sha, false
		return nil
	}
	return fmt.Errorf("giving back the turn: the branch %s kept moving", g.Branch)
}

// commitTree writes a commit on parent with the ledger, the turn and the mirrored folders.
func (g *GitStore) commitTree(ctx context.Context, parent string, l *Ledger, turn *Turn, message string) (string, error) {
	data, err := l.Encode()
	if err != nil {
		return "", err
	}
	tj := []byte("{}\n")
	if turn != nil {
		turn.Since, turn.Until = turn.Since.UTC().Truncate(time.Second), turn.Until.UTC().Truncate(time.Second)
		tj, _ = json.MarshalIndent(turn, "", "  ")
		tj = append(tj, '\n')
	}
	tmpDir, err := os.MkdirTemp("", "factdesk-ledger-*")
	if err != nil {
		return "", fmt.Errorf("building the ledger commit: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	paths := []string{g.Path, TurnFile}
	files := []string{filepath.Join(tmpDir, "ledger"), filepath.Join(tmpDir, "turn")}
	if err := os.WriteFile(files[0], data, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(files[1], tj, 0o644); err != nil {
		return "", err
	}
	for _, dir := range g.Mirror {
		root := filepath.Join(g.Root, filepath.FromSlash(dir))
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if rel, err := filepath.Rel(g.Root, p); err == nil {
				paths, files = append(paths, filepath.ToSlash(rel)), append(files, p)
			}
			return nil
		})
	}
	blobs, err := g.git(ctx, nil, nil, append([]string{"hash-object", "-w", "--"}, files...)...)
	if err != nil {
		return "", err
	}
	shas := strings.Fields(blobs)
	if len(shas) != len(paths) {
		return "", fmt.Errorf("building the ledger commit: git hash-object gave %d ids for %d files", len(shas), len(paths))
	}
	var info bytes.Buffer
	for i, p := range paths {
		fmt.Fprintf(&info, "100644 %s\t%s\n", shas[i], p)
	}
	env := []string{"GIT_INDEX_FILE=" + filepath.Join(tmpDir, "index")}
	if parent != "" {
		if _, err := g.git(ctx, nil, env, "read-tree", parent); err != nil {
			return "", err
		}
	}
	if _, err := g.git(ctx, info.Bytes(), env, "update-index", "--add", "--index-info"); err != nil {
		return "", err
	}
	tree, err := g.git(ctx, nil, env, "write-tree")
	if err != nil {
		return "", err
	}
	args := []string{"commit-tree", strings.TrimSpace(tree), "-m", message}
	if parent != "" {
		args = append(args, "-p", parent)
	}
	sha, err := g.git(ctx, nil, g.identity(ctx), args...)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(sha), nil
}

// identity supplies a committer when Git has none configured.
func (g *GitStore) identity(ctx context.Context) []string {
	if g.ident != nil {
		return *g.ident
	}
	id := g.findIdentity(ctx)
	g.ident = &id
	return id
}

func (g *GitStore) findIdentity(ctx context.Context) []string {
	if out, err := g.git(ctx, nil, nil, "config", "user.email"); err == nil && strings.TrimSpace(out) != "" {
		return nil
	}
	if os.Getenv("GIT_COMMITTER_EMAIL") != "" {
		return nil
	}
	return []string{"GIT_AUTHOR_NAME=factdesk publisher", "GIT_AUTHOR_EMAIL=factdesk@localhost",
		"GIT_COMMITTER_NAME=factdesk publisher", "GIT_COMMITTER_EMAIL=factdesk@localhost"}
}

// push pushes sha to the branch without force. errRejected means someone pushed first.
func (g *GitStore) push(ctx context.Context, sha string) error {
	var last error
	for try := 0; try < 3; try++ {
		_, err := g.git(ctx, nil, nil, "push", "--quiet", "--porcelain", g.Remote, sha+":refs/heads/"+g.Branch)
		g.Pushes++
		if err == nil {
			return nil
		}
		last = err
		if ctx.Err() != nil {
			return fmt.Errorf("pushing the ledger: %w", ctx.Err())
		}
		// Refused because the branch moved, or a network failure: look at the branch.
		out, lerr := g.git(ctx, nil, nil, "ls-remote", "--heads", g.Remote, "refs/heads/"+g.Branch)
		if lerr == nil {
			remote := strings.Fields(out)
			if len(remote) > 0 && remote[0] == sha {
				// The push went through although its answer was lost.
				_, _ = g.git(ctx, nil, nil, "update-ref", g.localRef(), sha)
				return nil
			}
			return errRejected
		}
		if err := Sleep(ctx, time.Duration(try+1)*500*time.Millisecond); err != nil {
			return fmt.Errorf("pushing the ledger: %w", err)
		}
	}
	return fmt.Errorf("pushing the ledger to %s %s: %w", g.Remote, g.Branch, last)
}

// restoreMirror writes the mirrored folders' files from the branch into the working
// tree, so the outbox finds what earlier runs wrote.
func (g *GitStore) restoreMirror(ctx context.Context, rev string) error {
	for _, dir := range g.Mirror {
		out, err := g.git(ctx, nil, nil, "ls-tree", "-r", "--name-only", rev, "--", strings.TrimSuffix(dir, "/")+"/")
		if err != nil {
			return err
		}
		for _, f := range strings.Fields(out) {
			dst := filepath.Join(g.Root, filepath.FromSlash(f))
			if _, err := os.Stat(dst); err == nil {
				continue
			}
			got, err := g.show(ctx, rev, f)
			b, ok := got[f]
			if err != nil || !ok {
				continue
			}
			if err := writeAtomic(dst, b); err != nil {
				return err
			}
		}
	}
	return nil
}

// Init creates the ledger branch with an empty ledger, or with l. It refuses when the
// branch already exists: starting over is never a side effect.
func (g *GitStore) Init(ctx context.Context, l *Ledger, message string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, err := g.fetch(ctx); err == nil {
		return fmt.Errorf("%s already has the ledger branch %s; nothing was changed", g.Remote, g.Branch)
	} else if !errors.Is(err, ErrNoLedgerBranch) {
		return err
	}
	if l == nil {
		l = &Ledger{}
	}
	sha, err := g.commitTree(ctx, "", l, nil, message)
	if err != nil {
		return err
	}
	if err := g.push(ctx, sha); err != nil {
		if errors.Is(err, errRejected) {
			return fmt.Errorf("someone created the branch %s meanwhile; nothing was changed", g.Branch)
		}
		return err
	}
	return nil
}

// Peek implements Store.
func (g *GitStore) Peek(ctx context.Context) (*Ledger, error) {
	l, _, err := g.Read(ctx)
	return l, err
}

// Read returns the ledger on the branch as it is now, and its bytes.
func (g *GitStore) Read(ctx context.Context) (*Ledger, []byte, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	head, err := g.fetch(ctx)
	if err != nil {
		if errors.Is(err, ErrNoLedgerBranch) {
			return nil, nil, g.noBranch()
		}
		return nil, nil, err
	}
	got, err := g.show(ctx, head, g.Path)
	if err != nil {
		return nil, nil, err
	}
	src, ok := got[g.Path]
	if !ok {
		return nil, nil, &LedgerError{Path: g.Where(), Missing: true}
	}
	l, err := DecodeLedger(g.Where(), src)
	return l, src, err
}

func (g *GitStore) noBranch() error {
	return &LedgerError{Path: g.Where(), Missing: true, Detail: fmt.Sprintf("%s has no branch %s. To move the ledger of the default branch there: factdesk ledger migrate; if nothing was ever published: factdesk ledger init", g.Remote, g.Branch)}
}

// HasRemote reports whether the repository at root is a Git repository with the remote.
func HasRemote(ctx context.Context, root, remote string) bool {
	g := &GitStore{Root: root}
	_, err := g.git(ctx, nil, nil, "remote", "get-url", remote)
	return err == nil
}

// CurrentBranch returns the branch being run on: GITHUB_REF_NAME or GITHUB_REF in
// GitHub Actions, else Git's current branch.
func CurrentBranch(ctx context.Context, root string, getenv func(string) string) (string, error) {
	if getenv("GITHUB_ACTIONS") == "true" {
		if ref := getenv("GITHUB_REF"); strings.HasPrefix(ref, "refs/heads/") {
			return strings.TrimPrefix(ref, "refs/heads/"), nil
		} else if ref != "" {
			return ref, nil
		}
	}
	g := &GitStore{Root: root}
	out, err := g.git(ctx, nil, nil, "rev-parse", "--abbrev-ref", "HEAD")
	if err != nil {
		return "", fmt.Errorf("finding the current branch: %w", err)
	}
	return strings.TrimSpace(out), nil
}

// ReadLocal reads the ledger's bytes from the ledger branch as this clone knows it,
// without the network: the remote-tracking branch, else a local branch of that name.
// It returns the ref read, or an error wrapping ErrNoLedgerBranch when the clone has
// neither (a checkout of the default branch alone), or os.ErrNotExist when the branch
// has no ledger. The bytes are not decoded, so a caller can report damage at its lines.
func (g *GitStore) ReadLocal(ctx context.Context) ([]byte, string, error) {
	for _, ref := range []string{"refs/remotes/" + g.Remote + "/" + g.Branch, "refs/heads/" + g.Branch} {
		if _, err := g.git(ctx, nil, nil, "rev-parse", "--verify", "--quiet", ref); err != nil {
			continue
		}
		got, err := g.show(ctx, ref, g.Path)
		if err != nil {
			return nil, ref, err
		}
		src, ok := got[g.Path]
		if !ok {
			return nil, ref, fmt.Errorf("%s has no %s: %w", ref, g.Path, os.ErrNotExist)
		}
		return src, ref, nil
	}
	return nil, "", fmt.Errorf("%w: this clone has no branch %s", ErrNoLedgerBranch, g.Branch)
}

// ReadTracking reads the ledger from the remote-tracking branch (refs/remotes/<remote>/
// <branch>) as the last fetch left it, for builds that cannot reach the remote
// themselves (a checkout that fetched every branch).
func (g *GitStore) ReadTracking(ctx context.Context) ([]byte, error) {
	ref := "refs/remotes/" + g.Remote + "/" + g.Branch
	got, err := g.show(ctx, ref, g.Path)
	if err != nil {
		return nil, err
	}
	src, ok := got[g.Path]
	if !ok {
		return nil, fmt.Errorf("there is no %s in %s", g.Path, ref)
	}
	if _, err := DecodeLedger(g.Branch+":"+g.Path, src); err != nil {
		return nil, err
	}
	return src, nil
}
