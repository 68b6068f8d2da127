// Package review is factdesk's review gate: it decides from a pull request's reviews
// whether the reviewer line of every fact-check and campaign post it changes is true,
// reports that in one pull-request comment and a commit status, and checks before a
// deploy that the site does not present sample reviewers as real ones.
//
// The policy (Evaluate) is pure: it works on a Snapshot of the pull request gathered
// by Gather through GitHub's REST API, with the reviewer registry and policy taken from
// the base branch.
package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

// Kind is what a changed file is to the gate.
type Kind int

// Kinds of changed files.
const (
	// Other files are not gated.
	Other Kind = iota
	FactCheck
	Post
	// Governed files (the registry, factdesk.yaml, workflows) need an editor.
	Governed
)

// Snapshot is everything the gate needs to know about a pull request.
type Snapshot struct {
	Repo    string
	Number  int
	URL     string
	Author  string
	HeadSHA string
	BaseSHA string
	// HeadRepo is the repository of the head branch; it differs from Repo for a fork.
	HeadRepo string
	// CommitAuthors are the GitHub accounts that authored the pull request's commits.
	CommitAuthors []string
	// Reviews in the order they were submitted.
	Reviews []Review
	Changes []*Change
	// Registry is the reviewer registry of the base branch, by lower-case handle.
	Registry map[string]content.Reviewer
	// Config is factdesk.yaml of the base branch (its editors and review policy).
	Config *config.Config
	// Verdicts is the verdict scale, for labels.
	Verdicts []content.Verdict
	// Findings are the offline check's findings over the pull request's files.
	Findings []check.Finding
}

// Fork reports whether the pull request comes from a fork.
func (s *Snapshot) Fork() bool { return s.HeadRepo != "" && !strings.EqualFold(s.HeadRepo, s.Repo) }

// Review is one submitted pull-request review.
type Review struct {
	User     string
	State    string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED
	CommitID string
}

// Change is one file the pull request adds, changes, renames or removes.
type Change struct {
	Path     string
	Previous string // the old path of a renamed file
	Status   string // added, modified, renamed, removed, copied, changed
	Kind     Kind
	// Base and Head are the fact-check at the base and head commits (nil when absent).
	Base, Head *content.FactCheckDoc
	// HeadPost is the campaign post at the head commit.
	HeadPost *content.PostDoc
}

// Classify tells what a path is to the gate under policy p.
func Classify(path string, p config.Review) Kind {
	switch {
	case p.EditorOnly(path):
		return Governed
	case strings.HasPrefix(path, content.FactChecksDir+"/") && strings.HasSuffix(path, ".md") && !strings.HasPrefix(content.SlugOf(path), "_index"):
		return FactCheck
	case strings.HasPrefix(path, content.CampaignsDir+"/") && strings.HasSuffix(path, ".md") && !strings.HasPrefix(content.SlugOf(path), "_index"):
		return Post
	}
	return Other
}

// Standing is where one reviewer stands on the pull request.
type Standing int

// Standings, the only passing one being Approved.
const (
	NotReviewed Standing = iota
	Approved
	ApprovedEarlier
	ChangesRequested
	Dismissed
)

// ReviewerStatus is one named or needed reviewer of a file and what stops them counting.
type ReviewerStatus struct {
	Handle string
	// Name and Credentials come from the registry; empty when not registered.
	Name     string
	Standing Standing
	// OK reports whether this reviewer counts towards the file's approval.
	OK bool
	// Why says what is wrong when OK is false, in words for the pull request.
	Why string
}

// FileReport is the gate's verdict on one changed file.
type FileReport struct {
	Path string
	Kind Kind
	// Change describes the change: "new fact-check", "verdict change: False → Accurate".
	Change string
	// Required is how many reviewers the policy asks for.
	Required  int
	Reviewers []ReviewerStatus
	// Missing lists what is still needed, in words; empty when the file passes.
	Missing  []string
	Findings []check.Finding
	Post     *content.PostDoc
}

// OK reports whether the file passes the gate.
func (f *FileReport) OK() bool { return len(f.Missing) == 0 }

// Report is the gate's verdict on a pull request.
type Report struct {
	Snapshot *Snapshot
	Files    []*FileReport
	// Notes are things worth knowing that do not block, such as ungated files.
	Notes []string
}

// Passed reports whether every file passes.
func (r *Report) Passed() bool {
	for _, f := range r.Files {
		if !f.OK() {
			return false
		}
	}
	return true
}

// Blocking returns the files that do not pass.
func (r *Report) Blocking() []*FileReport {
	var out []*FileReport
	for _, f := range r.Files {
		if !f.OK() {
			out = append(out, f)
		}
	}
	return out
}

// Summary is a one-line description of the outcome, short enough for a commit status.
func (r *Report) Summary() string {
	gated := len(r.Files)
	if gated == 0 {
		return "No fact-checks, posts or registry changes to review"
	}
	if r.Passed() {
		return fmt.Sprintf("All %d reviewed files approved by their named reviewers at the latest commit", gated)
	}
	b := r.Blocking()
	n := 0
	for _, f := range b {
		n += len(f.Missing)
	}
	if s := fmt.Sprintf("%s: %s", b[0].Path, b[0].Missing[0]); n == 1 && len([]rune(s)) <= 140 {
		return s
	}
	verb := "need"
	if len(b) == 1 {
		verb = "needs"
	}
	return fmt.Sprintf("Not ready: %s of %d still %s approvals or fixes; see the pull request comment", plural(len(b), "file"), gated, verb)
}

type standing struct {
	state  string
	commit string
}

// latest returns each reviewer's standing from their latest review that has a state:
// comments neither approve nor cancel an approval; a later approval, request for
// changes or dismissal replaces an earlier one.
func latest(reviews []Review) map[string]standing {
	out := map[string]standing{}
	for _, r := range reviews {
		switch r.State {
		case "APPROVED", "CHANGES_REQUESTED", "DISMISSED":
			out[strings.ToLower(r.User)] = standing{r.State, r.CommitID}
		}
	}
	return out
}

// Evaluate applies the review policy to a snapshot.
func Evaluate(s *Snapshot) *Report {
	rep := &Report{Snapshot: s}
	policy := s.Config.Review
	states := latest(s.Reviews)
	authors := map[string]bool{strings.ToLower(s.Author): true}
	for _, a := range s.CommitAuthors {
		if a != "" {
			authors[strings.ToLower(a)] = true
		}
	}
	status := func(handle string, role string) ReviewerStatus {
		h := strings.ToLower(strings.TrimPrefix(handle, "@"))
		rs := ReviewerStatus{Handle: strings.TrimPrefix(handle, "@")}
		rv, registered := s.Registry[h]
		if registered {
			rs.Name = displayName(rv)
		}
		st := states[h]
		switch st.state {
		case "APPROVED":
			rs.Standing = Approved
			if st.commit != s.HeadSHA {
				rs.Standing = ApprovedEarlier
			}
		case "CHANGES_REQUESTED":
			rs.Standing = ChangesRequested
		case "DISMISSED":
			rs.Standing = Dismissed
		}
		switch {
		case !registered:
			rs.Why = fmt.Sprintf("@%s is not in the reviewer registry (%s) on the base branch", rs.Handle, content.ReviewersFile)
		case role != "" && !rv.HasRole(role):
			rs.Why = fmt.Sprintf("@%s is registered without the %s role", rs.Handle, role)
		case h == strings.ToLower(s.Author):
			rs.Why = fmt.Sprintf("@%s opened this pull request and cannot review their own work", rs.Handle)
		case authors[h]:
			rs.Why = fmt.Sprintf("@%s wrote or co-wrote commits in this pull request (a merge from \"Update branch\" counts) and cannot review them", rs.Handle)
		case rs.Standing == NotReviewed:
			rs.Why = fmt.Sprintf("@%s has not approved yet", rs.Handle)
		case rs.Standing == ApprovedEarlier:
			rs.Why = fmt.Sprintf("@%s approved an earlier commit (%s); the text changed since, so they need to approve again", rs.Handle, short(st.commit))
		case rs.Standing == ChangesRequested:
			rs.Why = fmt.Sprintf("@%s requested changes", rs.Handle)
		case rs.Standing == Dismissed:
			rs.Why = fmt.Sprintf("@%s's approval was dismissed; they need to approve again", rs.Handle)
		default:
			rs.OK = true
		}
		return rs
	}

	findings := map[string][]check.Finding{}
	for _, f := range s.Findings {
		findings[f.Path] = append(findings[f.Path], f)
	}
	var ungated []string
	for _, c := range s.Changes {
		fr := &FileReport{Path: c.Path, Kind: c.Kind, Findings: findings[c.Path]}
		switch c.Kind {
		case FactCheck:
			evalFactCheck(s, c, fr, status)
		case Post:
			evalPost(s, c, fr, status, states, policy)
		case Governed:
			evalGoverned(s, c, fr, status, states)
		default:
			ungated = append(ungated, c.Path)
			continue
		}
		if errs, _, _ := check.Count(fr.Findings); errs > 0 {
			fr.Missing = append(fr.Missing, fmt.Sprintf("fix %s found by factdesk check", plural(errs, "error")))
		}
		rep.Files = append(rep.Files, fr)
	}
	if len(ungated) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s outside fact-checks, campaign posts and governed files: not gated here (%s)", plural(len(ungated), "changed file"), strings.Join(firstN(ungated, 5), ", ")))
	}
	return rep
}

func evalFactCheck(s *Snapshot, c *Change, fr *FileReport, status func(string, string) ReviewerStatus) {
	policy := s.Config.Review
	if c.Status == "removed" {
		fr.Change = "fact-check deleted"
		fr.Required = 1
		fr.Missing = append(fr.Missing, "a published fact-check keeps its address: mark it withdrawn (see CONTRIBUTING.md) instead of deleting it, or have an editor approve the deletion")
		for _, e := range s.Config.Editors {
			st := status(e, "")
			if st.OK {
				fr.Reviewers = append(fr.Reviewers, st)
				fr.Missing = nil
			}
		}
		return
	}
	if c.Head == nil || !c.Head.OK {
		fr.Change = "fact-check"
		fr.Missing = append(fr.Missing, "the front matter does not read; fix the errors listed below, then the reviewers can be checked")
		return
	}
	switch {
	case c.Base == nil || !c.Base.OK:
		fr.Change = "new fact-check"
		fr.Required = policy.MinNewFactCheck()
	case c.Base.Verdict != c.Head.Verdict:
		fr.Change = fmt.Sprintf("verdict change: %s → %s", verdictLabel(s, c.Base.Verdict), verdictLabel(s, c.Head.Verdict))
		fr.Required = policy.MinVerdictChange()
	default:
		fr.Change = "fact-check edit"
		fr.Required = policy.MinFactCheckChange()
	}
	seen := map[string]bool{}
	for _, h := range c.Head.Reviewers {
		key := strings.ToLower(strings.TrimPrefix(h, "@"))
		if seen[key] {
			continue
		}
		seen[key] = true
		st := status(h, "clinician")
		if !st.OK {
			fr.Missing = append(fr.Missing, st.Why)
		}
		fr.Reviewers = append(fr.Reviewers, st)
	}
	if len(seen) < fr.Required {
		fr.Missing = append(fr.Missing, fmt.Sprintf("a %s needs %s named under reviewers; it names %d", fr.Change, plural(fr.Required, "clinician reviewer"), len(seen)))
	}
}

func evalPost(s *Snapshot, c *Change, fr *FileReport, status func(string, string) ReviewerStatus, states map[string]standing, policy config.Review) {
	fr.Post = c.HeadPost
	fr.Required = 1
	roles := policy.PostApproverRoles()
	switch {
	case c.Status == "removed":
		fr.Change = "campaign post deleted"
	case c.Status == "added":
		fr.Change = "new campaign post"
	default:
		fr.Change = "campaign post edit"
	}
	if c.Status != "removed" && (c.HeadPost == nil || !c.HeadPost.OK) {
		fr.Missing = append(fr.Missing, "the front matter does not read; fix the errors listed below")
	}
	ok := false
	for _, h := range sortedKeys(states) {
		st := status(h, "")
		if !st.OK {
			continue
		}
		rv := s.Registry[strings.ToLower(h)]
		if !hasAnyRole(rv, roles) {
			continue
		}
		st.Handle = rv.Handle
		fr.Reviewers = append(fr.Reviewers, st)
		ok = true
	}
	if !ok {
		fr.Missing = append(fr.Missing, fmt.Sprintf("an approval at the latest commit from a registered %s (not the author)", strings.Join(roles, " or ")))
		fr.Reviewers = append(fr.Reviewers, unqualified(s, states, status, "a registered "+strings.Join(roles, " or "), func(rv content.Reviewer) bool { return hasAnyRole(rv, roles) }, fr.Reviewers)...)
	}
}

func evalGoverned(s *Snapshot, c *Change, fr *FileReport, status func(string, string) ReviewerStatus, states map[string]standing) {
	fr.Change = "governs the review itself"
	fr.Required = 1
	editors := s.Config.Editors
	if len(editors) == 0 {
		fr.Missing = append(fr.Missing, "factdesk.yaml on the base branch names no editors, so this change cannot be approved; an administrator must add editors first")
		return
	}
	ok := false
	for _, e := range editors {
		st := status(e, "")
		if st.Standing == NotReviewed && !st.OK {
			continue
		}
		fr.Reviewers = append(fr.Reviewers, st)
		if st.OK {
			ok = true
		}
	}
	if !ok {
		fr.Missing = append(fr.Missing, fmt.Sprintf("an approval at the latest commit from an editor named in factdesk.yaml on the base branch (%s)", atList(editors)))
		fr.Reviewers = append(fr.Reviewers, unqualified(s, states, status, "an editor named in factdesk.yaml", func(rv content.Reviewer) bool { return isEditor(s, rv.Handle) }, fr.Reviewers)...)
	}
}

// unqualified lists reviewers who approved but do not count, so the comment can say why.
// Reviewers who qualify keep the reason they do not count (an earlier commit, their own
// work); others are told what the file needs instead.
func unqualified(s *Snapshot, states map[string]standing, status func(string, string) ReviewerStatus, need string, qualifies func(content.Reviewer) bool, listed []ReviewerStatus) []ReviewerStatus {
	seen := map[string]bool{}
	for _, l := range listed {
		seen[strings.ToLower(l.Handle)] = true
	}
	var out []ReviewerStatus
	for _, h := range sortedKeys(states) {
		if states[h].state != "APPROVED" || seen[h] {
			continue
		}
		st := status(h, "")
		if rv, registered := s.Registry[h]; registered && !qualifies(rv) {
			st.Why = fmt.Sprintf("@%s approved, but this file needs %s", st.Handle, need)
		}
		st.OK = false
		out = append(out, st)
	}
	return out
}

func isEditor(s *Snapshot, handle string) bool {
	for _, e := range s.Config.Editors {
		if strings.EqualFold(strings.TrimPrefix(e, "@"), handle) {
			return true
		}
	}
	return false
}

func hasAnyRole(rv content.Reviewer, roles []string) bool {
	for _, r := range roles {
		if rv.HasRole(r) {
			return true
		}
	}
	return false
}

func displayName(rv content.Reviewer) string {
	if len(rv.Credentials) == 0 {
		return rv.Name
	}
	return rv.Name + ", " + strings.Join(rv.Credentials, ", ")
}

func verdictLabel(s *Snapshot, slug string) string {
	for _, v := range s.Verdicts {
		if v.Slug == slug {
			return v.Label
		}
	}
	return slug
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func atList(hs []string) string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = "@" + strings.TrimPrefix(h, "@")
	}
	return strings.Join(out, ", ")
}

func firstN(xs []string, n int) []string {
	if len(xs) <= n {
		return xs
	}
	return append(xs[:n:n], fmt.Sprintf("and %d more", len(xs)-n))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
