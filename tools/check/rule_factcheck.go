package check

import (
	"context"
	"net/url"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/readability"
)

// MaxClaimShort is the longest claim_short ClaimReview accepts, exclusive.
const MaxClaimShort = 75

func init() {
	Register(Rule{
		ID:          "factcheck-fields",
		Description: "fact-check fields hold allowed values: verdict on the scale, short claim, topics, language, appearances, corrections",
		Check:       checkFactCheckFields,
	})
	Register(Rule{
		ID:          "factcheck-dates",
		Description: "published ≤ last_reviewed < next_review, and corrections and withdrawal are not before publication",
		Check:       checkFactCheckDates,
	})
}

func checkFactCheckFields(_ context.Context, r *Run) {
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		if _, ok := r.Repo.Verdict(f.Verdict); !ok && f.Verdict != "" {
			r.ReportDoc(f.Doc, f.At("verdict"), content.Error, "verdict-unknown", "verdict %q is not on the scale; use one of %s", f.Verdict, verdictList(r))
		}
		if n := len([]rune(f.ClaimShort)); n >= MaxClaimShort {
			r.ReportDoc(f.Doc, f.At("claim_short"), content.Error, "claim-short-length", "claim_short has %d characters; ClaimReview needs fewer than %d, so shorten it", n, MaxClaimShort)
		}
		words := " " + strings.ToLower(wordsOnly(f.ClaimShort)) + " "
		for _, v := range r.Repo.Verdicts {
			if containsWord(words, v.Label) || containsWord(words, strings.ReplaceAll(v.Slug, "-", " ")) {
				r.ReportDoc(f.Doc, f.At("claim_short"), content.Error, "claim-short-verdict", "claim_short contains the verdict word %q; state the claim only, the verdict goes in `verdict`", v.Label)
				break
			}
		}
		for i, t := range f.Topics {
			if !content.SlugPattern.MatchString(t) {
				r.ReportDoc(f.Doc, f.At("topics", i), content.Error, "topic-format", "topic %q must be lower-case words joined by hyphens, e.g. %q", t, content.Slugify(t))
			}
		}
		if _, ok := content.Languages[f.Lang]; !ok {
			r.ReportDoc(f.Doc, f.At("lang"), content.Error, "lang-unknown", "lang %q is not supported; use en or es", f.Lang)
		}
		if !content.SlugPattern.MatchString(f.Slug) {
			r.ReportDoc(f.Doc, content.Pos{Line: 1, Col: 1}, content.Error, "slug-format", "the file name %q is the page address; rename it to lower-case words joined by hyphens, e.g. %q", f.Slug+".md", content.Slugify(f.Slug)+".md")
		}
		for i, a := range f.Appearances {
			if a.URL != "" && !isHTTPURL(a.URL) {
				r.ReportDoc(f.Doc, f.At("appearances", i, "url"), content.Error, "appearance-url", "appearances[%d].url %q must be a full http(s) address", i+1, a.URL)
			}
		}
		for i, c := range f.Corrections {
			if _, ok := content.CorrectionKinds[c.Kind]; !ok && c.Kind != "" {
				r.ReportDoc(f.Doc, f.At("corrections", i, "kind"), content.Error, "correction-kind", "corrections[%d].kind %q is unknown; use correction, clarification or update", i+1, c.Kind)
			}
		}
		if strings.TrimSpace(f.BottomLine) != "" && readability.Measure(f.BottomLine, f.Lang).Sentences > 1 {
			r.ReportDoc(f.Doc, f.At("bottom_line"), content.Warning, "bottom-line-sentences", "bottom_line should be one sentence; move the rest into the body")
		}
	}
}

func checkFactCheckDates(_ context.Context, r *Run) {
	for _, f := range r.Repo.FactChecks {
		if !f.OK {
			continue
		}
		if !f.LastReviewed.IsZero() && !f.Published.IsZero() && f.LastReviewed.Before(f.Published.Time) {
			r.ReportDoc(f.Doc, f.At("last_reviewed"), content.Error, "date-order", "last_reviewed (%s) is before published (%s); a check is reviewed before it is published", f.LastReviewed, f.Published)
		}
		if !f.NextReview.IsZero() && !f.LastReviewed.IsZero() && !f.NextReview.After(f.LastReviewed.Time) {
			r.ReportDoc(f.Doc, f.At("next_review"), content.Error, "date-order", "next_review (%s) must be after last_reviewed (%s)", f.NextReview, f.LastReviewed)
		}
		for i, c := range f.Corrections {
			if !c.Date.IsZero() && c.Date.Before(f.Published.Time) {
				r.ReportDoc(f.Doc, f.At("corrections", i, "date"), content.Error, "date-order", "corrections[%d].date (%s) is before published (%s)", i+1, c.Date, f.Published)
			}
		}
		if f.Withdrawn != nil && !f.Withdrawn.Date.IsZero() && f.Withdrawn.Date.Before(f.Published.Time) {
			r.ReportDoc(f.Doc, f.At("withdrawn", "date"), content.Error, "date-order", "withdrawn.date (%s) is before published (%s)", f.Withdrawn.Date, f.Published)
		}
		if !f.Published.IsZero() && f.Published.After(r.Today) {
			r.ReportDoc(f.Doc, f.At("published"), content.Note, "published-future", "published (%s) is after today; the page will show this date", f.Published)
		}
	}
}

func verdictList(r *Run) string {
	var s []string
	for _, v := range r.Repo.Verdicts {
		s = append(s, v.Slug)
	}
	return strings.Join(s, ", ")
}

// containsWord reports whether word occurs in words, the lower-cased output of
// wordsOnly padded with a space at each end.
func containsWord(words, word string) bool {
	if word == "" {
		return false
	}
	return strings.Contains(words, " "+strings.ToLower(word)+" ")
}

func wordsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '\'' || r == '’' {
			return r
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127) {
			return ' '
		}
		return r
	}, s)
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
