// Package doctor is `factdesk doctor`, the go-live check: it reads a repository's
// settings through GitHub's API with an administrator's token and reports each setting
// that would let a change reach the public without the review the gate asks for, with
// the exact fix. What the token cannot read is reported as not verified, never as fine.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/review"
)

// Status is a check's outcome.
type Status int

// Outcomes of a check.
const (
	OK Status = iota
	Problem
	NotVerified
)

func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Problem:
		return "PROBLEM"
	}
	return "NOT VERIFIED"
}

// Result is one check's outcome.
type Result struct {
	// Check names what is checked, as a sentence that is true when it passes.
	Check  string
	Status Status
	// Detail says what was found (for a problem or what could not be read).
	Detail string
	// Fix is the exact way to fix it.
	Fix string
}

// Report is every check's outcome.
type Report struct {
	Repo   string
	Branch string
	Checks []Result
}

// Count returns how many checks have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, c := range r.Checks {
		if c.Status == s {
			n++
		}
	}
	return n
}

// Clean reports whether every check passed.
func (r *Report) Clean() bool { return r.Count(Problem) == 0 && r.Count(NotVerified) == 0 }

// Environments the workflows deploy and publish from.
const (
	PublishEnvironment = "publish"
	PagesEnvironment   = "github-pages"
)

// AccountCheck checks every account's credentials, as `factdesk publish
// --check-accounts` does; each string is one account's problem.
type AccountCheck func(ctx context.Context) (problems []string, err error)

// Options control Run.
type Options struct {
	// Repo is the checkout's content, for the sample-reviewer check.
	Repo *content.Repo
	// Accounts checks the accounts' credentials; nil leaves that check out (it is
	// reported as not part of this run).
	Accounts AccountCheck
}

// Run reads the repository's settings and checks each.
func Run(ctx context.Context, c *github.Client, cfg *config.Config, opts Options) (*Report, error) {
	rep := &Report{Repo: c.FullName()}
	r, err := c.Repository(ctx)
	if err != nil {
		return nil, err
	}
	rep.Branch = r.GetDefaultBranch()
	if rep.Branch == "" {
		return nil, fmt.Errorf("GitHub gave no default branch for %s", c.FullName())
	}
	d := &doctor{ctx: ctx, gh: c, branch: rep.Branch, cfg: cfg, rep: rep}
	d.protection()
	d.workflowPermissions()
	d.secrets()
	d.environment(PublishEnvironment, "the publish workflow's secrets")
	d.environment(PagesEnvironment, "the deploy of the site")
	d.pages()
	d.restartPoint()
	d.samples(opts.Repo)
	d.publishBranch()
	if opts.Accounts != nil {
		d.accounts(opts.Accounts)
	}
	return rep, nil
}

type doctor struct {
	ctx    context.Context
	gh     *github.Client
	branch string
	cfg    *config.Config
	rep    *Report
}

func (d *doctor) add(check string, s Status, detail, fix string) {
	d.rep.Checks = append(d.rep.Checks, Result{Check: check, Status: s, Detail: detail, Fix: fix})
}

// denied tells whether err means the token may not read what was asked, and says so.
func denied(err error, permission string) (string, bool) {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		switch er.Response.StatusCode {
		case http.StatusForbidden, http.StatusUnauthorized:
			return fmt.Sprintf("the token cannot read this (%d: %s); give the fine-grained token %s", er.Response.StatusCode, er.Message, permission), true
		}
	}
	return "", false
}

// unreadable reports a check that could not be read, for any reason but a 404 the
// caller handles.
func (d *doctor) unreadable(checks []string, err error, permission string) {
	why, ok := denied(err, permission)
	if !ok {
		why = "GitHub's answer could not be read: " + err.Error()
	}
	for _, c := range checks {
		d.add(c, NotVerified, why, "")
	}
}

// ProtectionFix is the command that sets the default branch's protection as factdesk
// needs it ({owner}/{repo} are filled in by gh from the checkout's remote).
func ProtectionFix(branch, statusContext string) string {
	return fmt.Sprintf(`gh api --method PUT repos/{owner}/{repo}/branches/%s/protection --input - <<'JSON'
{
  "required_status_checks": {"strict": true, "contexts": [%q]},
  "enforce_admins": true,
  "required_pull_request_reviews": {"dismiss_stale_reviews": true, "required_approving_review_count": 1},
  "restrictions": null,
  "allow_force_pushes": false,
  "allow_deletions": false
}
JSON`, branch, statusContext)
}

func (d *doctor) protection() {
	status := d.cfg.Review.Status()
	b := d.branch
	checks := []string{
		b + " requires a pull request before merging",
		fmt.Sprintf("%s requires the %s status to pass", b, status),
		b + " requires branches to be up to date before merging",
		b + " dismisses approvals when new commits are pushed",
		b + " allows no one to bypass its rules (administrators included)",
		b + " allows no force-push or deletion",
	}
	fix := "run, as an administrator:\n" + ProtectionFix(b, status)
	p, err := d.gh.BranchProtection(d.ctx, b)
	if err == nil && p == nil {
		rules, rerr := d.gh.BranchRules(d.ctx, b)
		if rerr == nil && rules > 0 {
			// Protected through rulesets, which doctor does not read: say so rather than
			// call it unprotected or fine.
			for _, c := range checks {
				d.add(c, NotVerified, fmt.Sprintf("%s is protected by repository rulesets (%d rules), which factdesk doctor does not read; check them by hand against docs/going-live.md, step 8, or use classic branch protection", b, rules), "")
			}
			return
		}
		for _, c := range checks {
			d.add(c, Problem, b+" is not protected at all: anyone with write access can push to it", fix)
		}
		return
	}
	if err != nil {
		d.unreadable(checks, err, `"Administration: read" on this repository`)
		return
	}
	prr := p.GetRequiredPullRequestReviews()
	rsc := p.GetRequiredStatusChecks()
	if prr == nil {
		d.add(checks[0], Problem, "pull requests are not required: commits can be pushed straight to "+b, fix)
	} else {
		d.add(checks[0], OK, "", "")
	}
	has := false
	if rsc != nil {
		if rsc.Contexts != nil {
			for _, c := range *rsc.Contexts {
				has = has || c == status
			}
		}
		if rsc.Checks != nil {
			for _, c := range *rsc.Checks {
				has = has || c.Context == status
			}
		}
	}
	if !has {
		d.add(checks[1], Problem, fmt.Sprintf("the %s status of the review gate is not a required check, so a pull request can merge while the gate fails", status), fix)
	} else {
		d.add(checks[1], OK, "", "")
	}
	if rsc == nil || !rsc.Strict {
		d.add(checks[2], Problem, "branches need not be up to date: two pull requests approved separately can merge into a text nobody approved", fix)
	} else {
		d.add(checks[2], OK, "", "")
	}
	if prr == nil || !prr.DismissStaleReviews {
		d.add(checks[3], Problem, "an approval survives later pushes, so text added after it merges as approved", fix)
	} else {
		d.add(checks[3], OK, "", "")
	}
	var bypass []string
	if !p.GetEnforceAdmins().Enabled {
		bypass = append(bypass, "administrators are exempt (enforce_admins is off)")
	}
	if prr != nil && prr.BypassPullRequestAllowances != nil {
		a := prr.BypassPullRequestAllowances
		for _, u := range a.Users {
			bypass = append(bypass, "@"+u.GetLogin()+" may bypass pull requests")
		}
		for _, t := range a.Teams {
			bypass = append(bypass, "team "+t.GetSlug()+" may bypass pull requests")
		}
		for _, ap := range a.Apps {
			bypass = append(bypass, "app "+ap.GetSlug()+" may bypass pull requests")
		}
	}
	if len(bypass) > 0 {
		d.add(checks[4], Problem, strings.Join(bypass, "; "), fix)
	} else {
		d.add(checks[4], OK, "", "")
	}
	if p.GetAllowForcePushes().Enabled || p.GetAllowDeletions().Enabled {
		d.add(checks[5], Problem, "force-pushes or deletion are allowed, so reviewed history can be replaced", fix)
	} else {
		d.add(checks[5], OK, "", "")
	}
}

// WorkflowFix sets the workflow token's default to read-only and forbids Actions to
// approve pull requests.
const WorkflowFix = "gh api --method PUT repos/{owner}/{repo}/actions/permissions/workflow -f default_workflow_permissions=read -F can_approve_pull_request_reviews=false"

func (d *doctor) workflowPermissions() {
	checks := []string{"GitHub Actions may not approve pull requests", "the default workflow token is read-only"}
	p, err := d.gh.WorkflowPermissions(d.ctx)
	if err != nil {
		d.unreadable(checks, err, `"Administration: read" on this repository`)
		return
	}
	fix := "run, as an administrator:\n" + WorkflowFix
	if p.GetCanApprovePullRequestReviews() {
		d.add(checks[0], Problem, "any workflow can approve a pull request with its token, and an approval by github-actions counts for GitHub's own rule", fix)
	} else {
		d.add(checks[0], OK, "", "")
	}
	if p.GetDefaultWorkflowPermissions() != "read" {
		d.add(checks[1], Problem, fmt.Sprintf("the default token may %s; a workflow that does not ask for less can set commit statuses and push", p.GetDefaultWorkflowPermissions()), fix)
	} else {
		d.add(checks[1], OK, "", "")
	}
}

func (d *doctor) secrets() {
	check := "no publishing or deploy secret is kept at repository level, where any workflow can read it"
	all, err := d.gh.SecretNames(d.ctx)
	if err != nil {
		d.unreadable([]string{check}, err, `"Secrets: read" on this repository`)
		return
	}
	var names []string
	for _, n := range all {
		if strings.HasPrefix(n, "FACTDESK_") {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		d.add(check, OK, "", "")
		return
	}
	sort.Strings(names)
	var fix strings.Builder
	fix.WriteString("move each into the " + PublishEnvironment + " environment (gh asks for the value), then delete the repository secret:\n")
	for _, n := range names {
		fmt.Fprintf(&fix, "gh secret set %s --env %s\ngh secret delete %s\n", n, PublishEnvironment, n)
	}
	d.add(check, Problem, "repository-level secrets: "+strings.Join(names, ", "), strings.TrimSuffix(fix.String(), "\n"))
}

// EnvironmentFix creates env so that only branch deploys from it.
func EnvironmentFix(env, branch string) string {
	return fmt.Sprintf(`gh api --method PUT repos/{owner}/{repo}/environments/%s --input - <<'JSON'
{"deployment_branch_policy": {"protected_branches": false, "custom_branch_policies": true}}
JSON
gh api --method POST repos/{owner}/{repo}/environments/%s/deployment-branch-policies -f name=%s -f type=branch`, env, env, branch)
}

func (d *doctor) environment(env, what string) {
	check := fmt.Sprintf("the %s environment (%s) deploys only from %s", env, what, d.branch)
	fix := "run, as an administrator:\n" + EnvironmentFix(env, d.branch)
	e, err := d.gh.Environment(d.ctx, env)
	if github.NotFound(err) {
		d.add(check, Problem, "there is no "+env+" environment", fix)
		return
	}
	if err != nil {
		d.unreadable([]string{check}, err, `"Environments: read" on this repository`)
		return
	}
	pol := e.DeploymentBranchPolicy
	if pol == nil || (!pol.GetProtectedBranches() && !pol.GetCustomBranchPolicies()) {
		d.add(check, Problem, "any branch may deploy to "+env+", so a workflow on an unreviewed branch can read its secrets", fix)
		return
	}
	if pol.GetProtectedBranches() {
		d.add(check, Problem, env+" accepts every protected branch, not only "+d.branch, fix)
		return
	}
	ps, err := d.gh.DeploymentBranches(d.ctx, env)
	if err != nil {
		d.unreadable([]string{check}, err, `"Environments: read" on this repository`)
		return
	}
	var others []string
	onlyDefault := false
	for _, p := range ps {
		if p.GetName() == d.branch && (p.GetType() == "" || p.GetType() == "branch") {
			onlyDefault = true
			continue
		}
		others = append(others, p.GetName())
	}
	switch {
	case len(others) > 0:
		d.add(check, Problem, fmt.Sprintf("%s also deploys from %s", env, strings.Join(others, ", ")),
			fmt.Sprintf("remove those branch rules in Settings → Environments → %s → Deployment branches and tags, keeping only %s", env, d.branch))
	case !onlyDefault:
		d.add(check, Problem, env+" names no branch it may deploy from", fix)
	default:
		d.add(check, OK, "", "")
	}
}

// PagesFix publishes the site with GitHub Actions.
const PagesFix = "gh api --method POST repos/{owner}/{repo}/pages -f build_type=workflow\n(if Pages is already on: gh api --method PUT repos/{owner}/{repo}/pages -f build_type=workflow)"

func (d *doctor) pages() {
	check := "GitHub Pages is deployed by GitHub Actions (the deploy workflow), not from a branch"
	p, err := d.gh.Pages(d.ctx)
	switch {
	case github.NotFound(err):
		d.add(check, Problem, "GitHub Pages is off", "run, as an administrator:\n"+PagesFix)
	case err != nil:
		d.unreadable([]string{check}, err, `"Pages: read" on this repository`)
	case p.GetBuildType() != "workflow":
		d.add(check, Problem, fmt.Sprintf("Pages is built from a branch (%s), which publishes what is pushed there without the deploy's checks", p.GetBuildType()), "run, as an administrator:\n"+PagesFix)
	default:
		d.add(check, OK, "", "")
	}
}

// RestartFix records the default branch's tip as the point provenance restarts from.
func RestartFix(branch string) string {
	return fmt.Sprintf(`gh variable set FACTDESK_VERIFY_FROM --body "$(git rev-parse origin/%s)"`, branch)
}

func (d *doctor) restartPoint() {
	check := "provenance has a restart point (the FACTDESK_VERIFY_FROM variable names a commit of " + d.branch + ")"
	fix := "once " + d.branch + " is protected, record its tip (after git fetch):\n" + RestartFix(d.branch)
	v, err := d.gh.Variable(d.ctx, "FACTDESK_VERIFY_FROM")
	switch {
	case github.NotFound(err):
		d.add(check, Problem, "FACTDESK_VERIFY_FROM is not set: if the Actions cache is lost, provenance re-checks the whole history, including the commits made before "+d.branch+" was protected, and refuses them", fix)
		return
	case err != nil:
		d.unreadable([]string{check}, err, `"Variables: read" on this repository`)
		return
	}
	status, err := d.gh.CompareStatus(d.ctx, v, d.branch)
	switch {
	case github.NotFound(err):
		d.add(check, Problem, fmt.Sprintf("FACTDESK_VERIFY_FROM is %q, which is not a commit of this repository", v), fix)
	case err != nil:
		d.unreadable([]string{check}, err, `"Contents: read" on this repository`)
	case status != "ahead" && status != "identical":
		d.add(check, Problem, fmt.Sprintf("FACTDESK_VERIFY_FROM (%s) is not in the history of %s", v, d.branch), fix)
	default:
		d.add(check, OK, "", "")
	}
}

func (d *doctor) samples(repo *content.Repo) {
	check := "no published page names a sample reviewer (unless the site is a demonstration)"
	if repo == nil {
		d.add(check, NotVerified, "the repository's content could not be read", "run factdesk doctor in a checkout of the repository")
		return
	}
	pages, allowed := review.DeployCheck(repo, d.cfg)
	switch {
	case len(pages) == 0:
		d.add(check, OK, "", "")
	case allowed:
		d.add(check, OK, fmt.Sprintf("demonstration site: %d pages name only sample reviewers", len(pages)), "")
	default:
		d.add(check, Problem, strings.TrimSuffix(review.DescribeSample(pages), "\n"), "remove or redo those pages as docs/going-live.md, step 2, says")
	}
}

func (d *doctor) publishBranch() {
	check := "publish.branch in factdesk.yaml is the default branch"
	if b := d.cfg.Publish.Branch; b != d.branch {
		d.add(check, Problem, fmt.Sprintf("publish.branch is %s but the default branch is %s, so publishing and provenance look at the wrong branch", b, d.branch),
			fmt.Sprintf("set publish.branch: %s in %s (through a pull request)", d.branch, config.File))
		return
	}
	d.add(check, OK, "", "")
}

func (d *doctor) accounts(check AccountCheck) {
	name := "every account's credentials work (factdesk publish --check-accounts)"
	problems, err := check(d.ctx)
	switch {
	case err != nil:
		d.add(name, NotVerified, err.Error(), "")
	case len(problems) > 0:
		d.add(name, Problem, strings.Join(problems, "; "), "renew the credentials as docs/publishing.md says, then set them with gh secret set NAME --env "+PublishEnvironment)
	default:
		d.add(name, OK, "", "")
	}
}

// Describe writes the report for people.
func Describe(r *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "factdesk doctor: %s (default branch %s)\n", r.Repo, r.Branch)
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "  %-12s %s\n", c.Status, c.Check)
		if c.Status != OK || c.Detail != "" {
			if c.Detail != "" {
				fmt.Fprintf(&b, "               %s\n", indent(c.Detail))
			}
			if c.Fix != "" {
				fmt.Fprintf(&b, "               fix: %s\n", indent(c.Fix))
			}
		}
	}
	switch {
	case r.Clean():
		b.WriteString("Everything factdesk checks is set as it should be.\n")
	default:
		fmt.Fprintf(&b, "%d problems, %d not verified, %d ok.\n", r.Count(Problem), r.Count(NotVerified), r.Count(OK))
	}
	return b.String()
}

func indent(s string) string {
	return strings.ReplaceAll(s, "\n", "\n                 ")
}
