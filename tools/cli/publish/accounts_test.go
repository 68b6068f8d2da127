package publish_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

func TestPublishDryRunShowsXCostOfTheRunAndTheNext30Days(t *testing.T) {
	t.Parallel()
	posts := append(onePost("x-main", "mastodon-main"),
		fakeplatform.FixturePost{Slug: "wiw-later", PublishAt: "2027-05-10T10:00", Channels: []string{"x-main"}, Copy: "[wiw-later] Vaccines are tested for safety in large trials."},
		fakeplatform.FixturePost{Slug: "wiw-much-later", PublishAt: "2027-07-10T10:00", Channels: []string{"x-main"}, Copy: "[wiw-much-later] Outside the 30 days."})
	fx := newFixture(t, posts, "")
	fx.live("mmr-vaccine-autism")
	code, out, errOut := fx.run(ny("2027-04-24T10:05"), "publish", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"this run:          $0.20 (1 post on X, 1 with a link)",
		"next 30 days:      $0.20 (1 post on X, 1 with a link)",
		"$0.015 a post, $0.20 with a link, prices of 2026-02-06",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, out)
		}
	}
}

func TestPublishMonthlyCapHoldsWhatWouldGoOver(t *testing.T) {
	t.Parallel()
	posts := append(onePost("x-main"), fakeplatform.FixturePost{Slug: "wiw-second", PublishAt: "2027-04-24T10:00", Channels: []string{"x-main"}, Copy: "[wiw-second] A second post."})
	fx := newFixture(t, posts, "  costs:\n    monthly_cap: 0.30\n")
	fx.live("mmr-vaccine-autism")
	code, out, errOut := fx.run(ny("2027-04-24T10:05"))
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a post held):\n%s\n%s", code, out, errOut)
	}
	if n := len(fx.srv.Posts("x")); n != 1 {
		t.Errorf("X got %d posts; with a cap of $0.30 and $0.20 a post, want 1", n)
	}
	if !strings.Contains(out, "held") || !strings.Contains(out, "monthly cap of $0.30") {
		t.Errorf("the held post is not reported with the cap:\n%s", out)
	}
}

// A 402 from X (no credits) pauses that account with a clear issue while the others
// publish; the account stays paused until a person resumes it.
func TestPublishPausesAnAccountOutOfXCredits(t *testing.T) {
	t.Parallel()
	gh := &fakeGitHub{}
	ghSrv := httptest.NewServer(githubfake.Checked(t, gh))
	defer ghSrv.Close()
	posts := append(onePost("x-main", "mastodon-main", "bluesky-main"),
		fakeplatform.FixturePost{Slug: "wiw-second", PublishAt: "2027-04-24T10:00", Channels: []string{"x-main"}, Copy: "[wiw-second] A second post."})
	fx := newFixture(t, posts, "")
	fx.live("mmr-vaccine-autism")
	fx.srv.XCreditsLeft = 0
	fx.env["GITHUB_TOKEN"] = "gh-token-1"
	fx.env["GITHUB_REPOSITORY"] = "example/factdesk"
	fx.env["FACTDESK_GITHUB_API_URL"] = ghSrv.URL + "/api/v3/"
	code, out, errOut := fx.run(ny("2027-04-24T10:05"), "publish", "--report")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s\n%s", code, out, errOut)
	}
	if n := len(fx.srv.Posts("x")); n != 0 {
		t.Errorf("X created %d posts without credits", n)
	}
	if countLive(fx.srv.Posts("mastodon"), "[wiw-mmr]") != 1 || countLive(fx.srv.Posts("bluesky"), "[wiw-mmr]") != 1 {
		t.Errorf("the other accounts did not publish:\n%s", out)
	}
	xPosts := 0
	for _, r := range fx.srv.Requests() {
		if r == "POST /x/2/tweets" {
			xPosts++
		}
	}
	if xPosts != 1 {
		t.Errorf("X was asked %d times; after the 402 the account's other post must be held, not tried", xPosts)
	}
	if len(gh.issues) != 1 {
		t.Fatalf("want one issue, got %d", len(gh.issues))
	}
	body, _ := gh.issues[0]["body"].(string)
	for _, want := range []string{"Accounts paused", "x-main", "402 Payment Required", "no credits left", "console.x.com", "factdesk accounts resume x-main"} {
		if !strings.Contains(body, want) {
			t.Errorf("the issue lacks %q:\n%s", want, body)
		}
	}
	// The next run, credits or not, leaves the account alone until a person resumes it.
	fx.srv.XCreditsLeft = -1
	code, out, _ = fx.run(ny("2027-04-24T10:20"))
	if code != 1 || len(fx.srv.Posts("x")) != 0 || !strings.Contains(out, "paused since") {
		t.Errorf("a paused account was used before a person resumed it (exit %d):\n%s", code, out)
	}
	if code, out, errOut := fx.run(ny("2027-04-24T10:25"), "accounts", "resume", "x-main"); code != 0 {
		t.Fatalf("accounts resume: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ = fx.run(ny("2027-04-24T10:30")); code != 0 || len(fx.srv.Posts("x")) != 2 {
		t.Errorf("after resume: exit %d, %d X posts; want 0 and 2:\n%s", code, len(fx.srv.Posts("x")), out)
	}
}

func TestPublishCheckAccounts(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost(), "")
	fx.env["FACTDESK_MASTODON_MAIN_TOKEN"] = "revoked-token-9Zq1"
	fx.env["FACTDESK_THREADS_MAIN_TOKEN_EXPIRES"] = "2027-05-01"
	code, out, errOut := fx.run(ny("2027-04-24T10:05"), "publish", "--check-accounts")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (one revoked, one expiring):\n%s\n%s", code, out, errOut)
	}
	section := func(account string) string {
		i := strings.Index(out, account+" ")
		if i < 0 {
			return ""
		}
		rest := out[i+len(account):]
		if j := strings.Index(rest, "\n"+strings.SplitN(strings.TrimLeft(rest[strings.Index(rest, "\n")+1:], " "), " ", 2)[0]); j > 0 && false {
			rest = rest[:j]
		}
		return rest
	}
	for _, c := range []struct{ account, want string }{
		{"x-main", "works"},
		{"linkedin-main", "LinkedIn-Version 202607"},
		{"facebook-main", "works"},
		{"threads-main", "expiring"},
		{"mastodon-main", "FAILS"},
	} {
		if s := section(c.account); !strings.Contains(firstLines(s, 5), c.want) {
			t.Errorf("%s: want %q in:\n%s", c.account, c.want, firstLines(s, 5))
		}
	}
	for _, want := range []string{"expires:  2027-05-01", "factdesk accounts refresh threads-main", "X API v2, pay-per-use tier", "the access token has expired or was revoked"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, "revoked-token-9Zq1") {
		t.Error("a token was printed")
	}
	if len(fx.srv.Posts("")) != 0 {
		t.Error("checking accounts sent a post")
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

func TestAccountsRefreshPrintsTheCommandNeverTheToken(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, onePost(), "")
	code, out, errOut := fx.run(ny("2027-04-24T10:05"), "accounts", "refresh", "threads-main")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "gh secret set FACTDESK_THREADS_MAIN_TOKEN --repo example/factdesk < .factdesk-cache/threads-main.token") ||
		!strings.Contains(out, "gh variable set FACTDESK_THREADS_MAIN_TOKEN_EXPIRES --repo example/factdesk --body 2027-06-23") {
		t.Errorf("the gh commands are missing:\n%s", out)
	}
	if strings.Contains(out+errOut, "threads-token-renewed-0002") || strings.Contains(out+errOut, fx.srv.Tokens["threads"]) {
		t.Errorf("a token was printed:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(fx.root, ".factdesk-cache", "threads-main.token"))
	if err != nil || string(data) != "threads-token-renewed-0002" {
		t.Errorf("the renewed token file holds %q (%v)", data, err)
	}
	code, out, _ = fx.run(ny("2027-04-24T10:05"), "accounts", "refresh", "x-main")
	if code != 0 || !strings.Contains(out, "gh secret set FACTDESK_X_MAIN_ACCESS_TOKEN") {
		t.Errorf("X: exit %d, want the gh command for each credential:\n%s", code, out)
	}
}

// A due post that breaks a rule of factdesk check (patient information above all) is
// held: not sent, reported naming the rule and never the text, exit 1.
func TestPublishHoldsAPostThatFailsCheck(t *testing.T) {
	t.Parallel()
	posts := onePost("mastodon-main", "bluesky-main")
	posts[0].Copy = "[wiw-mmr] Our patient Maria Lopez, MRN 48291734, born 03/14/1962, got her MMR today."
	fx := newFixture(t, posts, "")
	fx.live("mmr-vaccine-autism")
	code, out, errOut := fx.run(ny("2027-04-24T10:05"))
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s\n%s", code, out, errOut)
	}
	if n := len(fx.srv.Posts("")); n != 0 {
		t.Fatalf("%d posts went out with patient information", n)
	}
	if !strings.Contains(out, "held") || !strings.Contains(out, "phi-medical-record") {
		t.Errorf("the summary does not name the rule that held the post:\n%s", out)
	}
	if strings.Contains(out+errOut, "48291734") || strings.Contains(out+errOut, "Maria Lopez") {
		t.Errorf("the patient information was printed:\n%s\n%s", out, errOut)
	}
	_ = publish.StateHeld
}
