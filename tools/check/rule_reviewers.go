package check

import (
	"context"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "reviewers",
		Description: "every named reviewer is in the registry, holds the clinician role and is not the author",
		Check:       checkReviewers,
	})
	Register(Rule{
		ID:          "registry",
		Description: "reviewer registry entries have known roles",
		Check:       checkRegistry,
	})
}

func checkReviewers(_ context.Context, r *Run) {
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		seen := map[string]bool{}
		for i, h := range f.Reviewers {
			handle := strings.ToLower(strings.TrimPrefix(h, "@"))
			if seen[handle] {
				r.ReportDoc(f.Doc, f.At("reviewers", i), content.Error, "reviewer-duplicate", "reviewer %q is named twice", h)
				continue
			}
			seen[handle] = true
			rv, ok := r.Repo.Reviewer(handle)
			switch {
			case !ok:
				r.ReportDoc(f.Doc, f.At("reviewers", i), content.Error, "reviewer-unknown", "reviewer %q is not in the reviewer registry (%s); add them there in a separate pull request approved by an editor", h, content.ReviewersFile)
			case !rv.HasRole("clinician"):
				r.ReportDoc(f.Doc, f.At("reviewers", i), content.Error, "reviewer-role", "reviewer %q is registered without the clinician role and cannot review a fact-check", h)
			}
			if strings.EqualFold(handle, strings.TrimPrefix(f.Author, "@")) {
				r.ReportDoc(f.Doc, f.At("reviewers", i), content.Error, "reviewer-is-author", "reviewer %q is also the author; a fact-check needs a reviewer other than its author", h)
			}
		}
	}
}

func checkRegistry(_ context.Context, r *Run) {
	d := r.Repo.ReviewersDoc
	if d == nil {
		if len(r.Repo.FactChecks) > 0 {
			r.Report(content.ReviewersFile, content.Pos{Line: 1, Col: 1}, content.Error, "registry-missing", "the reviewer registry %s is missing; create it (see CONTRIBUTING.md#reviewers)", content.ReviewersFile)
		}
		return
	}
	owner := map[string]string{}
	handles := make([]string, 0, len(r.Repo.Reviewers))
	for h := range r.Repo.Reviewers {
		handles = append(handles, h)
	}
	sort.Strings(handles)
	for _, h := range handles {
		rv := r.Repo.Reviewers[h]
		for i, role := range rv.Roles {
			if _, ok := content.ReviewerRoles[role]; !ok {
				r.ReportDoc(d, d.At(rv.Handle, "roles", i), content.Error, "registry-role", "reviewer %q has unknown role %q; use clinician, scheduler or editor", rv.Handle, role)
			}
		}
		for i, e := range rv.Emails {
			local, domain, ok := strings.Cut(strings.TrimSpace(e), "@")
			key := strings.ToLower(strings.TrimSpace(e))
			switch {
			case !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(e, " <>,"):
				r.ReportDoc(d, d.At(rv.Handle, "emails", i), content.Error, "registry-email", "reviewer %q: %q is not an e-mail address; list the addresses their commits use, such as name@example.org", rv.Handle, e)
			case owner[key] != "":
				r.ReportDoc(d, d.At(rv.Handle, "emails", i), content.Error, "registry-email", "reviewer %q: %s is already registered for %q; an e-mail belongs to one person", rv.Handle, e, owner[key])
			default:
				owner[key] = rv.Handle
			}
		}
	}
}
