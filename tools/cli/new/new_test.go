package new

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/hugo"
	"github.com/factdesk/factdesk/tools/repofile"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

var (
	projectRoot = filepath.Join("..", "..", "..")
	baseRepo    = filepath.Join(projectRoot, "tools", "check", "testdata", "base")
	testNow     = time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC)
)

// newRepo is a valid repository with the project's archetypes and data files.
func newRepo(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	testenv.Copy(t, baseRepo, root)
	testenv.Copy(t, filepath.Join(projectRoot, "archetypes"), filepath.Join(root, "archetypes"))
	data, _ := filepath.Glob(filepath.Join(projectRoot, "data", "*.yaml"))
	for _, p := range data {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "data", filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func testFactory(root string) (*factory.Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	f := factory.New()
	f.IO = &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}
	f.RootFlag = root
	f.Getenv = func(string) string { return "" }
	f.Now = func() time.Time { return testNow }
	return f, &out, &errb
}

// execute runs `factdesk new args...` against root.
func execute(t *testing.T, root string, args ...string) (string, string, error) {
	t.Helper()
	f, out, errb := testFactory(root)
	cmd := NewCmdNew(f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func findingsFor(t *testing.T, root, path string) []check.Finding {
	t.Helper()
	repo, err := content.LoadRepo(root)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []check.Finding
	for _, f := range check.NewRun(repo, cfg, check.Options{Today: testNow}).Execute(context.Background()) {
		if f.Path == path || f.Path == check.InternalPath {
			out = append(out, f)
		}
	}
	return out
}

func TestNewFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		want    NewOptions
		wantErr string
	}{
		{args: []string{"factcheck", "measles-vitamin-a"}, want: NewOptions{Kind: "factcheck", Slug: "measles-vitamin-a", Lang: "en"}},
		{args: []string{"factcheck", "flu-shot-gives-flu", "--lang", "es", "--author", "@dr-ana-lima"}, want: NewOptions{Kind: "factcheck", Slug: "flu-shot-gives-flu", Lang: "es", Author: "@dr-ana-lima"}},
		{args: []string{"post", "aids-day", "--observance", "world-aids-day", "--at", "2027-12-01T09:00"}, want: NewOptions{Kind: "post", Slug: "aids-day", Lang: "en", Observance: "world-aids-day", At: "2027-12-01T09:00"}},
		{args: []string{"--web-link"}, want: NewOptions{Kind: "factcheck", Lang: "en", WebLink: true}},
		{args: []string{"post", "--web-link", "x"}, want: NewOptions{Kind: "post", Slug: "x", Lang: "en", WebLink: true}},
		{args: []string{}, wantErr: "give the kind and the slug"},
		{args: []string{"factcheck"}, wantErr: "give the kind and the slug"},
		{args: []string{"story", "x"}, wantErr: `cannot start a "story"`},
		{args: []string{"factcheck", "Measles_Vitamin_A"}, wantErr: `use lower-case letters, digits and hyphens, e.g. "measles-vitamin-a"`},
		{args: []string{"factcheck", "../../etc/passwd"}, wantErr: "cannot be a slug"},
		{args: []string{"factcheck", "x", "--lang", "fr"}, wantErr: `--lang "fr" is not supported`},
		{args: []string{"factcheck", "x", "--observance", "world-aids-day"}, wantErr: "are for posts"},
		{args: []string{"post", "x"}, wantErr: "add --observance"},
		{args: []string{"post", "x", "--observance", "World AIDS Day"}, wantErr: "is not an observance slug"},
		{args: []string{"factcheck", "x", "--author", "not a handle"}, wantErr: "is not a GitHub handle"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			f, _, _ := testFactory(t.TempDir())
			var got *NewOptions
			cmd := NewCmdNew(f, func(o *NewOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v; want one containing %q", err, tt.wantErr)
				}
				if factory.ExitCode(err) != 2 {
					t.Errorf("exit code %d; want 2 for a usage error", factory.ExitCode(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.Factory = nil
			if *got != tt.want {
				t.Errorf("options = %+v; want %+v", *got, tt.want)
			}
		})
	}
}

// fillFactCheck replaces the fields a new fact-check leaves empty with valid values.
func fillFactCheck(t *testing.T, text string) string {
	t.Helper()
	pairs := []string{
		`title: ""`, `title: Does the measles vaccine cause autism?`,
		`claim: ""`, `claim: The measles vaccine causes autism.`,
		`claim_short: ""`, `claim_short: The measles vaccine causes autism`,
		`verdict: ""`, `verdict: "false"`,
		`bottom_line: ""`, `bottom_line: Studies of more than a million children found no link.`,
		`  - url: ""`, `  - url: https://www.texashealth.org/baby-care/Toddler/vaccines-and-autism`,
		`topics: []`, `topics: [vaccines]`,
		`reviewers: []`, `reviewers: [dr-ana-lima]`,
		`  - key: ""`, `  - key: taylor2014`,
		`    id: ""`, `    id: 10.1016/j.vaccine.2014.04.085`,
		`    title: ""`, `    title: "Vaccines are not associated with autism: an evidence-based meta-analysis of case-control and cohort studies"`,
		`    publisher: ""`, `    publisher: Vaccine`,
		"    year:\n", "    year: 2014\n",
		`    study_type: ""`, `    study_type: systematic-review`,
		"right after the sentence it supports.", "right after the sentence it supports.\n\nNo link was found[](cite:taylor2014).",
	}
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("the new fact-check lacks %q:\n%s", pairs[i], text)
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

func TestNewFactCheck(t *testing.T) {
	t.Parallel()
	root := newRepo(t)
	out, errOut, err := execute(t, root, "factcheck", "measles-vitamin-a", "--author", "dr-james-okafor")
	if err != nil {
		t.Fatalf("new factcheck: %v", err)
	}
	const rel = "factchecks/measles-vitamin-a.md"
	if out != rel+"\n" || !strings.Contains(errOut, "Fill in the fields marked TODO") {
		t.Errorf("output %q, %q; want the path and what to do next", out, errOut)
	}
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{`author: "dr-james-okafor"`, "published: 2027-01-15", "next_review: 2028-01-15", "translationKey: measles-vitamin-a", "lang: en", "draft: true"} {
		if !strings.Contains(text, want) {
			t.Errorf("new file lacks %q:\n%s", want, text)
		}
	}
	// Before the author fills it in, the only findings are the empty fields, each
	// reported once and plainly.
	fs := findingsFor(t, root, rel)
	if len(fs) != 14 {
		t.Errorf("got %d findings; want 14 (one per field to fill in):\n%v", len(fs), fs)
	}
	for _, f := range fs {
		if f.Rule != "required-field" || !strings.Contains(f.Message, "is empty") || !strings.Contains(f.Message, "fill it in") {
			t.Errorf("finding %s is not about a field to fill in", f)
		}
	}
	// Once filled in, it passes every rule.
	if err := os.WriteFile(filepath.Join(root, rel), []byte(fillFactCheck(t, text)), 0o644); err != nil {
		t.Fatal(err)
	}
	if fs := findingsFor(t, root, rel); len(fs) != 0 {
		t.Errorf("a filled-in new fact-check has findings:\n%v", fs)
	}
	// Never overwrite.
	before, _ := os.ReadFile(filepath.Join(root, rel))
	_, _, err = execute(t, root, "factcheck", "measles-vitamin-a")
	if err == nil || !strings.Contains(err.Error(), "already exists") || factory.ExitCode(err) != 1 {
		t.Errorf("second new factcheck: %v; want an 'already exists' error, exit 1", err)
	}
	after, _ := os.ReadFile(filepath.Join(root, rel))
	if !bytes.Equal(before, after) {
		t.Error("the existing file was changed")
	}
	// A slug used in another folder of the same language is refused too.
	if _, _, err := execute(t, root, "factcheck", "mmr-vaccine-autism"); err == nil {
		t.Error("new factcheck over an existing slug succeeded")
	}
	// The Spanish version of an existing check goes to factchecks/es with the same key.
	if out, _, err := execute(t, root, "factcheck", "mmr-vaccine-autism", "--lang", "es"); err != nil || out != "factchecks/es/mmr-vaccine-autism.md\n" {
		t.Errorf("new Spanish version: %q, %v", out, err)
	}
}

func TestNewPost(t *testing.T) {
	t.Parallel()
	root := newRepo(t)
	out, _, err := execute(t, root, "post", "aids-day-testing", "--observance", "world-aids-day", "--at", "2027-12-01T09:00", "--timezone", "America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	const rel = "campaigns/2027/aids-day-testing.md"
	if out != rel+"\n" {
		t.Errorf("output %q; want %s", out, rel)
	}
	b, _ := os.ReadFile(filepath.Join(root, rel))
	for _, want := range []string{`observance: "world-aids-day"`, `publish_at: "2027-12-01T09:00"`, "timezone: America/Chicago", "draft: true"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new post lacks %q:\n%s", want, b)
		}
	}
	fs := findingsFor(t, root, rel)
	if len(fs) != 1 || fs[0].Rule != "required-field" || !strings.Contains(fs[0].Message, "channels is empty") {
		t.Errorf("findings %v; want only that channels is empty", fs)
	}
	filled := strings.Replace(strings.Replace(string(b), "channels: []", "channels: [mastodon-main]", 1), `default: ""`, `default: "Free HIV tests all week."`, 1)
	if err := os.WriteFile(filepath.Join(root, rel), []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	if fs := findingsFor(t, root, rel); len(fs) != 0 {
		t.Errorf("a filled-in new post has findings: %v", fs)
	}
	// The year folder follows --at.
	if out, _, err := execute(t, root, "post", "next-year", "--observance", "world-aids-day", "--at", "2028-12-01T09:00"); err != nil || out != "campaigns/2028/next-year.md\n" {
		t.Errorf("post for 2028: %q, %v", out, err)
	}
	for _, at := range []string{"2027-03-14T02:30", "2027-11-07T01:30", "next week"} {
		if _, _, err := execute(t, root, "post", "dst", "--observance", "world-aids-day", "--at", at); err == nil || factory.ExitCode(err) != 2 {
			t.Errorf("--at %s: %v; want a usage error", at, err)
		}
	}
}

func TestNewWebLink(t *testing.T) {
	t.Parallel()
	root := newRepo(t)
	out, _, err := execute(t, root, "--web-link")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("web link %q does not parse: %v", out, err)
	}
	if u.Scheme != "https" || u.Host != "github.com" || u.Path != "/example/factdesk/new/main" {
		t.Errorf("web link %s; want https://github.com/example/factdesk/new/main?…", u)
	}
	q := u.Query()
	if q.Get("filename") != "factchecks/NEW-SLUG.md" {
		t.Errorf("filename = %q", q.Get("filename"))
	}
	if strings.Contains(u.RawQuery, "+") {
		t.Error("spaces are encoded as +; GitHub's editor would show them literally")
	}
	want, err := Render(root, filepath.Join(root, "archetypes", "factcheck.md"), repofile.DefaultContentLimit, PlaceholderSlug, testNow, map[string]string{"HUGO_FACTDESK_LANG": "en"})
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("value") != want {
		t.Errorf("value is not the template:\n%s\nwant\n%s", q.Get("value"), want)
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "factchecks")); len(entries) != 1 {
		t.Errorf("--web-link wrote a file: %v", entries)
	}
	// Without organisation.repository there is no link to make.
	cfg := filepath.Join(root, "factdesk.yaml")
	b, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(b), "  repository: example/factdesk\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := execute(t, root, "--web-link"); err == nil || !strings.Contains(err.Error(), "organisation.repository") {
		t.Errorf("web link without a repository: %v", err)
	}
}

// TestArchetypesWorkWithHugo creates the same fact-check with `hugo new content` and
// with factdesk new and expects the same file.
func TestArchetypesWorkWithHugo(t *testing.T) {
	t.Parallel()
	bin, err := hugo.Binary(context.Background())
	if err != nil {
		t.Fatalf("Hugo is needed for this test: %v", err)
	}
	site := t.TempDir()
	for _, p := range []string{"hugo.toml", "archetypes", "themes", "data", "i18n", "content"} {
		src := filepath.Join(projectRoot, p)
		if _, err := os.Stat(src); err == nil {
			testenv.Copy(t, src, filepath.Join(site, p))
		}
	}
	for _, d := range []string{"factchecks", "campaigns"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The site reads Git information, so the folder must be a repository.
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.email=test@example.org", "-c", "user.name=test", "commit", "-qm", "site"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = site
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	cmd := exec.Command(bin, "new", "content", "--kind", "factcheck", "factchecks/hugo-made.md")
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "HUGO_FACTDESK_AUTHOR=dr-james-okafor")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo new content: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(site, "factchecks", "hugo-made.md"))
	if err != nil {
		t.Fatalf("hugo did not write factchecks/hugo-made.md (through the mount): %v", err)
	}
	want, err := Render(site, filepath.Join(site, "archetypes", "factcheck.md"), repofile.DefaultContentLimit, "hugo-made", time.Now(), map[string]string{"HUGO_FACTDESK_AUTHOR": "dr-james-okafor"})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("hugo new content wrote\n%s\nfactdesk new writes\n%s", got, want)
	}
}
