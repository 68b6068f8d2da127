package publish_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

var platforms = []string{"mastodon", "bluesky", "x", "linkedin", "facebook", "threads", "webhook"}

func onePost(channels ...string) []fakeplatform.FixturePost {
	if len(channels) == 0 {
		channels = everyChannel
	}
	return []fakeplatform.FixturePost{{
		Slug: "wiw-mmr", PublishAt: "2027-04-24T10:00", Channels: channels, FactCheck: "mmr-vaccine-autism",
		Copy:     "[wiw-mmr] Vaccines do not cause autism. Large studies of millions of children agree 👩🏽‍⚕️ (café).",
		Hashtags: []string{"VaccinesWork", "WIW2027"},
	}}
}

func (fx *fixture) live(slug string) { fx.srv.SetLive("/factchecks/"+slug+"/", true) }

func countLive(posts []fakeplatform.Post, marker string) int {
	n := 0
	for _, p := range posts {
		if strings.Contains(p.Text, marker) && !p.Deleted {
			n++
		}
	}
	return n
}

func TestPublishSendsDuePostOnceToEveryAccount(t *testing.T) {
	t.Parallel()
	posts := onePost()
	posts[0].Image = "nurse.png"
	fx := newFixture(t, posts, "")
	fx.live("mmr-vaccine-autism")
	code, out, errOut := fx.run(ny("2027-04-24T10:05"))
	if code != 0 {
		t.Fatalf("publish exited %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, p := range platforms {
		if n := countLive(fx.srv.Posts(p), "wiw-mmr"); n != 1 {
			t.Errorf("%s holds %d copies of the post, want 1\n%s", p, n, out)
		}
	}
	outboxFile := filepath.Join(fx.outbox, "wiw-mmr--outbox.md")
	data, err := os.ReadFile(outboxFile)
	if err != nil {
		t.Fatalf("the outbox file was not written: %v", err)
	}
	if !strings.Contains(string(data), "[wiw-mmr] Vaccines") || !strings.Contains(string(data), "https://factdesk.example.org/factchecks/mmr-vaccine-autism/") || !strings.Contains(string(data), "#VaccinesWork #WIW2027") {
		t.Errorf("outbox file lacks the copy, link or hashtags:\n%s", data)
	}
	// Mastodon got the image with its alt text.
	if m := fx.srv.Posts("mastodon"); len(m) != 1 || len(m[0].Alts) != 1 || m[0].Alts[0] != "A nurse gives a child a vaccine in a clinic" {
		t.Errorf("Mastodon post media alt texts = %+v, want the image's alt text", m)
	}
	// Bluesky got images with alt (the fake checks facets match the text byte ranges).
	b := fx.srv.Posts("bluesky")
	if len(b) != 1 || !strings.Contains(string(b[0].Embed), `"alt":"A nurse gives a child a vaccine in a clinic"`) || !strings.Contains(string(b[0].Facets), "facet#tag") || !strings.Contains(string(b[0].Facets), "facet#link") {
		t.Errorf("Bluesky record lacks the image alt text or facets: %+v", b)
	}
	// LinkedIn's reserved characters are escaped.
	if l := fx.srv.Posts("linkedin"); len(l) != 1 || !strings.Contains(l[0].Text, `\[wiw-mmr\]`) || !strings.Contains(l[0].Text, `\(café\)`) {
		t.Errorf("LinkedIn commentary not escaped: %+v", l)
	}
	// The ledger says where each went; the site reads it as data.
	l := fx.ledger()
	if len(l.Entries) != len(everyChannel) {
		t.Fatalf("ledger has %d entries, want %d", len(l.Entries), len(everyChannel))
	}
	for _, e := range l.Entries {
		if e.Status != publish.Sent || e.RemoteID == "" {
			t.Errorf("ledger entry %+v: want status sent with a remote id", e)
		}
		if e.Platform != "outbox" && e.Platform != "webhook" && !strings.HasPrefix(e.URL, "https://") {
			t.Errorf("ledger entry for %s has no https URL: %q", e.Account, e.URL)
		}
	}
	doc := fx.ledgerJSON()
	entries, _ := doc["entries"].([]any)
	first, _ := entries[0].(map[string]any)
	for _, k := range []string{"post", "account", "platform", "status", "remote_id", "time"} {
		if _, ok := first[k]; !ok {
			t.Errorf("ledger entry lacks %q: %v", k, first)
		}
	}
	// A second run a quarter-hour later sends nothing more.
	code, out, _ = fx.run(ny("2027-04-24T10:20"))
	if code != 0 {
		t.Fatalf("second run exited %d:\n%s", code, out)
	}
	for _, p := range platforms {
		if n := len(fx.srv.Posts(p)); n != 1 {
			t.Errorf("after a second run %s holds %d posts, want 1", p, n)
		}
	}
}

func TestPublishNeverEarlyNorDraftNorExported(t *testing.T) {
	t.Parallel()
	posts := []fakeplatform.FixturePost{
		{Slug: "later", PublishAt: "2027-04-24T11:00", Channels: []string{"mastodon-main"}, Copy: "[later] soon"},
		{Slug: "drafted", PublishAt: "2027-04-24T09:00", Channels: []string{"mastodon-main"}, Copy: "[drafted] no", Draft: true},
		{Slug: "handed", PublishAt: "2027-04-24T09:00", Channels: []string{"mastodon-main", "x-main"}, Copy: "[handed] yes", Exported: map[string]string{"x-main": "hootsuite"}},
	}
	fx := newFixture(t, posts, "")
	code, out, errOut := fx.run(ny("2027-04-24T10:59"))
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if n := countLive(fx.srv.Posts("mastodon"), "[later]"); n != 0 {
		t.Errorf("a post due at 11:00 was sent at 10:59")
	}
	if n := countLive(fx.srv.Posts("mastodon"), "[drafted]"); n != 0 {
		t.Errorf("a draft was sent")
	}
	if n := countLive(fx.srv.Posts("x"), "[handed]"); n != 0 {
		t.Errorf("a channel exported to an outside tool was sent")
	}
	if n := countLive(fx.srv.Posts("mastodon"), "[handed]"); n != 1 {
		t.Errorf("the non-exported channel of the same post got %d copies, want 1", n)
	}
	fx.run(ny("2027-04-24T11:00"))
	if n := countLive(fx.srv.Posts("mastodon"), "[later]"); n != 1 {
		t.Errorf("the post due at 11:00 was not sent at 11:00")
	}
}

func TestPublishWaitsForTheFactCheckPage(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost("mastodon-main"), "")
	code, out, _ := fx.run(ny("2027-04-24T10:05"))
	if code != 0 || !strings.Contains(out, "waiting") || !strings.Contains(out, "/factchecks/mmr-vaccine-autism/ is not live yet") {
		t.Fatalf("exit %d, want 0 and a waiting line naming the page:\n%s", code, out)
	}
	if len(fx.srv.Posts("mastodon")) != 0 {
		t.Fatal("sent before the fact-check page was live")
	}
	fx.live("mmr-vaccine-autism")
	fx.run(ny("2027-04-24T10:20"))
	if n := len(fx.srv.Posts("mastodon")); n != 1 {
		t.Fatalf("after the page went live: %d posts, want 1", n)
	}
}

func TestPublishMissedPostsNeedAsking(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost("mastodon-main"), "")
	fx.live("mmr-vaccine-autism")
	code, out, _ := fx.run(ny("2027-04-24T13:00"))
	if code != 0 || !strings.Contains(out, "missed") || !strings.Contains(out, "--send-missed") {
		t.Fatalf("exit %d; want 0 and a missed line telling how to send it:\n%s", code, out)
	}
	if len(fx.srv.Posts("mastodon")) != 0 {
		t.Fatal("a post three hours late was sent without --send-missed")
	}
	if code, out, _ := fx.run(ny("2027-04-24T13:00"), "publish", "--send-missed", "--only", "wiw-mmr"); code != 0 || len(fx.srv.Posts("mastodon")) != 1 {
		t.Fatalf("--send-missed: exit %d, %d posts; want 0 and 1:\n%s", code, len(fx.srv.Posts("mastodon")), out)
	}
}

func TestPublishPausedDoesNothing(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost(), "")
	fx.live("mmr-vaccine-autism")
	fx.env["FACTDESK_PAUSE"] = "true"
	code, out, _ := fx.run(ny("2027-04-24T10:05"), "publish")
	if code != 0 || !strings.Contains(out, "paused") {
		t.Fatalf("exit %d, want 0 and a message saying it is paused:\n%s", code, out)
	}
	if n := len(fx.srv.Posts("")); n != 0 {
		t.Fatalf("%d posts sent while paused", n)
	}
	if fx.ledgerText() != emptyLedger {
		t.Fatal("the ledger was written while paused")
	}
}

func TestPublishRefusesOtherBranches(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost("mastodon-main"), "")
	fx.live("mmr-vaccine-autism")
	fx.env["GITHUB_REF"] = "refs/heads/new-posts"
	code, _, errOut := fx.run(ny("2027-04-24T10:05"), "publish")
	if code != 2 || !strings.Contains(errOut, "only on the default branch main") || !strings.Contains(errOut, "new-posts") {
		t.Fatalf("exit %d, want 2 naming both branches:\n%s", code, errOut)
	}
	if len(fx.srv.Posts("")) != 0 {
		t.Fatal("sent from another branch")
	}
	if code, out, _ := fx.run(ny("2027-04-24T10:05"), "publish", "--force-branch"); code != 0 || len(fx.srv.Posts("mastodon")) != 1 {
		t.Fatalf("--force-branch: exit %d:\n%s", code, out)
	}
}

func TestPublishDryRunShowsTextAndCounts(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost("x-main", "bluesky-main", "mastodon-main"), "")
	fx.live("mmr-vaccine-autism")
	code, out, errOut := fx.run(ny("2027-04-24T09:00"), "publish", "--dry-run", "--at", "2027-04-24T10:00")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"wiw-mmr → x-main (x)", "/280 weighted characters", "/300 characters, ", "/3000 bytes", "/500 characters", "| [wiw-mmr] Vaccines do not cause autism", "#VaccinesWork #WIW2027", "https://factdesk.example.org/factchecks/mmr-vaccine-autism/"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if len(fx.srv.Posts("")) != 0 {
		t.Fatal("a dry run sent something")
	}
	if fx.ledgerText() != emptyLedger {
		t.Fatal("a dry run wrote the ledger")
	}
	code, _, errOut = fx.run(ny("2027-04-24T09:00"), "publish", "--at", "2027-04-24T10:00")
	if code != 2 || !strings.Contains(errOut, "early") {
		t.Fatalf("--at in the future without --dry-run: exit %d, want 2 explaining posts would go early:\n%s", code, errOut)
	}
}

func TestPublishOneFailingAccountNeverBlocksOthers(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost(), "")
	fx.live("mmr-vaccine-autism")
	delete(fx.env, "FACTDESK_X_MAIN_TOKEN")
	fx.env["FACTDESK_MASTODON_MAIN_TOKEN"] = "wrong-secret-token-7Qx9"
	code, out, errOut := fx.run(ny("2027-04-24T10:05"))
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "FACTDESK_X_MAIN_TOKEN") {
		t.Errorf("the summary does not name the missing variable:\n%s", out)
	}
	if strings.Contains(out+errOut, "wrong-secret-token-7Qx9") {
		t.Errorf("a token was printed:\n%s\n%s", out, errOut)
	}
	if !strings.Contains(out, "refused the credentials (401)") || !strings.Contains(out, "[redacted]") {
		t.Errorf("the Mastodon failure is not explained (with the echoed token redacted):\n%s", out)
	}
	for _, p := range []string{"bluesky", "linkedin", "facebook", "threads", "webhook"} {
		if n := len(fx.srv.Posts(p)); n != 1 {
			t.Errorf("%s got %d posts, want 1 despite other accounts failing", p, n)
		}
	}
	if l := fx.ledger(); l.Get("wiw-mmr", "x-main") != nil || l.Get("wiw-mmr", "mastodon-main") != nil {
		t.Errorf("failed sends left ledger entries, so they would never be retried: %+v", l.Entries)
	}
	// The refused token paused the account: until a person acts, it is held.
	if p := fx.ledger().PausedAccount("mastodon-main"); p == nil || p.Kind != publish.ProblemToken {
		t.Errorf("a refused token did not pause the account: %+v", p)
	}
	// Fixed credentials, and the pause lifted: the next run sends the rest, once.
	fx.env["FACTDESK_X_MAIN_TOKEN"] = fx.srv.Tokens["x"]
	fx.env["FACTDESK_MASTODON_MAIN_TOKEN"] = fx.srv.Tokens["mastodon"]
	if code, out, errOut := fx.run(ny("2027-04-24T10:19"), "accounts", "resume", "mastodon-main"); code != 0 || !strings.Contains(out, "mastodon-main resumed") {
		t.Fatalf("accounts resume: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := fx.run(ny("2027-04-24T10:20")); code != 0 {
		t.Fatalf("second run exit %d:\n%s", code, out)
	}
	for _, p := range platforms {
		if n := len(fx.srv.Posts(p)); n != 1 {
			t.Errorf("%s holds %d posts after the retry run, want 1", p, n)
		}
	}
}

// faultOnce injects fault into the n-th request of platform.
func faultOnce(plan map[string]map[int]fakeplatform.Fault) func(string, int, *http.Request) fakeplatform.Fault {
	return func(platform string, n int, _ *http.Request) fakeplatform.Fault {
		return plan[platform][n]
	}
}

func TestPublishRetriesOnlyWhatIsSafe(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost(), "")
	fx.live("mmr-vaccine-autism")
	fx.srv.RetryAfter = 1
	fx.srv.Faults = faultOnce(map[string]map[int]fakeplatform.Fault{
		"mastodon": {0: fakeplatform.TooMany, 1: fakeplatform.ResetAfter, 2: fakeplatform.ServerError}, // 429, then sent but the answer lost, then 500
		"bluesky":  {1: fakeplatform.ResetAfter},                                                       // record created, answer lost
		"webhook":  {0: fakeplatform.Malformed},                                                        // delivered, answer unreadable
		"x":        {0: fakeplatform.ServerError},                                                      // may or may not exist: never resent
		"linkedin": {0: fakeplatform.TooMany},                                                          // 429 is safe to retry everywhere
		"threads":  {0: fakeplatform.ResetBefore},                                                      // container step: nothing published
		"facebook": {0: fakeplatform.ResetAfter},                                                       // posted, answer lost: flagged
	})
	start := time.Now()
	code, out, errOut := fx.run(ny("2027-04-24T10:05"))
	if time.Since(start) < time.Second {
		t.Errorf("the run did not wait for Retry-After: 1")
	}
	if code != 1 {
		t.Fatalf("exit %d, want 1 (uncertain sends):\n%s\n%s", code, out, errOut)
	}
	// X answered 500 before doing anything: nothing exists, and nothing may be resent.
	if n := countLive(fx.srv.Posts("x"), "wiw-mmr"); n != 0 {
		t.Errorf("x holds %d copies after a 500, want 0 (no blind retry)", n)
	}
	for _, p := range []string{"mastodon", "bluesky", "webhook", "linkedin", "threads", "facebook"} {
		if n := countLive(fx.srv.Posts(p), "wiw-mmr"); n != 1 {
			t.Errorf("%s holds %d copies, want exactly 1\n%s", p, n, out)
		}
	}
	l := fx.ledger()
	for account, want := range map[string]publish.Status{"mastodon-main": publish.Sent, "bluesky-main": publish.Sent, "webhook-main": publish.Sent, "linkedin-main": publish.Sent, "threads-main": publish.Sent, "x-main": publish.Uncertain, "facebook-main": publish.Uncertain} {
		if e := l.Get("wiw-mmr", account); e == nil || e.Status != want {
			t.Errorf("ledger for %s = %+v, want status %s", account, e, want)
		}
	}
	if !strings.Contains(out, "uncertain") || !strings.Contains(out, "not resent") {
		t.Errorf("the summary does not flag the uncertain sends:\n%s", out)
	}
	// Uncertain sends are never retried by later runs.
	fx.run(ny("2027-04-24T10:20"))
	if n := len(fx.srv.Posts("x")); n != 0 {
		t.Errorf("an uncertain X send was repeated: %d posts", n)
	}
	if n := len(fx.srv.Posts("facebook")); n != 1 {
		t.Errorf("an uncertain Facebook send was repeated: %d posts", n)
	}
}

func TestPublishKeepsBlueskySession(t *testing.T) {
	t.Parallel()
	posts := []fakeplatform.FixturePost{
		{Slug: "first", PublishAt: "2027-04-24T10:00", Channels: []string{"bluesky-main"}, Copy: "[first] one"},
		{Slug: "second", PublishAt: "2027-04-24T10:10", Channels: []string{"bluesky-main"}, Copy: "[second] two"},
	}
	fx := newFixture(t, posts, "")
	fx.run(ny("2027-04-24T10:05"))
	fx.run(ny("2027-04-24T10:20"))
	if n := len(fx.srv.Posts("bluesky")); n != 2 {
		t.Fatalf("%d Bluesky posts, want 2", n)
	}
	if logins, _ := fx.srv.Logins(); logins != 1 {
		t.Errorf("%d logins for two runs, want 1 (the session must be reused)", logins)
	}
	if _, refreshes := fx.srv.Logins(); refreshes != 0 {
		t.Errorf("%d refreshes of a fresh session, want 0", refreshes)
	}
	info, err := os.Stat(filepath.Join(fx.root, ".factdesk-cache", "bluesky-bluesky-main.json"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the session cache is missing or readable by others: %v %v", info, err)
	}
}

func TestUnpublishDeletesEverywhere(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost(), "")
	fx.live("mmr-vaccine-autism")
	if code, out, _ := fx.run(ny("2027-04-24T10:05")); code != 0 {
		t.Fatalf("publish exit %d:\n%s", code, out)
	}
	code, out, errOut := fx.run(ny("2027-04-24T11:00"), "unpublish", "wiw-mmr", "--account", "x-main")
	if code != 0 || !strings.Contains(out, "deleted") {
		t.Fatalf("unpublish --account exit %d:\n%s\n%s", code, out, errOut)
	}
	if countLive(fx.srv.Posts("x"), "wiw-mmr") != 0 || countLive(fx.srv.Posts("mastodon"), "wiw-mmr") != 1 {
		t.Fatal("--account x-main did not delete exactly the X post")
	}
	code, out, errOut = fx.run(ny("2027-04-24T11:00"), "unpublish", "wiw-mmr")
	if code != 0 {
		t.Fatalf("unpublish exit %d:\n%s\n%s", code, out, errOut)
	}
	for _, p := range platforms {
		if n := countLive(fx.srv.Posts(p), "wiw-mmr"); n != 0 {
			t.Errorf("%s still shows the post after unpublish", p)
		}
	}
	if _, err := os.Stat(filepath.Join(fx.outbox, "wiw-mmr--outbox.md")); err == nil {
		t.Error("the outbox file is still there")
	}
	for _, e := range fx.ledger().Entries {
		if e.Status != publish.Deleted {
			t.Errorf("ledger %s: status %s, want deleted", e.Account, e.Status)
		}
	}
	// Deleted posts are never sent again.
	fx.run(ny("2027-04-24T11:15"))
	for _, p := range platforms {
		if n := countLive(fx.srv.Posts(p), "wiw-mmr"); n != 0 {
			t.Errorf("%s: the deleted post was sent again", p)
		}
	}
	if code, _, errOut := fx.run(ny("2027-04-24T11:00"), "unpublish", "no-such-post"); code != 2 || !strings.Contains(errOut, "no record of no-such-post") {
		t.Errorf("unpublish of an unknown post: exit %d, %s", code, errOut)
	}
}

// fakeGitHub is a fake of the GitHub issues API for one repository.
type fakeGitHub struct {
	mu      sync.Mutex
	issues  []map[string]any
	creates int
	edits   int
}

func (g *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer gh-token-1" {
		w.WriteHeader(401)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == "GET" && r.URL.Path == "/api/v3/repos/example/factdesk/issues":
		var out []map[string]any
		for _, is := range g.issues {
			if r.URL.Query().Get("labels") == "factdesk-publish" && is["state"] == "open" {
				out = append(out, is)
			}
		}
		if out == nil {
			out = []map[string]any{}
		}
		json.NewEncoder(w).Encode(out)
	case r.Method == "POST" && r.URL.Path == "/api/v3/repos/example/factdesk/issues":
		var in map[string]any
		json.NewDecoder(r.Body).Decode(&in)
		g.creates++
		is := map[string]any{"number": len(g.issues) + 1, "state": "open", "title": in["title"], "body": in["body"], "html_url": "https://github.com/example/factdesk/issues/1",
			"labels": []map[string]string{{"name": "factdesk-publish"}}}
		g.issues = append(g.issues, is)
		w.WriteHeader(201)
		json.NewEncoder(w).Encode(is)
	case r.Method == "PATCH" && r.URL.Path == "/api/v3/repos/example/factdesk/issues/1":
		var in map[string]any
		json.NewDecoder(r.Body).Decode(&in)
		g.edits++
		g.issues[0]["body"] = in["body"]
		json.NewEncoder(w).Encode(g.issues[0])
	default:
		w.WriteHeader(404)
	}
}

func TestPublishReportsProblemsInOneIssue(t *testing.T) {
	t.Parallel()
	gh := &fakeGitHub{}
	ghSrv := httptest.NewServer(githubfake.Checked(t, gh))
	defer ghSrv.Close()
	fx := newFixture(t, onePost("x-main", "mastodon-main"), "")
	fx.live("mmr-vaccine-autism")
	delete(fx.env, "FACTDESK_X_MAIN_TOKEN")
	fx.env["GITHUB_TOKEN"] = "gh-token-1"
	fx.env["GITHUB_REPOSITORY"] = "example/factdesk"
	fx.env["FACTDESK_GITHUB_API_URL"] = ghSrv.URL + "/api/v3/"
	fx.env["FACTDESK_LINKEDIN_MAIN_TOKEN_EXPIRES"] = "2027-05-01"
	code, out, errOut := fx.run(ny("2027-04-24T10:05"), "publish", "--report")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = fx.run(ny("2027-04-24T10:20"), "publish", "--report")
	if code != 1 {
		t.Fatalf("second run exit %d, want 1:\n%s\n%s", code, out, errOut)
	}
	if gh.creates != 1 || gh.edits != 1 {
		t.Fatalf("issues created %d, edited %d; want one issue, then updated", gh.creates, gh.edits)
	}
	body, _ := gh.issues[0]["body"].(string)
	for _, want := range []string{"wiw-mmr → x-main", "FACTDESK_X_MAIN_TOKEN", "linkedin-main", "expires on 2027-05-01"} {
		if !strings.Contains(body, want) {
			t.Errorf("issue body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "gh-token-1") || strings.Contains(out+errOut, "gh-token-1") {
		t.Error("the GitHub token was printed")
	}
}

func TestPublishRefreshesAnExpiredBlueskySession(t *testing.T) {
	t.Parallel()
	posts := []fakeplatform.FixturePost{
		{Slug: "first", PublishAt: "2027-04-24T10:00", Channels: []string{"bluesky-main"}, Copy: "[first] one"},
		{Slug: "second", PublishAt: "2027-04-24T10:10", Channels: []string{"bluesky-main"}, Copy: "[second] two"},
	}
	fx := newFixture(t, posts, "")
	fx.srv.AccessTTL = 30 * time.Second // already within a minute of expiry when cached
	fx.run(ny("2027-04-24T10:05"))
	fx.run(ny("2027-04-24T10:20"))
	logins, refreshes := fx.srv.Logins()
	if n := len(fx.srv.Posts("bluesky")); n != 2 || logins != 1 || refreshes != 1 {
		t.Errorf("%d posts, %d logins, %d refreshes; want 2 posts, 1 login, 1 refresh", n, logins, refreshes)
	}
}

func TestPublishBadInputIsExplained(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		extra string
		args  []string
		want  string
		// line is the line of factdesk.yaml the message must name (0: none).
		line int
	}{
		{"unknown --only", "", []string{"publish", "--dry-run", "--only", "no-such-thing"}, "--only no-such-thing: no post has that slug and no account has that name", 0},
		{"short grace", "  grace: 30m\n", []string{"publish"}, "publish.grace is 30m", 1},
		{"bad duration", "  grace: soon\n", []string{"publish"}, `publish.grace "soon" is not a duration`, 1},
		{"bad --at", "", []string{"publish", "--dry-run", "--at", "tomorrow"}, `--at "tomorrow"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, onePost("mastodon-main"), "")
			if tt.extra != "" {
				cfg, err := os.ReadFile(filepath.Join(fx.root, "factdesk.yaml"))
				if err != nil {
					t.Fatal(err)
				}
				tt.line += strings.Count(string(cfg[:strings.Index(string(cfg), "publish:\n")]), "\n") + 1
				cfg = []byte(strings.Replace(string(cfg), "publish:\n", "publish:\n"+tt.extra, 1))
				if err := os.WriteFile(filepath.Join(fx.root, "factdesk.yaml"), cfg, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, out, errOut := fx.run(ny("2027-04-24T10:05"), tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, want 2 with %q:\n%s%s", code, tt.want, out, errOut)
			}
			if at := "factdesk.yaml:" + strconv.Itoa(tt.line) + ":"; tt.line > 0 && !strings.Contains(errOut, at) {
				t.Errorf("the message does not name %s:\n%s", at, errOut)
			}
			if strings.Contains(errOut, "goroutine") {
				t.Errorf("a stack trace reached the user:\n%s", errOut)
			}
			if len(fx.srv.Posts("")) != 0 {
				t.Error("something was sent despite the bad input")
			}
		})
	}
}

func TestPublishSettlesAnInterruptedRun(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost("x-main", "bluesky-main", "mastodon-main"), "")
	fx.live("mmr-vaccine-autism")
	// A run sent the post to Bluesky and perhaps to X, then died before recording it.
	attempted := ny("2027-04-24T10:01")
	m := &publish.Message{Post: "wiw-mmr", Account: "bluesky-main", PublishAt: ny("2027-04-24T10:00")}
	ch := publish.NewBluesky(http.DefaultClient, fx.srv.URLFor("bluesky"), "riversidehealth.example", fx.srv.Tokens["bluesky"], "")
	m.Text = "[wiw-mmr] already there"
	if _, err := ch.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	l := &publish.Ledger{}
	for _, a := range []string{"x-main", "bluesky-main", "mastodon-main"} {
		l.Put(&publish.Entry{Post: "wiw-mmr", Account: a, Platform: strings.TrimSuffix(a, "-main"), Status: publish.Sending, Time: attempted, Attempted: &attempted})
	}
	if err := l.Write(filepath.Join(fx.root, "data", "ledger.json")); err != nil {
		t.Fatal(err)
	}
	code, out, _ := fx.run(ny("2027-04-24T10:15"))
	if code != 1 {
		t.Errorf("exit %d, want 1 (a send is newly uncertain):\n%s", code, out)
	}
	got := fx.ledger()
	if e := got.Get("wiw-mmr", "x-main"); e == nil || e.Status != publish.Uncertain {
		t.Errorf("X after an interrupted run: %+v, want uncertain (never resent)", e)
	}
	if e := got.Get("wiw-mmr", "bluesky-main"); e == nil || e.Status != publish.Sent || !strings.HasPrefix(e.URL, "https://bsky.app/") {
		t.Errorf("Bluesky after an interrupted run: %+v, want sent (found by its record key)", e)
	}
	if e := got.Get("wiw-mmr", "mastodon-main"); e == nil || e.Status != publish.Sent {
		t.Errorf("Mastodon after an interrupted run: %+v, want sent (resent with the same key)", e)
	}
	if n := len(fx.srv.Posts("x")); n != 0 {
		t.Errorf("X was sent %d times after an interrupted run, want 0", n)
	}
	if n := len(fx.srv.Posts("bluesky")); n != 1 {
		t.Errorf("Bluesky holds %d posts, want 1", n)
	}
	// The next run still reports the uncertain post, but does not fail for it again.
	code, out, _ = fx.run(ny("2027-04-24T10:30"))
	if code != 0 || !strings.Contains(out, "uncertain") {
		t.Errorf("next run: exit %d, want 0 and the uncertain post still listed:\n%s", code, out)
	}
}

func TestPublishRecordsAnUncertainSendEvenWhenNothingElseIsDue(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost("x-main"), "")
	fx.live("mmr-vaccine-autism")
	attempted := ny("2027-04-24T10:01")
	l := &publish.Ledger{}
	l.Put(&publish.Entry{Post: "wiw-mmr", Account: "x-main", Platform: "x", Status: publish.Sending, Time: attempted, Attempted: &attempted})
	if err := l.Write(filepath.Join(fx.root, "data", "ledger.json")); err != nil {
		t.Fatal(err)
	}
	fx.run(ny("2027-04-24T10:15"))
	if e := fx.ledger().Get("wiw-mmr", "x-main"); e == nil || e.Status != publish.Uncertain {
		t.Errorf("ledger entry %+v, want it recorded as uncertain", e)
	}
}
