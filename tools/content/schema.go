// Package content defines factdesk's content model — fact-checks, campaign posts,
// citations, the reviewer registry and the verdict scale — and loads it from the
// repository with the position of every field, so that findings can point at a line.
//
// The schema is the set of struct types in this file. A field's yaml tag is its
// front-matter key; the `required` tag marks keys that must be present. The check
// for unknown keys and for missing keys reads the same tags, so adding a field
// here is the one edit that extends the model.
package content

import (
	"slices"
	"time"

	"gopkg.in/yaml.v3"
)

// FactCheck is the front matter of one file under factchecks/.
type FactCheck struct {
	Title        string       `yaml:"title" required:"true"`
	Claim        string       `yaml:"claim" required:"true"`
	ClaimShort   string       `yaml:"claim_short" required:"true"`
	Claimant     string       `yaml:"claimant"`
	Verdict      string       `yaml:"verdict" required:"true"`
	BottomLine   string       `yaml:"bottom_line" required:"true"`
	Summary      string       `yaml:"summary"`
	Appearances  []Appearance `yaml:"appearances" required:"true"`
	Phrasings    []string     `yaml:"phrasings"`
	Topics       []string     `yaml:"topics" required:"true"`
	Observances  []string     `yaml:"observances"`
	Author       string       `yaml:"author" required:"true"`
	Reviewers    []string     `yaml:"reviewers" required:"true"`
	Published    Date         `yaml:"published" required:"true"`
	LastReviewed Date         `yaml:"last_reviewed" required:"true"`
	NextReview   Date         `yaml:"next_review" required:"true"`
	Citations    []Citation   `yaml:"citations" required:"true"`
	Corrections  []Correction `yaml:"corrections"`
	// Positions record that a named authority's position changed or differs from
	// others'; the page shows them beside the verdict. They are not part of ClaimReview.
	Positions      []Position  `yaml:"positions"`
	Withdrawn      *Withdrawal `yaml:"withdrawn"`
	TranslationKey string      `yaml:"translationKey"`
	Lang           string      `yaml:"lang"`
	Replies        []Reply     `yaml:"replies"`
	Draft          bool        `yaml:"draft"`
	// Slug is taken from the file name, never from front matter.
	Slug string `yaml:"-"`
}

// Appearance is a place where a claim was seen.
type Appearance struct {
	URL      string `yaml:"url" required:"true"`
	Platform string `yaml:"platform"`
	Date     Date   `yaml:"date"`
	// Archived is an archive copy of the appearance, if any.
	Archived string `yaml:"archived"`
}

// Citation is one source cited by a fact-check.
type Citation struct {
	Key        string `yaml:"key" required:"true"`
	Kind       string `yaml:"kind" required:"true"`
	ID         string `yaml:"id" required:"true"`
	Title      string `yaml:"title" required:"true"`
	Publisher  string `yaml:"publisher" required:"true"`
	Year       int    `yaml:"year" required:"true"`
	StudyType  string `yaml:"study_type" required:"true"`
	Role       string `yaml:"role"`
	URL        string `yaml:"url"`
	Superseded bool   `yaml:"superseded"`
	Note       string `yaml:"note"`
	// Authors are the first authors of a DOI or PubMed citation as the registry lists
	// them, in order, "Family Initials" (up to three; a group by its name). Only family
	// names are compared with the registries.
	Authors []string `yaml:"authors"`
	// Retrieved, Fingerprint and Archived record what a reviewer saw of a web or
	// guideline citation: the day it was read, a fingerprint of the page's main text
	// ("sha256:" and 64 hex digits, see citation.Fingerprint) and an archived copy.
	Retrieved   Date   `yaml:"retrieved"`
	Fingerprint string `yaml:"fingerprint"`
	Archived    string `yaml:"archived"`
}

// Position records that an authority's position on the claim changed, or differs
// from other authorities', with the date and a sentence saying how.
type Position struct {
	Authority string `yaml:"authority" required:"true"`
	Kind      string `yaml:"kind" required:"true"`
	Date      Date   `yaml:"date" required:"true"`
	Text      string `yaml:"text" required:"true"`
	// Citations are the keys of the citations the position concerns, if any.
	Citations []string `yaml:"citations"`
}

// Correction is one entry of a fact-check's public corrections log.
type Correction struct {
	Date Date   `yaml:"date" required:"true"`
	Kind string `yaml:"kind" required:"true"`
	Note string `yaml:"note" required:"true"`
}

// Withdrawal marks a fact-check as withdrawn.
type Withdrawal struct {
	Date   Date   `yaml:"date" required:"true"`
	Reason string `yaml:"reason" required:"true"`
}

// Reply is a short ready-made answer to a comment repeating the myth.
type Reply struct {
	Label string `yaml:"label" required:"true"`
	Text  string `yaml:"text" required:"true"`
}

// Post is the front matter of one campaign post under campaigns/.
type Post struct {
	Title      string            `yaml:"title" required:"true"`
	Observance string            `yaml:"observance" required:"true"`
	PublishAt  string            `yaml:"publish_at" required:"true"`
	Timezone   string            `yaml:"timezone" required:"true"`
	Channels   []string          `yaml:"channels" required:"true"`
	Copy       map[string]string `yaml:"copy" required:"true"`
	FactCheck  string            `yaml:"factcheck"`
	Link       string            `yaml:"link"`
	Hashtags   []string          `yaml:"hashtags"`
	Images     []Image           `yaml:"images"`
	Draft      bool              `yaml:"draft"`
	Exported   map[string]string `yaml:"exported"`
	// Slug is taken from the file name, never from front matter.
	Slug string `yaml:"-"`
}

// Image is an image attached to a campaign post.
type Image struct {
	Src     string `yaml:"src" required:"true"`
	Alt     string `yaml:"alt" required:"true"`
	Person  bool   `yaml:"person"`
	Consent string `yaml:"consent"`
}

// Reviewer is one entry of the reviewer registry, data/reviewers.yaml.
type Reviewer struct {
	Name        string   `yaml:"name" required:"true"`
	Credentials []string `yaml:"credentials"`
	Specialty   string   `yaml:"specialty" required:"true"`
	Roles       []string `yaml:"roles" required:"true"`
	Conflicts   string   `yaml:"conflicts" required:"true"`
	// Emails are the addresses the reviewer writes commits with; the review gate
	// stops a reviewer from approving commits credited to any of them.
	Emails  []string `yaml:"emails"`
	Example bool     `yaml:"example"`
	Handle  string   `yaml:"-"`
}

// HasRole reports whether the reviewer holds role.
func (r Reviewer) HasRole(role string) bool { return slices.Contains(r.Roles, role) }

// Verdict is one level of the verdict scale, data/verdicts.yaml.
type Verdict struct {
	Slug    string `yaml:"slug" required:"true"`
	Label   string `yaml:"label" required:"true"`
	Rating  int    `yaml:"rating" required:"true"`
	Icon    string `yaml:"icon" required:"true"`
	Meaning string `yaml:"meaning" required:"true"`
}

// Enumerations of the content model. Each maps an accepted value to its meaning.
var (
	CitationKinds = map[string]string{
		"doi":       "a DOI, such as 10.1016/j.vaccine.2014.04.085",
		"pmid":      "a PubMed ID, digits only",
		"guideline": "a guideline's https:// address",
		"web":       "a web page's https:// address",
	}
	// StudyTypes is the evidence scale, strongest first (see EvidenceRank).
	StudyTypes = map[string]string{
		"guideline":         "clinical or public-health guideline",
		"systematic-review": "systematic review or meta-analysis",
		"randomised-trial":  "randomised controlled trial",
		"observational":     "cohort, case-control or cross-sectional study",
		"case-report":       "case report or case series",
		"expert-opinion":    "editorial, narrative review or expert statement",
		"other":             "news, fact sheet or anything else",
	}
	EvidenceOrder   = []string{"guideline", "systematic-review", "randomised-trial", "observational", "case-report", "expert-opinion", "other"}
	CitationRoles   = map[string]string{"evidence": "evidence for the verdict", "subject": "the source of the myth itself"}
	PositionKinds   = map[string]string{"changed": "the authority changed its position", "differs": "the authority's position differs from others'"}
	CorrectionKinds = map[string]string{"correction": "a factual error was fixed", "clarification": "wording was made clearer", "update": "new evidence was added"}
	ReviewerRoles   = map[string]string{"clinician": "reviews fact-checks", "scheduler": "approves campaign posts", "editor": "approves registry and policy changes"}
	Languages       = map[string]string{"en": "English", "es": "Spanish"}
)

// EvidenceRank returns the position of a study type on the evidence scale, 0 being
// the strongest, or -1 for an unknown type.
func EvidenceRank(studyType string) int {
	for i, s := range EvidenceOrder {
		if s == studyType {
			return i
		}
	}
	return -1
}

// Date is a calendar date written YYYY-MM-DD.
type Date struct{ time.Time }

// DateLayout is the only accepted way to write a Date.
const DateLayout = "2006-01-02"

// UnmarshalYAML parses a YYYY-MM-DD scalar.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := ParseDate(n.Value)
	if err != nil || n.Kind != yaml.ScalarNode {
		return &DateError{Value: n.Value}
	}
	d.Time = t
	return nil
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, &DateError{Value: s}
	}
	return t, nil
}

// MarshalYAML writes YYYY-MM-DD.
func (d Date) MarshalYAML() (any, error) { return d.String(), nil }

// MarshalText writes YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.Format(DateLayout)), nil
}

// String returns YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// DateError reports a date not written YYYY-MM-DD.
type DateError struct{ Value string }

func (e *DateError) Error() string {
	return "\"" + e.Value + "\" is not a date; write it as YYYY-MM-DD, for example 2027-02-01"
}
