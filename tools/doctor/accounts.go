package doctor

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/publish"
)

// PublishAccounts is the AccountCheck of `factdesk doctor --check-accounts`: every
// account in cfg is checked as `factdesk publish --check-accounts` checks it, with the
// credentials in the environment. A credential that is missing, refused or expiring
// within publish.expiry_warning is a problem; the problem names the account and the
// variable, never a credential's value.
func PublishAccounts(cfg *config.Config, root string, getenv func(string) string, client *http.Client, now func() time.Time) AccountCheck {
	return func(ctx context.Context) ([]string, error) {
		warn := cfg.Publish.ExpiryWarning
		names := make([]string, 0, len(cfg.Accounts))
		for name := range cfg.Accounts {
			names = append(names, name)
		}
		sort.Strings(names)
		build := func(name string) (publish.Channel, error) {
			return publish.NewChannel(name, cfg.Accounts[name], publish.Setup{Root: root, Getenv: getenv, Client: client,
				CacheDir: filepath.Join(root, ".factdesk-cache"), Now: now})
		}
		platform := func(name string) string { return cfg.Accounts[name].Platform }
		var problems []string
		for _, st := range publish.CheckAccounts(ctx, names, platform, build, getenv, now(), warn) {
			if st.Problem == "" && st.Works {
				continue
			}
			kind := st.Problem
			if kind == "" {
				kind = "does not work"
			}
			msg := fmt.Sprintf("%s (%s): %s", st.Account, st.Platform, kind)
			if st.Detail != "" {
				msg += ": " + st.Detail
			}
			problems = append(problems, msg)
		}
		return problems, nil
	}
}
