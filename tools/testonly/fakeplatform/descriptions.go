package fakeplatform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/apidesc"
)

// Every request the fake receives and every answer it gives (unless a fault replaced
// it) is checked against the platform's published description: Mastodon's OpenAPI
// description, the AT Protocol lexicons, and for X, LinkedIn, Facebook and Threads, which
// publish none, the tables below, where every field names its documentation page.

const (
	xPosts    = "https://docs.x.com/x-api/posts/create-post"
	xDelete   = "https://docs.x.com/x-api/posts/delete-post"
	xMe       = "https://docs.x.com/x-api/users/get-my-user"
	xErrors   = "https://docs.x.com/x-api/fundamentals/response-codes-and-errors"
	liPosts   = "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api"
	liOrgs    = "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api"
	liErrors  = "https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling"
	fbPosts   = "https://developers.facebook.com/docs/pages-api/posts"
	fbDebug   = "https://developers.facebook.com/docs/graph-api/reference/debug_token"
	fbErrors  = "https://developers.facebook.com/docs/graph-api/guides/error-handling"
	thPosts   = "https://developers.facebook.com/docs/threads/posts"
	thDelete  = "https://developers.facebook.com/docs/threads/posts/delete-posts"
	thMedia   = "https://developers.facebook.com/docs/threads/threads-media"
	thProfile = "https://developers.facebook.com/docs/threads/threads-profiles"
	thTokens  = "https://developers.facebook.com/docs/threads/get-started/long-lived-tokens"
)

// Documented are the fields of requests (by platform) the fake accepts, each with its page.
var Documented = map[string]apidesc.Fields{
	"x": {"text": xPosts},
	"linkedin": {"author": liPosts, "commentary": liPosts, "visibility": liPosts, "distribution": liPosts, "distribution.feedDistribution": liPosts,
		"distribution.targetEntities": liPosts, "distribution.thirdPartyDistributionChannels": liPosts, "lifecycleState": liPosts,
		"isReshareDisabledByAuthor": liPosts, "content": liPosts, "content.article": liPosts, "content.article.source": liPosts,
		"content.article.title": liPosts, "content.article.description": liPosts, "content.article.thumbnail": liPosts},
	"facebook": {"message": fbPosts, "link": fbPosts, "published": fbPosts, "access_token": fbPosts, "input_token": fbDebug},
	"threads": {"media_type": thPosts, "text": thPosts, "image_url": thPosts, "alt_text": thPosts, "access_token": thPosts,
		"creation_id": thPosts, "fields": thMedia, "grant_type": thTokens},
}

// DocumentedAnswers are the fields of the fake's answers, by platform, each with its page.
var DocumentedAnswers = map[string]apidesc.Fields{
	"x": {"data": xPosts, "data.id": xPosts, "data.text": xPosts, "data.deleted": xDelete, "data.name": xMe, "data.username": xMe,
		"title": xErrors, "detail": xErrors, "type": xErrors, "status": xErrors},
	"linkedin": {"status": liErrors, "message": liErrors, "code": liErrors, "serviceErrorCode": liErrors,
		"id": liOrgs, "localizedName": liOrgs, "vanityName": liOrgs},
	"facebook": {"id": fbPosts, "success": fbPosts, "error": fbErrors, "error.message": fbErrors, "error.type": fbErrors, "error.code": fbErrors,
		"error.error_subcode": fbErrors, "error.fbtrace_id": fbErrors, "data": fbDebug, "data.app_id": fbDebug, "data.type": fbDebug,
		"data.is_valid": fbDebug, "data.expires_at": fbDebug, "data.scopes": fbDebug, "data.profile_id": fbDebug},
	"threads": {"id": thPosts, "permalink": thMedia, "username": thProfile, "success": thDelete, "deleted_id": thDelete,
		"access_token": thTokens, "token_type": thTokens, "expires_in": thTokens,
		"error": fbErrors, "error.message": fbErrors, "error.type": fbErrors, "error.code": fbErrors, "error.error_subcode": fbErrors, "error.fbtrace_id": fbErrors},
}

// NewT starts a fake that checks every exchange against the platforms' descriptions and
// reports each mismatch as an error of t when the test ends; it closes the fake then.
func NewT(t testing.TB) *Server {
	t.Helper()
	s := New()
	s.CheckDescriptions()
	t.Cleanup(func() {
		s.Close()
		for _, v := range s.Violations() {
			t.Errorf("the fake platform exchange does not match the published description: %s", v)
		}
	})
	return s
}

// CheckDescriptions makes the fake check every later exchange against the published
// descriptions; Violations returns what did not match.
func (s *Server) CheckDescriptions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.check = true
}

// exchange is one request and answer, kept to be checked after the fact so that
// checking never slows the fake down.
type exchange struct {
	platform, path string
	req            *http.Request
	body           []byte
	status         int
	answer         any
}

// Violations checks the exchanges recorded so far and returns every mismatch with the
// descriptions.
func (s *Server) Violations() []string {
	s.mu.Lock()
	todo := s.exchanges
	s.exchanges = nil
	s.mu.Unlock()
	for _, ex := range todo {
		s.describe(ex.platform, ex.req, ex.path, ex.body, ex.status, ex.answer)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// record keeps an exchange for Violations; the answer is copied as JSON now, since the
// handler's values may change later.
func (s *Server) record(platform string, r *http.Request, path string, body []byte, status int, answer any) {
	if answer != nil {
		if b, err := json.Marshal(answer); err == nil {
			var v any
			_ = json.Unmarshal(b, &v)
			answer = v
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exchanges = append(s.exchanges, exchange{platform: platform, path: path, req: r, body: body, status: status, answer: answer})
}

func (s *Server) violate(msgs ...string) {
	if len(msgs) == 0 {
		return
	}
	s.mu.Lock()
	s.violations = append(s.violations, msgs...)
	s.mu.Unlock()
}

// readBody reads the request body (bounded) and puts it back for the handler.
func readBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b
}

// describe checks one exchange of platform: the request (method, path, query, body)
// and the answer the handler gave.
func (s *Server) describe(platform string, r *http.Request, path string, reqBody []byte, status int, answer any) {
	var out []byte
	if answer != nil && status != http.StatusNoContent {
		out, _ = json.Marshal(answer)
	}
	where := fmt.Sprintf("%s %s %s", platform, r.Method, path)
	errs := func(es ...error) {
		for _, e := range es {
			if e != nil {
				s.violate(where + ": " + e.Error())
			}
		}
	}
	switch platform {
	case "mastodon":
		d, err := apidesc.Mastodon()
		if err != nil {
			errs(err)
			return
		}
		ct := r.Header.Get("Content-Type")
		if mt, _, _ := mime.ParseMediaType(ct); mt == "multipart/form-data" && r.MultipartForm != nil {
			fields := map[string][]string{}
			for k, v := range r.MultipartForm.Value {
				fields[k] = v
			}
			for k := range r.MultipartForm.File {
				fields[k] = []string{"(file)"}
			}
			errs(d.CheckForm(r.Method, path, fields))
		} else {
			errs(d.CheckRequest(r.Method, path, ct, reqBody))
		}
		errs(d.CheckResponse(r.Method, path, status, out))
	case "bluesky":
		d, err := apidesc.Bluesky()
		if err != nil {
			errs(err)
			return
		}
		nsid := strings.TrimPrefix(path, "/xrpc/")
		body := reqBody
		if nsid == "com.atproto.repo.uploadBlob" {
			body = nil
		}
		errs(d.CheckCall(r.Method, nsid, r.URL.Query(), r.Header.Get("Content-Type"), body, status, out)...)
	case "x", "linkedin", "facebook", "threads":
		req := Documented[platform]
		var msgs []string
		if len(reqBody) > 0 && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			var v any
			if err := json.Unmarshal(reqBody, &v); err != nil {
				msgs = append(msgs, "the request body is not JSON")
			}
			msgs = append(msgs, req.Check(v, "request")...)
		} else if len(reqBody) > 0 {
			form, _ := url.ParseQuery(string(reqBody))
			msgs = append(msgs, req.CheckForm(form, "request")...)
		}
		msgs = append(msgs, req.CheckForm(r.URL.Query(), "query")...)
		if len(out) > 0 {
			var v any
			_ = json.Unmarshal(out, &v)
			msgs = append(msgs, DocumentedAnswers[platform].Check(v, fmt.Sprintf("%d answer", status))...)
		}
		for _, m := range msgs {
			s.violate(where + ": " + m)
		}
	}
}
