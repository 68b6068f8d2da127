package fakeplatform

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// mastodon implements POST /api/v1/statuses (with Idempotency-Key), POST /api/v2/media
// and DELETE /api/v1/statuses/:id.
func (s *Server) mastodon(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	if st, body, ok := bearer(r, s.Tokens["mastodon"]); !ok {
		return st, body
	}
	switch {
	case r.Method == http.MethodGet && path == "/api/v1/accounts/verify_credentials":
		return 200, mastodonCredentialAccount()
	case r.Method == http.MethodPost && path == "/api/v2/media":
		if err := r.ParseMultipartForm(16 << 20); err != nil {
			return 422, map[string]string{"error": "Validation failed: File can't be blank"}
		}
		if _, _, err := r.FormFile("file"); err != nil {
			return 422, map[string]string{"error": "Validation failed: File can't be blank"}
		}
		p, _, _ := s.create("mastodon-media", "", r.FormValue("description"), nil)
		return 200, mastodonMedia(p.ID, r.FormValue("description"))
	case r.Method == http.MethodPost && path == "/api/v1/statuses":
		if err := r.ParseForm(); err != nil {
			return 422, map[string]string{"error": "Validation failed"}
		}
		text := r.PostForm.Get("status")
		if text == "" && len(r.PostForm["media_ids[]"]) == 0 {
			return 422, map[string]string{"error": "Validation failed: Text can't be blank"}
		}
		if n := len([]rune(text)); n > 500 {
			return 422, map[string]string{"error": "Validation failed: Text character limit of 500 exceeded"}
		}
		var alts []string
		var media []map[string]any
		for _, id := range r.PostForm["media_ids[]"] {
			m := s.find("mastodon-media", id)
			if m == nil {
				return 422, map[string]string{"error": "Validation failed: media not found"}
			}
			alts = append(alts, m.Text)
			media = append(media, mastodonMedia(id, m.Text))
		}
		p, _, err := s.create("mastodon", r.Header.Get("Idempotency-Key"), text, func(p *Post) { p.Alts = alts })
		if err != nil {
			return s.tooMany(w)
		}
		return 200, mastodonStatus(p.ID, p.Text, media)
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "/api/v1/statuses/"):
		id := strings.TrimPrefix(path, "/api/v1/statuses/")
		p := s.find("mastodon", id)
		if p == nil || !s.remove("mastodon", id) {
			return 404, map[string]string{"error": "Record not found"}
		}
		st := mastodonStatus(id, p.Text, nil)
		st["text"] = p.Text
		return 200, st
	}
	return 404, map[string]string{"error": "not found: " + r.Method + " " + path}
}

func fakeJWT(kind string, exp time.Time) string {
	enc := base64.RawURLEncoding
	h := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	p := enc.EncodeToString([]byte(fmt.Sprintf(`{"scope":%q,"exp":%d,"sub":"did:plc:fake"}`, kind, exp.Unix())))
	return h + "." + p + "." + enc.EncodeToString([]byte(kind+"-sig"))
}

const fakeDID = "did:plc:fakefactdesk"

// bluesky implements createSession, refreshSession, createRecord, getRecord,
// deleteRecord and uploadBlob, checking that facets point at what they claim.
func (s *Server) bluesky(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	xrpcErr := func(status int, name, msg string) (int, any) {
		return status, map[string]string{"error": name, "message": msg}
	}
	session := func() (int, any) {
		return 200, map[string]string{"did": fakeDID, "handle": "riversidehealth.example",
			"accessJwt": fakeJWT("access", time.Now().Add(s.AccessTTL)), "refreshJwt": fakeJWT("refresh", time.Now().Add(60*24*time.Hour))}
	}
	auth := func(kind string) (int, any, bool) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		parts := strings.Split(tok, ".")
		if len(parts) != 3 {
			st, b := xrpcErr(401, "AuthenticationRequired", "Invalid token")
			return st, b, false
		}
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		if !strings.Contains(string(payload), `"`+kind+`"`) {
			st, b := xrpcErr(400, "InvalidToken", "Invalid token type")
			return st, b, false
		}
		return 0, nil, true
	}
	switch path {
	case "/xrpc/com.atproto.server.createSession":
		var in struct{ Identifier, Password string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return xrpcErr(400, "InvalidRequest", "bad body")
		}
		s.mu.Lock()
		s.logins++
		over := s.logins > s.LoginLimit
		s.mu.Unlock()
		if over {
			w.Header().Set("Retry-After", "3600")
			return xrpcErr(429, "RateLimitExceeded", "Rate Limit Exceeded")
		}
		if in.Password != s.Tokens["bluesky"] {
			return xrpcErr(401, "AuthenticationRequired", "Invalid identifier or password")
		}
		return session()
	case "/xrpc/com.atproto.server.refreshSession":
		if st, b, ok := auth("refresh"); !ok {
			return st, b
		}
		s.mu.Lock()
		s.refreshes++
		s.mu.Unlock()
		return session()
	}
	if st, b, ok := auth("access"); !ok {
		return st, b
	}
	switch path {
	case "/xrpc/com.atproto.repo.uploadBlob":
		data, _ := io.ReadAll(r.Body)
		if len(data) > 1000000 {
			return xrpcErr(400, "BlobTooLarge", "This file is too large")
		}
		return 200, map[string]any{"blob": map[string]any{"$type": "blob", "ref": map[string]string{"$link": "bafkreifake"}, "mimeType": r.Header.Get("Content-Type"), "size": len(data)}}
	case "/xrpc/com.atproto.repo.createRecord":
		var in struct {
			Repo, Collection, Rkey string
			Record                 struct {
				Type      string          `json:"$type"`
				Text      string          `json:"text"`
				CreatedAt string          `json:"createdAt"`
				Facets    json.RawMessage `json:"facets"`
				Embed     json.RawMessage `json:"embed"`
			}
		}
		raw, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err := json.Unmarshal(raw, &in); err != nil {
			return xrpcErr(400, "InvalidRequest", "bad body")
		}
		var whole struct {
			Record json.RawMessage `json:"record"`
		}
		_ = json.Unmarshal(raw, &whole)
		if in.Repo != fakeDID || in.Collection != "app.bsky.feed.post" || in.Record.Type != "app.bsky.feed.post" {
			return xrpcErr(400, "InvalidRequest", "wrong repo or collection")
		}
		if !validTID(in.Rkey) {
			return xrpcErr(400, "InvalidRequest", "Invalid record key: "+in.Rkey)
		}
		if _, err := time.Parse(time.RFC3339, in.Record.CreatedAt); err != nil {
			return xrpcErr(400, "InvalidRequest", "Invalid createdAt")
		}
		if msg := checkFacets(in.Record.Text, in.Record.Facets); msg != "" {
			return xrpcErr(400, "InvalidRequest", msg)
		}
		if s.findKey("bluesky", in.Rkey) != nil {
			// What the PDS answers today for a record key that exists (bluesky-social/atproto#3718).
			return xrpcErr(500, "InternalServerError", "Internal Server Error")
		}
		p, _, err := s.create("bluesky", in.Rkey, in.Record.Text, func(p *Post) { p.Facets, p.Embed, p.Record = in.Record.Facets, in.Record.Embed, whole.Record })
		if err != nil {
			st, b := s.tooMany(w)
			return st, b
		}
		return 200, map[string]string{"uri": "at://" + fakeDID + "/app.bsky.feed.post/" + p.Key, "cid": "bafyfake" + p.ID}
	case "/xrpc/com.atproto.repo.getRecord":
		q := r.URL.Query()
		if p := s.findKey("bluesky", q.Get("rkey")); p != nil && !p.Deleted && q.Get("repo") == fakeDID {
			return 200, map[string]any{"uri": "at://" + fakeDID + "/app.bsky.feed.post/" + p.Key, "cid": "bafyfake" + p.ID, "value": p.Record}
		}
		return xrpcErr(400, "RecordNotFound", "Could not locate record")
	case "/xrpc/com.atproto.repo.deleteRecord":
		var in struct{ Repo, Collection, Rkey string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return xrpcErr(400, "InvalidRequest", "bad body")
		}
		if p := s.findKey("bluesky", in.Rkey); p != nil {
			s.remove("bluesky", p.ID)
		}
		return 200, map[string]any{}
	}
	return xrpcErr(404, "MethodNotImplemented", path)
}

func (s *Server) findKey(platform, key string) *Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[platform+"\x00"+key]
}

// validTID reports whether k is a TID: 13 characters of base32-sortable, first one
// with the top bit clear.
func validTID(k string) bool {
	const alphabet = "234567abcdefghijklmnopqrstuvwxyz"
	if len(k) != 13 || !strings.ContainsRune("234567abcdefghij", rune(k[0])) {
		return false
	}
	for _, c := range k {
		if !strings.ContainsRune(alphabet, c) {
			return false
		}
	}
	return true
}

// checkFacets verifies each facet's byte range holds what the facet says: the link's
// address, or # and the tag.
func checkFacets(text string, raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var facets []struct {
		Index struct {
			ByteStart, ByteEnd int
		}
		Features []map[string]string
	}
	if err := json.Unmarshal(raw, &facets); err != nil {
		return "Invalid facets: " + err.Error()
	}
	for _, f := range facets {
		a, b := f.Index.ByteStart, f.Index.ByteEnd
		if a < 0 || b > len(text) || a >= b {
			return fmt.Sprintf("facet range %d-%d is outside the text", a, b)
		}
		for _, feat := range f.Features {
			switch feat["$type"] {
			case "app.bsky.richtext.facet#link":
				if text[a:b] != feat["uri"] {
					return fmt.Sprintf("link facet %d-%d covers %q, not %q", a, b, text[a:b], feat["uri"])
				}
			case "app.bsky.richtext.facet#tag":
				if text[a:b] != "#"+feat["tag"] {
					return fmt.Sprintf("tag facet %d-%d covers %q, not #%s", a, b, text[a:b], feat["tag"])
				}
			default:
				return "unknown facet feature " + feat["$type"]
			}
		}
	}
	return ""
}

// oauthEncode is RFC 3986 percent-encoding as OAuth 1.0a uses it.
func oauthEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// checkOAuth1 verifies an OAuth 1.0a HMAC-SHA1 Authorization header (RFC 5849) against
// the fake's X app and user secrets. Body parameters are not signed (JSON bodies).
func (s *Server) checkOAuth1(r *http.Request) bool {
	h := strings.TrimPrefix(r.Header.Get("Authorization"), "OAuth ")
	got := map[string]string{}
	for _, part := range strings.Split(h, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return false
		}
		uv, err := url.QueryUnescape(strings.Trim(v, `"`))
		if err != nil {
			return false
		}
		got[k] = uv
	}
	if got["oauth_consumer_key"] != s.Tokens["x-consumer-key"] || got["oauth_token"] != s.Tokens["x-access-token"] || got["oauth_signature_method"] != "HMAC-SHA1" {
		return false
	}
	params := map[string]string{}
	for k, v := range got {
		if k != "oauth_signature" {
			params[oauthEncode(k)] = oauthEncode(v)
		}
	}
	for k, vs := range r.URL.Query() {
		params[oauthEncode(k)] = oauthEncode(vs[0])
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var norm []string
	for _, k := range keys {
		norm = append(norm, k+"="+params[k])
	}
	base := r.Method + "&" + oauthEncode("http://"+r.Host+r.URL.Path) + "&" + oauthEncode(strings.Join(norm, "&"))
	mac := hmac.New(sha1.New, []byte(oauthEncode(s.Tokens["x-consumer-secret"])+"&"+oauthEncode(s.Tokens["x-access-secret"])))
	mac.Write([]byte(base))
	return hmac.Equal([]byte(base64.StdEncoding.EncodeToString(mac.Sum(nil))), []byte(got["oauth_signature"]))
}

// x implements POST /2/tweets and DELETE /2/tweets/:id, with an OAuth 2.0 bearer token
// or an OAuth 1.0a signature.
func (s *Server) x(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	if strings.HasPrefix(r.Header.Get("Authorization"), "OAuth ") {
		if !s.checkOAuth1(r) {
			return 401, map[string]any{"title": "Unauthorized", "detail": "Unauthorized", "type": "about:blank", "status": 401}
		}
	} else if st, _, ok := bearer(r, s.Tokens["x"]); !ok {
		// X answers a problem object (https://docs.x.com/x-api/fundamentals/response-codes-and-errors).
		return st, map[string]any{"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized: " + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	}
	switch {
	case r.Method == http.MethodGet && path == "/2/users/me":
		// https://docs.x.com/x-api/users/user-lookup-me: data.id, data.name, data.username.
		return 200, map[string]any{"data": map[string]string{"id": "1000000001", "name": "Riverside Community Health", "username": "RiversideHealth"}}
	case r.Method == http.MethodPost && path == "/2/tweets":
		var in struct{ Text string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Text == "" {
			return 400, map[string]any{"title": "Invalid Request", "detail": "text is required"}
		}
		s.mu.Lock()
		broke := s.XCreditsLeft == 0
		if s.XCreditsLeft > 0 {
			s.XCreditsLeft--
		}
		s.mu.Unlock()
		if broke {
			// https://docs.x.com/x-api/fundamentals/response-codes-and-errors: 402 Payment
			// Required, a problem object with title, detail and type.
			return 402, map[string]any{"title": "CreditsDepleted", "detail": "Your enrolled account does not have any credits to fulfill this request.", "type": "https://api.x.com/2/problems/credits-depleted"}
		}
		p, _, err := s.create("x", "", in.Text, nil)
		if err != nil {
			return s.tooMany(w)
		}
		return 201, map[string]any{"data": map[string]string{"id": p.ID, "text": p.Text}}
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "/2/tweets/"):
		if !s.remove("x", strings.TrimPrefix(path, "/2/tweets/")) {
			return 404, map[string]any{"title": "Not Found Error"}
		}
		return 200, map[string]any{"data": map[string]bool{"deleted": true}}
	}
	return 404, map[string]string{"error": "not found"}
}

// linkedin implements POST /rest/posts and DELETE /rest/posts/:urn with versioned headers.
func (s *Server) linkedin(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	if st, _, ok := bearer(r, s.Tokens["linkedin"]); !ok {
		return st, map[string]any{"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN", "message": "Invalid access token: " + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	}
	if v := r.Header.Get("Linkedin-Version"); len(v) != 6 {
		return 426, map[string]any{"status": 426, "message": "A version must be present. Please specify a version by adding the LinkedIn-Version header."}
	} else if s.LinkedInOldest != "" && v < s.LinkedInOldest {
		// https://learn.microsoft.com/en-us/linkedin/marketing/versioning: a sunset version is answered 426.
		return 426, map[string]any{"status": 426, "code": "NONEXISTENT_VERSION", "message": "Requested version " + v + " is not active"}
	}
	if r.Header.Get("X-Restli-Protocol-Version") != "2.0.0" {
		return 400, map[string]any{"status": 400, "message": "X-Restli-Protocol-Version 2.0.0 is required"}
	}
	switch {
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/rest/organizations/"):
		// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api: id, localizedName, vanityName.
		return 200, map[string]any{"id": 12345, "localizedName": "Riverside Community Health", "vanityName": "riverside-health"}
	case r.Method == http.MethodPost && path == "/rest/posts":
		var in struct {
			Author, Commentary, Visibility, LifecycleState string
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || !strings.HasPrefix(in.Author, "urn:li:organization:") || in.LifecycleState != "PUBLISHED" {
			return 422, map[string]any{"status": 422, "message": "invalid post"}
		}
		p, _, err := s.create("linkedin", "", in.Commentary, nil)
		if err != nil {
			return s.tooMany(w)
		}
		w.Header().Set("X-Restli-Id", "urn:li:share:"+p.ID)
		return 201, map[string]any{}
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "/rest/posts/"):
		id := strings.TrimPrefix(strings.TrimPrefix(path, "/rest/posts/"), "urn:li:share:")
		if !s.remove("linkedin", id) {
			return 404, map[string]any{"status": 404}
		}
		return http.StatusNoContent, nil
	}
	return 404, map[string]string{"error": "not found"}
}

func graphError(status int, msg string) (int, any) {
	return status, map[string]any{"error": map[string]any{"message": msg, "type": "OAuthException", "code": 190}}
}

// facebook implements POST /{page-id}/feed and DELETE /{post-id}.
func (s *Server) facebook(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	if err := r.ParseForm(); err != nil {
		return graphError(400, "bad form")
	}
	if tok := r.Form.Get("access_token"); tok != s.Tokens["facebook"] {
		return graphError(401, "Invalid OAuth access token - Cannot parse access token")
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case r.Method == http.MethodGet && path == "/debug_token":
		// https://developers.facebook.com/docs/graph-api/reference/debug_token: data.app_id,
		// type, is_valid, expires_at (0: never), scopes, profile_id.
		s.mu.Lock()
		exp, scopes := s.Expires["facebook"], s.Scopes["facebook"]
		s.mu.Unlock()
		at := int64(0)
		if !exp.IsZero() {
			at = exp.Unix()
		}
		return 200, map[string]any{"data": map[string]any{"app_id": "1000000000000001", "type": "PAGE", "is_valid": true, "expires_at": at, "scopes": scopes, "profile_id": "4242"}}
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "feed":
		msg := r.PostForm.Get("message")
		if msg == "" {
			return graphError(400, "(#100) Missing message or attachment")
		}
		p, _, err := s.create("facebook", "", msg, nil)
		if err != nil {
			return s.tooMany(w)
		}
		return 200, map[string]string{"id": parts[0] + "_" + p.ID}
	case r.Method == http.MethodDelete && len(parts) == 1:
		_, id, _ := strings.Cut(parts[0], "_")
		if !s.remove("facebook", id) {
			return graphError(400, "(#100) Object does not exist")
		}
		return 200, map[string]bool{"success": true}
	}
	return graphError(404, "Unknown path")
}

// threads implements POST /{user}/threads (container), POST /{user}/threads_publish,
// GET /{media}?fields=permalink and DELETE /{media}.
func (s *Server) threads(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	if err := r.ParseForm(); err != nil {
		return graphError(400, "bad form")
	}
	if tok := r.Form.Get("access_token"); tok != s.Tokens["threads"] {
		return graphError(401, "Invalid OAuth access token")
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case r.Method == http.MethodGet && path == "/refresh_access_token":
		// https://developers.facebook.com/docs/threads/get-started/long-lived-tokens: access_token, token_type, expires_in (seconds).
		if r.Form.Get("grant_type") != "th_refresh_token" {
			return graphError(400, "grant_type must be th_refresh_token")
		}
		return 200, map[string]any{"access_token": "threads-token-renewed-0002", "token_type": "bearer", "expires_in": 5184000}
	case r.Method == http.MethodGet && path == "/me":
		// https://developers.facebook.com/docs/threads/threads-profiles: id, username.
		return 200, map[string]string{"id": "17841400000000001", "username": "riversidehealth"}
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "threads":
		text := r.PostForm.Get("text")
		if r.PostForm.Get("media_type") == "" || (text == "" && r.PostForm.Get("image_url") == "") {
			return graphError(400, "The parameter media_type is required")
		}
		s.mu.Lock()
		s.seq++
		id := fmt.Sprintf("c%d", s.seq)
		s.containers[id] = text
		s.mu.Unlock()
		return 200, map[string]string{"id": id}
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "threads_publish":
		cid := r.PostForm.Get("creation_id")
		s.mu.Lock()
		text, ok := s.containers[cid]
		done := s.published[cid]
		s.published[cid] = true
		s.mu.Unlock()
		if !ok || done {
			return graphError(400, "The media container is not ready or was already published")
		}
		p, _, err := s.create("threads", "", text, nil)
		if err != nil {
			return s.tooMany(w)
		}
		return 200, map[string]string{"id": p.ID}
	case r.Method == http.MethodGet && len(parts) == 1:
		if p := s.find("threads", parts[0]); p != nil {
			return 200, map[string]string{"id": p.ID, "permalink": "https://www.threads.net/@riversidehealth/post/" + p.ID}
		}
		return graphError(400, "Object does not exist")
	case r.Method == http.MethodDelete && len(parts) == 1:
		if !s.remove("threads", parts[0]) {
			return graphError(400, "Object does not exist")
		}
		return 200, map[string]any{"success": true, "deleted_id": parts[0]}
	}
	return graphError(404, "Unknown path")
}

// webhook receives signed JSON and drops repeats of an Idempotency-Key.
func (s *Server) webhook(w http.ResponseWriter, r *http.Request, path string) (int, any) {
	body, _ := io.ReadAll(r.Body)
	mac := hmac.New(sha256.New, []byte(s.Tokens["webhook"]))
	mac.Write(body)
	if r.Header.Get("X-Factdesk-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
		return 401, map[string]string{"error": "bad signature"}
	}
	var in struct{ Event, Text, RemoteID string }
	var payload map[string]any
	if err := json.Unmarshal(body, &payload); err != nil {
		return 400, map[string]string{"error": "not JSON"}
	}
	in.Event, _ = payload["event"].(string)
	in.Text, _ = payload["text"].(string)
	in.RemoteID, _ = payload["remote_id"].(string)
	if in.Event == "delete" {
		s.remove("webhook", in.RemoteID)
		return 200, map[string]bool{"ok": true}
	}
	p, _, err := s.create("webhook", r.Header.Get("Idempotency-Key"), in.Text, nil)
	if err != nil {
		return s.tooMany(w)
	}
	return 200, map[string]string{"id": p.ID}
}
