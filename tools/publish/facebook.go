package publish

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// Facebook posts to a Facebook Page's feed with a Page access token holding
// pages_manage_posts.
//
// Guarantee: at most once; an unknown outcome is flagged for a person, never resent.
//
// API: https://developers.facebook.com/docs/pages-api/posts
type Facebook struct {
	api
	// API is the Graph API base address including its version, https://graph.facebook.com/v25.0 by default.
	API    string
	Token  string
	PageID string
}

// NewFacebook returns the channel for a page.
func NewFacebook(client *http.Client, base, token, pageID string) *Facebook {
	return &Facebook{api: api{client: client, secrets: []string{token}, platform: "Facebook"}, API: strings.TrimRight(base, "/"), Token: token, PageID: pageID}
}

// Guarantee implements Channel.
func (c *Facebook) Guarantee() Guarantee {
	return Guarantee{How: "no idempotency key: an unknown outcome is flagged, never resent"}
}

// Send implements Channel.
func (c *Facebook) Send(ctx context.Context, m *Message) (Receipt, error) {
	form := url.Values{"message": {m.Text}, "access_token": {c.Token}}
	if m.Link != "" {
		form.Set("link", m.Link)
	}
	req, err := formRequest(http.MethodPost, c.API+"/"+url.PathEscape(c.PageID)+"/feed", form)
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
		return Receipt{}, errorf(Unknown, "Facebook answered without a post id")
	}
	return Receipt{RemoteID: out.ID, URL: "https://www.facebook.com/" + out.ID}, nil
}

// Delete implements Channel.
func (c *Facebook) Delete(ctx context.Context, r Receipt) error {
	q := url.Values{"access_token": {c.Token}}
	req, err := http.NewRequest(http.MethodDelete, c.API+"/"+url.PathEscape(r.RemoteID)+"?"+q.Encode(), nil)
	if err != nil {
		return c.buildError(err)
	}
	_, _, err = c.call(ctx, req, nil)
	return err
}
