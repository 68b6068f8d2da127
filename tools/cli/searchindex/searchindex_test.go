package searchindex_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/clitest"
	"github.com/factdesk/factdesk/tools/cli/factory"
	searchindexcmd "github.com/factdesk/factdesk/tools/cli/searchindex"
)

// run runs factdesk with args, returning stdout, stderr and the exit code.
func run(t *testing.T, ctx context.Context, args ...string) (string, string, int) {
	t.Helper()
	return clitest.Run(ctx, "", time.Date(2027, 1, 15, 9, 30, 0, 0, time.UTC), args...)
}

const docs = `{"lang":"en","dir":"search/en/","size":25,"docs":[
["Does the MMR vaccine cause autism?","/factchecks/mmr-vaccine-autism/","false","False","No.","The MMR vaccine causes autism.",["vaccines cause autism"],["Vaccines","vaccines"]]
]}`

// site lays out a built site whose documents file is body ("" for none).
func site(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>home</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if body == "" {
		return dir
	}
	if err := os.MkdirAll(filepath.Join(dir, "search"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "search", "docs.json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNewCmdSearchIndexFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want searchindexcmd.Options
		code int
	}{
		{"defaults", nil, searchindexcmd.Options{Site: "public", Interval: 500 * time.Millisecond}, 0},
		{"site and watch", []string{"--site", "/tmp/preview", "--watch", "--interval", "2s"}, searchindexcmd.Options{Site: "/tmp/preview", Watch: true, Interval: 2 * time.Second}, 0},
		{"zero interval", []string{"--watch", "--interval", "0s"}, searchindexcmd.Options{}, 2},
		{"an argument", []string{"public"}, searchindexcmd.Options{}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := clitest.Factory(clitest.Options{})
			var got *searchindexcmd.Options
			cmd := searchindexcmd.NewCmdSearchIndex(f, func(o *searchindexcmd.Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if code := factory.ExitCode(err); code != tt.code {
				t.Fatalf("exit code %d (%v); want %d", code, err, tt.code)
			}
			if tt.code != 0 {
				return
			}
			if got.Site != tt.want.Site || got.Watch != tt.want.Watch || got.Interval != tt.want.Interval {
				t.Errorf("options %+v; want %+v", *got, tt.want)
			}
		})
	}
}

func TestSearchIndexCommand(t *testing.T) {
	tests := []struct {
		name    string
		site    func(t *testing.T) string
		code    int
		wantOut []string
		wantErr []string
	}{
		{"indexes a built site", func(t *testing.T) string { return site(t, docs) }, 0,
			[]string{"en: 1 fact-checks,", filepath.Join("search", "en") + " (", "1 document file", "Search index written in"}, nil},
		{"no such folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "public") }, 2,
			nil, []string{"factdesk: --site ", "no such folder; build the site first"}},
		{"already indexed or built without the theme", func(t *testing.T) string { return site(t, "") }, 1,
			nil, []string{"no search documents file in", "rebuild the site with Hugo"}},
		{"a broken documents file", func(t *testing.T) string { return site(t, "{\"lang\":\"en\",\n[") }, 1,
			nil, []string{filepath.Join("search", "docs.json") + ":2: not valid JSON", "rebuild the site"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.site(t)
			out, errOut, code := run(t, context.Background(), "search-index", "--site", dir)
			if code != tt.code {
				t.Errorf("exit code %d; want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, ".go:") {
				t.Errorf("stderr shows Go internals:\n%s", errOut)
			}
		})
	}
}

func TestSearchIndexWatchStopsCleanly(t *testing.T) {
	dir := site(t, docs)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		// Stop once the index is there, as Ctrl-C would.
		for i := 0; i < 1000; i++ {
			if _, err := os.Stat(filepath.Join(dir, "search", "en", "d", "0.json")); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	out, errOut, code := run(t, ctx, "search-index", "--site", dir, "--watch", "--interval", "10ms")
	if code != 0 {
		t.Fatalf("exit code %d; want 0 when stopped\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "09:30:00 en: 1 fact-checks") {
		t.Errorf("the watch did not say what it indexed:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "search", "docs.json")); err == nil {
		t.Errorf("the documents file is still there after the watch indexed it")
	}
}
