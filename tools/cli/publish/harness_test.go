package publish_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	accountscmd "github.com/factdesk/factdesk/tools/cli/accounts"
	"github.com/factdesk/factdesk/tools/cli/factory"
	ledgercmd "github.com/factdesk/factdesk/tools/cli/ledger"
	provenancecmd "github.com/factdesk/factdesk/tools/cli/provenance"
	publishcmd "github.com/factdesk/factdesk/tools/cli/publish"
	unpublishcmd "github.com/factdesk/factdesk/tools/cli/unpublish"
	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
)

// fastConfig keeps retries quick in tests.
const fastConfig = `publish:
  timeout: 500ms
  backoff: 1ms
  retries: 3
  max_wait: 3s
`

// execute runs factdesk with args the way tools/cli/root does (same error printing and
// exit codes), with env as the whole environment and now as the clock.
func execute(ctx context.Context, root string, env map[string]string, now time.Time, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	f := &factory.Factory{
		IO:         &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		RootFlag:   root,
		Getenv:     func(k string) string { return env[k] },
		Now:        func() time.Time { return now },
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 30 * time.Second} },
	}
	code = runRoot(ctx, f, args)
	return code, out.String(), errOut.String()
}

// runRoot runs the publish and unpublish commands the way tools/cli/root does.
func runRoot(ctx context.Context, f *factory.Factory, args []string) int {
	cmd := &cobra.Command{Use: "factdesk", SilenceUsage: true, SilenceErrors: true}
	cmd.PersistentFlags().StringVar(&f.RootFlag, "root", f.RootFlag, "repository root")
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &factory.UsageError{Msg: err.Error()} })
	cmd.AddCommand(publishcmd.NewCmdPublish(f, nil), unpublishcmd.NewCmdUnpublish(f, nil), provenancecmd.NewCmdProvenance(f, nil), ledgercmd.NewCmdLedger(f, nil), accountscmd.NewCmdAccounts(f, nil))
	cmd.SetArgs(args)
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	err := cmd.ExecuteContext(ctx)
	if err != nil {
		var ee *factory.ExitError
		if !errors.As(err, &ee) || ee.Err != nil {
			fmt.Fprintf(f.IO.ErrOut, "factdesk: %s\n", err)
		}
	}
	return factory.ExitCode(err)
}

type fixture struct {
	t      testing.TB
	srv    *fakeplatform.Server
	root   string
	outbox string
	env    map[string]string
}

func newFixture(t testing.TB, posts []fakeplatform.FixturePost, extra string) *fixture {
	t.Helper()
	srv := fakeplatform.NewT(t)
	t.Cleanup(srv.Close)
	root := t.TempDir()
	outbox := filepath.Join(root, "outbox")
	env, err := srv.WriteRepo(root, "", posts, fastConfig+extra)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, srv: srv, root: root, outbox: outbox, env: env}
}

func (fx *fixture) run(now time.Time, args ...string) (int, string, string) {
	fx.t.Helper()
	if len(args) == 0 {
		args = []string{"publish"}
	}
	return execute(context.Background(), fx.root, fx.env, now, args...)
}

func (fx *fixture) ledger() *publish.Ledger {
	fx.t.Helper()
	l, err := publish.ReadLedger(filepath.Join(fx.root, "data", "ledger.json"))
	if err != nil {
		fx.t.Fatal(err)
	}
	return l
}

// emptyLedger is the ledger a new repository starts with.
const emptyLedger = "{\n  \"entries\": []\n}\n"

// ledgerText is the ledger file as it is on disk.
func (fx *fixture) ledgerText() string {
	fx.t.Helper()
	data, err := os.ReadFile(filepath.Join(fx.root, "data", "ledger.json"))
	if err != nil {
		fx.t.Fatal(err)
	}
	return string(data)
}

// ledgerJSON decodes the ledger file as a plain document, the way the site reads it.
func (fx *fixture) ledgerJSON() map[string]any {
	fx.t.Helper()
	data, err := os.ReadFile(filepath.Join(fx.root, "data", "ledger.json"))
	if err != nil {
		fx.t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		fx.t.Fatalf("data/ledger.json is not JSON: %v", err)
	}
	return v
}

// ny returns a wall-clock time in New York.
func ny(s string) time.Time {
	loc, _ := time.LoadLocation("America/New_York")
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

var everyChannel = fakeplatform.Accounts
