// Package cite implements `factdesk cite`, which prints a citation entry filled in from
// Crossref, PubMed or a page's own metadata, ready to paste under citations:.
package cite

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

// Options are the parsed flags and arguments of `factdesk cite`.
type Options struct {
	Factory *factory.Factory
	// Source is the DOI, PubMed ID or web address.
	Source string
	// Key replaces the generated citation key.
	Key string
	// Record writes what the pages read today into the unrecorded web citations of the
	// fact-checks at Paths, instead of printing an entry.
	Record bool
	Paths  []string
}

// NewCmdCite returns the cite command. runF replaces the run function in tests.
func NewCmdCite(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "cite DOI|PMID|URL",
		Short: "Print a citation entry filled in from Crossref, PubMed or the page itself",
		Long: `Cite looks a source up and prints a citation entry ready to paste under citations: in a
fact-check's front matter, so that titles are never typed by hand.

A DOI is read from Crossref (or doi.org for DOIs other agencies registered), a PubMed ID from
PubMed, and a web address from the page's own citation_* and OpenGraph tags or its title.
The study type is guessed from PubMed's publication types or the title: check it. A
retracted paper is flagged; it may only be cited with role: subject.

For a web page, the entry also records what you read: the date, a fingerprint of the page's
main text and an archived copy (Save Page Now, unless citations.archive.save is false).
With --record, cite takes fact-check files instead and writes those three lines into each
web and guideline citation that has none yet; recorded citations are left alone. Review the
pages before you commit: the record says this is what the fact-check was checked against.`,
		Example: `  factdesk cite 10.1016/j.vaccine.2014.04.085
  factdesk cite 9500320
  factdesk cite https://www.who.int/news-room/fact-sheets/detail/measles
  factdesk cite --record factchecks/mmr-vaccine-autism.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Record {
				if len(args) == 0 {
					return factory.UsageErrorf("--record takes the fact-check files to record, e.g. factdesk cite --record factchecks/mmr-vaccine-autism.md")
				}
				return nil
			}
			if len(args) != 1 {
				return factory.UsageErrorf("give one DOI, PubMed ID or web address, e.g. factdesk cite 10.1016/j.vaccine.2014.04.085")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Record {
				opts.Paths = args
			} else {
				opts.Source = strings.TrimSpace(args[0])
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Record {
				return RunRecord(cmd.Context(), opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Key, "key", "", "citation key to use instead of the generated one")
	cmd.Flags().BoolVar(&opts.Record, "record", false, "write what each unrecorded web citation of the given fact-checks reads today into it")
	return cmd
}

var (
	doiInText  = regexp.MustCompile(`^(?i:(?:doi:|https?://(?:dx\.)?doi\.org/))?(10\.\d{4,9}/\S+)$`)
	pmidInText = regexp.MustCompile(`^(?i:pmid:?\s*|https?://pubmed\.ncbi\.nlm\.nih\.gov/)?([1-9][0-9]{0,8})/?$`)
	keyCleaner = regexp.MustCompile(`[^a-z0-9]+`)
)

// Kind tells what a source argument is: "doi", "pmid" or "web", with the bare identifier.
func Kind(s string) (kind, id string, ok bool) {
	if m := doiInText.FindStringSubmatch(s); m != nil {
		return "doi", strings.TrimRight(m[1], ".,;"), true
	}
	if m := pmidInText.FindStringSubmatch(s); m != nil {
		return "pmid", m[1], true
	}
	if u, err := url.Parse(s); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return "web", s, true
	}
	return "", "", false
}

// Run looks the source up and prints the entry.
func Run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	kind, id, ok := Kind(opts.Source)
	if !ok {
		return factory.UsageErrorf("%q is not a DOI (10.…), a PubMed ID (digits) or a web address (https://…)", opts.Source)
	}
	cfg := config.Default()
	root, rootErr := f.Root()
	if rootErr == nil {
		if c, err := f.Config(); err == nil {
			cfg = c
		}
	}
	v := citation.New(citation.Options{Config: cfg.Citations, Contact: cfg.Organisation.Contact, Getenv: f.Getenv, HTTPClient: f.HTTPClient(), Now: f.Now})
	var entry content.Citation
	var notes []string
	var err error
	switch kind {
	case "doi":
		entry, notes, err = fromDOI(ctx, v, id)
	case "pmid":
		entry, notes, err = fromPMID(ctx, v, id)
	default:
		entry, notes, err = fromPage(ctx, v, id, f.Now())
	}
	if err != nil {
		return err
	}
	if opts.Key != "" {
		entry.Key = opts.Key
	}
	if rootErr == nil {
		if p, _, perr := citation.LoadPolicy(root, cfg.Citations.PolicyFile()); perr == nil && p != nil {
			t := p.TierOf(entry)
			if t.Refused != "" {
				notes = append(notes, fmt.Sprintf("%s is on the refused list of %s: do not cite it", t.Domain, cfg.Citations.PolicyFile()))
			} else {
				notes = append(notes, fmt.Sprintf("tier %d (%s) under %s", t.Level, p.Label(t.Level), cfg.Citations.PolicyFile()))
			}
		}
	}
	out, err := render(entry, notes)
	if err != nil {
		return fmt.Errorf("writing the entry: %w", err)
	}
	_, err = fmt.Fprint(f.IO.Out, out)
	return err
}

func lookupError(what string, rec citation.Record) error {
	if rec.Status == citation.NotFound {
		return fmt.Errorf("%s is not registered: %s; check it was copied exactly", what, rec.Reason)
	}
	return fmt.Errorf("%s could not be looked up: %s; try again later", what, rec.Reason)
}

func fromDOI(ctx context.Context, v *citation.Verifier, doi string) (content.Citation, []string, error) {
	rec := v.DOI(ctx, doi)
	if rec.Status != citation.OK {
		return content.Citation{}, nil, lookupError("DOI "+doi, rec)
	}
	c := content.Citation{Kind: "doi", ID: doi, Title: citation.StripMarker(rec.Title), Publisher: firstOf(rec.Journal, rec.Publisher), Year: rec.Year(), Authors: citation.FirstNames(rec)}
	var notes []string
	if rec.Source == "doi.org" {
		// Another agency registered it: read the landing page's own metadata.
		if rec.URL != "" {
			if _, resp, err := v.Web.Page(ctx, rec.URL); err == nil && resp.Status < 300 {
				m := citation.ParsePageMeta(resp.Body)
				c.Title, c.Publisher, c.Year = m.Title, firstOf(m.Journal, m.Publisher, m.SiteName), m.Year
				rec.Authors = m.Authors
				c.Authors = nil // a landing page's author tags are not a registry's record
			}
		}
		notes = append(notes, "registered outside Crossref: check the title, publisher and year against the landing page")
	}
	c.StudyType, notes = guessStudyType(c.Title, nil, notes)
	c.Key = makeKey(rec.Authors, c.Title, c.Year)
	return c, append(notes, retractionNotes(rec)...), nil
}

func fromPMID(ctx context.Context, v *citation.Verifier, pmid string) (content.Citation, []string, error) {
	rec := v.PMID(ctx, pmid)
	if rec.Status != citation.OK {
		return content.Citation{}, nil, lookupError("PubMed ID "+pmid, rec)
	}
	journal := rec.Journal
	if len(rec.Journals) > 0 {
		journal = rec.Journals[0] // the ISO abbreviation reads better than "Lancet (London, England)"
	}
	c := content.Citation{Kind: "pmid", ID: pmid, Title: strings.TrimSuffix(rec.Title, "."), Publisher: journal, Year: rec.Year(), Authors: citation.FirstNames(rec)}
	var notes []string
	c.StudyType, notes = guessStudyType(c.Title, rec.PubTypes, nil)
	c.Key = makeKey(rec.Authors, c.Title, c.Year)
	return c, append(notes, retractionNotes(rec)...), nil
}

func fromPage(ctx context.Context, v *citation.Verifier, raw string, now time.Time) (content.Citation, []string, error) {
	final, resp, err := v.Web.Page(ctx, raw)
	if err != nil {
		return content.Citation{}, nil, err
	}
	if resp.Status >= 300 {
		return content.Citation{}, nil, fmt.Errorf("%s answered %d; cite is for pages that open, check the address", citation.Redact(raw), resp.Status)
	}
	m := citation.ParsePageMeta(resp.Body)
	if m.DOI != "" {
		if c, notes, err := fromDOI(ctx, v, m.DOI); err == nil {
			return c, append(notes, "the page names DOI "+m.DOI+", so the entry cites the DOI"), nil
		}
	}
	if m.Title == "" {
		return content.Citation{}, nil, fmt.Errorf("%s has no title to cite; fill the entry in by hand", citation.Redact(raw))
	}
	u, _ := url.Parse(final)
	host := strings.TrimPrefix(u.Hostname(), "www.")
	c := content.Citation{Kind: "web", ID: final, Title: m.Title, Publisher: firstOf(m.Journal, m.Publisher, m.SiteName, host), Year: m.Year}
	notes := []string{"kind: web; change it to guideline if this is a guideline"}
	if final != raw {
		notes = append(notes, "the address redirected; the entry cites where it led")
	}
	if c.Year == 0 {
		notes = append(notes, "the page gives no date: fill year in")
	}
	c.StudyType, notes = guessStudyType(c.Title, nil, notes)
	label := host
	if i := strings.IndexByte(label, '.'); i > 0 {
		label = label[:i]
	}
	if len(m.Authors) > 0 {
		label = familyName(m.Authors[0])
	}
	c.Key = makeKey([]string{label}, c.Title, c.Year)
	notes = append(notes, record(ctx, v, &c, resp.Body, now)...)
	return c, notes, nil
}

// record fills in what the reviewer sees of a page today: the date, the fingerprint of
// its main text and an archived copy, when one can be had.
func record(ctx context.Context, v *citation.Verifier, c *content.Citation, page []byte, now time.Time) []string {
	return recordText(ctx, v, c, citation.MainText(page), now)
}

// recordText is record for a page whose main text has been read.
func recordText(ctx context.Context, v *citation.Verifier, c *content.Citation, text []string, now time.Time) []string {
	c.Retrieved = content.Date{Time: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
	c.Fingerprint = citation.Fingerprint(text)
	var notes []string
	if len(text) == 0 {
		notes = append(notes, "the page has no readable main text (a script-only page?); its fingerprint cannot tell changes apart")
	}
	archived, why := v.Archive.Save(ctx, c.ID)
	if archived == "" {
		return append(notes, "no archived copy: "+why)
	}
	c.Archived = archived
	return notes
}

// familyName reads "Hviid, Anders" or "Anders Hviid" as Hviid.
func familyName(author string) string {
	if i := strings.IndexByte(author, ','); i > 0 {
		return author[:i]
	}
	f := strings.Fields(author)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func retractionNotes(rec citation.Record) []string {
	var notes []string
	for _, n := range rec.Notices {
		notice := ""
		switch {
		case n.DOI != "":
			notice = " (notice " + n.DOI
		case n.PMID != "":
			notice = " (notice PMID " + n.PMID
		}
		if notice != "" && n.Date != "" {
			notice += ", " + n.Date
		}
		if notice != "" {
			notice += ")"
		}
		if n.Severity() == content.Error {
			notes = append(notes, fmt.Sprintf("RETRACTED: this work has %s%s; cite it only with role: subject", n.Label(), notice))
		} else if n.Severity() == content.Warning {
			notes = append(notes, fmt.Sprintf("this work has %s%s: prefer other evidence", n.Label(), notice))
		}
	}
	return notes
}

// guessStudyType places a work on the evidence scale from PubMed publication types or,
// failing those, its title.
func guessStudyType(title string, pubTypes []string, notes []string) (string, []string) {
	for _, order := range []struct{ pt, st string }{
		{"Practice Guideline", "guideline"}, {"Guideline", "guideline"},
		{"Systematic Review", "systematic-review"}, {"Meta-Analysis", "systematic-review"},
		{"Randomized Controlled Trial", "randomised-trial"},
		{"Observational Study", "observational"}, {"Multicenter Study", "observational"},
		{"Case Reports", "case-report"},
		{"Editorial", "expert-opinion"}, {"Comment", "expert-opinion"}, {"Review", "expert-opinion"},
	} {
		for _, pt := range pubTypes {
			if pt == order.pt {
				return order.st, append(notes, "study_type from PubMed's publication type "+pt)
			}
		}
	}
	t := strings.ToLower(title)
	guess := "other"
	switch {
	case strings.Contains(t, "guideline") || strings.Contains(t, "recommendation"):
		guess = "guideline"
	case strings.Contains(t, "systematic review") || strings.Contains(t, "meta-analysis") || strings.Contains(t, "meta analysis"):
		guess = "systematic-review"
	case (strings.Contains(t, "randomized") || strings.Contains(t, "randomised")) && strings.Contains(t, "trial"):
		guess = "randomised-trial"
	case strings.Contains(t, "cohort") || strings.Contains(t, "case-control") || strings.Contains(t, "cross-sectional"):
		guess = "observational"
	case strings.Contains(t, "case report"):
		guess = "case-report"
	}
	return guess, append(notes, "study_type guessed from the title: check it")
}

func makeKey(authors []string, title string, year int) string {
	base := ""
	if len(authors) > 0 {
		base = authors[0]
	} else if f := strings.Fields(title); len(f) > 0 {
		base = f[0]
	}
	base = keyCleaner.ReplaceAllString(strings.ToLower(asciiFold(base)), "")
	if base == "" {
		base = "source"
	}
	if year > 0 {
		base += fmt.Sprint(year)
	}
	return base
}

func asciiFold(s string) string {
	s = citation.Normalise(s)
	return strings.Map(func(r rune) rune {
		if r > unicode.MaxASCII {
			return -1
		}
		return r
	}, s)
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// render writes the entry as a one-item YAML list, with notes as comments above it.
func render(c content.Citation, notes []string) (string, error) {
	item := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k, v string, tag string, comment string) {
		item.Content = append(item.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: tag, LineComment: comment})
	}
	add("key", c.Key, "!!str", "")
	add("kind", c.Kind, "!!str", "")
	add("id", c.ID, "!!str", "")
	add("title", c.Title, "!!str", "")
	add("publisher", c.Publisher, "!!str", "")
	if c.Year > 0 {
		add("year", fmt.Sprint(c.Year), "!!int", "")
	} else {
		add("year", "", "!!null", "fill in the year")
	}
	add("study_type", c.StudyType, "!!str", "")
	if len(c.Authors) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, a := range c.Authors {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: a, Tag: "!!str"})
		}
		item.Content = append(item.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "authors"}, seq)
	}
	if !c.Retrieved.IsZero() {
		add("retrieved", c.Retrieved.String(), "!!str", "")
		add("fingerprint", c.Fingerprint, "!!str", "")
		if c.Archived != "" {
			add("archived", c.Archived, "!!str", "")
		}
	}
	for _, n := range notes {
		if strings.HasPrefix(n, "RETRACTED") {
			add("role", "subject", "!!str", "only if this fact-check is about this paper's claim")
			break
		}
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}
	var b strings.Builder
	for _, n := range notes {
		b.WriteString("# " + n + "\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(list); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}
