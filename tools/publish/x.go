package publish

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// X posts to one account through the X API v2, signed with OAuth 1.0a user credentials
// (which do not expire) or with an OAuth 2.0 user access token (scopes tweet.write,
// tweet.read, users.read; it expires after about two hours).
//
// Guarantee: at most once. The API offers no idempotency key, so a send whose outcome is
// unknown is never repeated; it is recorded as uncertain for a person to check.
//
// API: https://docs.x.com/x-api/posts/creation-of-a-post
type X struct {
	api
	// API is the base address, https://api.x.com by default.
	API   string
	Token string
	// OAuth1, when set, signs requests instead of Token.
	OAuth1 *OAuth1
	// Handle is the account's @name, for links to posts.
	Handle string
}

// NewXOAuth1 returns the channel for an account with OAuth 1.0a user credentials.
func NewXOAuth1(client *http.Client, base string, o *OAuth1, handle string) *X {
	return &X{api: api{client: client, secrets: []string{o.ConsumerKey, o.ConsumerSecret, o.Token, o.TokenSecret}, platform: "X"},
		API: strings.TrimRight(base, "/"), OAuth1: o, Handle: strings.TrimPrefix(handle, "@")}
}

func (c *X) authorize(req *http.Request) {
	if c.OAuth1 != nil {
		req.Header.Set("Authorization", c.OAuth1.Header(req.Method, req.URL.String()))
		return
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
}

// NewX returns the channel for an account.
func NewX(client *http.Client, base, token, handle string) *X {
	return &X{api: api{client: client, secrets: []string{token}, platform: "X"}, API: strings.TrimRight(base, "/"), Token: token, Handle: strings.TrimPrefix(handle, "@")}
}

// Guarantee implements Channel.
func (c *X) Guarantee() Guarantee {
	return Guarantee{How: "no idempotency key: an unknown outcome is flagged, never resent"}
}

// Send implements Channel.
func (c *X) Send(ctx context.Context, m *Message) (Receipt, error) {
	req, err := jsonRequest(http.MethodPost, c.API+"/2/tweets", map[string]any{"text": m.Text})
	if err != nil {
		return Receipt{}, c.buildError(err)
	}
	c.authorize(req)
	var out struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return Receipt{}, err
	}
	if out.Data.ID == "" {
		return Receipt{}, errorf(Unknown, "X answered without a post id")
	}
	handle := c.Handle
	if handle == "" {
		handle = "i/web"
	}
	return Receipt{RemoteID: out.Data.ID, URL: "https://x.com/" + handle + "/status/" + out.Data.ID}, nil
}

// Delete implements Channel.
func (c *X) Delete(ctx context.Context, r Receipt) error {
	req, err := http.NewRequest(http.MethodDelete, c.API+"/2/tweets/"+url.PathEscape(r.RemoteID), nil)
	if err != nil {
		return c.buildError(err)
	}
	c.authorize(req)
	resp, _, err := c.call(ctx, req, nil)
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil
	}
	return err
}
