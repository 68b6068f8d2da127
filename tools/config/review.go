package config

import "strings"

// Review is the review policy of `factdesk review`, the `review:` section of
// factdesk.yaml. Zero values mean the defaults below; editors are Config.Editors.
type Review struct {
	// NewFactCheck is how many clinicians must review a new fact-check (default 2).
	NewFactCheck int `yaml:"new_factcheck"`
	// VerdictChange is how many clinicians must review a change of verdict (default 2).
	VerdictChange int `yaml:"verdict_change"`
	// FactCheckChange is how many clinicians must review any other change (default 1).
	FactCheckChange int `yaml:"factcheck_change"`
	// PostRoles are the registry roles whose approval clears a campaign post
	// (default scheduler and clinician).
	PostRoles []string `yaml:"post_roles"`
	// EditorPaths are files and folders whose changes need an editor's approval
	// (default the registry, factdesk.yaml and .github/).
	EditorPaths []string `yaml:"editor_paths"`
	// StatusContext names the commit status the gate sets (default factdesk/review).
	StatusContext string `yaml:"status_context"`
}

// Review policy defaults.
const (
	DefaultNewFactCheck    = 2
	DefaultVerdictChange   = 2
	DefaultFactCheckChange = 1
	DefaultStatusContext   = "factdesk/review"
)

// MinNewFactCheck returns the reviewers needed for a new fact-check.
func (r Review) MinNewFactCheck() int { return orDefault(r.NewFactCheck, DefaultNewFactCheck) }

// MinVerdictChange returns the reviewers needed for a verdict change.
func (r Review) MinVerdictChange() int { return orDefault(r.VerdictChange, DefaultVerdictChange) }

// MinFactCheckChange returns the reviewers needed for any other fact-check change.
func (r Review) MinFactCheckChange() int {
	return orDefault(r.FactCheckChange, DefaultFactCheckChange)
}

// PostApproverRoles returns the roles whose approval clears a campaign post.
func (r Review) PostApproverRoles() []string {
	if len(r.PostRoles) == 0 {
		return []string{"scheduler", "clinician"}
	}
	return r.PostRoles
}

// EditorOnly reports whether a change to path needs an editor's approval.
func (r Review) EditorOnly(path string) bool {
	paths := r.EditorPaths
	if len(paths) == 0 {
		paths = []string{"data/reviewers.yaml", File, ".github/"}
	}
	for _, p := range paths {
		if path == p || (strings.HasSuffix(p, "/") && strings.HasPrefix(path, p)) {
			return true
		}
	}
	return false
}

// Status returns the commit status context the gate sets.
func (r Review) Status() string {
	if r.StatusContext == "" {
		return DefaultStatusContext
	}
	return r.StatusContext
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}
