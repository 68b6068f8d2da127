package doctor_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// TestMain lets the test binary stand in for `factdesk` and for `gh` when the guide's
// commands call them (it is linked under those names in the PATH of the guide's shell).
func TestMain(m *testing.M) {
	switch filepath.Base(os.Args[0]) {
	case "factdesk":
		os.Exit(root.Run(context.Background(), factory.New(), os.Args[1:]))
	case "gh":
		os.Exit(gh(os.Args[1:]))
	}
	os.Exit(m.Run())
}

const (
	liveRepo   = "northfield/factdesk"
	adminToken = "github_pat_going_live_admin_token"
)

var repoRoot = filepath.Join("..", "..", "..")

// TestGoingLiveGuide follows docs/going-live.md on a fresh copy of the template: it runs
// each ```sh block of the guide, in order, in one clone, with `gh` talking to the fake
// GitHub, and the last block (factdesk doctor) must report nothing.
func TestGoingLiveGuide(t *testing.T) {
	_, err := exec.LookPath("git")
	testenv.Require(t, err)
	_, err = exec.LookPath("bash")
	testenv.Require(t, err)
	blocks := shBlocks(t, filepath.Join(repoRoot, "docs", "going-live.md"))
	if len(blocks) < 8 {
		t.Fatalf("docs/going-live.md has %d sh blocks; expected the whole walk", len(blocks))
	}

	fake := githubfake.NewT(t)
	fake.Token = adminToken
	fake.Repo(liveRepo)

	// "Use this template": a new repository whose one commit holds the template's files.
	work := t.TempDir()
	clone, origin := filepath.Join(work, "clone"), filepath.Join(work, "origin.git")
	copyTemplate(t, clone)
	bin := filepath.Join(work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"factdesk", "gh"} {
		if err := os.Symlink(self, filepath.Join(bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GIT_AUTHOR_NAME=Nadia Haddad", "GIT_AUTHOR_EMAIL=nadia.haddad@northfield-health.example",
		"GIT_COMMITTER_NAME=Nadia Haddad", "GIT_COMMITTER_EMAIL=nadia.haddad@northfield-health.example",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GH_REPO="+liveRepo, "GH_TOKEN="+adminToken, "FACTDESK_ADMIN_TOKEN="+adminToken,
		"FACTDESK_GITHUB_API_URL="+fake.APIURL(), "GITHUB_REPOSITORY=", "GITHUB_TOKEN=",
	)
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	git(clone, "init", "-q", "-b", "main")
	git(clone, "add", "-A")
	git(clone, "commit", "-q", "-m", "Initial commit")
	git(work, "init", "-q", "--bare", "-b", "main", origin)
	git(clone, "remote", "add", "origin", origin)
	git(clone, "push", "-q", "origin", "main")
	// Mirror what reaches origin's main onto the fake, as GitHub would hold it.
	sync := func() {
		t.Helper()
		for _, line := range strings.Split(strings.TrimSpace(git(origin, "rev-list", "--reverse", "--parents", "main")), "\n") {
			f := strings.Fields(line)
			fake.Push(liveRepo, "main", githubfake.GitCommit{SHA: f[0], Parents: append([]string{}, f[1:]...)})
		}
	}
	sync()

	var last string
	for i, b := range blocks {
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", b)
		cmd.Dir, cmd.Env = clone, env
		cmd.Stdin = strings.NewReader("secret-value-typed-at-the-prompt\n")
		out, err := cmd.CombinedOutput()
		last = string(out)
		if err != nil {
			t.Fatalf("step %d of docs/going-live.md failed: %v\n--- commands\n%s\n--- output\n%s", i+1, err, b, out)
		}
		sync()
	}
	if !strings.Contains(blocks[len(blocks)-1], "factdesk doctor") || !strings.Contains(last, "Everything factdesk checks is set as it should be.") {
		t.Fatalf("the guide does not end with a clean factdesk doctor:\n%s", last)
	}
	if strings.Contains(last, adminToken) {
		t.Error("doctor printed the token")
	}
	// What the guide set, as GitHub holds it.
	r := fake.Repo(liveRepo)
	fake.Update(func() {
		if env := r.Settings.Environments["publish"]; env == nil || len(env.Secrets) != 1 || env.Secrets[0] != "FACTDESK_MASTODON_MAIN_TOKEN" {
			t.Errorf("publish environment: %+v", env)
		}
		if len(r.Settings.Secrets) != 0 {
			t.Errorf("repository-level secrets: %v", r.Settings.Secrets)
		}
	})
}

// shBlocks returns the ```sh blocks of a Markdown file, in order.
func shBlocks(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	var cur *strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil && line == "```sh":
			cur = &strings.Builder{}
		case cur != nil && line == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	return blocks
}

// copyTemplate copies the repository's tracked files into dst: a fresh copy of the
// template, as "Use this template" makes it.
func copyTemplate(t *testing.T, dst string) {
	t.Helper()
	var files []string
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = repoRoot
	if out, err := cmd.Output(); err == nil {
		files = strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	} else {
		// Not a Git checkout (an exported tree): every file but what builds and tools make.
		err := filepath.WalkDir(repoRoot, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repoRoot, p)
			switch rel {
			case ".git", "node_modules", "public", "resources", ".factdesk-cache":
				return filepath.SkipDir
			}
			if !d.IsDir() {
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("listing the template's files: %v", err)
		}
	}
	for _, rel := range files {
		src := filepath.Join(repoRoot, rel)
		info, err := os.Lstat(src)
		if err != nil || !info.Mode().IsRegular() {
			continue // a file deleted in the working tree, or a link
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		testenv.Copy(t, src, filepath.Join(dst, rel))
	}
}

// gh is the part of the GitHub CLI the guide uses: `gh api`, `gh secret set|delete` and
// `gh variable set`, sent to FACTDESK_GITHUB_API_URL with GH_TOKEN for GH_REPO.
func gh(args []string) int {
	api := strings.TrimSuffix(os.Getenv("FACTDESK_GITHUB_API_URL"), "/")
	owner, repo, _ := strings.Cut(os.Getenv("GH_REPO"), "/")
	do := func(method, path string, body any) (int, []byte) {
		path = strings.NewReplacer("{owner}", owner, "{repo}", repo).Replace(strings.TrimPrefix(path, "/"))
		var rd io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
		req, err := http.NewRequest(method, api+"/"+path, rd)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 0, nil
		}
		req.Header.Set("Authorization", "Bearer "+os.Getenv("GH_TOKEN"))
		req.Header.Set("Accept", "application/vnd.github+json")
		resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 0, nil
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}
	fail := func(code int, out []byte) int {
		fmt.Fprintf(os.Stderr, "gh: HTTP %d: %s\n", code, out)
		return 1
	}
	flag := func(name string) string {
		for i, a := range args {
			if a == name && i+1 < len(args) {
				return args[i+1]
			}
		}
		return ""
	}
	switch {
	case len(args) >= 2 && args[0] == "api":
		method, path := "", ""
		fields := map[string]any{}
		var input any
		for i := 1; i < len(args); i++ {
			switch a := args[i]; a {
			case "--method", "-X":
				i++
				method = args[i]
			case "-f", "--raw-field", "-F", "--field":
				i++
				k, v, _ := strings.Cut(args[i], "=")
				var val any = v
				if a == "-F" || a == "--field" {
					switch {
					case v == "true" || v == "false":
						val = v == "true"
					case regexp.MustCompile(`^-?\d+$`).MatchString(v):
						fmt.Sscan(v, &val)
					}
				}
				fields[k] = val
			case "--input":
				i++
				data, _ := io.ReadAll(os.Stdin)
				if err := json.Unmarshal(data, &input); err != nil {
					fmt.Fprintf(os.Stderr, "gh: --input is not JSON: %v\n", err)
					return 1
				}
			default:
				path = a
			}
		}
		var body any
		switch {
		case input != nil:
			body = input
		case len(fields) > 0:
			body = fields
		}
		if method == "" {
			method = "GET"
			if body != nil {
				method = "POST"
			}
		}
		code, out := do(method, path, body)
		if code < 200 || code > 299 {
			return fail(code, out)
		}
		os.Stdout.Write(out)
		return 0
	case len(args) >= 3 && args[0] == "secret" && args[1] == "set":
		name, env := args[2], flag("--env")
		value := flag("--body")
		if value == "" {
			line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
			value = strings.TrimSpace(line)
		}
		base := "repos/{owner}/{repo}/actions/secrets"
		if env != "" {
			base = "repos/{owner}/{repo}/environments/" + env + "/secrets"
		}
		code, out := do("GET", base+"/public-key", nil)
		var key struct {
			KeyID string `json:"key_id"`
		}
		if code != 200 || json.Unmarshal(out, &key) != nil {
			return fail(code, out)
		}
		// The fake does not decrypt; the value only has to be there.
		code, out = do("PUT", base+"/"+name, map[string]string{"encrypted_value": base64.StdEncoding.EncodeToString([]byte(value)), "key_id": key.KeyID})
		if code != 201 && code != 204 {
			return fail(code, out)
		}
		return 0
	case len(args) >= 3 && args[0] == "secret" && args[1] == "delete":
		base := "repos/{owner}/{repo}/actions/secrets/"
		if env := flag("--env"); env != "" {
			base = "repos/{owner}/{repo}/environments/" + env + "/secrets/"
		}
		if code, out := do("DELETE", base+args[2], nil); code != 204 {
			return fail(code, out)
		}
		return 0
	case len(args) >= 3 && args[0] == "variable" && args[1] == "set":
		name, value := args[2], flag("--body")
		code, out := do("POST", "repos/{owner}/{repo}/actions/variables", map[string]string{"name": name, "value": value})
		if code == 409 {
			code, out = do("PATCH", "repos/{owner}/{repo}/actions/variables/"+name, map[string]string{"name": name, "value": value})
		}
		if code != 201 && code != 204 {
			return fail(code, out)
		}
		return 0
	}
	fmt.Fprintf(os.Stderr, "gh: this stand-in does not know %q\n", strings.Join(args, " "))
	return 1
}
