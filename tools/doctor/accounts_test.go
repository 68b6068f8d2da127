package doctor

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

// doctor --check-accounts reports, in the one report, each account whose credentials
// do not work (missing, refused) and none that works; no credential value is printed.
func TestDoctorChecksAccountCredentials(t *testing.T) {
	plat := fakeplatform.NewT(t)
	defer plat.Close()
	mastodon := func() config.Account {
		return config.Account{Platform: "mastodon", Options: map[string]string{"instance": plat.URLFor("mastodon")}}
	}
	cfg := config.Default()
	cfg.Accounts = map[string]config.Account{"mastodon-ok": mastodon(), "mastodon-revoked": mastodon(), "mastodon-missing": mastodon()}
	const revoked = "mastodon-token-revoked-9999"
	env := map[string]string{
		"FACTDESK_MASTODON_OK_TOKEN":      plat.Tokens["mastodon"],
		"FACTDESK_MASTODON_REVOKED_TOKEN": revoked,
	}
	now := func() time.Time { return time.Date(2027, 4, 24, 12, 0, 0, 0, time.UTC) }
	check := PublishAccounts(cfg, t.TempDir(), func(k string) string { return env[k] }, &http.Client{Timeout: 10 * time.Second}, now)

	fake := githubfake.NewT(t)
	fake.Token = token
	r := fake.Repo(repoName)
	fake.Update(func() { correct(r) })
	rep := runWith(t, fake, cfg, Options{Accounts: check})
	var got *Result
	for i := range rep.Checks {
		if strings.Contains(rep.Checks[i].Check, "credentials") {
			got = &rep.Checks[i]
		}
	}
	if got == nil {
		t.Fatalf("no account check in the report:\n%s", Describe(rep))
	}
	if got.Status != Problem {
		t.Fatalf("account check = %s; want a problem:\n%s", got.Status, Describe(rep))
	}
	for _, want := range []string{"mastodon-revoked", "mastodon-missing", "FACTDESK_MASTODON_MISSING_TOKEN"} {
		if !strings.Contains(got.Detail, want) {
			t.Errorf("the account problem does not name %s:\n%s", want, got.Detail)
		}
	}
	if strings.Contains(got.Detail, "mastodon-ok ") || strings.Contains(got.Detail, "mastodon-ok (") {
		t.Errorf("the working account is reported as a problem:\n%s", got.Detail)
	}
	out := Describe(rep)
	for _, secret := range []string{plat.Tokens["mastodon"], revoked} {
		if strings.Contains(out, secret) {
			t.Errorf("the report prints a credential:\n%s", out)
		}
	}
}

func runWith(t *testing.T, fake *githubfake.Server, cfg *config.Config, opts Options) *Report {
	t.Helper()
	rep, err := Run(context.Background(), fake.Client(t, repoName), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
