package publish

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// LinkedIn posts as an organisation page through the versioned Posts API, with a
// member access token holding w_organization_social.
//
// Guarantee: at most once; an unknown outcome is flagged for a person, never resent.
//
// API: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
type LinkedIn struct {
	api
	// API is the base address, https://api.linkedin.com by default.
	API   string
	Token string
	// Author is the organisation's URN, urn:li:organization:ID.
	Author string
	// Version is the Linkedin-Version header, YYYYMM.
	Version string
}

// NewLinkedIn returns the channel for an organisation page.
func NewLinkedIn(client *http.Client, base, token, author, version string) *LinkedIn {
	return &LinkedIn{api: api{client: client, secrets: []string{token}, platform: "LinkedIn"}, API: strings.TrimRight(base, "/"), Token: token, Author: author, Version: version}
}

// Guarantee implements Channel.
func (c *LinkedIn) Guarantee() Guarantee {
	return Guarantee{How: "no idempotency key: an unknown outcome is flagged, never resent"}
}

func (c *LinkedIn) headers(req *http.Request) *http.Request {
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Linkedin-Version", c.Version)
	req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
	return req
}

// littleText escapes the characters that LinkedIn's commentary format reserves.
var littleText = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "[", `\[`, "]", `\]`, "{", `\{`, "}", `\}`,
	"<", `\<`, ">", `\>`, "@", `\@`, "|", `\|`, "~", `\~`, "_", `\_`, "*", `\*`)

// Send implements Channel.
func (c *LinkedIn) Send(ctx context.Context, m *Message) (Receipt, error) {
	body := map[string]any{
		"author":         c.Author,
		"commentary":     littleText.Replace(m.Text),
		"visibility":     "PUBLIC",
		"distribution":   map[string]any{"feedDistribution": "MAIN_FEED", "targetEntities": []any{}, "thirdPartyDistributionChannels": []any{}},
		"lifecycleState": "PUBLISHED",
	}
	if m.Link != "" {
		body["content"] = map[string]any{"article": map[string]any{"source": m.Link, "title": m.Title, "description": m.Description}}
	}
	req, err := jsonRequest(http.MethodPost, c.API+"/rest/posts", body)
	if err != nil {
		return Receipt{}, c.buildError(err)
	}
	resp, _, err := c.call(ctx, c.headers(req), nil)
	if err != nil {
		return Receipt{}, err
	}
	id := resp.Header.Get("X-Restli-Id")
	if id == "" {
		return Receipt{}, errorf(Unknown, "LinkedIn answered without the post's id (x-restli-id)")
	}
	return Receipt{RemoteID: id, URL: "https://www.linkedin.com/feed/update/" + id + "/"}, nil
}

// Delete implements Channel. The post's URN goes in the path URL-encoded, colons included.
func (c *LinkedIn) Delete(ctx context.Context, r Receipt) error {
	req, err := http.NewRequest(http.MethodDelete, c.API+"/rest/posts/"+url.QueryEscape(r.RemoteID), nil)
	if err != nil {
		return c.buildError(err)
	}
	resp, _, err := c.call(ctx, c.headers(req), nil)
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil
	}
	return err
}
