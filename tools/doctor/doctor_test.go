package doctor

import (
	"context"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

const (
	repoName = "riverside/factdesk"
	token    = "github_pat_doctor_admin_token_never_printed"
)

// correct sets repo up as docs/going-live.md leaves it.
func correct(r *githubfake.Repo) {
	r.Branches["main"] = strings.Repeat("a", 40)
	r.Settings.Protection["main"] = &githubfake.Protection{
		StatusChecks:  &githubfake.StatusChecks{Strict: true, Contexts: []string{"factdesk/review"}},
		Reviews:       &githubfake.PullRequestReviews{DismissStaleReviews: true, RequiredApprovals: 1},
		EnforceAdmins: true,
	}
	r.Settings.DefaultWorkflowPermissions = "read"
	r.Settings.Environments["publish"] = &githubfake.Environment{ID: 1, CustomBranchPolicies: true, BranchPolicies: []string{"main"},
		Secrets: []string{"FACTDESK_MASTODON_MAIN_TOKEN"}}
	r.Settings.Environments["github-pages"] = &githubfake.Environment{ID: 2, CustomBranchPolicies: true, BranchPolicies: []string{"main"}}
	r.Settings.Pages = &githubfake.Pages{BuildType: "workflow"}
	r.Settings.Secrets = []string{"NCBI_API_KEY"}
	r.Commits[r.Branches["main"]] = &githubfake.GitCommit{SHA: r.Branches["main"], Parents: []string{}}
	r.Settings.Variables = map[string]string{"FACTDESK_VERIFY_FROM": r.Branches["main"]}
}

func run(t *testing.T, setup func(s *githubfake.Server, r *githubfake.Repo), repo *content.Repo, cfg *config.Config) *Report {
	t.Helper()
	fake := githubfake.NewT(t)
	fake.Token = token
	r := fake.Repo(repoName)
	fake.Update(func() { correct(r) })
	setup(fake, r)
	c := fake.Client(t, repoName)
	if cfg == nil {
		cfg = config.Default()
	}
	if repo == nil {
		repo = &content.Repo{}
	}
	rep, err := Run(context.Background(), c, cfg, Options{Repo: repo})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(Describe(rep), token) {
		t.Error("the report prints the token")
	}
	return rep
}

func TestDoctorCorrectRepository(t *testing.T) {
	t.Parallel()
	rep := run(t, func(*githubfake.Server, *githubfake.Repo) {}, nil, nil)
	if !rep.Clean() {
		t.Fatalf("a correctly set repository is not clean:\n%s", Describe(rep))
	}
	if len(rep.Checks) < 12 {
		t.Errorf("only %d checks ran:\n%s", len(rep.Checks), Describe(rep))
	}
}

func TestDoctorFindsEveryWrongSetting(t *testing.T) {
	t.Parallel()
	wrong := func(s *githubfake.Server, r *githubfake.Repo) {
		s.Update(func() {
			r.Settings.Protection["main"] = &githubfake.Protection{
				StatusChecks: &githubfake.StatusChecks{Strict: false, Contexts: []string{"ci/build"}},
				Reviews:      &githubfake.PullRequestReviews{DismissStaleReviews: false, RequiredApprovals: 1, BypassUsers: []string{"ops-admin"}},
				// Administrators exempt, force-pushes allowed.
				AllowForcePushes: true,
			}
			r.Settings.DefaultWorkflowPermissions = "write"
			r.Settings.CanApprovePullRequestReviews = true
			r.Settings.Secrets = []string{"FACTDESK_MASTODON_MAIN_TOKEN", "FACTDESK_X_MAIN_TOKEN"}
			delete(r.Settings.Environments, "publish")
			r.Settings.Environments["github-pages"] = &githubfake.Environment{ID: 2, CustomBranchPolicies: true, BranchPolicies: []string{"main", "preview/*"}}
			r.Settings.Pages = &githubfake.Pages{BuildType: "legacy"}
			delete(r.Settings.Variables, "FACTDESK_VERIFY_FROM")
		})
	}
	sample := &content.Repo{Reviewers: map[string]content.Reviewer{"dr-ana-lima": {Handle: "dr-ana-lima", Example: true}}}
	fc := content.ParseFactCheck("factchecks/x.md", []byte("---\ntitle: X\nreviewers: [dr-ana-lima]\n---\n"))
	fc.OK = true
	fc.Reviewers = []string{"dr-ana-lima"}
	sample.FactChecks = append(sample.FactChecks, fc)
	cfg := config.Default()
	cfg.Publish.Branch = "master"
	rep := run(t, wrong, sample, cfg)
	text := Describe(rep)
	want := map[string]string{
		"main requires the factdesk/review status to pass":                                           "not a required check",
		"main requires branches to be up to date before merging":                                     "two pull requests approved separately",
		"main dismisses approvals when new commits are pushed":                                       "approval survives later pushes",
		"main allows no one to bypass its rules (administrators included)":                           "@ops-admin may bypass pull requests",
		"main allows no force-push or deletion":                                                      "force-pushes",
		"GitHub Actions may not approve pull requests":                                               "can approve a pull request",
		"the default workflow token is read-only":                                                    "may write",
		"no publishing or deploy secret is kept at repository level, where any workflow can read it": "FACTDESK_MASTODON_MAIN_TOKEN, FACTDESK_X_MAIN_TOKEN",
		"the publish environment (the publish workflow's secrets) deploys only from main":            "there is no publish environment",
		"the github-pages environment (the deploy of the site) deploys only from main":               "also deploys from preview/*",
		"GitHub Pages is deployed by GitHub Actions (the deploy workflow), not from a branch":        "built from a branch (legacy)",
		"no published page names a sample reviewer (unless the site is a demonstration)":             "factchecks/x.md",
		"publish.branch in factdesk.yaml is the default branch":                                      "publish.branch is master",
	}
	found := map[string]bool{}
	for _, c := range rep.Checks {
		w, ok := want[c.Check]
		if !ok {
			continue
		}
		found[c.Check] = true
		if c.Status != Problem || !strings.Contains(c.Detail, w) || c.Fix == "" {
			t.Errorf("%s: %v %q (fix %q), want a problem saying %q with a fix", c.Check, c.Status, c.Detail, c.Fix, w)
		}
	}
	for c := range want {
		if !found[c] {
			t.Errorf("check %q did not run", c)
		}
	}
	for _, fix := range []string{"gh api --method PUT repos/{owner}/{repo}/branches/main/protection", WorkflowFix, "gh secret set FACTDESK_X_MAIN_TOKEN --env publish", "gh api --method PUT repos/{owner}/{repo}/environments/publish"} {
		if !strings.Contains(text, fix) {
			t.Errorf("the report lacks the fix %q:\n%s", fix, text)
		}
	}
}

func TestDoctorUnprotectedBranch(t *testing.T) {
	t.Parallel()
	rep := run(t, func(s *githubfake.Server, r *githubfake.Repo) {
		s.Update(func() { delete(r.Settings.Protection, "main") })
	}, nil, nil)
	n := 0
	for _, c := range rep.Checks {
		if strings.HasPrefix(c.Check, "main ") {
			n++
			if c.Status != Problem || !strings.Contains(c.Detail, "not protected at all") {
				t.Errorf("%s: %v %s", c.Check, c.Status, c.Detail)
			}
		}
	}
	if n != 6 {
		t.Errorf("%d branch checks, want 6", n)
	}
}

func TestDoctorRulesetsAreNotVerified(t *testing.T) {
	t.Parallel()
	rep := run(t, func(s *githubfake.Server, r *githubfake.Repo) {
		s.Update(func() {
			delete(r.Settings.Protection, "main")
			r.Settings.BranchRules = map[string][]map[string]any{"main": {{"type": "pull_request", "ruleset_id": 7,
				"parameters": map[string]any{"dismiss_stale_reviews_on_push": true, "require_code_owner_review": false,
					"require_last_push_approval": false, "required_approving_review_count": 1, "required_review_thread_resolution": false}}}}
		})
	}, nil, nil)
	for _, c := range rep.Checks {
		if strings.HasPrefix(c.Check, "main ") && (c.Status != NotVerified || !strings.Contains(c.Detail, "rulesets")) {
			t.Errorf("%s: %v %q, want not verified (rulesets)", c.Check, c.Status, c.Detail)
		}
	}
}

func TestDoctorSaysNotVerifiedForWhatTheTokenCannotRead(t *testing.T) {
	t.Parallel()
	rep := run(t, func(s *githubfake.Server, _ *githubfake.Repo) {
		s.Deny(`repos/riverside/factdesk/branches/main/protection`)
		s.Deny(`repos/riverside/factdesk/actions/.*`)
		s.Deny(`repos/riverside/factdesk/environments/.*`)
		s.Deny(`repos/riverside/factdesk/pages`)
	}, nil, nil)
	if rep.Clean() {
		t.Fatal("a report with unreadable settings is clean")
	}
	for _, c := range rep.Checks {
		switch {
		case strings.HasPrefix(c.Check, "no published page"), strings.HasPrefix(c.Check, "publish.branch"):
			if c.Status != OK {
				t.Errorf("%s: %v", c.Check, c.Status)
			}
		default:
			if c.Status != NotVerified || !strings.Contains(c.Detail, "the token cannot read this (403") || !strings.Contains(c.Detail, `give the fine-grained token "`) {
				t.Errorf("%s: %v %q, want not verified naming the permission", c.Check, c.Status, c.Detail)
			}
		}
	}
	if !strings.Contains(Describe(rep), "NOT VERIFIED") {
		t.Errorf("the report does not say NOT VERIFIED:\n%s", Describe(rep))
	}
}
