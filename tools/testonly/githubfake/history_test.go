package githubfake

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func do(t *testing.T, s *Server, method, path, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&v)
	return resp.StatusCode, v, resp.Header
}

func TestHistoryEndpoints(t *testing.T) {
	t.Parallel()
	s := New(t.Cleanup)
	s.Commit("o/r", "main", "a1", "", "root", []string{}, map[string]string{"f": "1"})
	p := s.Merge("o/r", 2, "kim", "b2", "c3", map[string]string{"g": "2"}, "ana")
	s.Commit("o/r", "main", "d4", "kim", "direct", nil, map[string]string{"f": ""})

	code, cmp, _ := do(t, s, "GET", "/api/v3/repos/o/r/compare/a1...main?per_page=2", "")
	if code != 200 || cmp["status"] != "ahead" || cmp["total_commits"].(float64) != 3 || len(cmp["commits"].([]any)) != 2 {
		t.Fatalf("compare: %d %v", code, cmp)
	}
	code, cmp, _ = do(t, s, "GET", "/api/v3/repos/o/r/compare/d4...b2", "")
	if code != 200 || cmp["status"] != "behind" {
		t.Fatalf("compare behind: %d %v", code, cmp["status"])
	}
	code, c, _ := do(t, s, "GET", "/api/v3/repos/o/r/commits/d4", "")
	files := c["files"].([]any)
	if code != 200 || len(files) != 1 || files[0].(map[string]any)["status"] != "removed" {
		t.Fatalf("commit: %d %v", code, c)
	}
	for sha, want := range map[string]int{"b2": 1, "c3": 1, "d4": 0} {
		req, _ := http.NewRequest("GET", s.URL+"/api/v3/repos/o/r/commits/"+sha+"/pulls", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var prs []map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&prs)
		resp.Body.Close()
		if len(prs) != want || (want == 1 && (prs[0]["merge_commit_sha"] != p.MergeCommitSHA || prs[0]["merged_at"] == nil)) {
			t.Errorf("pulls of %s: %v", sha, prs)
		}
	}
}

func TestSettingsEndpoints(t *testing.T) {
	t.Parallel()
	s := New(t.Cleanup)
	s.Commit("o/r", "main", "a1", "", "root", []string{}, nil)
	if code, v, _ := do(t, s, "GET", "/api/v3/repos/o/r/branches/main/protection", ""); code != 404 || v["message"] != "Branch not protected" {
		t.Fatalf("unprotected: %d %v", code, v)
	}
	if code, v, _ := do(t, s, "PUT", "/api/v3/repos/o/r/branches/main/protection", `{"enforce_admins": true}`); code != 422 || !strings.Contains(v["message"].(string), "wasn't supplied") {
		t.Fatalf("a request without the required keys: %d %v", code, v)
	}
	body := `{"required_status_checks": {"strict": true, "contexts": ["factdesk/review"]}, "enforce_admins": true,
		"required_pull_request_reviews": {"dismiss_stale_reviews": true, "required_approving_review_count": 1}, "restrictions": null}`
	code, v, _ := do(t, s, "PUT", "/api/v3/repos/o/r/branches/main/protection", body)
	if code != 200 || v["enforce_admins"].(map[string]any)["enabled"] != true || v["required_status_checks"].(map[string]any)["strict"] != true {
		t.Fatalf("protect: %d %v", code, v)
	}
	if code, v, _ := do(t, s, "PUT", "/api/v3/repos/o/r/environments/publish", `{"deployment_branch_policy": {"protected_branches": true, "custom_branch_policies": true}}`); code != 422 {
		t.Fatalf("both policies: %d %v", code, v)
	}
	if code, _, _ := do(t, s, "PUT", "/api/v3/repos/o/r/environments/publish", `{"deployment_branch_policy": {"protected_branches": false, "custom_branch_policies": true}}`); code != 200 {
		t.Fatalf("environment: %d", code)
	}
	id := s.Repo("o/r").ID
	if code, v, _ := do(t, s, "GET", "/api/v3/repositories/"+itoa(id)+"/environments/publish/secrets", ""); code != 200 || v["total_count"].(float64) != 0 {
		t.Fatalf("secrets by repository id: %d %v", code, v)
	}
	if code, _, _ := do(t, s, "PUT", "/api/v3/repos/o/r/environments/publish/secrets/FACTDESK_X", `{"encrypted_value": "c2VjcmV0", "key_id": "1"}`); code != 201 {
		t.Fatalf("secret: %d", code)
	}
	s.Deny(`repos/o/r/pages`)
	if code, v, _ := do(t, s, "GET", "/api/v3/repos/o/r/pages", ""); code != 403 || !strings.Contains(v["message"].(string), "not accessible") {
		t.Fatalf("denied: %d %v", code, v)
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
