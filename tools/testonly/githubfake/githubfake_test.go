package githubfake

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, s *Server, path, token string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestWireFormat(t *testing.T) {
	t.Parallel()
	s := New(t.Cleanup)
	s.Token = "tok"
	r := s.Repo("o/r")
	s.Update(func() {
		p := &Pull{Number: 1, User: "a", HeadSHA: "b", BaseSHA: "c"}
		for i := 0; i < 5; i++ {
			p.Files = append(p.Files, File{Filename: "f" + string(rune('0'+i)), Status: "added"})
		}
		r.Pulls[1] = p
	})

	resp := get(t, s, BasePath+"repos/o/r/pulls/1/files?per_page=2&page=2", "tok")
	var files []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&files); err != nil {
		t.Fatal(err)
	}
	link := resp.Header.Get("Link")
	if len(files) != 2 || files[0]["filename"] != "f2" {
		t.Errorf("page 2 = %v", files)
	}
	for _, rel := range []string{`page=3&per_page=2>; rel="next"`, `page=3&per_page=2>; rel="last"`, `page=1&per_page=2>; rel="first"`, `page=1&per_page=2>; rel="prev"`} {
		if !strings.Contains(link, rel) {
			t.Errorf("Link %q lacks %s", link, rel)
		}
	}
	if resp.Header.Get("X-RateLimit-Limit") != "5000" || resp.Header.Get("X-RateLimit-Remaining") == "" {
		t.Errorf("rate-limit headers missing: %v", resp.Header)
	}

	if resp := get(t, s, BasePath+"repos/o/r/pulls/1", "wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("bad token: status %d, want 401", resp.StatusCode)
	}
	if resp := get(t, s, "/repos/o/r/pulls/1", "tok"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("path outside the base: status %d, want 404", resp.StatusCode)
	}

	s.Inject(Fault{Method: "GET", Path: `repos/o/r/pulls/1`, Status: http.StatusForbidden, RateLimited: true, ResetAfter: time.Minute})
	resp = get(t, s, BasePath+"repos/o/r/pulls/1", "tok")
	reset := resp.Header.Get("X-RateLimit-Reset")
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("X-RateLimit-Remaining") != "0" || reset == "" {
		t.Errorf("rate-limited answer: %d %v", resp.StatusCode, resp.Header)
	}
	if resp := get(t, s, BasePath+"repos/o/r/pulls/1", "tok"); resp.StatusCode != http.StatusOK {
		t.Errorf("after the fault: status %d, want 200", resp.StatusCode)
	}
}
