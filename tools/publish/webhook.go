package publish

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"
)

// Webhook posts each message as JSON to an address (a chat tool, an automation
// service). The body is signed: X-Factdesk-Signature is "sha256=" and the hex HMAC-SHA256
// of the body with the shared secret. Idempotency-Key carries the post-and-account key.
//
// Guarantee: exactly once, provided the receiver ignores a repeated Idempotency-Key;
// factdesk repeats a send only with the same key.
type Webhook struct {
	api
	URL    string
	Secret string
}

// WebhookPayload is the JSON body sent to a webhook.
type WebhookPayload struct {
	Event     string    `json:"event"`
	Post      string    `json:"post"`
	Account   string    `json:"account"`
	Text      string    `json:"text"`
	Link      string    `json:"link,omitempty"`
	Hashtags  []string  `json:"hashtags,omitempty"`
	Images    []Image   `json:"images,omitempty"`
	PublishAt time.Time `json:"publish_at"`
	Key       string    `json:"key"`
	// RemoteID is set on "delete" events: the id the receiver answered when sent.
	RemoteID string `json:"remote_id,omitempty"`
}

// NewWebhook returns the channel for address, signing with secret.
func NewWebhook(client *http.Client, address, secret string) *Webhook {
	return &Webhook{api: api{client: client, secrets: []string{secret, address}, platform: "the webhook"}, URL: address, Secret: secret}
}

// Guarantee implements Channel.
func (c *Webhook) Guarantee() Guarantee {
	return Guarantee{ExactlyOnce: true, How: "Idempotency-Key from post and account; the receiver drops repeats"}
}

// Sign returns the signature header value of body.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func (c *Webhook) post(ctx context.Context, p WebhookPayload, out any) error {
	body, err := json.Marshal(p)
	if err != nil {
		return c.buildError(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return &CallError{Outcome: NotSent, Msg: c.redact(err.Error())}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", p.Key)
	req.Header.Set("X-Factdesk-Event", p.Event)
	req.Header.Set("X-Factdesk-Signature", Sign(c.Secret, body))
	_, raw, err := c.call(ctx, req, nil)
	if err != nil {
		return err
	}
	if out != nil && len(bytes.TrimSpace(raw)) > 0 {
		_ = json.Unmarshal(raw, out) // an answer without JSON is fine: the receiver owes us nothing
	}
	return nil
}

// Send implements Channel.
func (c *Webhook) Send(ctx context.Context, m *Message) (Receipt, error) {
	var out struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	err := c.post(ctx, WebhookPayload{Event: "publish", Post: m.Post, Account: m.Account, Text: m.Text, Link: m.Link, Hashtags: m.Hashtags,
		Images: m.Images, PublishAt: m.PublishAt.UTC(), Key: m.Key}, &out)
	if err != nil {
		return Receipt{}, err
	}
	if out.ID == "" {
		out.ID = m.Key
	}
	return Receipt{RemoteID: out.ID, URL: out.URL}, nil
}

// Delete implements Channel: it sends a "delete" event for the receiver to act on.
func (c *Webhook) Delete(ctx context.Context, r Receipt) error {
	return c.post(ctx, WebhookPayload{Event: "delete", RemoteID: r.RemoteID, Key: "delete-" + r.RemoteID}, nil)
}
