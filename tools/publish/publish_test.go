package publish

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
)

func TestFacetsUseUTF8ByteOffsets(t *testing.T) {
	tests := []struct {
		name, text, link string
		want             []string // text covered by each facet, in order
	}{
		{"ascii", "See https://example.org/a #Vaccines", "https://example.org/a", []string{"https://example.org/a", "#Vaccines"}},
		{"accents before", "Café é vacina https://example.org/x\n\n#VacinasSalvam #Saúde", "https://example.org/x", []string{"https://example.org/x", "#VacinasSalvam", "#Saúde"}},
		{"emoji zwj before", "👩🏽‍⚕️ says: https://example.org/p #FluFacts", "https://example.org/p", []string{"https://example.org/p", "#FluFacts"}},
		{"cjk", "疫苗 https://example.org/z #疫苗", "https://example.org/z", []string{"https://example.org/z", "#疫苗"}},
		{"no number-only tag", "Call #1 now #Health", "", []string{"#Health"}},
		{"anchor in link is not a tag", "https://example.org/a#top #Tag", "https://example.org/a#top", []string{"https://example.org/a#top", "#Tag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := Facets(tt.text, tt.link)
			if len(fs) != len(tt.want) {
				t.Fatalf("Facets(%q) gave %d facets, want %d: %+v", tt.text, len(fs), len(tt.want), fs)
			}
			for i, f := range fs {
				got := tt.text[f.Index.ByteStart:f.Index.ByteEnd]
				if got != tt.want[i] {
					t.Errorf("facet %d covers %q, want %q", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestRecordKeyIsAStableValidTID(t *testing.T) {
	due := time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC)
	seen := map[string]string{}
	for _, post := range []string{"a", "b", "wiw-mmr", "ahm-2027-wear-red-day"} {
		for _, account := range []string{"bluesky-main", "bluesky-es"} {
			m := &Message{Post: post, Account: account, PublishAt: due}
			k := RecordKey(m)
			if len(k) != 13 || !strings.ContainsRune("234567abcdefghij", rune(k[0])) {
				t.Errorf("RecordKey(%s, %s) = %q, not a TID", post, account, k)
			}
			if again := RecordKey(&Message{Post: post, Account: account, PublishAt: due}); again != k {
				t.Errorf("RecordKey is not stable: %q then %q", k, again)
			}
			if other, dup := seen[k]; dup {
				t.Errorf("RecordKey(%s, %s) = RecordKey(%s) = %q", post, account, other, k)
			}
			seen[k] = post + "/" + account
		}
	}
}

func TestEnvName(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"mastodon-main", "TOKEN"}:         "FACTDESK_MASTODON_MAIN_TOKEN",
		{"bluesky-es", "PASSWORD"}:         "FACTDESK_BLUESKY_ES_PASSWORD",
		{"linkedin-main", "TOKEN_EXPIRES"}: "FACTDESK_LINKEDIN_MAIN_TOKEN_EXPIRES",
	} {
		if got := EnvName(in[0], in[1]); got != want {
			t.Errorf("EnvName(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

// TestReadLedgerRejectsDamage: a damaged ledger is never read as an empty one (that
// would send again everything in the grace window); each problem is named at its line.
func TestReadLedgerRejectsDamage(t *testing.T) {
	dir := t.TempDir()
	entry := `{"post":"p","account":"a","platform":"x","status":"sent","time":"2027-01-01T00:00:00Z"}`
	tests := []struct{ name, body, want string }{
		{"not json", "{entries", ":1:2: the ledger is not valid JSON"},
		{"empty file", "", ":1:1: the ledger is empty"},
		{"null", "null", ":1:1: the ledger is null, not an object"},
		{"empty object", "{}", `:1:1: the ledger has no "entries" list`},
		{"entries null", `{"entries": null}`, `:1:13: "entries" is null, not a list`},
		{"a list", `[]`, ":1:1: the ledger is a list, not an object"},
		{"unknown field", `{"entries":[],"extra":1}`, `:1:15: unknown field "extra"`},
		{"trailing data", "{\"entries\": []}\n{\"entries\": []}\n", ":2:1: data follows the ledger's closing brace"},
		{"duplicate", "{\"entries\": [\n" + entry + ",\n" + entry + "\n]}", ":3:1: entry 2 repeats p on a (first at line 2)"},
		{"bad status", "{\"entries\":[\n" + strings.Replace(entry, `"sent"`, `"done"`, 1) + "]}", `:2:1: entry 1 (p on a) has unknown status "done"`},
		{"no account", `{"entries":[{"post":"p","status":"sent","time":"2027-01-01T00:00:00Z"}]}`, ":1:13: entry 1 has no post or account"},
		{"null entry", `{"entries":[null]}`, ":1:13: entry 1 is null"},
		// Found by FuzzParseLedger: the parser looped for ever on a file cut inside an entry.
		{"cut inside an entry", `{"entries":["},`, ":1:16: the ledger is not valid JSON: it ends inside entry 1"},
		{"unknown entry field", `{"entries":[{"post":"p","account":"a","colour":"red"}]}`, `:1:13: entry 1: unknown field "colour"`},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
		if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadLedger(p)
		var le *LedgerError
		if !errors.As(err, &le) || !strings.Contains(err.Error(), p+tt.want) {
			t.Errorf("%s: ReadLedger error = %v, want a LedgerError with %q", tt.name, err, p+tt.want)
		}
	}
	_, err := ReadLedger(filepath.Join(dir, "missing.json"))
	var le *LedgerError
	if !errors.As(err, &le) || !le.Missing || !strings.Contains(err.Error(), "factdesk ledger init") {
		t.Errorf("a missing ledger gave %v; want an error naming the command that starts one", err)
	}
	good := "{\"entries\": [\n" + entry + "\n]}\n"
	if l, probs := ParseLedger([]byte(good)); len(probs) != 0 || len(l.Entries) != 1 {
		t.Errorf("a good ledger gave %v, %v", l, probs)
	}
}

// TestChangesOnlyMoveForward: a change decided on an older ledger never undoes what a
// person or another run did since.
func TestChangesOnlyMoveForward(t *testing.T) {
	at := time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC)
	intent := &Entry{Post: "p", Account: "a", Status: Sending, Run: "run 1", Attempted: &at}
	mine := &Entry{Status: Sending, Run: "run 1"}
	tests := []struct {
		name    string
		current *Entry
		change  Change
		applies bool
		want    Status // "" means no entry
	}{
		{"intent on a free entry", nil, Change{Post: "p", Account: "a", Then: intent}, true, Sending},
		{"intent on an entry another run took", &Entry{Post: "p", Account: "a", Status: Sending, Run: "run 2"}, Change{Post: "p", Account: "a", Then: intent}, false, Sending},
		{"result of my intent", intent, Change{Post: "p", Account: "a", If: mine, Then: &Entry{Post: "p", Account: "a", Status: Sent}}, true, Sent},
		{"result after a hand settlement to sent", &Entry{Post: "p", Account: "a", Status: Sent, URL: "u"}, Change{Post: "p", Account: "a", If: mine, Then: &Entry{Post: "p", Account: "a", Status: Uncertain}}, false, Sent},
		{"dropping my intent after a person removed it", nil, Change{Post: "p", Account: "a", If: mine}, false, ""},
		{"dropping my failed intent", intent, Change{Post: "p", Account: "a", If: mine}, true, ""},
		{"settling a stale intent someone already settled", &Entry{Post: "p", Account: "a", Status: Uncertain, Run: "run 0"}, Change{Post: "p", Account: "a", If: &Entry{Status: Sending, Run: "run 0"}, Then: &Entry{Post: "p", Account: "a", Status: Uncertain}}, false, Uncertain},
		{"no move back from deleted", &Entry{Post: "p", Account: "a", Status: Deleted, Run: "run 1"}, Change{Post: "p", Account: "a", If: &Entry{Status: Deleted, Run: "run 1"}, Then: &Entry{Post: "p", Account: "a", Status: Sent}}, false, Deleted},
	}
	for _, tt := range tests {
		l := &Ledger{}
		if tt.current != nil {
			c := *tt.current
			l.Put(&c)
		}
		if got := tt.change.Apply(l); got != tt.applies {
			t.Errorf("%s: applied = %v, want %v", tt.name, got, tt.applies)
		}
		var st Status
		if e := l.Get("p", "a"); e != nil {
			st = e.Status
		}
		if st != tt.want {
			t.Errorf("%s: entry is %q, want %q", tt.name, st, tt.want)
		}
	}
}

func TestExpiring(t *testing.T) {
	now := time.Date(2027, 4, 24, 12, 0, 0, 0, time.UTC)
	env := map[string]string{
		"FACTDESK_LINKEDIN_MAIN_TOKEN_EXPIRES": "2027-05-01",
		"FACTDESK_THREADS_MAIN_TOKEN_EXPIRES":  "2027-04-01",
		"FACTDESK_X_MAIN_TOKEN_EXPIRES":        "2027-09-01",
		"FACTDESK_FACEBOOK_MAIN_TOKEN_EXPIRES": "next week",
	}
	ps := Expiring([]string{"x-main", "linkedin-main", "threads-main", "facebook-main", "mastodon-main"}, func(k string) string { return env[k] }, now, 14*24*time.Hour)
	got := map[string]string{}
	for _, p := range ps {
		got[p.Label] = p.Detail
	}
	if len(ps) != 3 || !strings.Contains(got["linkedin-main"], "expires on 2027-05-01 (in 6 days)") || !strings.Contains(got["threads-main"], "expired on 2027-04-01") || !strings.Contains(got["facebook-main"], "not a date") {
		t.Errorf("Expiring = %+v", ps)
	}
}

// TestChannelsAgainstFakes sends and deletes through every channel directly.
func TestChannelsAgainstFakes(t *testing.T) {
	srv := fakeplatform.NewT(t)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	img := filepath.Join(t.TempDir(), "chart.png")
	if err := os.WriteFile(img, []byte("\x89PNG fake"), 0o644); err != nil {
		t.Fatal(err)
	}
	channels := map[string]Channel{
		"mastodon": NewMastodon(client, srv.URLFor("mastodon"), srv.Tokens["mastodon"]),
		"bluesky":  NewBluesky(client, srv.URLFor("bluesky"), "riversidehealth.example", srv.Tokens["bluesky"], ""),
		"x":        NewX(client, srv.URLFor("x"), srv.Tokens["x"], "@RiversideHealth"),
		"linkedin": NewLinkedIn(client, srv.URLFor("linkedin"), srv.Tokens["linkedin"], "urn:li:organization:1", DefaultLinkedInVer),
		"facebook": NewFacebook(client, srv.URLFor("facebook"), srv.Tokens["facebook"], "4242"),
		"threads":  NewThreads(client, srv.URLFor("threads"), srv.Tokens["threads"], ""),
		"webhook":  NewWebhook(client, srv.URLFor("webhook")+"/hook", srv.Tokens["webhook"]),
	}
	for platform, ch := range channels {
		t.Run(platform, func(t *testing.T) {
			m := &Message{Post: "p-" + platform, Account: platform + "-main", Platform: platform, Text: "[p-" + platform + "] Hello ✨ https://example.org/x #Tag",
				Link: "https://example.org/x", PublishAt: time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC), Key: Key("p-"+platform, platform+"-main")}
			if platform == "mastodon" || platform == "bluesky" {
				m.Images = []Image{{Path: img, Alt: "A bar chart of vaccination rates"}}
			}
			r, err := ch.Send(context.Background(), m)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if r.RemoteID == "" {
				t.Fatal("Send returned no remote id")
			}
			if f, ok := ch.(Finder); ok {
				if _, found, err := f.Find(context.Background(), m); err != nil || !found {
					t.Errorf("Find after Send = %v, %v; want found", found, err)
				}
			}
			if err := ch.Delete(context.Background(), r); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			for _, p := range srv.Posts(platform) {
				if strings.Contains(p.Text, "p-"+platform) && !p.Deleted {
					t.Errorf("the post is still live after Delete")
				}
			}
		})
	}
}

func TestWrongCredentialsAreRedacted(t *testing.T) {
	srv := fakeplatform.NewT(t)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	const secret = "sekret-token-value-42"
	for platform, ch := range map[string]Channel{
		"mastodon": NewMastodon(client, srv.URLFor("mastodon"), secret),
		"x":        NewX(client, srv.URLFor("x"), secret, ""),
		"linkedin": NewLinkedIn(client, srv.URLFor("linkedin"), secret, "urn:li:organization:1", DefaultLinkedInVer),
	} {
		_, err := ch.Send(context.Background(), &Message{Post: "p", Account: "a", Text: "hi", Key: "k"})
		ce := AsCallError(err)
		if err == nil || ce.Outcome != NotSent || ce.Retry {
			t.Errorf("%s: wrong token gave %v; want a final not-sent error", platform, err)
			continue
		}
		if strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "[redacted]") {
			t.Errorf("%s: error %q shows the token or does not say it was redacted", platform, err)
		}
	}
}

// TestPostingBudgetCountsTheLedger: an account that already used its platform's budget in
// the window (as the ledger shows) sends nothing more in this run.
func TestPostingBudgetCountsTheLedger(t *testing.T) {
	now := time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC)
	l := &Ledger{}
	for i := 0; i < Limits["threads"].Posts; i++ {
		l.Put(&Entry{Post: fmt.Sprintf("p%d", i), Account: "threads-main", Platform: "threads", Status: Sent, Time: now.Add(-time.Duration(i) * time.Minute)})
	}
	p := &Publisher{Ledger: l, Settings: Settings{MaxWait: time.Minute}, Now: func() time.Time { return now }}
	lim := p.limiter("threads-main", "threads", now)
	if r := lim.ReserveN(now, 1); r.DelayFrom(now) < time.Minute {
		t.Errorf("after %d Threads posts today the next may go in %v; want a wait beyond the run", Limits["threads"].Posts, r.DelayFrom(now))
	}
	if r := p.limiter("threads-other", "threads", now).ReserveN(now, 1); r.DelayFrom(now) != 0 {
		t.Errorf("another account's budget was charged: wait %v", r.DelayFrom(now))
	}
	it := &Item{Post: nil, Account: "threads-main", Platform: "threads"}
	it.State = StateDue
	_ = p.sendAccount(context.Background(), &X{}, lim, []*Item{it})
	if it.State != StateFailed || !strings.Contains(it.Reason, "posting limit") {
		t.Errorf("an over-budget send ended %s: %s; want failed, naming the posting limit", it.State, it.Reason)
	}
}

// TestBlueskyRepeatedCreateIsFoundNotDuplicated: a create whose answer was lost, sent
// again, meets the existing record key; the engine then finds the record.
func TestBlueskyRepeatedCreateIsFoundNotDuplicated(t *testing.T) {
	srv := fakeplatform.NewT(t)
	defer srv.Close()
	ch := NewBluesky(&http.Client{Timeout: 5 * time.Second}, srv.URLFor("bluesky"), "riversidehealth.example", srv.Tokens["bluesky"], "")
	m := &Message{Post: "p", Account: "bluesky-main", Text: "[p] hello", PublishAt: time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC)}
	if _, err := ch.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	_, err := ch.Send(context.Background(), m)
	if ce := AsCallError(err); err == nil || ce.Outcome != Unknown || !ce.Retry {
		t.Fatalf("a second create with the same key gave %v; want an unknown, retryable outcome", err)
	}
	if r, found, err := ch.Find(context.Background(), m); err != nil || !found || !strings.HasSuffix(r.URL, RecordKey(m)) {
		t.Fatalf("Find = %+v, %v, %v; want the first record", r, found, err)
	}
	if n := len(srv.Posts("bluesky")); n != 1 {
		t.Fatalf("%d records, want 1", n)
	}
}

// TestOAuth1SignatureMatchesTheDocumentedExample uses the worked example of X's
// "Creating a signature" page (its sample credentials, not real ones).
func TestOAuth1SignatureMatchesTheDocumentedExample(t *testing.T) {
	o := &OAuth1{ConsumerKey: "xvz1evFS4wEEPTGEFPHBog", ConsumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
		Token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", TokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"}
	params := url.Values{
		"status":                 {"Hello Ladies + Gentlemen, a signed OAuth request!"},
		"oauth_consumer_key":     {o.ConsumerKey},
		"oauth_nonce":            {"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"},
		"oauth_signature_method": {"HMAC-SHA1"},
		"oauth_timestamp":        {"1318622958"},
		"oauth_token":            {o.Token},
		"oauth_version":          {"1.0"},
	}
	got := o.Signature("POST", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true", params)
	if want := "hCtSmYh+iHYCEqBWrE7C7hYmtUk="; got != want {
		t.Errorf("Signature = %q, want %q", got, want)
	}
	if got := percent("Ladies + Gentlemen, ~ok* é"); got != "Ladies%20%2B%20Gentlemen%2C%20~ok%2A%20%C3%A9" {
		t.Errorf("percent = %q", got)
	}
}

func TestXWithOAuth1AgainstTheFake(t *testing.T) {
	srv := fakeplatform.NewT(t)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	o := &OAuth1{ConsumerKey: srv.Tokens["x-consumer-key"], ConsumerSecret: srv.Tokens["x-consumer-secret"], Token: srv.Tokens["x-access-token"], TokenSecret: srv.Tokens["x-access-secret"]}
	ch := NewXOAuth1(client, srv.URLFor("x"), o, "@RiversideHealth")
	r, err := ch.Send(context.Background(), &Message{Post: "p", Account: "x-main", Text: "[p] Signed ✓ & sent"})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if err := ch.Delete(context.Background(), r); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	bad := *o
	bad.TokenSecret = "not-the-secret-9"
	_, err = NewXOAuth1(client, srv.URLFor("x"), &bad, "").Send(context.Background(), &Message{Post: "q", Account: "x-main", Text: "[q] no"})
	if ce := AsCallError(err); err == nil || ce.Status != 401 || strings.Contains(err.Error(), "not-the-secret-9") {
		t.Errorf("a wrong secret gave %v; want a 401 that does not show the secret", err)
	}
	if n := len(srv.Posts("x")); n != 1 {
		t.Errorf("%d posts, want 1", n)
	}
}
