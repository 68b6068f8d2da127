package githubfake

import (
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/apidesc"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// A field GitHub's description does not have, in an answer or a request, a value of a
// type it does not allow, and a path it does not describe, fail the check; the fields
// GitHub has, with their types (null where GitHub sends null), pass.
func TestCheckAgainstGitHubsDescription(t *testing.T) {
	desc, err := apidesc.GitHub()
	testenv.Require(t, err)
	tests := []struct {
		name string
		x    Exchange
		bad  string // "" when it must pass
	}{
		{"issue as GitHub sends it", Exchange{Method: "GET", Path: "repos/o/r/issues/1", Status: 200,
			Response: []byte(`{"number":1,"title":"x","state":"open","user":{"login":"a","id":1},"labels":[{"name":"l"}]}`)}, ""},
		{"misspelled answer field", Exchange{Method: "GET", Path: "repos/o/r/issues/1", Status: 200,
			Response: []byte(`{"number":1,"titel":"x"}`)}, `"titel"`},
		{"misspelled nested field", Exchange{Method: "GET", Path: "repos/o/r/issues/1", Status: 200,
			Response: []byte(`{"number":1,"user":{"logn":"a"}}`)}, `"user.logn"`},
		{"misspelled field of a list item", Exchange{Method: "GET", Path: "repos/o/r/pulls/1/files", Status: 200,
			Response: []byte(`[{"filename":"a.md","previous_file_name":"b.md"}]`)}, `"previous_file_name"`},
		{"misspelled request field", Exchange{Method: "POST", Path: "repos/o/r/issues", Request: []byte(`{"title":"x","bodyy":"y"}`), Status: 201,
			Response: []byte(`{"number":2,"title":"x"}`)}, `"bodyy"`},
		{"path GitHub does not have", Exchange{Method: "GET", Path: "repos/o/r/pulls/1/approvals", Status: 200, Response: []byte(`[]`)}, "pulls/1/approvals"},
		{"method GitHub does not have", Exchange{Method: "DELETE", Path: "repos/o/r/pulls/1", Status: 204}, "DELETE /repos/o/r/pulls/1"},
		{"error answer", Exchange{Method: "GET", Path: "repos/o/r/pulls/1", Status: 404, Response: []byte(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`)}, ""},
		{"misspelled error field", Exchange{Method: "GET", Path: "repos/o/r/pulls/1", Status: 404, Response: []byte(`{"mesage":"Not Found"}`)}, `"mesage"`},
		{"number sent as a string", Exchange{Method: "GET", Path: "repos/o/r/issues/1", Status: 200,
			Response: []byte(`{"number":"1","title":"x"}`)}, `"number" is string, but GitHub's OpenAPI description (@octokit/openapi) says integer`},
		{"null where GitHub never sends one", Exchange{Method: "GET", Path: "repos/o/r/pulls/1/files", Status: 200,
			Response: []byte(`[{"filename":null}]`)}, `"filename" is null`},
		{"list sent as an object", Exchange{Method: "GET", Path: "repos/o/r/issues/1", Status: 200,
			Response: []byte(`{"number":1,"labels":{"name":"l"}}`)}, `"labels" is object`},
		{"string request field sent as a number", Exchange{Method: "PUT", Path: "repos/o/r/pulls/1/merge", Request: []byte(`{"merge_method":"squash","sha":1}`), Status: 200,
			Response: []byte(`{"merged":true,"message":"m","sha":"s"}`)}, `request PUT /repos/o/r/pulls/1/merge: field "sha" is integer`},
		{"commit by an e-mail tied to no account (author null, as GitHub sends it)", Exchange{Method: "GET", Path: "repos/o/r/commits", Status: 200,
			Response: []byte(`[{"sha":"a","author":null,"committer":null,"commit":{"message":"m"}}]`)}, ""},
		{"file path with slashes", Exchange{Method: "GET", Path: "repos/o/r/contents/factchecks/a.md", Status: 200,
			Response: []byte(`{"type":"file","path":"factchecks/a.md","content":"","encoding":"base64"}`)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems, _ := Check(desc, []Exchange{tt.x})
			got := strings.Join(problems, "\n")
			switch {
			case tt.bad == "" && got != "":
				t.Errorf("unexpected problems:\n%s", got)
			case tt.bad != "" && !strings.Contains(got, tt.bad):
				t.Errorf("problems %q do not name %s", got, tt.bad)
			}
		})
	}
}
