package publish

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// Threads posts to a Threads profile in two steps: create a media container, then
// publish it. It needs an access token with threads_basic and threads_content_publish
// (and threads_delete for unpublish).
//
// Guarantee: at most once. An unpublished container is harmless, so a failure while
// creating it is retried; an unknown outcome of the publish step is flagged, never resent.
//
// API: https://developers.facebook.com/docs/threads/posts
type Threads struct {
	api
	// API is the base address, https://graph.threads.net/v1.0 by default.
	API   string
	Token string
	// UserID is the Threads user id, or "me".
	UserID string
}

// NewThreads returns the channel for a profile.
func NewThreads(client *http.Client, base, token, userID string) *Threads {
	if userID == "" {
		userID = "me"
	}
	return &Threads{api: api{client: client, secrets: []string{token}, platform: "Threads"}, API: strings.TrimRight(base, "/"), Token: token, UserID: userID}
}

// Guarantee implements Channel.
func (c *Threads) Guarantee() Guarantee {
	return Guarantee{How: "no idempotency key: an unknown outcome is flagged, never resent"}
}

// Send implements Channel.
func (c *Threads) Send(ctx context.Context, m *Message) (Receipt, error) {
	form := url.Values{"media_type": {"TEXT"}, "text": {m.Text}, "access_token": {c.Token}}
	if len(m.Images) > 0 && m.Images[0].URL != "" {
		form.Set("media_type", "IMAGE")
		form.Set("image_url", m.Images[0].URL)
		form.Set("alt_text", m.Images[0].Alt)
	}
	req, err := formRequest(http.MethodPost, c.API+"/"+url.PathEscape(c.UserID)+"/threads", form)
	if err != nil {
		return Receipt{}, c.buildError(err)
	}
	var container struct {
		ID string `json:"id"`
	}
	if _, _, err := c.call(ctx, req, &container); err != nil {
		return Receipt{}, notSent("creating the Threads container", err)
	}
	if container.ID == "" {
		return Receipt{}, errorf(NotSent, "Threads answered without a container id")
	}
	req, err = formRequest(http.MethodPost, c.API+"/"+url.PathEscape(c.UserID)+"/threads_publish", url.Values{"creation_id": {container.ID}, "access_token": {c.Token}})
	if err != nil {
		return Receipt{}, c.buildError(err)
	}
	var out struct {
		ID string `json:"id"`
	}
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return Receipt{}, err
	}
	if out.ID == "" {
		return Receipt{}, errorf(Unknown, "Threads answered without a post id")
	}
	r := Receipt{RemoteID: out.ID}
	// The permalink is a nicety: without it the ledger still has the id.
	q := url.Values{"fields": {"permalink"}, "access_token": {c.Token}}
	if req, err := http.NewRequest(http.MethodGet, c.API+"/"+url.PathEscape(out.ID)+"?"+q.Encode(), nil); err == nil {
		var p struct {
			Permalink string `json:"permalink"`
		}
		if _, _, err := c.call(ctx, req, &p); err == nil {
			r.URL = p.Permalink
		}
	}
	return r, nil
}

// Delete implements Channel.
func (c *Threads) Delete(ctx context.Context, r Receipt) error {
	q := url.Values{"access_token": {c.Token}}
	req, err := http.NewRequest(http.MethodDelete, c.API+"/"+url.PathEscape(r.RemoteID)+"?"+q.Encode(), nil)
	if err != nil {
		return c.buildError(err)
	}
	_, _, err = c.call(ctx, req, nil)
	return err
}
