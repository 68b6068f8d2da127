package publish

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// AccountStatus is what `factdesk publish --check-accounts` learns about one account
// without posting anything.
type AccountStatus struct {
	Account  string
	Platform string
	// Works is true when the platform accepted the credentials.
	Works bool
	// Who is the name the platform knows the account by.
	Who string
	// API is the API version or tier the account uses.
	API string
	// Expires is when the credentials expire (zero: never, or not known).
	Expires time.Time
	// ExpiresFrom says where Expires comes from.
	ExpiresFrom string
	// Problem is the kind of account problem (accountfail.go), or "".
	Problem string
	// Detail explains a failure and its fix.
	Detail string
}

// Verifier is implemented by channels that can check their credentials without posting.
type Verifier interface {
	Verify(ctx context.Context) (AccountStatus, error)
}

// Verify implements Verifier: GET /api/v1/accounts/verify_credentials.
func (c *Mastodon) Verify(ctx context.Context) (AccountStatus, error) {
	req, err := http.NewRequest(http.MethodGet, c.Instance+"/api/v1/accounts/verify_credentials", nil)
	if err != nil {
		return AccountStatus{}, c.buildError(err)
	}
	var out struct {
		Acct string `json:"acct"`
	}
	if _, _, err := c.call(ctx, c.auth(req), &out); err != nil {
		return AccountStatus{}, err
	}
	return AccountStatus{Works: true, Who: "@" + out.Acct, API: "Mastodon API v1/v2 at " + c.Instance}, nil
}

// Verify implements Verifier: a session is created (or refreshed) as for a post.
func (c *Bluesky) Verify(ctx context.Context) (AccountStatus, error) {
	var did string
	err := c.withSession(ctx, func(s *blueskySession) error { did = s.DID; return nil })
	if err != nil {
		return AccountStatus{}, err
	}
	return AccountStatus{Works: true, Who: did, API: "AT Protocol XRPC at " + c.Service}, nil
}

// Verify implements Verifier: GET /2/users/me.
func (c *X) Verify(ctx context.Context) (AccountStatus, error) {
	req, err := http.NewRequest(http.MethodGet, c.API+"/2/users/me", nil)
	if err != nil {
		return AccountStatus{}, c.buildError(err)
	}
	c.authorize(req)
	var out struct {
		Data struct {
			Username string `json:"username"`
		} `json:"data"`
	}
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return AccountStatus{}, err
	}
	how := "OAuth 2.0 user token"
	if c.OAuth1 != nil {
		how = "OAuth 1.0a user credentials (do not expire)"
	}
	return AccountStatus{Works: true, Who: "@" + out.Data.Username, API: "X API v2, pay-per-use tier, " + how}, nil
}

// Verify implements Verifier: GET /rest/organizations/{id} with the account's version,
// which also proves the version is still served.
func (c *LinkedIn) Verify(ctx context.Context) (AccountStatus, error) {
	id := c.Author[strings.LastIndex(c.Author, ":")+1:]
	req, err := http.NewRequest(http.MethodGet, c.API+"/rest/organizations/"+url.PathEscape(id), nil)
	if err != nil {
		return AccountStatus{}, c.buildError(err)
	}
	var out struct {
		LocalizedName string `json:"localizedName"`
	}
	if _, _, err := c.call(ctx, c.headers(req), &out); err != nil {
		return AccountStatus{}, err
	}
	return AccountStatus{Works: true, Who: out.LocalizedName, API: "LinkedIn Community Management API, LinkedIn-Version " + c.Version}, nil
}

// Verify implements Verifier: GET /debug_token tells whether the Page token is valid,
// when it expires and which permissions it holds.
func (c *Facebook) Verify(ctx context.Context) (AccountStatus, error) {
	q := url.Values{"input_token": {c.Token}, "access_token": {c.Token}}
	req, err := http.NewRequest(http.MethodGet, c.API+"/debug_token?"+q.Encode(), nil)
	if err != nil {
		return AccountStatus{}, c.buildError(err)
	}
	var out struct {
		Data struct {
			IsValid   bool     `json:"is_valid"`
			ExpiresAt int64    `json:"expires_at"`
			Scopes    []string `json:"scopes"`
			ProfileID string   `json:"profile_id"`
		} `json:"data"`
	}
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return AccountStatus{}, err
	}
	st := AccountStatus{Works: out.Data.IsValid, Who: "Page " + c.PageID, API: "Graph API " + c.API[strings.LastIndex(c.API, "/")+1:]}
	if out.Data.ExpiresAt > 0 {
		st.Expires, st.ExpiresFrom = time.Unix(out.Data.ExpiresAt, 0).UTC(), "Facebook (debug_token)"
	}
	if !out.Data.IsValid {
		st.Problem, st.Detail = ProblemToken, "Facebook says the Page token is no longer valid; create a new long-lived Page token"
		return st, nil
	}
	if !slices.Contains(out.Data.Scopes, "pages_manage_posts") {
		st.Works, st.Problem = false, ProblemPermissions
		st.Detail = "the token lacks pages_manage_posts (it has " + strings.Join(out.Data.Scopes, ", ") + "); create a new Page token with it"
	}
	return st, nil
}

// Verify implements Verifier: GET /me?fields=id,username.
func (c *Threads) Verify(ctx context.Context) (AccountStatus, error) {
	q := url.Values{"fields": {"id,username"}, "access_token": {c.Token}}
	req, err := http.NewRequest(http.MethodGet, c.API+"/"+url.PathEscape(c.UserID)+"?"+q.Encode(), nil)
	if err != nil {
		return AccountStatus{}, c.buildError(err)
	}
	var out struct {
		Username string `json:"username"`
	}
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return AccountStatus{}, err
	}
	return AccountStatus{Works: true, Who: "@" + out.Username, API: "Threads API " + c.API[strings.LastIndex(c.API, "/")+1:]}, nil
}

// buildError is the error of a request that could not even be built: it names no
// credential, whatever the cause (a token with a control character, say).
func (a *api) buildError(err error) error {
	return &CallError{Outcome: NotSent, Msg: a.redact(fmt.Sprintf("could not build the request to %s: %v", a.platform, err))}
}

// CheckAccounts verifies every account in names with build (which returns its channel)
// and the expiry dates in the environment (FACTDESK_<ACCOUNT>_TOKEN_EXPIRES). An expiry
// within warn of now is reported as a problem.
func CheckAccounts(ctx context.Context, names []string, platform func(string) string, build func(string) (Channel, error), getenv func(string) string, now time.Time, warn time.Duration) []AccountStatus {
	sort.Strings(names)
	var out []AccountStatus
	for _, name := range names {
		st := AccountStatus{Account: name, Platform: platform(name)}
		ch, err := build(name)
		switch {
		case err != nil:
			st.Problem, st.Detail = ProblemToken, err.Error()
		default:
			v, ok := ch.(Verifier)
			if !ok {
				st.Works, st.API, st.Detail = true, "no credentials to check", ""
				break
			}
			got, err := v.Verify(ctx)
			if err != nil {
				ce := AsCallError(err)
				st.Problem, st.Detail = ce.Account, ce.Msg
				if st.Problem == "" {
					st.Problem = "unreachable"
				}
				break
			}
			got.Account, got.Platform = name, st.Platform
			st = got
		}
		if v := strings.TrimSpace(getenv(EnvName(name, "TOKEN_EXPIRES"))); v != "" && st.Expires.IsZero() {
			if t, err := parseDay(v); err == nil {
				st.Expires, st.ExpiresFrom = t, EnvName(name, "TOKEN_EXPIRES")
			}
		}
		if !st.Expires.IsZero() && st.Problem == "" {
			switch left := st.Expires.Sub(now); {
			case left <= 0:
				st.Works, st.Problem = false, ProblemToken
				st.Detail = fmt.Sprintf("the token expired on %s; renew it: factdesk accounts refresh %s", st.Expires.Format("2006-01-02"), name)
			case left < warn:
				st.Problem = "expiring"
				st.Detail = fmt.Sprintf("the token expires on %s, in %s; renew it now: factdesk accounts refresh %s", st.Expires.Format("2006-01-02"), roundDur(left), name)
			}
		}
		out = append(out, st)
	}
	return out
}

func parseDay(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		t, err = time.Parse("2006-01-02", v)
	}
	return t, err
}

// Renewed is a token a platform issued in place of an expiring one.
type Renewed struct {
	Token   string
	Expires time.Time
}

// Refresher is implemented by channels whose platform renews a token through its API.
type Refresher interface {
	Refresh(ctx context.Context, now time.Time) (Renewed, error)
}

// Refresh implements Refresher: GET /refresh_access_token with grant_type
// th_refresh_token renews a long-lived Threads token (at least 24 hours old, not expired)
// for another 60 days (https://developers.facebook.com/docs/threads/get-started/long-lived-tokens).
func (c *Threads) Refresh(ctx context.Context, now time.Time) (Renewed, error) {
	base := c.API
	if i := strings.LastIndex(base, "/v"); i > strings.Index(base, "://")+2 {
		base = base[:i] // the endpoint is not versioned
	}
	q := url.Values{"grant_type": {"th_refresh_token"}, "access_token": {c.Token}}
	req, err := http.NewRequest(http.MethodGet, base+"/refresh_access_token?"+q.Encode(), nil)
	if err != nil {
		return Renewed{}, c.buildError(err)
	}
	var out struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return Renewed{}, err
	}
	if out.AccessToken == "" {
		return Renewed{}, errorf(NotSent, "Threads answered without a new token")
	}
	return Renewed{Token: out.AccessToken, Expires: now.Add(time.Duration(out.ExpiresIn) * time.Second).UTC()}, nil
}
