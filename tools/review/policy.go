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
	"regexp"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
)

// Kind is what a changed file is to the gate.
type Kind int

// Kinds of changed files (see also Misplaced and Image).
const (
	// Other files are on the policy's list of paths that need no review.
	Other Kind = iota
	FactCheck
	Post
	// Governed files (the registry, the policy, the site's code and data, the tools,
	// and every path no rule knows) need an editor.
	Governed
)

// Snapshot is everything the gate needs to know about a pull request. It is plain
// data: Gather fills it from GitHub's API, and a deploy-time check may fill it from a
// merged pull request; Evaluate decides from it alone.
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
	// Commits are the pull request's commits with everyone they credit.
	Commits []Commit
	// ChangedFiles and CommitCount are the pull request's own totals (GitHub's
	// changed_files and commits). Changes and Commits must hold that many: GitHub lists
	// at most 3,000 files and 250 commits, and what it does not list the gate cannot see.
	ChangedFiles int
	CommitCount  int
	// Reviews in the order they were submitted.
	Reviews []Review
	Changes []*Change
	// Modes are the Git modes at the head commit of the changed files that people
	// other than editors approve (fact-checks, posts, images): 100644 for a file,
	// 120000 for a symbolic link. Nil means unknown and is not checked; Gather fills
	// it, and a path missing from a non-nil map is refused.
	Modes map[string]string
	// Mounts are Hugo's mounts on the base branch, as `hugo config mounts` resolves
	// them: they decide what the site reads from where.
	Mounts []Mount
	// Registry is the reviewer registry of the base branch, by lower-case handle.
	Registry map[string]content.Reviewer
	// Config is factdesk.yaml of the base branch (its editors and review policy).
	Config *config.Config
	// Verdicts is the verdict scale, for labels.
	Verdicts []content.Verdict
	// Findings are the offline check's findings over the pull request's files.
	Findings []check.Finding
}

// Commit is one commit of a pull request.
type Commit struct {
	SHA string
	// People are its author, its committer and its Co-authored-by credits.
	People []Person
}

// Person is someone a commit credits.
type Person struct {
	// As is "author", "committer" or "co-author".
	As string
	// Login is the GitHub account GitHub tied the e-mail to ("" when none).
	Login string
	Email string
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
	// Kind is set by Evaluate (and Gather) from Classify.
	Kind  Kind
	Class Class
	// Base and Head are the fact-check at the base and head commits (nil when absent).
	Base, Head *content.FactCheckDoc
	// HeadPost is the campaign post at the head commit.
	HeadPost *content.PostDoc
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
		return "Nothing to review: every changed file is on the review policy's list of paths that need no review"
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
	return fmt.Sprintf("Not ready: %s of %d still %s approvals or fixes; see the pull request comment", noun.Count(len(b), "file"), gated, verb)
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

// people is who wrote a pull request, as far as the gate can tell.
type people struct {
	// logins are the GitHub accounts that opened it or wrote, committed or co-wrote a commit.
	logins map[string]bool
	// byEmail disqualifies registered reviewers (by lower-case handle) whose registered
	// e-mail a commit credits, saying why.
	byEmail map[string]string
	// strangers are credits GitHub tied to no account and whose e-mail no registered
	// reviewer has: only an editor can vouch for them.
	strangers []string
}

// noreplyLogin reads the account from a GitHub no-reply address
// (12345+login@users.noreply.github.com or login@users.noreply.github.com).
var noreplyLogin = regexp.MustCompile(`(?i)^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com$`)

// githubOwn are the identities GitHub itself commits with (web edits, merges).
func githubOwn(p Person) bool {
	return strings.EqualFold(p.Login, "web-flow") || strings.EqualFold(p.Email, "noreply@github.com")
}

func whoWrote(s *Snapshot) people {
	pp := people{logins: map[string]bool{strings.ToLower(s.Author): true}, byEmail: map[string]string{}}
	for _, a := range s.CommitAuthors {
		if a != "" {
			pp.logins[strings.ToLower(a)] = true
		}
	}
	emails := map[string][]string{}
	for h, rv := range s.Registry {
		for _, e := range rv.Emails {
			e = strings.ToLower(strings.TrimSpace(e))
			emails[e] = append(emails[e], h)
		}
	}
	seen := map[string]bool{}
	for _, c := range s.Commits {
		for _, p := range c.People {
			if githubOwn(p) {
				continue
			}
			login := strings.ToLower(p.Login)
			email := strings.ToLower(strings.TrimSpace(p.Email))
			if m := noreplyLogin.FindStringSubmatch(email); m != nil && login == "" {
				login = strings.ToLower(m[1])
			}
			if login != "" {
				pp.logins[login] = true
			}
			matched := false
			for _, h := range emails[email] {
				matched = true
				if _, done := pp.byEmail[h]; !done {
					pp.byEmail[h] = fmt.Sprintf("@%s's registered e-mail is credited as %s of commit %s, so they cannot review this pull request", s.Registry[h].Handle, p.As, short(c.SHA))
				}
			}
			if login == "" && !matched {
				what := fmt.Sprintf("the %s of commit %s (%s)", p.As, short(c.SHA), orUnknown(p.Email))
				if !seen[what] {
					seen[what] = true
					pp.strangers = append(pp.strangers, what)
				}
			}
		}
	}
	return pp
}

func orUnknown(e string) string {
	if strings.TrimSpace(e) == "" {
		return "no e-mail"
	}
	return e
}

// Evaluate applies the review policy to a snapshot. It is a pure function of the
// snapshot: it classifies every change itself (Classify, with the snapshot's mounts
// and policy) and reads nothing else.
func Evaluate(s *Snapshot) *Report {
	if s.Config == nil {
		// No policy read: the defaults, and no editors, so nothing that needs one passes.
		cp := *s
		cp.Config = &config.Config{}
		s = &cp
	}
	rep := &Report{Snapshot: s}
	policy := s.Config.Review
	states := latest(s.Reviews)
	pp := whoWrote(s)
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
		case pp.logins[h]:
			rs.Why = fmt.Sprintf("@%s wrote or co-wrote commits in this pull request, or committed them (a merge from \"Update branch\" counts), and cannot review them", rs.Handle)
		case pp.byEmail[h] != "":
			rs.Why = pp.byEmail[h]
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
	ev := &evaluation{s: s, status: status, states: states}

	// What GitHub does not list, the gate cannot judge.
	if s.ChangedFiles != len(s.Changes) {
		rep.Files = append(rep.Files, &FileReport{Path: "pull request", Kind: Governed, Change: "file list cut short",
			Missing: []string{fmt.Sprintf("GitHub lists %d of the %d files this pull request changes (it lists at most 3,000), so the gate cannot see them all; nobody can approve it as it is: split it into smaller pull requests", len(s.Changes), s.ChangedFiles)}})
	}
	if s.CommitCount != len(s.Commits) {
		rep.Files = append(rep.Files, &FileReport{Path: "pull request", Kind: Governed, Change: "commit list cut short",
			Missing: []string{fmt.Sprintf("GitHub lists %d of the %d commits of this pull request (it lists at most 250), so the gate cannot tell who wrote them all; nobody can approve it as it is: squash the commits or split the pull request", len(s.Commits), s.CommitCount)}})
	}
	if len(pp.strangers) > 0 {
		fr := &FileReport{Path: "commits", Kind: Governed, Change: "credits people GitHub cannot name"}
		ev.needEditor(fr, "vouch for "+strings.Join(firstN(pp.strangers, 3), "; ")+": GitHub ties no account to these e-mails and no registered reviewer lists them, so the gate cannot tell who wrote the commits")
		rep.Files = append(rep.Files, fr)
	}

	findings := map[string][]check.Finding{}
	for _, f := range s.Findings {
		findings[f.Path] = append(findings[f.Path], f)
	}
	var free []string
	report := func(c *Change) {
		fr := &FileReport{Path: c.Path, Kind: c.Kind, Findings: findings[c.Path]}
		if why := notAFile(s, c); why != "" {
			fr.Change = "not a plain file"
			fr.Missing = append(fr.Missing, why)
			rep.Files = append(rep.Files, fr)
			return
		}
		switch c.Kind {
		case FactCheck:
			ev.factCheck(c, fr)
		case Post:
			evalPost(s, c, fr, status, states, policy)
		case Image:
			ev.image(c, fr)
		case Misplaced:
			ev.misplaced(c, fr)
		case Governed:
			fr.Change = c.Class.Group
			if c.Status == "removed" {
				fr.Change = "removed: " + c.Class.Group
			}
			ev.needEditor(fr, "")
		default:
			free = append(free, c.Path)
			return
		}
		if errs, _, _ := check.Count(fr.Findings); errs > 0 {
			fr.Missing = append(fr.Missing, fmt.Sprintf("fix %s found by factdesk check", noun.Count(errs, "error")))
		}
		rep.Files = append(rep.Files, fr)
	}
	for _, c := range s.Changes {
		c.Class = Classify(c.Path, policy, s.Mounts)
		c.Kind = c.Class.Kind
		if c.Previous != "" && c.Previous != c.Path {
			// A move takes the file away from where it was: judged as a removal there.
			gone := &Change{Path: c.Previous, Status: "removed", Class: Classify(c.Previous, policy, s.Mounts)}
			gone.Kind = gone.Class.Kind
			if gone.Kind == FactCheck {
				gone.Base = c.Base
			}
			report(gone)
		}
		report(c)
	}
	if len(free) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s on the review policy's list of paths that need no review: %s", noun.Count(len(free), "changed file"), strings.Join(firstN(free, 5), ", ")))
	}
	return rep
}

// notAFile explains why a fact-check, post or image at the head commit cannot be
// reviewed as a file: a symbolic link's target can change while the link does not, and
// the publisher and factdesk follow links.
func notAFile(s *Snapshot, c *Change) string {
	if s.Modes == nil || c.Status == "removed" || (c.Kind != FactCheck && c.Kind != Post && c.Kind != Image) {
		return ""
	}
	switch mode, ok := s.Modes[c.Path]; {
	case !ok:
		return "GitHub did not list this file in the head commit's tree, so the gate cannot tell whether it is a plain file; nobody can approve it as it is"
	case mode == "120000":
		return "this is a symbolic link: what it points to can change without this file changing, so no review of it holds; commit the file itself (no approval clears a link here)"
	case mode == "160000":
		return "this is a Git submodule, not a file; commit the file itself (no approval clears a submodule here)"
	}
	return ""
}

// evaluation holds what the evaluators of one snapshot share.
type evaluation struct {
	s      *Snapshot
	status func(handle, role string) ReviewerStatus
	states map[string]standing
}

// needEditor requires an approval at the latest commit from an editor for fr, to do
// what (empty: to approve the change).
func (ev *evaluation) needEditor(fr *FileReport, what string) {
	s := ev.s
	fr.Required = 1
	editors := s.Config.Editors
	if len(editors) == 0 {
		fr.Missing = append(fr.Missing, "factdesk.yaml on the base branch names no editors, so this change cannot be approved; an administrator must add editors first")
		return
	}
	for _, e := range editors {
		st := ev.status(e, "")
		if st.Standing == NotReviewed && !st.OK {
			continue
		}
		fr.Reviewers = append(fr.Reviewers, st)
		if st.OK {
			return
		}
	}
	msg := fmt.Sprintf("an approval at the latest commit from an editor named in factdesk.yaml on the base branch (%s)", atList(editors))
	if what != "" {
		msg = fmt.Sprintf("an editor named in factdesk.yaml on the base branch (%s) must approve at the latest commit to %s", atList(editors), what)
	}
	fr.Missing = append(fr.Missing, msg)
	fr.Reviewers = append(fr.Reviewers, unqualified(s, ev.states, ev.status, "an editor named in factdesk.yaml", func(rv content.Reviewer) bool { return isEditor(s, rv.Handle) }, fr.Reviewers)...)
}

// editorApproved reports whether an editor approved the latest commit and may count.
func (ev *evaluation) editorApproved() (ReviewerStatus, bool) {
	for _, e := range ev.s.Config.Editors {
		if st := ev.status(e, ""); st.OK {
			return st, true
		}
	}
	return ReviewerStatus{}, false
}

func (ev *evaluation) misplaced(c *Change, fr *FileReport) {
	if c.Status == "removed" {
		fr.Change = "removed: " + c.Class.Group
		ev.needEditor(fr, "")
		return
	}
	fr.Change = "page published from outside its folder"
	fr.Missing = append(fr.Missing, fmt.Sprintf("Hugo reads this file as %s and would publish it at %s without the review its section needs; %s. No approval clears a file here: move it", c.Class.Site, content.Address(c.Class.Site), c.Class.Belongs))
}

func (ev *evaluation) image(c *Change, fr *FileReport) {
	roles := ev.s.Config.Review.PostApproverRoles()
	fr.Change = c.Class.Group
	fr.Required = 1
	for _, h := range sortedKeys(ev.states) {
		st := ev.status(h, "")
		if st.OK && hasAnyRole(ev.s.Registry[h], roles) {
			fr.Reviewers = append(fr.Reviewers, st)
			return
		}
	}
	if _, ok := ev.editorApproved(); ok {
		return
	}
	fr.Missing = append(fr.Missing, fmt.Sprintf("an approval at the latest commit from a registered %s (not the author)", strings.Join(roles, " or ")))
}

func (ev *evaluation) factCheck(c *Change, fr *FileReport) {
	s := ev.s
	policy := s.Config.Review
	status := ev.status
	if c.Status == "removed" {
		fr.Change = "fact-check deleted"
		fr.Required = 1
		fr.Missing = append(fr.Missing, fmt.Sprintf("a published fact-check keeps its address: mark it withdrawn (see CONTRIBUTING.md) instead of deleting, renaming or moving it; removing it needs an approval at the latest commit from an editor named in factdesk.yaml on the base branch (%s)", atList(s.Config.Editors)))
		if st, ok := ev.editorApproved(); ok {
			fr.Reviewers = append(fr.Reviewers, st)
			fr.Missing = nil
		}
		return
	}
	if c.Head == nil || !c.Head.OK {
		fr.Change = "fact-check"
		fr.Missing = append(fr.Missing, "the front matter does not read; fix the errors listed below, then the reviewers can be checked")
		return
	}
	var changed []string
	switch {
	case c.Base == nil || !c.Base.OK:
		fr.Change = "new fact-check"
		fr.Required = policy.MinNewFactCheck()
	case c.Base.Draft && !c.Head.Draft:
		fr.Change = "draft published"
		fr.Required = policy.MinNewFactCheck()
	case c.Base.Verdict != c.Head.Verdict:
		fr.Change = fmt.Sprintf("verdict change: %s → %s", verdictLabel(s, c.Base.Verdict), verdictLabel(s, c.Head.Verdict))
		fr.Required = policy.MinSubstantive()
	default:
		if c.Base.Claim != c.Head.Claim || c.Base.ClaimShort != c.Head.ClaimShort {
			changed = append(changed, "claim")
		}
		if c.Base.BottomLine != c.Head.BottomLine {
			changed = append(changed, "bottom line")
		}
		if len(changed) > 0 {
			fr.Change = "substantive change of the " + strings.Join(changed, " and ")
			fr.Required = policy.MinSubstantive()
		} else {
			fr.Change = "fact-check edit"
			fr.Required = policy.MinFactCheckChange()
		}
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
		fr.Missing = append(fr.Missing, fmt.Sprintf("a %s needs %s named under reviewers; it names %d", fr.Change, noun.Count(fr.Required, "clinician reviewer"), len(seen)))
	}
	if c.Base != nil && c.Base.OK {
		ev.replacedReviewers(c, fr, seen)
	}
}

// replacedReviewers requires, when an edit drops reviewers the page named, the approval
// of one of the reviewers it named before or of an editor: the page's reviewer line
// must not change hands without them.
func (ev *evaluation) replacedReviewers(c *Change, fr *FileReport, now map[string]bool) {
	var before, dropped []string
	for _, h := range c.Base.Reviewers {
		key := strings.ToLower(strings.TrimPrefix(h, "@"))
		before = append(before, key)
		if !now[key] {
			dropped = append(dropped, key)
		}
	}
	if len(dropped) == 0 {
		return
	}
	for _, h := range before {
		if st := ev.status(h, "clinician"); st.OK {
			if !now[h] {
				fr.Reviewers = append(fr.Reviewers, st)
			}
			return
		}
	}
	if st, ok := ev.editorApproved(); ok {
		fr.Reviewers = append(fr.Reviewers, st)
		return
	}
	fr.Missing = append(fr.Missing, fmt.Sprintf("this edit removes %s from the reviewers the page names; replacing them needs an approval at the latest commit from one of the reviewers named before (%s) or from an editor (%s)", atList(dropped), atList(before), atList(ev.s.Config.Editors)))
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
