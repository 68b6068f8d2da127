package check

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
)

var (
	citeKeyPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	// doiRecommended is Crossref's recommended pattern for modern DOIs; a few valid DOIs
	// miss it, so missing it is a warning.
	doiRecommended = regexp.MustCompile(`^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$`)
	doiAny         = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)
	pmidPattern    = regexp.MustCompile(`^[1-9][0-9]{0,8}$`)
)

func init() {
	Register(Rule{
		ID:          "citations",
		Description: "citations have unique keys, known kinds, study types and roles, and identifiers of the right syntax",
		Check:       checkCitations,
	})
	Register(Rule{
		ID:          "cite-keys",
		Description: "every key cited in the body is defined, and every defined citation is cited",
		Check:       checkCiteKeys,
	})
}

func checkCitations(_ context.Context, r *Run) {
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		seen := map[string]int{}
		evidence := 0
		for i, c := range f.Citations {
			at := func(field string) content.Pos { return f.At("citations", i, field) }
			if c.Key != "" && !citeKeyPattern.MatchString(c.Key) {
				r.ReportDoc(f.Doc, at("key"), content.Error, "citation-key", "citation key %q may hold only letters, digits, - and _", c.Key)
			}
			if j, dup := seen[c.Key]; dup && c.Key != "" {
				r.ReportDoc(f.Doc, at("key"), content.Error, "citation-key-duplicate", "citation key %q is already used by citation %d; keys must be unique", c.Key, j+1)
			}
			seen[c.Key] = i
			if _, ok := content.CitationKinds[c.Kind]; !ok && c.Kind != "" {
				r.ReportDoc(f.Doc, at("kind"), content.Error, "citation-kind", "citation %q: kind %q is unknown; use doi, pmid, guideline or web", c.Key, c.Kind)
			}
			if _, ok := content.StudyTypes[c.StudyType]; !ok && c.StudyType != "" {
				r.ReportDoc(f.Doc, at("study_type"), content.Error, "study-type", "citation %q: study_type %q is not on the evidence scale; use one of guideline, systematic-review, randomised-trial, observational, case-report, expert-opinion, other", c.Key, c.StudyType)
			}
			role := c.Role
			if role == "" {
				role = "evidence"
			}
			if _, ok := content.CitationRoles[role]; !ok {
				r.ReportDoc(f.Doc, at("role"), content.Error, "citation-role", "citation %q: role %q is unknown; use evidence or subject", c.Key, c.Role)
			}
			if role == "evidence" {
				evidence++
			}
			if c.Year != 0 && (c.Year < 1600 || c.Year > r.Today.Year()+1) {
				r.ReportDoc(f.Doc, at("year"), content.Error, "citation-year", "citation %q: year %d is not plausible", c.Key, c.Year)
			}
			// An empty value is reported once, as a required field, by the loader.
			kind := c.Kind
			if strings.TrimSpace(c.ID) == "" {
				kind = ""
			}
			switch kind {
			case "doi":
				switch {
				case doiRecommended.MatchString(c.ID):
				case doiAny.MatchString(c.ID):
					r.ReportDoc(f.Doc, at("id"), content.Warning, "doi-syntax", "citation %q: DOI %q has characters outside Crossref's recommended pattern; check it was copied exactly", c.Key, c.ID)
				default:
					r.ReportDoc(f.Doc, at("id"), content.Error, "doi-syntax", "citation %q: %q is not a DOI; write the bare DOI starting with 10. (no https://doi.org/)", c.Key, c.ID)
				}
			case "pmid":
				if !pmidPattern.MatchString(c.ID) {
					r.ReportDoc(f.Doc, at("id"), content.Error, "pmid-syntax", "citation %q: PubMed ID %q must be digits only, e.g. 9500320", c.Key, c.ID)
				}
			case "guideline", "web":
				if !isHTTPURL(c.ID) {
					r.ReportDoc(f.Doc, at("id"), content.Error, "url-syntax", "citation %q: %q must be a full https:// address", c.Key, c.ID)
				}
			}
			checkCitationRecordFields(r, f, i, c)
			if c.URL != "" && !isHTTPURL(c.URL) {
				r.ReportDoc(f.Doc, at("url"), content.Error, "url-syntax", "citation %q: url %q must be a full https:// address", c.Key, c.URL)
			}
		}
		if len(f.Citations) > 0 && evidence == 0 {
			r.ReportDoc(f.Doc, f.KeyAt("citations"), content.Error, "citation-evidence", "every citation is marked role: subject; cite at least one source as evidence for the verdict")
		}
	}
}

func checkCiteKeys(_ context.Context, r *Run) {
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		defined := map[string]bool{}
		for _, c := range f.Citations {
			defined[c.Key] = true
		}
		used := map[string]bool{}
		for _, ref := range f.Refs {
			used[ref.Target] = true
			if !defined[ref.Target] {
				hint := "add it under citations"
				if s := closest(ref.Target, defined); s != "" {
					hint = "did you mean " + strconv.Quote(s) + "?"
				}
				r.ReportDoc(f.Doc, ref.Pos, content.Error, "citation-undefined", "the body cites %q, which is not defined under citations; %s", ref.Target, hint)
			}
		}
		for i, c := range f.Citations {
			if !used[c.Key] && c.Key != "" {
				r.ReportDoc(f.Doc, f.At("citations", i, "key"), content.Warning, "citation-unused", "citation %q is never cited in the body; cite it with [](cite:%s) or remove it", c.Key, c.Key)
			}
		}
	}
}

func closest(key string, set map[string]bool) string {
	best, bestD := "", 3
	for k := range set {
		if d := content.EditDistance([]rune(key), []rune(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

var fingerprintPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// checkCitationRecordFields checks the fields that record a source: authors belong to
// DOI and PubMed citations, retrieval date, fingerprint and archived copy to pages.
func checkCitationRecordFields(r *Run, f *content.FactCheckDoc, i int, c content.Citation) {
	at := func(field string) content.Pos { return f.At("citations", i, field) }
	page := c.Kind == "web" || c.Kind == "guideline"
	if len(c.Authors) > 0 && page {
		r.ReportDoc(f.Doc, at("authors"), content.Error, "citation-authors", "citation %q: authors are checked only for DOI and PubMed citations; name a page's organisation under publisher instead", c.Key)
	}
	for j, a := range c.Authors {
		if strings.TrimSpace(a) == "" {
			r.ReportDoc(f.Doc, f.At("citations", i, "authors", j), content.Error, "citation-authors", "citation %q: author %d is empty; write each author as the registry lists them, e.g. \"Taylor LE\"", c.Key, j+1)
		}
	}
	if !page {
		for _, field := range []string{"retrieved", "fingerprint", "archived"} {
			if f.Has("citations", i, field) {
				r.ReportDoc(f.Doc, at(field), content.Error, "citation-page-record", "citation %q: %s is recorded only for web and guideline citations; remove it", c.Key, field)
			}
		}
		return
	}
	if c.Fingerprint != "" && !fingerprintPattern.MatchString(c.Fingerprint) {
		r.ReportDoc(f.Doc, at("fingerprint"), content.Error, "citation-fingerprint", "citation %q: fingerprint %q is not one factdesk wrote (sha256: and 64 hex digits); run factdesk cite %s again and copy its fingerprint", c.Key, c.Fingerprint, c.ID)
	}
	if c.Fingerprint != "" && c.Retrieved.IsZero() {
		r.ReportDoc(f.Doc, at("fingerprint"), content.Error, "citation-fingerprint", "citation %q: a fingerprint needs the date the page was retrieved (retrieved: YYYY-MM-DD)", c.Key)
	}
	if !c.Retrieved.IsZero() && c.Retrieved.After(r.Today) {
		r.ReportDoc(f.Doc, at("retrieved"), content.Error, "citation-retrieved", "citation %q: retrieved %s is in the future", c.Key, c.Retrieved)
	}
	if c.Archived != "" && !isHTTPURL(c.Archived) {
		r.ReportDoc(f.Doc, at("archived"), content.Error, "url-syntax", "citation %q: archived %q must be a full https:// address of the archived copy", c.Key, c.Archived)
	}
}
