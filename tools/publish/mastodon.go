package publish

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/repofile"
)

// Mastodon posts statuses to one account on a Mastodon instance.
//
// Guarantee: exactly once within an hour of the first attempt. Every attempt for the same
// post and account carries the same Idempotency-Key, which the instance remembers for up
// to one hour and answers with the original status instead of a copy.
//
// API: https://docs.joinmastodon.org/methods/statuses/#create and
// https://docs.joinmastodon.org/methods/media/#v2
type Mastodon struct {
	api
	// Instance is the instance's base address, e.g. https://mastodon.social.
	Instance string
	Token    string
}

// NewMastodon returns the channel for an account on instance with an access token
// holding the write:statuses and write:media scopes.
func NewMastodon(client *http.Client, instance, token string) *Mastodon {
	return &Mastodon{api: api{client: client, secrets: []string{token}, platform: "Mastodon"}, Instance: strings.TrimRight(instance, "/"), Token: token}
}

// Guarantee implements Channel.
func (c *Mastodon) Guarantee() Guarantee {
	return Guarantee{ExactlyOnce: true, KeyWindow: 55 * time.Minute, How: "Idempotency-Key from post and account (remembered 1 hour)"}
}

func (c *Mastodon) auth(req *http.Request) *http.Request {
	req.Header.Set("Authorization", "Bearer "+c.Token)
	return req
}

// Send implements Channel.
func (c *Mastodon) Send(ctx context.Context, m *Message) (Receipt, error) {
	form := url.Values{"status": {m.Text}, "visibility": {"public"}}
	for _, img := range m.Images {
		id, err := c.upload(ctx, img)
		if err != nil {
			return Receipt{}, notSent("uploading "+filepath.Base(img.Path), err)
		}
		form.Add("media_ids[]", id)
	}
	req, err := formRequest(http.MethodPost, c.Instance+"/api/v1/statuses", form)
	if err != nil {
		return Receipt{}, c.buildError(err)
	}
	req.Header.Set("Idempotency-Key", m.Key)
	var out struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	if _, _, err := c.call(ctx, c.auth(req), &out); err != nil {
		return Receipt{}, err
	}
	if out.ID == "" {
		return Receipt{}, errorf(Unknown, "Mastodon answered without a status id")
	}
	return Receipt{RemoteID: out.ID, URL: out.URL}, nil
}

// upload sends one image with its alt text as the description.
func (c *Mastodon) upload(ctx context.Context, img Image) (string, error) {
	data, err := repofile.ReadLocal(img.Path, repofile.DefaultDataLimit)
	if err != nil {
		return "", &CallError{Outcome: NotSent, Msg: fmt.Sprintf("reading the image: %v", err)}
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, err := w.CreateFormFile("file", filepath.Base(img.Path))
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = w.WriteField("description", img.Alt)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return "", &CallError{Outcome: NotSent, Msg: fmt.Sprintf("preparing the upload: %v", err)}
	}
	req, err := http.NewRequest(http.MethodPost, c.Instance+"/api/v2/media", &body)
	if err != nil {
		return "", c.buildError(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	var out struct {
		ID string `json:"id"`
	}
	if _, _, err := c.call(ctx, c.auth(req), &out); err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", errorf(NotSent, "Mastodon answered the upload without a media id")
	}
	return out.ID, nil
}

// Delete implements Channel.
func (c *Mastodon) Delete(ctx context.Context, r Receipt) error {
	req, err := http.NewRequest(http.MethodDelete, c.Instance+"/api/v1/statuses/"+url.PathEscape(r.RemoteID), nil)
	if err != nil {
		return c.buildError(err)
	}
	resp, _, err := c.call(ctx, c.auth(req), nil)
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil
	}
	return err
}
