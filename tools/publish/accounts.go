package publish

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/config"
)

// Default API addresses, each overridable per account with options.api.
const (
	DefaultBlueskyService = "https://bsky.social"
	DefaultXAPI           = "https://api.x.com"
	DefaultLinkedInAPI    = "https://api.linkedin.com"
	DefaultLinkedInVer    = "202607"
	DefaultFacebookAPI    = "https://graph.facebook.com/v25.0"
	DefaultThreadsAPI     = "https://graph.threads.net/v1.0"
)

// EnvName returns the environment variable that holds setting (TOKEN, PASSWORD, SECRET,
// URL, TOKEN_EXPIRES) for account: FACTDESK_, the account name in capitals with - as _,
// _, the setting. For example EnvName("mastodon-main", "TOKEN") is FACTDESK_MASTODON_MAIN_TOKEN.
func EnvName(account, setting string) string {
	a := strings.ToUpper(strings.NewReplacer("-", "_", ".", "_", " ", "_").Replace(account))
	return "FACTDESK_" + a + "_" + setting
}

// Credentials lists, per platform, the environment settings an account needs and what each holds.
var Credentials = map[string][][2]string{
	"mastodon": {{"TOKEN", "an access token with the write:statuses and write:media scopes"}},
	"bluesky":  {{"PASSWORD", "an app password (Settings → Privacy and security → App passwords), never the main password"}},
	"x": {{"CONSUMER_KEY", "the app's API key (OAuth 1.0a)"}, {"CONSUMER_SECRET", "the app's API key secret"},
		{"ACCESS_TOKEN", "the account's access token (read and write)"}, {"ACCESS_SECRET", "the account's access token secret"},
		{"TOKEN", "instead of the four above: an OAuth 2.0 user access token with tweet.write, tweet.read and users.read (expires after about two hours)"}},
	"linkedin": {{"TOKEN", "a member access token with w_organization_social (expires after 60 days)"}},
	"facebook": {{"TOKEN", "a long-lived Page access token with pages_manage_posts"}},
	"threads":  {{"TOKEN", "a long-lived access token with threads_basic, threads_content_publish and threads_delete (expires after 60 days)"}},
	"webhook":  {{"SECRET", "the shared secret that signs each request (X-Factdesk-Signature)"}},
}

// Setup is what channels are built from.
type Setup struct {
	Root   string
	Getenv func(string) string
	Client *http.Client
	// CacheDir keeps login sessions between runs (outside Git's tracked files).
	CacheDir string
	Now      func() time.Time
}

// NewChannel builds the channel of one account from its configuration and environment.
// A missing credential is an error naming the variable to set.
func NewChannel(name string, a config.Account, s Setup) (Channel, error) {
	need := func(setting string) (string, error) {
		v := strings.TrimSpace(s.Getenv(EnvName(name, setting)))
		if v == "" {
			what := ""
			for _, c := range Credentials[a.Platform] {
				if c[0] == setting {
					what = " (" + c[1] + ")"
				}
			}
			return "", fmt.Errorf("account %s: set the environment variable %s%s; in GitHub Actions add it as a repository secret and map it in .github/workflows/publish.yml", name, EnvName(name, setting), what)
		}
		return v, nil
	}
	opt := func(key, def string) string {
		if v := strings.TrimSpace(a.Options[key]); v != "" {
			return v
		}
		return def
	}
	switch a.Platform {
	case "outbox":
		dir := opt("dir", "outbox")
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(s.Root, dir)
		}
		return &Outbox{Dir: dir, Root: s.Root, Now: s.Now}, nil
	case "mastodon":
		instance := opt("api", opt("instance", ""))
		if instance == "" {
			return nil, fmt.Errorf("account %s: set options.instance in %s to the instance's address, e.g. https://mastodon.social", name, config.File)
		}
		tok, err := need("TOKEN")
		if err != nil {
			return nil, err
		}
		return NewMastodon(s.Client, instance, tok), nil
	case "bluesky":
		pw, err := need("PASSWORD")
		if err != nil {
			return nil, err
		}
		ident := opt("identifier", strings.TrimPrefix(a.Handle, "@"))
		if ident == "" {
			return nil, fmt.Errorf("account %s: set handle in %s to the Bluesky handle, e.g. example.bsky.social", name, config.File)
		}
		// Tokens expire in real time, so the session uses the real clock, not the run's.
		return NewBluesky(s.Client, opt("api", DefaultBlueskyService), ident, pw, filepath.Join(s.CacheDir, "bluesky-"+name+".json")), nil
	case "x":
		o := &OAuth1{ConsumerKey: s.Getenv(EnvName(name, "CONSUMER_KEY")), ConsumerSecret: s.Getenv(EnvName(name, "CONSUMER_SECRET")),
			Token: s.Getenv(EnvName(name, "ACCESS_TOKEN")), TokenSecret: s.Getenv(EnvName(name, "ACCESS_SECRET"))}
		if o.ConsumerKey != "" || o.ConsumerSecret != "" || o.Token != "" || o.TokenSecret != "" {
			for _, setting := range []string{"CONSUMER_KEY", "CONSUMER_SECRET", "ACCESS_TOKEN", "ACCESS_SECRET"} {
				if _, err := need(setting); err != nil {
					return nil, err
				}
			}
			return NewXOAuth1(s.Client, opt("api", DefaultXAPI), o, a.Handle), nil
		}
		tok := strings.TrimSpace(s.Getenv(EnvName(name, "TOKEN")))
		if tok == "" {
			return nil, fmt.Errorf("account %s: set %s, %s, %s and %s (OAuth 1.0a user credentials, which do not expire), or %s (an OAuth 2.0 user token, which expires after about two hours); in GitHub Actions add them as repository secrets and map them in .github/workflows/publish.yml",
				name, EnvName(name, "CONSUMER_KEY"), EnvName(name, "CONSUMER_SECRET"), EnvName(name, "ACCESS_TOKEN"), EnvName(name, "ACCESS_SECRET"), EnvName(name, "TOKEN"))
		}
		return NewX(s.Client, opt("api", DefaultXAPI), tok, a.Handle), nil
	case "linkedin":
		tok, err := need("TOKEN")
		if err != nil {
			return nil, err
		}
		author := opt("author", "")
		if !strings.HasPrefix(author, "urn:li:") {
			return nil, fmt.Errorf("account %s: set options.author in %s to the page's URN, e.g. urn:li:organization:12345", name, config.File)
		}
		return NewLinkedIn(s.Client, opt("api", DefaultLinkedInAPI), tok, author, opt("version", DefaultLinkedInVer)), nil
	case "facebook":
		tok, err := need("TOKEN")
		if err != nil {
			return nil, err
		}
		page := opt("page_id", "")
		if page == "" {
			return nil, fmt.Errorf("account %s: set options.page_id in %s to the Facebook Page's id", name, config.File)
		}
		return NewFacebook(s.Client, opt("api", DefaultFacebookAPI), tok, page), nil
	case "threads":
		tok, err := need("TOKEN")
		if err != nil {
			return nil, err
		}
		return NewThreads(s.Client, opt("api", DefaultThreadsAPI), tok, opt("user_id", "me")), nil
	case "webhook":
		secret, err := need("SECRET")
		if err != nil {
			return nil, err
		}
		address := strings.TrimSpace(s.Getenv(EnvName(name, "URL")))
		if address == "" {
			address = opt("url", "")
		}
		if !strings.HasPrefix(address, "https://") && !strings.HasPrefix(address, "http://127.0.0.1") && !strings.HasPrefix(address, "http://localhost") {
			return nil, fmt.Errorf("account %s: set options.url in %s (or %s) to the webhook's https:// address", name, config.File, EnvName(name, "URL"))
		}
		return NewWebhook(s.Client, address, secret), nil
	}
	return nil, fmt.Errorf("account %s: unknown platform %q; use one of %s", name, a.Platform, strings.Join(config.Platforms, ", "))
}

// Limit is a platform's posting budget known in advance: Posts per Per.
type Limit struct {
	Posts int
	Per   time.Duration
}

// Limits are the documented posting limits per platform, applied per account.
var Limits = map[string]Limit{
	"mastodon": {300, 3 * time.Hour},  // statuses per account
	"bluesky":  {1666, time.Hour},     // 5,000 write points an hour, 3 per create
	"x":        {100, 24 * time.Hour}, // the smallest paid tier's daily cap per user
	"linkedin": {100, 24 * time.Hour}, // conservative: per-app daily limits vary
	"facebook": {200, time.Hour},      // Page business-use-case budget
	"threads":  {250, 24 * time.Hour}, // API-published posts per profile
	"webhook":  {600, time.Minute},
	"outbox":   {1 << 20, time.Second},
}
