// Package githubfake is a fake of the parts of GitHub's REST API that factdesk uses,
// served on 127.0.0.1 for tests: pull requests with their files, reviews and commits,
// file contents at a commit, issues and their comments, commit statuses and check runs.
// It speaks the documented wire format: JSON bodies, pagination through Link headers,
// rate-limit headers on every response, and injected failures (403 or 429 rate
// limits with their headers, 5xx, reset connections, malformed bodies).
//
// The API is mounted under /api/v3/, like GitHub Enterprise Server, so a client that
// builds absolute paths instead of relative ones fails loudly.
package githubfake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	pathpkg "path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// BasePath is the path under which the fake serves the API.
const BasePath = "/api/v3/"

// Server is a running fake. Its fields may be changed between requests while holding
// no lock only before the first request; afterwards use the methods, which lock.
type Server struct {
	*httptest.Server
	// Token is the token requests must carry ("Authorization: Bearer TOKEN" or
	// "token TOKEN"); empty accepts any request.
	Token string
	// Now is the fake's clock, used for rate-limit reset times.
	Now func() time.Time

	mu       sync.Mutex
	repos    map[string]*Repo
	faults   []*Fault
	requests []Request
	// exchanges are the requests with their answers, for NewT's check.
	exchanges []Exchange
	nextID    int64
	denied    []*regexp.Regexp
}

// Request is one request the fake received, for assertions.
type Request struct {
	Method string
	// Path is the path below BasePath, without the query.
	Path  string
	Query url.Values
	Body  string
}

// Repo is one repository's state.
type Repo struct {
	// Files holds each commit's tree: Files[sha][path] = content.
	Files map[string]map[string]string
	// Links holds each commit's symbolic links: Links[sha][path] = target.
	Links    map[string]map[string]string
	Pulls    map[int]*Pull
	Issues   map[int]*Issue
	Comments map[int][]*Comment
	// Statuses are the commit statuses set on each SHA, oldest first.
	Statuses  map[string][]Status
	CheckRuns []CheckRun

	// ID is the repository's numeric id (GET /repositories/{id}/… reaches it too).
	ID int64
	// DefaultBranch is the default branch (default main).
	DefaultBranch string
	// Commits is the history, by SHA; Branches maps each branch to its tip.
	Commits  map[string]*GitCommit
	Branches map[string]string
	// Settings are the repository's administrative settings (see settings.go).
	Settings Settings
}

// Pull is a pull request.
type Pull struct {
	Number int
	Title  string
	User   string
	State  string
	// Head and Base are the commits the pull request compares.
	HeadSHA, BaseSHA string
	HeadRef, BaseRef string
	// HeadRepo is the repository the head branch lives in, owner/name; a fork when it
	// differs from the base repository.
	HeadRepo string
	Files    []File
	Reviews  []Review
	Commits  []Commit
	// MergedAt and MergeCommitSHA are set once the pull request is merged (State closed).
	MergedAt       time.Time
	MergeCommitSHA string
	// ChangedFiles and CommitCount are the totals the pull request reports
	// (changed_files, commits); zero means the length of Files and Commits. The lists
	// themselves stop, as GitHub's do, at MaxFiles files and MaxCommits commits.
	ChangedFiles, CommitCount int
}

// GitHub's limits on what it lists of one pull request.
const (
	MaxFiles   = 3000
	MaxCommits = 250
)

// File is a file changed by a pull request.
type File struct {
	Filename         string
	Status           string // added, modified, removed, renamed
	PreviousFilename string
}

// Review is a pull-request review.
type Review struct {
	ID          int64
	User        string
	State       string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	CommitID    string
	SubmittedAt time.Time
}

// Commit is one commit of a pull request, with the GitHub accounts of its author and
// committer (empty when GitHub could not match the e-mail to an account) and the
// names and e-mails recorded in the commit itself.
type Commit struct {
	SHA       string
	Author    string
	Committer string
	// AuthorEmail and CommitterEmail default to the account's no-reply address, or to
	// noreply@github.com for GitHub's own web-flow committer.
	AuthorEmail, CommitterEmail string
	// Message is the commit message (default "change").
	Message string
}

// Issue is an issue (pull requests are issues too, for comments).
type Issue struct {
	Number    int
	Title     string
	Body      string
	State     string
	User      string
	Labels    []string
	Assignees []string
	// PullRequest marks an issue that is a pull request; such issues are left out of
	// issue lists when ListIssues is asked to skip them.
	PullRequest bool
}

// Comment is an issue or pull-request comment.
type Comment struct {
	ID       int64
	User     string
	UserType string // User or Bot
	Body     string
}

// Status is a commit status.
type Status struct {
	State       string
	Context     string
	Description string
	TargetURL   string
}

// CheckRun is a check run created through the checks API.
type CheckRun struct {
	Name       string
	HeadSHA    string
	Status     string
	Conclusion string
	Title      string
	Summary    string
}

// Fault is an injected failure: the next Times requests matching Method and Path
// (a regular expression over the path below BasePath) get it instead of an answer.
type Fault struct {
	Method string
	Path   string
	Times  int
	// Status is the HTTP status to answer with.
	Status int
	// Header is added to the response (for example Retry-After).
	Header http.Header
	// Body is the response body; empty means a GitHub-style JSON error message.
	Body string
	// RateLimited answers like GitHub's primary rate limit: x-ratelimit-remaining 0 and
	// x-ratelimit-reset ResetAfter from now.
	RateLimited bool
	ResetAfter  time.Duration
	// Reset closes the connection without an answer.
	Reset bool

	re *regexp.Regexp
}

// New starts a fake on 127.0.0.1 and stops it when the test ends (via cleanup).
func New(cleanup func(func())) *Server {
	s := &Server{repos: map[string]*Repo{}, Now: time.Now, nextID: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	if cleanup != nil {
		cleanup(s.Close)
	}
	return s
}

// APIURL returns the API's base URL, ending in /.
func (s *Server) APIURL() string { return s.URL + BasePath }

// Repo returns the named repository ("owner/name"), creating it empty if needed.
func (s *Server) Repo(fullName string) *Repo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repo(fullName)
}

func (s *Server) repo(fullName string) *Repo {
	r := s.repos[fullName]
	if r == nil {
		r = &Repo{Files: map[string]map[string]string{}, Links: map[string]map[string]string{}, Pulls: map[int]*Pull{}, Issues: map[int]*Issue{},
			Comments: map[int][]*Comment{}, Statuses: map[string][]Status{},
			ID: int64(100000 + len(s.repos)), Commits: map[string]*GitCommit{}, Branches: map[string]string{},
			Settings: Settings{Environments: map[string]*Environment{}, Protection: map[string]*Protection{}}}
		s.repos[fullName] = r
	}
	return r
}

// Update runs fn with the lock held, so a test can change state between requests. fn
// must not call the Server's methods (they take the same lock); get the Repo first.
func (s *Server) Update(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

// NextID returns a fresh identifier for reviews, comments and the like.
func (s *Server) NextID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return s.nextID
}

// Inject queues a fault.
func (s *Server) Inject(f Fault) {
	f.re = regexp.MustCompile("^" + f.Path + "$")
	if f.Times == 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// Deny makes every request whose path (below BasePath, a regular expression) matches
// pathRE answer 403 as GitHub does for a fine-grained token without the permission.
func (s *Server) Deny(pathRE string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denied = append(s.denied, regexp.MustCompile("^"+pathRE+"$"))
}

var repositoriesRe = regexp.MustCompile(`^repositories/(\d+)(/.*)?$`)

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// CountRequests returns how many requests matched method and the path expression.
func (s *Server) CountRequests(method, pathRE string) int {
	re := regexp.MustCompile("^" + pathRE + "$")
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method && re.MatchString(r.Path) {
			n++
		}
	}
	return n
}

// Comments returns a copy of the comments on issue or pull request n.
func (s *Server) Comments(repo string, n int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.repo(repo).Comments[n] {
		out = append(out, *c)
	}
	return out
}

// Statuses returns a copy of the statuses set on sha.
func (s *Server) Statuses(repo, sha string) []Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Status(nil), s.repo(repo).Statuses[sha]...)
}

// Issues returns copies of the repository's issues that are not pull requests, by number.
func (s *Server) Issues(repo string) []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Issue
	for _, is := range s.repo(repo).Issues {
		if !is.PullRequest {
			out = append(out, *is)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

type handler func(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int)

type route struct {
	method string
	re     *regexp.Regexp
	h      handler
}

func (s *Server) routes() []route {
	rt := func(method, pattern string, h handler) route {
		return route{method, regexp.MustCompile(`^repos/([^/]+/[^/]+)/` + pattern + `$`), h}
	}
	return append([]route{
		rt("GET", `pulls/(\d+)`, s.getPull),
		rt("GET", `pulls`, s.listPulls),
		rt("GET", `pulls/(\d+)/files`, s.listFiles),
		rt("GET", `pulls/(\d+)/reviews`, s.listReviews),
		rt("GET", `pulls/(\d+)/commits`, s.listCommits),
		rt("GET", `contents/(.+)`, s.getContents),
		rt("GET", `git/trees/([0-9a-f]+)`, s.getTree),
		rt("GET", `issues/(\d+)/comments`, s.listComments),
		rt("POST", `issues/(\d+)/comments`, s.createComment),
		rt("PATCH", `issues/comments/(\d+)`, s.editComment),
		rt("POST", `statuses/([0-9a-f]+)`, s.createStatus),
		rt("GET", `commits/([0-9a-f]+)/statuses`, s.listStatuses),
		rt("POST", `check-runs`, s.createCheckRun),
		rt("GET", `issues`, s.listIssues),
		rt("POST", `issues`, s.createIssue),
		rt("GET", `issues/(\d+)`, s.getIssue),
		rt("PATCH", `issues/(\d+)`, s.editIssue),
		{"GET", regexp.MustCompile(`^repos/([^/]+/[^/]+)$`), s.getRepository},
		rt("GET", `branches/([^/]+)`, s.getBranch),
		rt("GET", `commits`, s.listCommitsOfRepo),
		rt("GET", `commits/([0-9a-zA-Z._-]+)`, s.getCommit),
		rt("GET", `commits/([0-9a-f]+)/pulls`, s.pullsWithCommit),
		rt("GET", `compare/([0-9a-zA-Z._/-]+?)\.\.\.([0-9a-zA-Z._/-]+)`, s.compare),
	}, s.settingsRoutes(rt)...)
}

const rateLimit = 5000

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, BasePath) {
		http.Error(w, fmt.Sprintf("path %q is outside the API base %s: build URLs relative to the base URL", r.URL.Path, BasePath), http.StatusNotFound)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, BasePath)
	if m := repositoriesRe.FindStringSubmatch(path); m != nil {
		// GET /repositories/{id}/… is the same as /repos/{owner}/{repo}/….
		s.mu.Lock()
		for name, rp := range s.repos {
			if strconv.FormatInt(rp.ID, 10) == m[1] {
				path = "repos/" + name + m[2]
			}
		}
		s.mu.Unlock()
	}
	var body []byte
	if r.Body != nil {
		body, _ = readAll(r)
	}
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: path, Query: r.URL.Query(), Body: string(body)})
	used := len(s.requests)
	var fault *Fault
	for i, f := range s.faults {
		if (f.Method == "" || f.Method == r.Method) && f.re.MatchString(path) {
			fault = f
			f.Times--
			if f.Times <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			break
		}
	}
	now := s.Now()
	s.mu.Unlock()

	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(rateLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(rateLimit-used, 1)))
	h.Set("X-RateLimit-Used", strconv.Itoa(used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")

	if fault != nil {
		s.serveFault(w, fault, now)
		s.mu.Lock()
		s.exchanges = append(s.exchanges, Exchange{Method: r.Method, Path: path, Request: body, Fault: true})
		s.mu.Unlock()
		return
	}
	rec := &recorder{ResponseWriter: w}
	w = rec
	defer func() {
		s.mu.Lock()
		s.exchanges = append(s.exchanges, Exchange{Method: r.Method, Path: path, Request: body, Status: rec.status, Response: rec.body.Bytes()})
		s.mu.Unlock()
	}()
	if s.Token != "" {
		auth := r.Header.Get("Authorization")
		if auth != "Bearer "+s.Token && auth != "token "+s.Token {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
			return
		}
	}
	s.mu.Lock()
	denied := false
	for _, re := range s.denied {
		denied = denied || re.MatchString(path)
	}
	s.mu.Unlock()
	if denied {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by personal access token",
			"documentation_url": "https://docs.github.com/rest"})
		return
	}
	r.Body = nopBody(body)
	for _, rt := range s.routes() {
		if rt.method != r.Method {
			continue
		}
		m := rt.re.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		s.mu.Lock()
		repo, ok := s.repos[m[1]]
		if !ok {
			s.mu.Unlock()
			writeJSON(w, http.StatusNotFound, notFound())
			return
		}
		v, status := rt.h(w, r, repo, m[1:])
		s.mu.Unlock()
		writeJSON(w, status, v)
		return
	}
	writeJSON(w, http.StatusNotFound, notFound())
}

func (s *Server) serveFault(w http.ResponseWriter, f *Fault, now time.Time) {
	if f.Reset {
		hj, ok := w.(http.Hijacker)
		if ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	for k, vs := range f.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if f.RateLimited {
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(f.ResetAfter).Unix(), 10))
	}
	if f.Body != "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(f.Status)
		fmt.Fprint(w, f.Body)
		return
	}
	msg := http.StatusText(f.Status)
	if f.RateLimited {
		msg = "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID."
	}
	writeJSON(w, f.Status, map[string]string{"message": msg, "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"})
}

func notFound() map[string]string {
	return map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// paginate cuts items to the page asked for and sets the Link header as GitHub does.
func paginate[T any](w http.ResponseWriter, r *http.Request, items []T) []T {
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if per > 100 {
		per = 100
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page <= 0 {
		page = 1
	}
	last := (len(items) + per - 1) / per
	if last == 0 {
		last = 1
	}
	link := func(p int, rel string) string {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		qq := u.Query()
		qq.Set("page", strconv.Itoa(p))
		qq.Set("per_page", strconv.Itoa(per))
		u.RawQuery = qq.Encode()
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	lo := (page - 1) * per
	if lo >= len(items) {
		return []T{}
	}
	return items[lo:min(lo+per, len(items))]
}

func (s *Server) userJSON(login string) map[string]any {
	if login == "" {
		return nil
	}
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	return map[string]any{"login": login, "id": len(login), "type": typ}
}

func (s *Server) pullJSON(repoName string, p *Pull) map[string]any {
	headRepo := p.HeadRepo
	if headRepo == "" {
		headRepo = repoName
	}
	state := p.State
	if state == "" {
		state = "open"
	}
	j := map[string]any{
		"number": p.Number, "title": p.Title, "state": state, "user": s.userJSON(p.User),
		"html_url":      fmt.Sprintf("https://github.example/%s/pull/%d", repoName, p.Number),
		"head":          map[string]any{"sha": p.HeadSHA, "ref": p.HeadRef, "repo": map[string]any{"full_name": headRepo, "fork": headRepo != repoName}},
		"base":          map[string]any{"sha": p.BaseSHA, "ref": p.BaseRef, "repo": map[string]any{"full_name": repoName, "fork": false}},
		"changed_files": orLen(p.ChangedFiles, len(p.Files)), "commits": orLen(p.CommitCount, len(p.Commits)),
		"merged": !p.MergedAt.IsZero(), "merged_at": nil, "merge_commit_sha": nil,
	}
	if !p.MergedAt.IsZero() {
		j["merged_at"] = p.MergedAt.UTC().Format(time.RFC3339)
	}
	if p.MergeCommitSHA != "" {
		j["merge_commit_sha"] = p.MergeCommitSHA
	}
	return j
}

// pullSimpleJSON is a pull request as lists give it (GitHub's pull-request-simple):
// without the totals and the merged flag of a single pull request.
func (s *Server) pullSimpleJSON(repoName string, p *Pull) map[string]any {
	j := s.pullJSON(repoName, p)
	delete(j, "changed_files")
	delete(j, "commits")
	delete(j, "merged")
	return j
}

func orLen(n, l int) int {
	if n > 0 {
		return n
	}
	return l
}

func (s *Server) pull(repo *Repo, num string) *Pull {
	n, _ := strconv.Atoi(num)
	return repo.Pulls[n]
}

func (s *Server) repoName(repo *Repo) string {
	for k, v := range s.repos {
		if v == repo {
			return k
		}
	}
	return ""
}

func (s *Server) getPull(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	p := s.pull(repo, m[1])
	if p == nil {
		return notFound(), http.StatusNotFound
	}
	return s.pullJSON(s.repoName(repo), p), http.StatusOK
}

func (s *Server) listPulls(w http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	var nums []int
	for n := range repo.Pulls {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var out []map[string]any
	for _, n := range nums {
		p := repo.Pulls[n]
		if st := r.URL.Query().Get("state"); st != "all" && p.State != "" && p.State != "open" {
			continue
		}
		out = append(out, s.pullSimpleJSON(s.repoName(repo), p))
	}
	return paginate(w, r, out), http.StatusOK
}

func (s *Server) listFiles(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	p := s.pull(repo, m[1])
	if p == nil {
		return notFound(), http.StatusNotFound
	}
	var out []map[string]any
	for _, f := range p.Files[:min(len(p.Files), MaxFiles)] {
		j := map[string]any{"filename": f.Filename, "status": f.Status, "sha": "0000000000000000000000000000000000000000"}
		if f.PreviousFilename != "" {
			j["previous_filename"] = f.PreviousFilename
		}
		out = append(out, j)
	}
	return paginate(w, r, out), http.StatusOK
}

func (s *Server) listReviews(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	p := s.pull(repo, m[1])
	if p == nil {
		return notFound(), http.StatusNotFound
	}
	var out []map[string]any
	for _, rv := range p.Reviews {
		j := map[string]any{"id": rv.ID, "user": s.userJSON(rv.User), "state": rv.State, "commit_id": rv.CommitID, "body": ""}
		if !rv.SubmittedAt.IsZero() {
			j["submitted_at"] = rv.SubmittedAt.UTC().Format(time.RFC3339)
		}
		out = append(out, j)
	}
	return paginate(w, r, out), http.StatusOK
}

func (s *Server) listCommits(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	p := s.pull(repo, m[1])
	if p == nil {
		return notFound(), http.StatusNotFound
	}
	var out []map[string]any
	for _, c := range p.Commits[:min(len(p.Commits), MaxCommits)] {
		msg := c.Message
		if msg == "" {
			msg = "change"
		}
		out = append(out, map[string]any{
			"sha":       c.SHA,
			"author":    s.userJSON(c.Author),
			"committer": s.userJSON(c.Committer),
			"commit": map[string]any{"message": msg,
				"author":    map[string]any{"name": c.Author, "email": email(c.AuthorEmail, c.Author)},
				"committer": map[string]any{"name": c.Committer, "email": email(c.CommitterEmail, c.Committer)}},
		})
	}
	return paginate(w, r, out), http.StatusOK
}

// getTree answers the Git trees API for a commit's tree: every file with its mode
// (100644, or 120000 for a symbolic link) and every folder, with ?recursive=1.
func (s *Server) getTree(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	tree, ok := repo.Files[m[1]]
	if !ok {
		return map[string]string{"message": "Not Found"}, http.StatusNotFound
	}
	if r.URL.Query().Get("recursive") == "" {
		return map[string]string{"message": "the fake serves only recursive trees"}, http.StatusUnprocessableEntity
	}
	entries := map[string]map[string]any{}
	add := func(p, mode, typ string, size int) {
		entries[p] = map[string]any{"path": p, "mode": mode, "type": typ, "sha": "0000000000000000000000000000000000000000", "size": size}
		for d := pathpkg.Dir(p); d != "."; d = pathpkg.Dir(d) {
			entries[d] = map[string]any{"path": d, "mode": "040000", "type": "tree", "sha": "0000000000000000000000000000000000000000"}
		}
	}
	for p, body := range tree {
		add(p, "100644", "blob", len(body))
	}
	for p, target := range repo.Links[m[1]] {
		add(p, "120000", "blob", len(target))
	}
	paths := make([]string, 0, len(entries))
	for p := range entries {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	out := make([]map[string]any, 0, len(paths))
	for _, p := range paths {
		out = append(out, entries[p])
	}
	return map[string]any{"sha": m[1], "tree": out, "truncated": false}, http.StatusOK
}

// email is the e-mail a commit records for an account: given, or the account's no-reply
// address as GitHub writes it.
func email(given, login string) string {
	switch {
	case given != "":
		return given
	case login == "web-flow":
		return "noreply@github.com"
	case login == "":
		return ""
	}
	return fmt.Sprintf("%d+%s@users.noreply.github.com", len(login), login)
}

func (s *Server) getContents(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	ref := r.URL.Query().Get("ref")
	tree, ok := repo.Files[ref]
	if !ok {
		return map[string]string{"message": "No commit found for the ref " + ref}, http.StatusNotFound
	}
	path, _ := url.PathUnescape(m[1])
	body, ok := tree[path]
	if target, link := repo.Links[ref][path]; link {
		// GitHub answers with the target's content when the link points at a file of
		// the repository, and with the link itself otherwise.
		resolved := pathpkg.Join(pathpkg.Dir(path), target)
		if body, ok = tree[resolved]; !ok {
			return map[string]any{"type": "symlink", "target": target, "name": pathpkg.Base(path), "path": path, "size": len(target),
				"sha": "0000000000000000000000000000000000000000"}, http.StatusOK
		}
	}
	if !ok {
		return notFound(), http.StatusNotFound
	}
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	// GitHub wraps base64 content at 60 characters.
	var wrapped strings.Builder
	for i := 0; i < len(enc); i += 60 {
		wrapped.WriteString(enc[i:min(i+60, len(enc))])
		wrapped.WriteString("\n")
	}
	return map[string]any{"type": "file", "encoding": "base64", "size": len(body), "name": path[strings.LastIndex(path, "/")+1:],
		"path": path, "content": wrapped.String(), "sha": "0000000000000000000000000000000000000000"}, http.StatusOK
}

func (s *Server) commentJSON(c *Comment) map[string]any {
	u := s.userJSON(c.User)
	if u != nil && c.UserType != "" {
		u["type"] = c.UserType
	}
	return map[string]any{"id": c.ID, "body": c.Body, "user": u, "html_url": fmt.Sprintf("https://github.example/comment/%d", c.ID)}
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	n, _ := strconv.Atoi(m[1])
	var out []map[string]any
	for _, c := range repo.Comments[n] {
		out = append(out, s.commentJSON(c))
	}
	return paginate(w, r, out), http.StatusOK
}

func (s *Server) createComment(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	n, _ := strconv.Atoi(m[1])
	var in struct {
		Body string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Body == "" {
		return map[string]string{"message": "Invalid request: body is required"}, http.StatusUnprocessableEntity
	}
	s.nextID++
	c := &Comment{ID: s.nextID, User: "github-actions[bot]", UserType: "Bot", Body: in.Body}
	repo.Comments[n] = append(repo.Comments[n], c)
	return s.commentJSON(c), http.StatusCreated
}

func (s *Server) editComment(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	id, _ := strconv.ParseInt(m[1], 10, 64)
	var in struct {
		Body string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Body == "" {
		return map[string]string{"message": "Invalid request: body is required"}, http.StatusUnprocessableEntity
	}
	for _, cs := range repo.Comments {
		for _, c := range cs {
			if c.ID == id {
				c.Body = in.Body
				return s.commentJSON(c), http.StatusOK
			}
		}
	}
	return notFound(), http.StatusNotFound
}

func (s *Server) createStatus(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	var in struct {
		State       string `json:"state"`
		Context     string `json:"context"`
		Description string `json:"description"`
		TargetURL   string `json:"target_url"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	switch in.State {
	case "error", "failure", "pending", "success":
	default:
		return map[string]string{"message": "Validation Failed: state is not included in the list"}, http.StatusUnprocessableEntity
	}
	if utf8.RuneCountInString(in.Description) > 140 {
		return map[string]string{"message": "Validation Failed: description is too long (maximum is 140 characters)"}, http.StatusUnprocessableEntity
	}
	if in.Context == "" {
		in.Context = "default"
	}
	st := Status{State: in.State, Context: in.Context, Description: in.Description, TargetURL: in.TargetURL}
	repo.Statuses[m[1]] = append(repo.Statuses[m[1]], st)
	return map[string]any{"state": st.State, "context": st.Context, "description": st.Description, "target_url": st.TargetURL}, http.StatusCreated
}

func (s *Server) listStatuses(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	var out []map[string]any
	sts := repo.Statuses[m[1]]
	for i := len(sts) - 1; i >= 0; i-- { // newest first, as GitHub lists them
		out = append(out, map[string]any{"state": sts[i].State, "context": sts[i].Context, "description": sts[i].Description})
	}
	return paginate(w, r, out), http.StatusOK
}

func (s *Server) createCheckRun(_ http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	var in struct {
		Name       string `json:"name"`
		HeadSHA    string `json:"head_sha"`
		Status     string `json:"status"`
		Conclusion string `json:"conclusion"`
		Output     struct {
			Title   string `json:"title"`
			Summary string `json:"summary"`
		} `json:"output"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" || in.HeadSHA == "" {
		return map[string]string{"message": "Invalid request: name and head_sha are required"}, http.StatusUnprocessableEntity
	}
	repo.CheckRuns = append(repo.CheckRuns, CheckRun{Name: in.Name, HeadSHA: in.HeadSHA, Status: in.Status, Conclusion: in.Conclusion, Title: in.Output.Title, Summary: in.Output.Summary})
	s.nextID++
	return map[string]any{"id": s.nextID, "name": in.Name, "head_sha": in.HeadSHA, "status": in.Status, "conclusion": in.Conclusion}, http.StatusCreated
}

func (s *Server) issueJSON(repoName string, is *Issue) map[string]any {
	labels := []map[string]any{}
	for _, l := range is.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	assignees := []map[string]any{}
	for _, a := range is.Assignees {
		assignees = append(assignees, s.userJSON(a))
	}
	state := is.State
	if state == "" {
		state = "open"
	}
	j := map[string]any{"number": is.Number, "title": is.Title, "body": is.Body, "state": state, "user": s.userJSON(is.User),
		"labels": labels, "assignees": assignees, "html_url": fmt.Sprintf("https://github.example/%s/issues/%d", repoName, is.Number)}
	if is.PullRequest {
		j["pull_request"] = map[string]any{"url": "https://github.example/pull"}
	}
	return j
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var want []string
	if l := q.Get("labels"); l != "" {
		want = strings.Split(l, ",")
	}
	var nums []int
	for n := range repo.Issues {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var out []map[string]any
	for _, n := range nums {
		is := repo.Issues[n]
		st := is.State
		if st == "" {
			st = "open"
		}
		if state != "all" && st != state {
			continue
		}
		if !hasAll(is.Labels, want) {
			continue
		}
		out = append(out, s.issueJSON(s.repoName(repo), is))
	}
	return paginate(w, r, out), http.StatusOK
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if strings.EqualFold(h, w) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

type issueRequest struct {
	Title     *string   `json:"title"`
	Body      *string   `json:"body"`
	State     *string   `json:"state"`
	Labels    *[]string `json:"labels"`
	Assignees *[]string `json:"assignees"`
}

func (s *Server) nextIssueNumber(repo *Repo) int {
	n := 0
	for k := range repo.Issues {
		n = max(n, k)
	}
	for k := range repo.Pulls {
		n = max(n, k)
	}
	return n + 1
}

func (s *Server) createIssue(_ http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	var in issueRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Title == nil || *in.Title == "" {
		return map[string]string{"message": "Invalid request: title is required"}, http.StatusUnprocessableEntity
	}
	is := &Issue{Number: s.nextIssueNumber(repo), Title: *in.Title, State: "open", User: "github-actions[bot]"}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.Labels != nil {
		is.Labels = *in.Labels
	}
	if in.Assignees != nil {
		is.Assignees = *in.Assignees
	}
	repo.Issues[is.Number] = is
	return s.issueJSON(s.repoName(repo), is), http.StatusCreated
}

func (s *Server) getIssue(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	n, _ := strconv.Atoi(m[1])
	is := repo.Issues[n]
	if is == nil {
		return notFound(), http.StatusNotFound
	}
	return s.issueJSON(s.repoName(repo), is), http.StatusOK
}

func (s *Server) editIssue(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	n, _ := strconv.Atoi(m[1])
	is := repo.Issues[n]
	if is == nil {
		return notFound(), http.StatusNotFound
	}
	var in issueRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	if in.Title != nil {
		is.Title = *in.Title
	}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.State != nil {
		if *in.State != "open" && *in.State != "closed" {
			return map[string]string{"message": "Validation Failed: state"}, http.StatusUnprocessableEntity
		}
		is.State = *in.State
	}
	if in.Labels != nil {
		is.Labels = *in.Labels
	}
	if in.Assignees != nil {
		is.Assignees = *in.Assignees
	}
	return s.issueJSON(s.repoName(repo), is), http.StatusOK
}
