// Package publishing builds what the commands that send or delete posts (publish,
// unpublish, ledger, accounts) share: the checked configuration, the publisher's
// settings, the HTTP client, each account's channel and the ledger's store.
package publishing

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/publish"
)

// Setup holds what both publish and unpublish build from the factory.
type Setup struct {
	Root     string
	Config   *config.Config
	Settings publish.Settings
	Client   *http.Client
}

// Load reads the configuration and settings, failing with located messages.
func Load(f *factory.Factory) (*Setup, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	cfg, err := f.CheckedConfig()
	if err != nil {
		return nil, err
	}
	st := publish.SettingsFrom(cfg, f.Getenv)
	client := f.HTTPClient()
	c := *client
	c.Timeout = st.Timeout
	return &Setup{Root: root, Config: cfg, Settings: st, Client: &c}, nil
}

// Channels returns the function that builds an account's channel.
func (s *Setup) Channels(f *factory.Factory) func(string) (publish.Channel, error) {
	return func(account string) (publish.Channel, error) {
		a, ok := s.Config.Accounts[account]
		if !ok {
			return nil, fmt.Errorf("account %s is not in %s", account, config.File)
		}
		return publish.NewChannel(account, a, publish.Setup{Root: s.Root, Getenv: f.Getenv, Client: s.Client,
			CacheDir: filepath.Join(s.Root, ".factdesk-cache"), Now: f.Now})
	}
}

// Remote is the Git remote that holds the ledger branch.
const Remote = "origin"

// Store returns where the ledger is kept: the ledger branch of the Git remote when the
// repository has one, else the file in the working tree, guarded by a lock file. With
// requireRemote (--push) a repository without a remote is an error.
func (s *Setup) Store(ctx context.Context, f *factory.Factory, requireRemote bool) (publish.Store, error) {
	p := s.Config.Publish
	run := publish.RunID(f.Getenv)
	if !publish.HasRemote(ctx, s.Root, Remote) {
		if requireRemote {
			return nil, &factory.ExitError{Code: 2, Err: fmt.Errorf("--push needs the Git remote %s, which holds the ledger branch %s; this repository has none", Remote, p.LedgerBranch)}
		}
		return &publish.FileStore{Path: s.LedgerPath(), Lock: filepath.Join(s.Root, LockFile), Run: run, Wait: s.Settings.TurnWait, Log: f.IO.ErrOut}, nil
	}
	var mirror []string
	for _, a := range s.Config.Accounts {
		if a.Platform == "outbox" {
			dir := a.Options["dir"]
			if dir == "" {
				dir = "outbox"
			}
			if !filepath.IsAbs(dir) {
				mirror = append(mirror, filepath.ToSlash(filepath.Clean(dir)))
			}
		}
	}
	sort.Strings(mirror)
	return &publish.GitStore{Root: s.Root, Remote: Remote, Branch: p.LedgerBranch, Path: filepath.ToSlash(p.Ledger), Mirror: mirror,
		Run: run, Lease: s.Settings.TurnLease, Wait: s.Settings.TurnWait, Log: f.IO.ErrOut}, nil
}

// LockFile is the lock file, at the repository root, of runs without a remote.
const LockFile = ".factdesk-publish.lock"

// LedgerPath is the ledger file's absolute path.
func (s *Setup) LedgerPath() string {
	return filepath.Join(s.Root, filepath.FromSlash(s.Config.Publish.Ledger))
}
