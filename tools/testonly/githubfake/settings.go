package githubfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Settings are a repository's administrative settings, read by `factdesk doctor` and
// written through the same endpoints as GitHub's (gh api, the web settings).
type Settings struct {
	// Protection is each branch's classic branch protection; a branch without an entry
	// is not protected.
	Protection map[string]*Protection
	// DefaultWorkflowPermissions is "read" or "write"; empty reads as "read", GitHub's
	// default for new repositories.
	DefaultWorkflowPermissions string
	// CanApprovePullRequestReviews lets GitHub Actions approve pull requests.
	CanApprovePullRequestReviews bool
	// Secrets are the names of the repository-level Actions secrets.
	Secrets []string
	// Environments by name.
	Environments map[string]*Environment
	// Pages is the GitHub Pages site; nil when Pages is off.
	Pages *Pages
	// Variables are the repository-level Actions variables.
	Variables map[string]string
	// BranchRules are the ruleset rules that apply to each branch, in GitHub's form
	// ({"type": "pull_request", "ruleset_id": 1, …}).
	BranchRules map[string][]map[string]any
}

// Protection is a branch's classic protection.
type Protection struct {
	// StatusChecks is nil when no status check is required.
	StatusChecks *StatusChecks
	// Reviews is nil when pull requests are not required.
	Reviews          *PullRequestReviews
	EnforceAdmins    bool
	AllowForcePushes bool
	AllowDeletions   bool
}

// StatusChecks are a protection's required status checks.
type StatusChecks struct {
	// Strict requires branches to be up to date before merging.
	Strict   bool
	Contexts []string
}

// PullRequestReviews are a protection's pull-request rules.
type PullRequestReviews struct {
	DismissStaleReviews     bool
	RequiredApprovals       int
	RequireCodeOwners       bool
	RequireLastPushApproval bool
	// BypassUsers, BypassTeams and BypassApps may merge without the rules.
	BypassUsers, BypassTeams, BypassApps []string
}

// Environment is a deployment environment.
type Environment struct {
	ID int64
	// ProtectedBranches limits deployments to protected branches; CustomBranchPolicies
	// to the branches named in BranchPolicies. Both false: any branch may deploy.
	ProtectedBranches    bool
	CustomBranchPolicies bool
	BranchPolicies       []string
	// Secrets are the names of the environment's secrets.
	Secrets []string
}

// Pages is a GitHub Pages site.
type Pages struct {
	// BuildType is "workflow" (deployed by GitHub Actions) or "legacy" (from a branch).
	BuildType string
}

func (s *Server) settingsRoutes(rt func(method, pattern string, h handler) route) []route {
	return []route{
		rt("GET", `branches/([^/]+)/protection`, s.getProtection),
		rt("PUT", `branches/([^/]+)/protection`, s.putProtection),
		rt("GET", `actions/permissions/workflow`, s.getWorkflowPermissions),
		rt("PUT", `actions/permissions/workflow`, s.putWorkflowPermissions),
		rt("GET", `actions/secrets`, s.listRepoSecrets),
		rt("GET", `actions/secrets/public-key`, s.publicKey),
		rt("PUT", `actions/secrets/([A-Za-z0-9_]+)`, s.putRepoSecret),
		rt("DELETE", `actions/secrets/([A-Za-z0-9_]+)`, s.deleteRepoSecret),
		rt("GET", `environments`, s.listEnvironments),
		rt("GET", `environments/([^/]+)`, s.getEnvironment),
		rt("PUT", `environments/([^/]+)`, s.putEnvironment),
		rt("GET", `environments/([^/]+)/deployment-branch-policies`, s.listBranchPolicies),
		rt("POST", `environments/([^/]+)/deployment-branch-policies`, s.createBranchPolicy),
		rt("GET", `environments/([^/]+)/secrets`, s.listEnvSecrets),
		rt("GET", `environments/([^/]+)/secrets/public-key`, s.publicKey),
		rt("PUT", `environments/([^/]+)/secrets/([A-Za-z0-9_]+)`, s.putEnvSecret),
		rt("GET", `actions/variables/([A-Za-z0-9_]+)`, s.getVariable),
		rt("POST", `actions/variables`, s.createVariable),
		rt("PATCH", `actions/variables/([A-Za-z0-9_]+)`, s.updateVariable),
		rt("GET", `rules/branches/([^/]+)`, s.getBranchRules),
		rt("GET", `pages`, s.getPages),
		rt("POST", `pages`, s.createPages),
		rt("PUT", `pages`, s.updatePages),
	}
}

func validation(msg string) (any, int) {
	return map[string]string{"message": msg, "documentation_url": "https://docs.github.com/rest"}, http.StatusUnprocessableEntity
}

func enabled(b bool) map[string]any { return map[string]any{"enabled": b} }

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func (s *Server) getProtection(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	p := repo.Settings.Protection[m[1]]
	if p == nil {
		return map[string]string{"message": "Branch not protected", "documentation_url": "https://docs.github.com/rest/branches/branch-protection#get-branch-protection"}, http.StatusNotFound
	}
	u := fmt.Sprintf("https://api.github.example/repos/%s/branches/%s/protection", m[0], m[1])
	j := map[string]any{
		"url":                u,
		"enforce_admins":     map[string]any{"url": u + "/enforce_admins", "enabled": p.EnforceAdmins},
		"allow_force_pushes": enabled(p.AllowForcePushes),
		"allow_deletions":    enabled(p.AllowDeletions),
	}
	if sc := p.StatusChecks; sc != nil {
		checks := []map[string]any{}
		for _, c := range sc.Contexts {
			checks = append(checks, map[string]any{"context": c, "app_id": nil})
		}
		j["required_status_checks"] = map[string]any{"url": u + "/required_status_checks", "strict": sc.Strict, "contexts": nonNil(sc.Contexts), "checks": checks}
	}
	if rv := p.Reviews; rv != nil {
		users := []map[string]any{}
		for _, b := range rv.BypassUsers {
			users = append(users, s.userJSON(b))
		}
		teams := []map[string]any{}
		for _, b := range rv.BypassTeams {
			teams = append(teams, map[string]any{"slug": b, "name": b})
		}
		apps := []map[string]any{}
		for _, b := range rv.BypassApps {
			apps = append(apps, map[string]any{"slug": b, "name": b})
		}
		j["required_pull_request_reviews"] = map[string]any{
			"url":                             u + "/required_pull_request_reviews",
			"dismiss_stale_reviews":           rv.DismissStaleReviews,
			"require_code_owner_reviews":      rv.RequireCodeOwners,
			"required_approving_review_count": rv.RequiredApprovals,
			"require_last_push_approval":      rv.RequireLastPushApproval,
			"bypass_pull_request_allowances":  map[string]any{"users": users, "teams": teams, "apps": apps},
		}
	}
	return j, http.StatusOK
}

// putProtection takes GitHub's request body, whose four top-level keys are required
// (and may be null).
func (s *Server) putProtection(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	for _, k := range []string{"required_status_checks", "enforce_admins", "required_pull_request_reviews", "restrictions"} {
		if _, ok := raw[k]; !ok {
			return validation(fmt.Sprintf("Invalid request.\n\n%q wasn't supplied.", k))
		}
	}
	var in struct {
		RequiredStatusChecks *struct {
			Strict   bool     `json:"strict"`
			Contexts []string `json:"contexts"`
		} `json:"required_status_checks"`
		EnforceAdmins *bool `json:"enforce_admins"`
		Reviews       *struct {
			DismissStale  bool `json:"dismiss_stale_reviews"`
			Count         int  `json:"required_approving_review_count"`
			CodeOwners    bool `json:"require_code_owner_reviews"`
			LastPush      bool `json:"require_last_push_approval"`
			BypassAllowed *struct {
				Users []string `json:"users"`
				Teams []string `json:"teams"`
				Apps  []string `json:"apps"`
			} `json:"bypass_pull_request_allowances"`
		} `json:"required_pull_request_reviews"`
		AllowForcePushes *bool `json:"allow_force_pushes"`
		AllowDeletions   *bool `json:"allow_deletions"`
	}
	body, _ := json.Marshal(raw)
	if err := json.Unmarshal(body, &in); err != nil {
		return validation("Invalid request.\n\n" + err.Error())
	}
	if _, ok := repo.Branches[m[1]]; !ok {
		return map[string]string{"message": "Branch not found"}, http.StatusNotFound
	}
	p := &Protection{EnforceAdmins: in.EnforceAdmins != nil && *in.EnforceAdmins,
		AllowForcePushes: in.AllowForcePushes != nil && *in.AllowForcePushes, AllowDeletions: in.AllowDeletions != nil && *in.AllowDeletions}
	if sc := in.RequiredStatusChecks; sc != nil {
		p.StatusChecks = &StatusChecks{Strict: sc.Strict, Contexts: sc.Contexts}
	}
	if rv := in.Reviews; rv != nil {
		if rv.Count < 0 || rv.Count > 6 {
			return validation("Invalid request.\n\nrequired_approving_review_count must be between 0 and 6.")
		}
		p.Reviews = &PullRequestReviews{DismissStaleReviews: rv.DismissStale, RequiredApprovals: rv.Count, RequireCodeOwners: rv.CodeOwners, RequireLastPushApproval: rv.LastPush}
		if b := rv.BypassAllowed; b != nil {
			p.Reviews.BypassUsers, p.Reviews.BypassTeams, p.Reviews.BypassApps = b.Users, b.Teams, b.Apps
		}
	}
	repo.Settings.Protection[m[1]] = p
	return s.getProtection(nil, r, repo, m)
}

func (s *Server) getWorkflowPermissions(_ http.ResponseWriter, _ *http.Request, repo *Repo, _ []string) (any, int) {
	perm := repo.Settings.DefaultWorkflowPermissions
	if perm == "" {
		perm = "read"
	}
	return map[string]any{"default_workflow_permissions": perm, "can_approve_pull_request_reviews": repo.Settings.CanApprovePullRequestReviews}, http.StatusOK
}

func (s *Server) putWorkflowPermissions(_ http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	var in struct {
		Perm    *string `json:"default_workflow_permissions"`
		Approve *bool   `json:"can_approve_pull_request_reviews"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	if in.Perm != nil {
		if *in.Perm != "read" && *in.Perm != "write" {
			return validation("Invalid request.\n\ndefault_workflow_permissions must be read or write.")
		}
		repo.Settings.DefaultWorkflowPermissions = *in.Perm
	}
	if in.Approve != nil {
		repo.Settings.CanApprovePullRequestReviews = *in.Approve
	}
	return nil, http.StatusNoContent
}

func secretsJSON(names []string) map[string]any {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	out := []map[string]any{}
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	for _, n := range sorted {
		out = append(out, map[string]any{"name": n, "created_at": at, "updated_at": at})
	}
	return map[string]any{"total_count": len(out), "secrets": out}
}

func (s *Server) listRepoSecrets(_ http.ResponseWriter, _ *http.Request, repo *Repo, _ []string) (any, int) {
	return secretsJSON(repo.Settings.Secrets), http.StatusOK
}

// publicKey answers the secrets public-key endpoints; the fake does not decrypt.
func (s *Server) publicKey(_ http.ResponseWriter, _ *http.Request, _ *Repo, _ []string) (any, int) {
	return map[string]any{"key_id": "012345678912345678", "key": "2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234"}, http.StatusOK
}

type secretRequest struct {
	EncryptedValue string `json:"encrypted_value"`
	KeyID          string `json:"key_id"`
}

func readSecret(r *http.Request) (ok bool) {
	var in secretRequest
	return json.NewDecoder(r.Body).Decode(&in) == nil && in.EncryptedValue != "" && in.KeyID != ""
}

func addName(names []string, n string) ([]string, bool) {
	for _, x := range names {
		if x == n {
			return names, false
		}
	}
	return append(names, n), true
}

func (s *Server) putRepoSecret(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	if !readSecret(r) {
		return validation("Invalid request.\n\nencrypted_value and key_id are required.")
	}
	var added bool
	repo.Settings.Secrets, added = addName(repo.Settings.Secrets, m[1])
	if added {
		return map[string]any{}, http.StatusCreated
	}
	return nil, http.StatusNoContent
}

func (s *Server) deleteRepoSecret(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	for i, n := range repo.Settings.Secrets {
		if n == m[1] {
			repo.Settings.Secrets = append(repo.Settings.Secrets[:i:i], repo.Settings.Secrets[i+1:]...)
			return nil, http.StatusNoContent
		}
	}
	return notFound(), http.StatusNotFound
}

func (s *Server) envJSON(repoName, name string, e *Environment) map[string]any {
	j := map[string]any{"id": e.ID, "name": name, "url": fmt.Sprintf("https://api.github.example/repos/%s/environments/%s", repoName, name),
		"protection_rules": []any{}, "deployment_branch_policy": nil}
	if e.ProtectedBranches || e.CustomBranchPolicies {
		j["deployment_branch_policy"] = map[string]any{"protected_branches": e.ProtectedBranches, "custom_branch_policies": e.CustomBranchPolicies}
	}
	return j
}

func (s *Server) listEnvironments(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	var names []string
	for n := range repo.Settings.Environments {
		names = append(names, n)
	}
	sort.Strings(names)
	envs := []map[string]any{}
	for _, n := range names {
		envs = append(envs, s.envJSON(m[0], n, repo.Settings.Environments[n]))
	}
	return map[string]any{"total_count": len(envs), "environments": paginate(w, r, envs)}, http.StatusOK
}

func (s *Server) env(repo *Repo, name string) *Environment {
	return repo.Settings.Environments[name]
}

func (s *Server) getEnvironment(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	e := s.env(repo, m[1])
	if e == nil {
		return notFound(), http.StatusNotFound
	}
	return s.envJSON(m[0], m[1], e), http.StatusOK
}

func (s *Server) putEnvironment(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	var in struct {
		Policy *struct {
			Protected *bool `json:"protected_branches"`
			Custom    *bool `json:"custom_branch_policies"`
		} `json:"deployment_branch_policy"`
	}
	if r.ContentLength != 0 {
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
		}
	}
	e := s.env(repo, m[1])
	if e == nil {
		s.nextID++
		e = &Environment{ID: s.nextID}
		repo.Settings.Environments[m[1]] = e
	}
	e.ProtectedBranches, e.CustomBranchPolicies = false, false
	if p := in.Policy; p != nil {
		if p.Protected == nil || p.Custom == nil {
			return validation("Invalid request.\n\nprotected_branches and custom_branch_policies are both required.")
		}
		if *p.Protected == *p.Custom && *p.Protected {
			return validation("Invalid request.\n\nOnly one of protected_branches and custom_branch_policies can be true.")
		}
		e.ProtectedBranches, e.CustomBranchPolicies = *p.Protected, *p.Custom
	}
	return s.envJSON(m[0], m[1], e), http.StatusOK
}

func (s *Server) listBranchPolicies(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	e := s.env(repo, m[1])
	if e == nil {
		return notFound(), http.StatusNotFound
	}
	out := []map[string]any{}
	for i, p := range e.BranchPolicies {
		out = append(out, map[string]any{"id": 500 + i, "name": p, "type": "branch"})
	}
	return map[string]any{"total_count": len(out), "branch_policies": out}, http.StatusOK
}

func (s *Server) createBranchPolicy(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	e := s.env(repo, m[1])
	if e == nil {
		return notFound(), http.StatusNotFound
	}
	if !e.CustomBranchPolicies {
		return validation("Validation Failed: custom_branch_policies must be true for this environment to create a deployment branch policy")
	}
	var in struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" {
		return validation("Invalid request.\n\nname is required.")
	}
	if in.Type != "" && in.Type != "branch" && in.Type != "tag" {
		return validation("Invalid request.\n\ntype must be branch or tag.")
	}
	if in.Type == "tag" {
		in.Name = "tag:" + in.Name
	}
	e.BranchPolicies, _ = addName(e.BranchPolicies, in.Name)
	return map[string]any{"id": 500 + len(e.BranchPolicies) - 1, "name": strings.TrimPrefix(in.Name, "tag:"), "type": "branch"}, http.StatusOK
}

func (s *Server) listEnvSecrets(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	e := s.env(repo, m[1])
	if e == nil {
		return notFound(), http.StatusNotFound
	}
	return secretsJSON(e.Secrets), http.StatusOK
}

func (s *Server) putEnvSecret(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	e := s.env(repo, m[1])
	if e == nil {
		return notFound(), http.StatusNotFound
	}
	if !readSecret(r) {
		return validation("Invalid request.\n\nencrypted_value and key_id are required.")
	}
	var added bool
	e.Secrets, added = addName(e.Secrets, m[2])
	if added {
		return map[string]any{}, http.StatusCreated
	}
	return nil, http.StatusNoContent
}

func (s *Server) pagesJSON(repoName string, p *Pages) map[string]any {
	owner, name, _ := strings.Cut(repoName, "/")
	j := map[string]any{"url": "https://api.github.example/repos/" + repoName + "/pages", "status": "built", "build_type": p.BuildType,
		"html_url": fmt.Sprintf("https://%s.github.example/%s/", owner, name), "public": true, "https_enforced": true}
	if p.BuildType == "legacy" {
		j["source"] = map[string]any{"branch": "gh-pages", "path": "/"}
	}
	return j
}

func (s *Server) getPages(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	if repo.Settings.Pages == nil {
		return notFound(), http.StatusNotFound
	}
	return s.pagesJSON(m[0], repo.Settings.Pages), http.StatusOK
}

type pagesRequest struct {
	BuildType *string `json:"build_type"`
	Source    *struct {
		Branch string `json:"branch"`
	} `json:"source"`
}

func (in pagesRequest) buildType() (string, bool) {
	switch {
	case in.BuildType != nil && (*in.BuildType == "workflow" || *in.BuildType == "legacy"):
		return *in.BuildType, true
	case in.BuildType == nil && in.Source != nil:
		return "legacy", true
	}
	return "", false
}

func (s *Server) createPages(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	if repo.Settings.Pages != nil {
		return map[string]string{"message": "GitHub Pages is already enabled."}, http.StatusConflict
	}
	var in pagesRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	bt, ok := in.buildType()
	if !ok {
		return validation("Invalid request.\n\nbuild_type must be workflow or legacy, or a source given.")
	}
	repo.Settings.Pages = &Pages{BuildType: bt}
	return s.pagesJSON(m[0], repo.Settings.Pages), http.StatusCreated
}

func (s *Server) updatePages(_ http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	if repo.Settings.Pages == nil {
		return notFound(), http.StatusNotFound
	}
	var in pagesRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	bt, ok := in.buildType()
	if !ok {
		return validation("Invalid request.\n\nbuild_type must be workflow or legacy, or a source given.")
	}
	repo.Settings.Pages.BuildType = bt
	return nil, http.StatusNoContent
}

func (s *Server) getVariable(_ http.ResponseWriter, _ *http.Request, repo *Repo, m []string) (any, int) {
	v, ok := repo.Settings.Variables[m[1]]
	if !ok {
		return notFound(), http.StatusNotFound
	}
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	return map[string]any{"name": m[1], "value": v, "created_at": at, "updated_at": at}, http.StatusOK
}

type variableRequest struct {
	Name  *string `json:"name"`
	Value *string `json:"value"`
}

func (s *Server) createVariable(_ http.ResponseWriter, r *http.Request, repo *Repo, _ []string) (any, int) {
	var in variableRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == nil || in.Value == nil || *in.Name == "" {
		return validation("Invalid request.\n\nname and value are required.")
	}
	if repo.Settings.Variables == nil {
		repo.Settings.Variables = map[string]string{}
	}
	if _, ok := repo.Settings.Variables[*in.Name]; ok {
		return map[string]string{"message": "Already exists - Variable already exists"}, http.StatusConflict
	}
	repo.Settings.Variables[*in.Name] = *in.Value
	return map[string]any{}, http.StatusCreated
}

func (s *Server) updateVariable(_ http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	if _, ok := repo.Settings.Variables[m[1]]; !ok {
		return notFound(), http.StatusNotFound
	}
	var in variableRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return map[string]string{"message": "Problems parsing JSON"}, http.StatusBadRequest
	}
	if in.Value != nil {
		repo.Settings.Variables[m[1]] = *in.Value
	}
	return nil, http.StatusNoContent
}

func (s *Server) getBranchRules(w http.ResponseWriter, r *http.Request, repo *Repo, m []string) (any, int) {
	rules := repo.Settings.BranchRules[m[1]]
	if rules == nil {
		rules = []map[string]any{}
	}
	return paginate(w, r, rules), http.StatusOK
}
