package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/factdesk/factdesk/tools/repofile"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Bluesky posts to one account on an AT Protocol server (bsky.social by default).
//
// Guarantee: exactly once. Each post's record key is derived from the post, the account
// and the publish time, so before any repeated attempt the record is looked up by that
// key (com.atproto.repo.getRecord), and a repeated create can never make a second record
// (the PDS refuses an existing key, today with a 500, which leads to the look-up).
//
// Logging in is limited to 300 times a day per account, so the session is kept in a cache
// file (outside the repository) and refreshed with refreshSession; a fresh login happens
// only when the refresh token is gone or expired, and never more than LoginBudget times
// in 24 hours.
//
// API: https://docs.bsky.app/docs/advanced-guides/posts
type Bluesky struct {
	api
	// Service is the PDS address, e.g. https://bsky.social.
	Service    string
	Identifier string
	Password   string
	// CacheFile keeps the session between runs; empty keeps it in memory only.
	CacheFile string
	// LoginBudget is the most logins allowed in 24 hours (the platform allows 300).
	LoginBudget int
	Now         func() time.Time

	mu      sync.Mutex
	session *blueskySession
}

type blueskySession struct {
	AccessJwt  string      `json:"accessJwt"`
	RefreshJwt string      `json:"refreshJwt"`
	DID        string      `json:"did"`
	Handle     string      `json:"handle"`
	Logins     []time.Time `json:"logins"`
}

// NewBluesky returns the channel for identifier (a handle) logging in with an app password.
func NewBluesky(client *http.Client, service, identifier, password, cacheFile string) *Bluesky {
	return &Bluesky{api: api{client: client, secrets: []string{password}, platform: "Bluesky"},
		Service: strings.TrimRight(service, "/"), Identifier: identifier, Password: password,
		CacheFile: cacheFile, LoginBudget: 250, Now: time.Now}
}

// Guarantee implements Channel.
func (c *Bluesky) Guarantee() Guarantee {
	return Guarantee{ExactlyOnce: true, How: "record key from post and account, looked up before any retry"}
}

const postCollection = "app.bsky.feed.post"

// RecordKey derives the post's record key: a valid TID whose time is the publish time
// (plus under a second, from the hash) and whose clock id comes from the hash too.
func RecordKey(m *Message) string {
	sum := sha256.Sum256([]byte("factdesk\x00" + m.Post + "\x00" + m.Account))
	h := binary.BigEndian.Uint64(sum[:8])
	micros := uint64(m.PublishAt.UnixMicro()) + (h & 0xFFFFF)
	v := (micros&(1<<53-1))<<10 | (h>>20)&0x3FF
	const alphabet = "234567abcdefghijklmnopqrstuvwxyz"
	var b [13]byte
	for i := 12; i >= 0; i-- {
		b[i] = alphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}

func (c *Bluesky) xrpc(name string) string { return c.Service + "/xrpc/" + name }

// withSession runs fn with a valid session, refreshing or logging in when needed. Any
// failure to get a session means nothing was posted.
func (c *Bluesky) withSession(ctx context.Context, fn func(s *blueskySession) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.session == nil {
		c.session = c.loadCache()
	}
	if c.session.AccessJwt == "" || jwtExpired(c.session.AccessJwt, c.Now()) {
		if err := c.refreshOrLogin(ctx); err != nil {
			return notSent("logging in to Bluesky", err)
		}
	}
	err := fn(c.session)
	if ce := AsCallError(err); err != nil && (ce.Status == http.StatusUnauthorized || (ce.Status == http.StatusBadRequest && strings.Contains(ce.Msg, "ExpiredToken"))) {
		c.session.AccessJwt = ""
		if err := c.refreshOrLogin(ctx); err != nil {
			return notSent("logging in to Bluesky", err)
		}
		err = fn(c.session)
	}
	return err
}

func (c *Bluesky) refreshOrLogin(ctx context.Context) error {
	if c.session.RefreshJwt != "" && !jwtExpired(c.session.RefreshJwt, c.Now()) {
		req, err := http.NewRequest(http.MethodPost, c.xrpc("com.atproto.server.refreshSession"), nil)
		if err != nil {
			return c.buildError(err)
		}
		req.Header.Set("Authorization", "Bearer "+c.session.RefreshJwt)
		var out blueskySession
		if _, _, err := c.call(ctx, req, &out); err == nil && out.AccessJwt != "" {
			c.session.AccessJwt, c.session.RefreshJwt, c.session.DID = out.AccessJwt, out.RefreshJwt, out.DID
			c.saveCache()
			return nil
		} else if ce := AsCallError(err); err != nil && ce.Status != http.StatusBadRequest && ce.Status != http.StatusUnauthorized {
			return err
		}
	}
	now := c.Now()
	recent := c.session.Logins[:0]
	for _, t := range c.session.Logins {
		if now.Sub(t) < 24*time.Hour {
			recent = append(recent, t)
		}
	}
	c.session.Logins = recent
	if len(recent) >= c.LoginBudget {
		return &CallError{Outcome: NotSent, Msg: fmt.Sprintf("logged in %d times in 24 hours, the most factdesk allows (Bluesky allows 300 a day); the next run will try again", len(recent))}
	}
	req, err := jsonRequest(http.MethodPost, c.xrpc("com.atproto.server.createSession"), map[string]string{"identifier": c.Identifier, "password": c.Password})
	if err != nil {
		return err
	}
	c.session.Logins = append(c.session.Logins, now)
	c.saveCache()
	var out blueskySession
	if _, _, err := c.call(ctx, req, &out); err != nil {
		return err
	}
	if out.AccessJwt == "" || out.DID == "" {
		return errorf(NotSent, "Bluesky answered the login without a session")
	}
	c.session.AccessJwt, c.session.RefreshJwt, c.session.DID, c.session.Handle = out.AccessJwt, out.RefreshJwt, out.DID, out.Handle
	c.saveCache()
	return nil
}

// maxSessionCache is the most read of the session cache: two tokens, a DID and a handle.
const maxSessionCache = 64 << 10

func (c *Bluesky) loadCache() *blueskySession {
	s := &blueskySession{}
	if c.CacheFile == "" {
		return s
	}
	if data, err := repofile.ReadLocal(c.CacheFile, maxSessionCache); err == nil {
		if json.Unmarshal(data, s) != nil {
			s = &blueskySession{}
		}
	}
	return s
}

// saveCache keeps the session for the next run. The file holds tokens: it is private to
// the user and lives outside the repository's tracked files.
func (c *Bluesky) saveCache() {
	if c.CacheFile == "" {
		return
	}
	data, err := json.Marshal(c.session)
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(c.CacheFile), 0o700) != nil {
		return
	}
	tmp := c.CacheFile + ".tmp"
	if os.WriteFile(tmp, data, 0o600) == nil {
		_ = os.Rename(tmp, c.CacheFile)
	}
}

// jwtExpired reads a JWT's exp claim (without verifying it: the server does) and
// reports whether it has passed or passes within a minute.
func jwtExpired(tok string, now time.Time) bool {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return false
	}
	var claims struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Exp == 0 {
		return false
	}
	return now.Add(time.Minute).After(time.Unix(claims.Exp, 0))
}

func (c *Bluesky) bearer(req *http.Request, s *blueskySession) *http.Request {
	req.Header.Set("Authorization", "Bearer "+s.AccessJwt)
	return req
}

// Find implements Finder: it looks the post's record up by its key.
func (c *Bluesky) Find(ctx context.Context, m *Message) (Receipt, bool, error) {
	rkey := RecordKey(m)
	var rec Receipt
	var found bool
	err := c.withSession(ctx, func(s *blueskySession) error {
		q := url.Values{"repo": {s.DID}, "collection": {postCollection}, "rkey": {rkey}}
		req, err := http.NewRequest(http.MethodGet, c.xrpc("com.atproto.repo.getRecord")+"?"+q.Encode(), nil)
		if err != nil {
			return c.buildError(err)
		}
		var out struct {
			URI string `json:"uri"`
		}
		_, body, err := c.call(ctx, c.bearer(req, s), &out)
		if ce := AsCallError(err); err != nil && (ce.Status == http.StatusNotFound || (ce.Status == http.StatusBadRequest && strings.Contains(string(body), "RecordNotFound"))) {
			return nil
		}
		if err != nil {
			return err
		}
		rec, found = c.receipt(s, rkey), true
		return nil
	})
	if err != nil {
		return Receipt{}, false, notSent("looking the post up", err)
	}
	return rec, found, nil
}

func (c *Bluesky) receipt(s *blueskySession, rkey string) Receipt {
	profile := s.Handle
	if profile == "" {
		profile = s.DID
	}
	return Receipt{RemoteID: "at://" + s.DID + "/" + postCollection + "/" + rkey, URL: "https://bsky.app/profile/" + profile + "/post/" + rkey}
}

// Facet is a rich-text facet: a byte range of the text and what it is.
type Facet struct {
	Index    FacetIndex       `json:"index"`
	Features []map[string]any `json:"features"`
}

// FacetIndex is a range of UTF-8 bytes, start inclusive, end exclusive.
type FacetIndex struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

var hashtagRE = regexp.MustCompile(`(?:^|[\s(])(#[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)`)

// Facets finds the link and the hashtags in text, at UTF-8 byte offsets.
func Facets(text, link string) []Facet {
	var out []Facet
	if link != "" {
		if i := strings.Index(text, link); i >= 0 {
			out = append(out, Facet{Index: FacetIndex{i, i + len(link)}, Features: []map[string]any{{"$type": "app.bsky.richtext.facet#link", "uri": link}}})
		}
	}
	for _, m := range hashtagRE.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[2], m[3]
		if link != "" {
			if i := strings.Index(text, link); i >= 0 && start >= i && start < i+len(link) {
				continue
			}
		}
		out = append(out, Facet{Index: FacetIndex{start, end}, Features: []map[string]any{{"$type": "app.bsky.richtext.facet#tag", "tag": text[start+1 : end]}}})
	}
	return out
}

// Send implements Channel.
func (c *Bluesky) Send(ctx context.Context, m *Message) (Receipt, error) {
	rkey := RecordKey(m)
	var rec Receipt
	err := c.withSession(ctx, func(s *blueskySession) error {
		record := map[string]any{
			"$type":     postCollection,
			"text":      m.Text,
			"createdAt": c.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		}
		if f := Facets(m.Text, m.Link); len(f) > 0 {
			record["facets"] = f
		}
		switch {
		case len(m.Images) > 0:
			var imgs []map[string]any
			for i, img := range m.Images {
				if i == 4 {
					break
				}
				blob, err := c.uploadBlob(ctx, s, img)
				if err != nil {
					return notSent("uploading "+filepath.Base(img.Path), err)
				}
				imgs = append(imgs, map[string]any{"image": blob, "alt": img.Alt})
			}
			record["embed"] = map[string]any{"$type": "app.bsky.embed.images", "images": imgs}
		case m.Link != "":
			record["embed"] = map[string]any{"$type": "app.bsky.embed.external", "external": map[string]any{
				"uri": m.Link, "title": m.Title, "description": m.Description}}
		}
		req, err := jsonRequest(http.MethodPost, c.xrpc("com.atproto.repo.createRecord"), map[string]any{
			"repo": s.DID, "collection": postCollection, "rkey": rkey, "record": record})
		if err != nil {
			return c.buildError(err)
		}
		var out struct {
			URI string `json:"uri"`
		}
		if _, _, err := c.call(ctx, c.bearer(req, s), &out); err != nil {
			return err
		}
		rec = c.receipt(s, rkey)
		return nil
	})
	return rec, err
}

func (c *Bluesky) uploadBlob(ctx context.Context, s *blueskySession, img Image) (json.RawMessage, error) {
	// Read whole and bounded, as for Mastodon: a FIFO or a link to a device must not
	// stall the send or stream without end.
	data, err := repofile.ReadLocal(img.Path, repofile.DefaultDataLimit)
	if err != nil {
		return nil, &CallError{Outcome: NotSent, Msg: fmt.Sprintf("reading the image: %v", err)}
	}
	req, err := http.NewRequest(http.MethodPost, c.xrpc("com.atproto.repo.uploadBlob"), bytes.NewReader(data))
	if err != nil {
		return nil, c.buildError(err)
	}
	ct := mime.TypeByExtension(filepath.Ext(img.Path))
	if ct == "" {
		ct = "application/octet-stream"
	}
	req.Header.Set("Content-Type", ct)
	var out struct {
		Blob json.RawMessage `json:"blob"`
	}
	if _, _, err := c.call(ctx, c.bearer(req, s), &out); err != nil {
		return nil, err
	}
	if len(out.Blob) == 0 {
		return nil, errors.New("Bluesky answered the upload without a blob")
	}
	return out.Blob, nil
}

// Delete implements Channel.
func (c *Bluesky) Delete(ctx context.Context, r Receipt) error {
	rkey := r.RemoteID[strings.LastIndex(r.RemoteID, "/")+1:]
	return c.withSession(ctx, func(s *blueskySession) error {
		req, err := jsonRequest(http.MethodPost, c.xrpc("com.atproto.repo.deleteRecord"), map[string]any{
			"repo": s.DID, "collection": postCollection, "rkey": rkey})
		if err != nil {
			return err
		}
		_, _, err = c.call(ctx, c.bearer(req, s), nil)
		return err
	})
}
