package githubfake

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// GitCommit is one commit of a repository's history, for the commits, compare and
// branch endpoints.
type GitCommit struct {
	SHA string
	// Parents are the parent commits; a root commit has none.
	Parents []string
	// Author is the GitHub account of the commit's author (empty when GitHub could not
	// match its e-mail to an account).
	Author  string
	Message string
	// Files are the paths the commit changes.
	Files []File
	Date  time.Time
}

// Push adds commit c on top of branch (its parent is the branch's tip unless c names
// its parents) and moves the branch to it, as a push does.
func (s *Server) Push(repo, branch string, c GitCommit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.repo(repo)
	if c.Parents == nil {
		if tip := r.Branches[branch]; tip != "" {
			c.Parents = []string{tip}
		}
	}
	if c.Date.IsZero() {
		c.Date = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(len(r.Commits)) * time.Minute)
	}
	cc := c
	r.Commits[c.SHA] = &cc
	r.Branches[branch] = c.SHA
}

// ancestors returns sha and every commit reachable from it.
func (r *Repo) ancestors(sha string) map[string]bool {
	seen := map[string]bool{}
	stack := []string{sha}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[c] || r.Commits[c] == nil {
			continue
		}
		seen[c] = true
		stack = append(stack, r.Commits[c].Parents...)
	}
	return seen
}

// topo returns the commits of set reachable from head, parents before children.
func (r *Repo) topo(head string, set map[string]bool) []*GitCommit {
	var out []*GitCommit
	done := map[string]bool{}
	var visit func(string)
	visit = func(sha string) {
		if done[sha] || !set[sha] {
			return
		}
		done[sha] = true
		for _, p := range r.Commits[sha].Parents {
			visit(p)
		}
		out = append(out, r.Commits[sha])
	}
	visit(head)
	return out
}

func (r *Repo) defaultBranch() string {
	if r.DefaultBranch == "" {
		return "main"
	}
	return r.DefaultBranch
}

// resolve turns a branch name or commit SHA into a commit SHA.
func (r *Repo) resolve(ref string) string {
	if sha, ok := r.Branches[ref]; ok {
		return sha
	}
	if r.Commits[ref] != nil {
		return ref
	}
	return ""
}

func (s *Server) commitJSON(repoName string, c *GitCommit, withFiles bool) map[string]any {
	msg := c.Message
	if msg == "" {
		msg = "change"
	}
	parents := []map[string]any{}
	for _, p := range c.Parents {
		parents = append(parents, map[string]any{"sha": p, "url": fmt.Sprintf("https://github.example/%s/commit/%s", repoName, p)})
	}
	date := c.Date.UTC().Format(time.RFC3339)
	j := map[string]any{
		"sha":      c.SHA,
		"html_url": fmt.Sprintf("https://github.example/%s/commit/%s", repoName, c.SHA),
		"commit": map[string]any{"message": msg,
			"author":    map[string]any{"name": c.Author, "email": c.Author + "@example.org", "date": date},
			"committer": map[string]any{"name": c.Author, "email": c.Author + "@example.org", "date": date}},
		"author":    s.userJSON(c.Author),
		"committer": s.userJSON(c.Author),
		"parents":   parents,
	}
	if withFiles {
		files := []map[string]any{}
		for _, f := range c.Files {
			fj := map[string]any{"filename": f.Filename, "status": f.Status, "sha": "0000000000000000000000000000000000000000"}
			if f.PreviousFilename != "" {
				fj["previous_filename"] = f.PreviousFilename
			}
			files = append(files, fj)
		}
		j["files"] = files
	}
	return j
}

func (s *Server) getRepository(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	owner, name, _ := strings.Cut(m[0], "/")
	return map[string]any{"id": repo.ID, "name": name, "full_name": m[0], "owner": s.userJSON(owner),
		"private": false, "default_branch": repo.defaultBranch(), "html_url": "https://github.example/" + m[0]}, http.StatusOK
}

func (s *Server) getBranch(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	sha, ok := repo.Branches[m[1]]
	if !ok {
		return map[string]string{"message": "Branch not found", "documentation_url": "https://docs.github.com/rest/branches/branches#get-a-branch"}, http.StatusNotFound
	}
	return map[string]any{"name": m[1], "commit": map[string]any{"sha": sha}, "protected": repo.Settings.Protection[m[1]] != nil}, http.StatusOK
}

func (s *Server) listCommitsOfRepo(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	ref := r.URL.Query().Get("sha")
	if ref == "" {
		ref = repo.defaultBranch()
	}
	head := repo.resolve(ref)
	if head == "" {
		return map[string]string{"message": "No commit found for SHA: " + ref}, http.StatusNotFound
	}
	cs := repo.topo(head, repo.ancestors(head))
	out := make([]map[string]any, 0, len(cs))
	for i := len(cs) - 1; i >= 0; i-- { // newest first
		out = append(out, s.commitJSON(m[0], cs[i], false))
	}
	return paginate(w, r, out), http.StatusOK
}

func (s *Server) getCommit(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	c := repo.Commits[repo.resolve(m[1])]
	if c == nil {
		return map[string]string{"message": "No commit found for SHA: " + m[1]}, http.StatusUnprocessableEntity
	}
	return s.commitJSON(m[0], c, true), http.StatusOK
}

// compare answers GET /repos/{owner}/{repo}/compare/{base}...{head}: the commits
// reachable from head and not from base, oldest first, paginated.
func (s *Server) compare(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	base, head := repo.resolve(m[1]), repo.resolve(m[2])
	if base == "" || head == "" {
		return notFound(), http.StatusNotFound
	}
	ab, ah := repo.ancestors(base), repo.ancestors(head)
	ahead := map[string]bool{}
	for c := range ah {
		if !ab[c] {
			ahead[c] = true
		}
	}
	behind := 0
	for c := range ab {
		if !ah[c] {
			behind++
		}
	}
	status := "identical"
	switch {
	case len(ahead) > 0 && behind > 0:
		status = "diverged"
	case len(ahead) > 0:
		status = "ahead"
	case behind > 0:
		status = "behind"
	}
	// The merge base: the newest commit both reach.
	var mergeBase *GitCommit
	for _, c := range repo.topo(head, ah) {
		if ab[c.SHA] {
			mergeBase = c
		}
	}
	cs := repo.topo(head, ahead)
	commits := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		commits = append(commits, s.commitJSON(m[0], c, false))
	}
	out := map[string]any{
		"status": status, "ahead_by": len(ahead), "behind_by": behind, "total_commits": len(ahead),
		"base_commit": s.commitJSON(m[0], repo.Commits[base], false),
		"commits":     paginate(w, r, commits),
		"files":       []any{},
		"html_url":    fmt.Sprintf("https://github.example/%s/compare/%s...%s", m[0], m[1], m[2]),
	}
	if mergeBase != nil {
		out["merge_base_commit"] = s.commitJSON(m[0], mergeBase, false)
	}
	return out, http.StatusOK
}

// pullsWithCommit answers GET /repos/{owner}/{repo}/commits/{sha}/pulls: for a commit on
// the default branch, the merged pull request that brought it (its merge commit or one of
// its commits); otherwise the open pull requests that hold it.
func (s *Server) pullsWithCommit(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	sha := m[1]
	onDefault := repo.ancestors(repo.Branches[repo.defaultBranch()])[sha]
	var nums []int
	for n := range repo.Pulls {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	out := []map[string]any{}
	for _, n := range nums {
		p := repo.Pulls[n]
		holds := p.MergeCommitSHA == sha || p.HeadSHA == sha
		for _, c := range p.Commits {
			holds = holds || c.SHA == sha
		}
		if !holds || (onDefault && p.MergedAt.IsZero()) || (!onDefault && p.State == "closed") {
			continue
		}
		out = append(out, s.pullSimpleJSON(m[0], p))
	}
	return paginate(w, r, out), http.StatusOK
}

// Commit adds commit sha by author on top of branch's tip (or on parents, when given),
// whose tree is the first parent's with changes applied (path → content; "" removes
// the file), and moves branch to it. It returns the files it changed.
func (s *Server) Commit(repo, branch, sha, author, msg string, parents []string, changes map[string]string) []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.repo(repo)
	if parents == nil {
		if tip := r.Branches[branch]; tip != "" {
			parents = []string{tip}
		}
	}
	tree := map[string]string{}
	if len(parents) > 0 {
		for k, v := range r.Files[parents[0]] {
			tree[k] = v
		}
	}
	var paths []string
	for p := range changes {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var files []File
	for _, p := range paths {
		_, had := tree[p]
		st := "added"
		switch {
		case changes[p] == "":
			st = "removed"
			delete(tree, p)
		case had:
			st = "modified"
		}
		if changes[p] != "" {
			tree[p] = changes[p]
		}
		files = append(files, File{Filename: p, Status: st})
	}
	r.Files[sha] = tree
	r.Commits[sha] = &GitCommit{SHA: sha, Parents: append([]string{}, parents...), Author: author, Message: msg, Files: files,
		Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(len(r.Commits)) * time.Minute)}
	r.Branches[branch] = sha
	return files
}

// Merge opens pull request n by author from a branch with one commit (head) that makes
// changes on the default branch's tip, has approvers approve head, and merges it with a
// merge commit (merge) as GitHub's merge button does. It returns the pull request.
func (s *Server) Merge(repo string, n int, author, head, merge string, changes map[string]string, approvers ...string) *Pull {
	s.mu.Lock()
	r := s.repo(repo)
	base := r.Branches[r.defaultBranch()]
	s.mu.Unlock()
	ref := fmt.Sprintf("change-%d", n)
	files := s.Commit(repo, ref, head, author, "Change "+ref, []string{base}, changes)
	s.mu.Lock()
	defer s.mu.Unlock()
	p := &Pull{Number: n, Title: "Change " + ref, User: author, State: "closed", HeadSHA: head, BaseSHA: base, HeadRef: ref, BaseRef: r.defaultBranch(),
		Files: files, Commits: []Commit{{SHA: head, Author: author, Committer: author}},
		MergedAt: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute), MergeCommitSHA: merge}
	for i, a := range approvers {
		p.Reviews = append(p.Reviews, Review{ID: int64(n*100 + i), User: a, State: "APPROVED", CommitID: head,
			SubmittedAt: p.MergedAt.Add(-time.Minute)})
	}
	r.Pulls[n] = p
	r.Issues[n] = &Issue{Number: n, Title: p.Title, User: author, State: "closed", PullRequest: true}
	// GitHub lists a merge commit's changes against its first parent: the pull request's.
	r.Files[merge] = r.Files[head]
	r.Commits[merge] = &GitCommit{SHA: merge, Parents: []string{base, head}, Author: "web-flow", Message: fmt.Sprintf("Merge pull request #%d from %s", n, ref),
		Files: files, Date: p.MergedAt}
	r.Branches[r.defaultBranch()] = merge
	return p
}
