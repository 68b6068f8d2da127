package githubfake

import (
	"bytes"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/apidesc"
)

// Exchange is one request the fake answered, with its answer, for checking against
// GitHub's OpenAPI description.
type Exchange struct {
	Method, Path string // Path is below BasePath, without the query
	Request      []byte
	Status       int
	Response     []byte
	// Fault marks an injected failure (its answer is not checked, its request is).
	Fault bool
}

// Exchanges returns the exchanges so far.
func (s *Server) Exchanges() []Exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Exchange(nil), s.exchanges...)
}

type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// NewT starts a fake for t (stopped when t ends) that checks, when t ends, every
// request it received and every answer it gave against GitHub's official OpenAPI
// description (npm @octokit/openapi): each method and path must be an operation of
// the description, and each field of a JSON request body and of an answer must be one
// the operation's schemas declare; a field GitHub does not have fails t. Required
// fields the fake leaves out are counted in t's log. Without node_modules the check is
// left out with a note in the log, except under CI=true, where it fails t.
func NewT(t testing.TB) *Server {
	t.Helper()
	s := New(t.Cleanup)
	desc, err := apidesc.GitHub()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v (CI needs it: scripts/test.sh runs npm ci)", err)
		}
		t.Logf("the GitHub fake is not checked against GitHub's description: %v", err)
		return s
	}
	t.Cleanup(func() {
		problems, missing := Check(desc, s.Exchanges())
		if len(problems) > 0 {
			t.Errorf("the GitHub fake's exchanges do not match %s:\n%s", desc.Name, strings.Join(problems, "\n"))
		}
		if missing > 0 {
			t.Logf("the GitHub fake's answers left out %d fields GitHub's description requires", missing)
		}
	})
	return s
}

// Check checks exchanges against desc; it returns one message per distinct problem
// and the number of required fields the answers left out.
func Check(desc *apidesc.OpenAPI, exchanges []Exchange) (problems []string, missing int) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			problems = append(problems, p)
		}
	}
	for _, x := range exchanges {
		resp := x.Response
		if x.Fault {
			resp = nil
		}
		rep, err := desc.CheckFields(x.Method, "/"+x.Path, x.Request, x.Status, resp)
		if err != nil {
			add(err.Error())
			continue
		}
		for _, u := range rep.Unknown {
			add(u)
		}
		missing += rep.MissingRequired
	}
	sort.Strings(problems)
	return problems, missing
}
