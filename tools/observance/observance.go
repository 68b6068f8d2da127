package observance

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// Files read and written by this package, relative to the repository root.
const (
	DataFile     = "data/observances.yaml"
	ResolvedFile = "data/observances_resolved.json"
)

// Scopes, kinds and confidence levels accepted in the data file.
var (
	Scopes      = []string{"us", "global"}
	Kinds       = []string{"month", "week", "day"}
	Confidences = []string{"confirmed", "likely", "unverified"}
	// Statuses: an observance that may have been discontinued is kept out of plans
	// until someone confirms it still runs.
	Statuses = []string{"active", "possibly-discontinued"}
)

// StatusPossiblyDiscontinued marks an observance that may no longer run.
const StatusPossiblyDiscontinued = "possibly-discontinued"

// Entry is one observance as written in data/observances.yaml (keyed by slug).
type Entry struct {
	Name  string `yaml:"name" required:"true"`
	Scope string `yaml:"scope" required:"true"`
	Kind  string `yaml:"kind" required:"true"`
	// Rule is the date rule; see RuleSyntax.
	Rule string `yaml:"rule" required:"true"`
	// Sponsor is the sponsor's web address.
	Sponsor string `yaml:"sponsor" required:"true"`
	// Source says where the rule was checked: the sponsor's own page where one exists.
	Source string `yaml:"source" required:"true"`
	// SourceNote says why Source is not on the sponsor's site; required when it is not.
	SourceNote string `yaml:"source_note"`
	// Verified is the date the rule was last checked against Source.
	Verified content.Date `yaml:"verified" required:"true"`
	// Confidence is confirmed, likely or unverified.
	Confidence string `yaml:"confidence" required:"true"`
	// Status is active (the default) or possibly-discontinued.
	Status string `yaml:"status"`
	// StatusNote says why the observance may have been discontinued.
	StatusNote string `yaml:"status_note"`
	// About says in a sentence or two what the observance is.
	About string `yaml:"about"`
	// Years holds dates entered by hand for one year, overriding the rule; the only
	// dates a rule "set by sponsor" ever has.
	Years map[int]YearEntry `yaml:"years"`
}

// YearEntry is the dates of an observance in one year, as announced by its sponsor.
type YearEntry struct {
	Start content.Date `yaml:"start" required:"true"`
	End   content.Date `yaml:"end" required:"true"`
	// Source is where the dates were announced.
	Source string `yaml:"source"`
}

// Observance is a loaded entry with its slug and parsed rule.
type Observance struct {
	Entry
	Slug   string
	Parsed Rule
}

// Resolve returns the observance's dates in year: the entry for that year if there is
// one, else the rule's. ok is false when no date is known (set by the sponsor and not
// yet entered).
func (o *Observance) Resolve(year int) (Range, bool) {
	if y, ok := o.Years[year]; ok {
		return Range{y.Start.Time, y.End.Time}, true
	}
	if o.Parsed == nil {
		return Range{}, false
	}
	return o.Parsed.Resolve(year)
}

// Set is every observance of the data file.
type Set struct {
	List []*Observance
	// Doc keeps positions for findings; its Problems hold what is wrong with the file.
	Doc *content.Doc

	bySlug map[string]*Observance
}

// Get returns the observance with slug, or nil.
func (s *Set) Get(slug string) *Observance {
	if s == nil {
		return nil
	}
	return s.bySlug[slug]
}

// Slugs returns every slug, sorted.
func (s *Set) Slugs() []string {
	var out []string
	for _, o := range s.List {
		out = append(out, o.Slug)
	}
	sort.Strings(out)
	return out
}

// Load reads data/observances.yaml under root. A missing file gives an empty set.
// Problems with entries (unknown keys, unreadable rules, impossible dates) are recorded
// in Set.Doc.Problems with their positions; an entry with a bad rule is kept with no
// dates.
func Load(root string) (*Set, error) {
	src, err := repofile.Read(root, filepath.Join(root, DataFile), repofile.DefaultDataLimit)
	if errors.Is(err, os.ErrNotExist) {
		return &Set{bySlug: map[string]*Observance{}, Doc: &content.Doc{Path: DataFile}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", DataFile, err)
	}
	return Parse(src), nil
}

// Parse reads the data file's bytes.
func Parse(src []byte) *Set {
	d := content.ParseDataFile(DataFile, src)
	s := &Set{Doc: d, bySlug: map[string]*Observance{}}
	if d.Front == nil {
		return s
	}
	if d.Front.Kind != yaml.MappingNode {
		d.Problems = append(d.Problems, content.Problem{Pos: content.Pos{Line: d.Front.Line, Col: d.Front.Column}, Severity: content.Error, Rule: "observance-data",
			Message: "observances must be a mapping of slug: fields; see docs/calendar.md"})
		return s
	}
	problem := func(pos content.Pos, format string, args ...any) {
		d.Problems = append(d.Problems, content.Problem{Pos: pos, Severity: content.Error, Rule: "observance-data", Message: fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(d.Front.Content); i += 2 {
		k, v := d.Front.Content[i], d.Front.Content[i+1]
		slug := k.Value
		var e Entry
		if !d.DecodeNode(v, &e, slug) {
			continue
		}
		o := &Observance{Entry: e, Slug: slug}
		if slug != strings.ToLower(slug) || strings.ContainsAny(slug, " _") {
			problem(d.At(slug), "observance slug %q must be lower-case words joined by hyphens", slug)
		}
		if _, dup := s.bySlug[slug]; dup {
			problem(d.At(slug), "observance %q is defined twice", slug)
			continue
		}
		if !slices.Contains(Scopes, e.Scope) {
			problem(d.At(slug, "scope"), "%s: scope %q must be one of %s", slug, e.Scope, strings.Join(Scopes, ", "))
		}
		if !slices.Contains(Kinds, e.Kind) {
			problem(d.At(slug, "kind"), "%s: kind %q must be one of %s", slug, e.Kind, strings.Join(Kinds, ", "))
		}
		if !slices.Contains(Confidences, e.Confidence) {
			problem(d.At(slug, "confidence"), "%s: confidence %q must be one of %s", slug, e.Confidence, strings.Join(Confidences, ", "))
		}
		if !strings.HasPrefix(e.Sponsor, "https://") {
			problem(d.At(slug, "sponsor"), "%s: sponsor must be the sponsor's https:// address", slug)
		} else if strings.TrimSpace(e.SourceNote) == "" && !SameSite(e.Source, e.Sponsor) {
			d.Problems = append(d.Problems, content.Problem{Pos: d.At(slug, "source"), Severity: content.Warning, Rule: "observance-source",
				Message: fmt.Sprintf("%s: source is not on the sponsor's site (%s); cite the sponsor's own page, or add source_note: saying why a secondary page is used", slug, e.Sponsor)})
		}
		if e.Status != "" && !slices.Contains(Statuses, e.Status) {
			problem(d.At(slug, "status"), "%s: status %q must be one of %s", slug, e.Status, strings.Join(Statuses, ", "))
		}
		if e.Status == StatusPossiblyDiscontinued && strings.TrimSpace(e.StatusNote) == "" {
			problem(d.At(slug, "status"), "%s: a possibly-discontinued observance needs status_note: saying in a sentence why, for schedulers", slug)
		}
		if r, err := ParseRule(e.Rule); err != nil {
			problem(d.At(slug, "rule"), "%s: %v", slug, err)
		} else {
			o.Parsed = r
		}
		for y, ye := range e.Years {
			pos := d.At(slug, "years", strconv.Itoa(y))
			switch {
			case y < 2000 || y > 2100:
				problem(pos, "%s: year %d is not a year to plan for", slug, y)
			case ye.Start.Year() != y:
				problem(pos, "%s: the %d entry starts in %d", slug, y, ye.Start.Year())
			case ye.End.Before(ye.Start.Time):
				problem(pos, "%s: the %d entry ends before it starts", slug, y)
			}
		}
		s.List = append(s.List, o)
		s.bySlug[slug] = o
	}
	sort.Slice(s.List, func(i, j int) bool { return s.List[i].Slug < s.List[j].Slug })
	return s
}

func status(o *Observance) string {
	if o.Status == "active" {
		return ""
	}
	return o.Status
}

// InDoubt reports whether the observance may have been discontinued.
func (o *Observance) InDoubt() bool { return o.Status == StatusPossiblyDiscontinued }

// SameSite reports whether page is on the site of sponsor: the same host, a host
// under it, or both under the same registered name (www.cdc.gov and cdc.gov).
func SameSite(page, sponsor string) bool {
	p, err1 := url.Parse(strings.TrimSpace(page))
	s, err2 := url.Parse(strings.TrimSpace(sponsor))
	if err1 != nil || err2 != nil || p.Host == "" || s.Host == "" {
		return false
	}
	ph := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
	sh := strings.TrimPrefix(strings.ToLower(s.Hostname()), "www.")
	return ph == sh || strings.HasSuffix(ph, "."+sh) || strings.HasSuffix(sh, "."+ph)
}

// Resolved is one observance's dates in one year, as written to
// data/observances_resolved.json for the site.
type Resolved struct {
	Slug  string `json:"slug"`
	Name  string `json:"name"`
	Scope string `json:"scope"`
	Kind  string `json:"kind"`
	Start string `json:"start"`
	End   string `json:"end"`
	URL   string `json:"url"`
	Year  int    `json:"year"`
	About string `json:"about,omitempty"`
	Rule  string `json:"rule"`
	// Confidence is the data file's: confirmed, likely or unverified. Anything but
	// confirmed is marked wherever the date is shown.
	Confidence string `json:"confidence"`
	// Status is possibly-discontinued, or empty for an active observance.
	Status     string `json:"status,omitempty"`
	StatusNote string `json:"status_note,omitempty"`
	// Source and Verified say where and when the date rule was last checked.
	Source   string `json:"source"`
	Verified string `json:"verified"`
}

// Confirmed reports whether the date is confirmed and the observance not in doubt.
func (r Resolved) Confirmed() bool { return r.Confidence == "confirmed" && r.Status == "" }

// ResolveYears returns every observance with known dates in each year, by start date
// then slug.
func (s *Set) ResolveYears(years ...int) []Resolved {
	var out []Resolved
	for _, y := range years {
		for _, o := range s.List {
			r, ok := o.Resolve(y)
			if !ok {
				continue
			}
			out = append(out, Resolved{Slug: o.Slug, Name: o.Name, Scope: o.Scope, Kind: o.Kind,
				Start: r.Start.Format("2006-01-02"), End: r.End.Format("2006-01-02"), URL: o.Sponsor, Year: y, About: o.About, Rule: o.Rule,
				Confidence: o.Confidence, Status: status(o), StatusNote: o.StatusNote, Source: o.Source, Verified: o.Verified.String()})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Slug < out[j].Slug
	})
	return out
}

// ResolvedJSON returns the content of data/observances_resolved.json for years.
func (s *Set) ResolvedJSON(years ...int) ([]byte, error) {
	list := s.ResolveYears(years...)
	if list == nil {
		list = []Resolved{}
	}
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding resolved observances: %w", err)
	}
	return append(b, '\n'), nil
}
