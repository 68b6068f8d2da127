package config

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

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
	// EditorPaths are more files and folders whose changes need an editor's approval,
	// beside the groups of Groups (a folder ends in /).
	EditorPaths []string `yaml:"editor_paths"`
	// Unreviewed are the paths that may change without any review (glob patterns; **
	// crosses folders). Default: the documentation (DefaultUnreviewed). Nothing else
	// is ever free: a path no group lists needs an editor.
	Unreviewed []string `yaml:"unreviewed"`
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

// DefaultUnreviewed are the paths that may change without review unless factdesk.yaml
// says otherwise: documentation, which neither the site nor the tools read.
var DefaultUnreviewed = []string{"docs/**", "README.md", "CONTRIBUTING.md", "ARCHITECTURE.md"}

// Approver says who approves a change to a group of paths.
type Approver string

// Approvers of path groups.
const (
	// ApproveEditor needs an editor named in factdesk.yaml.
	ApproveEditor Approver = "editor"
	// ApprovePost needs a registered holder of one of the post roles.
	ApprovePost Approver = "post"
	// ApproveNone needs no review.
	ApproveNone Approver = "none"
)

// PathGroup is a named group of paths and who approves a change to them.
type PathGroup struct {
	Name    string
	Paths   []string
	Approve Approver
}

// Groups returns the policy's path groups in the order they are matched; the first
// group whose pattern matches a path decides. Fact-checks and campaign posts are not
// groups: what they are is decided by where Hugo and the publisher read them.
func (r Review) Groups() []PathGroup {
	gov := []string{"data/reviewers.yaml", File}
	for _, p := range r.EditorPaths {
		if strings.HasSuffix(p, "/") {
			p += "**"
		}
		gov = append(gov, p)
	}
	free := r.Unreviewed
	if len(free) == 0 {
		free = DefaultUnreviewed
	}
	return []PathGroup{
		{Name: "the reviewer registry and the review policy", Paths: gov, Approve: ApproveEditor},
		{Name: "workflows and CI", Paths: []string{".github/**", ".ci/**"}, Approve: ApproveEditor},
		{Name: "the tools and their build", Paths: []string{"tools/**", "scripts/**", "go.mod", "go.sum", "package.json", "package-lock.json", "node_modules/**"}, Approve: ApproveEditor},
		{Name: "the site's configuration", Paths: []string{"hugo.{toml,yaml,yml,json}", "config.{toml,yaml,yml,json}", "config/**", "themes/*/hugo.{toml,yaml,yml,json}", "themes/*/config.{toml,yaml,yml,json}", "themes/*/config/**"}, Approve: ApproveEditor},
		{Name: "the site's data (verdict scale, topics, observances, ledger)", Paths: []string{"data/**"}, Approve: ApproveEditor},
		{Name: "the theme, layouts and translations", Paths: []string{"themes/**", "layouts/**", "i18n/**", "assets/**", "archetypes/**"}, Approve: ApproveEditor},
		{Name: "campaign images", Paths: []string{"static/images/**/*.{png,jpg,jpeg,gif,webp,avif,PNG,JPG,JPEG,GIF,WEBP,AVIF}"}, Approve: ApprovePost},
		{Name: "the site's own pages", Paths: []string{"content/**"}, Approve: ApproveEditor},
		{Name: "static files of the site", Paths: []string{"static/**"}, Approve: ApproveEditor},
		{Name: "documentation", Paths: free, Approve: ApproveNone},
	}
}

// Group returns the first group of Groups that lists p, or false when none does (such
// a path needs an editor).
func (r Review) Group(p string) (PathGroup, bool) {
	for _, g := range r.Groups() {
		for _, pat := range g.Paths {
			if MatchPath(pat, p) {
				return g, true
			}
		}
	}
	return PathGroup{}, false
}

// MatchPath reports whether the slash-separated path p matches the glob pattern pat
// (* within a folder name, ** across folders, {a,b} alternatives), case-sensitively,
// as Git and the site build on Linux see names.
func MatchPath(pat, p string) bool {
	if p != path.Clean(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") || p == ".." {
		return false
	}
	ok, err := doublestar.Match(pat, p)
	return err == nil && ok
}

// MinNewFactCheck returns the reviewers needed for a new fact-check.
func (r Review) MinNewFactCheck() int { return orDefault(r.NewFactCheck, DefaultNewFactCheck) }

// MinVerdictChange returns the reviewers needed for a verdict change.
func (r Review) MinVerdictChange() int { return orDefault(r.VerdictChange, DefaultVerdictChange) }

// MinSubstantive returns the reviewers needed when the claim, verdict or bottom line
// changes: the policy's full number, the larger of a new fact-check's and a verdict
// change's.
func (r Review) MinSubstantive() int { return max(r.MinNewFactCheck(), r.MinVerdictChange()) }

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
