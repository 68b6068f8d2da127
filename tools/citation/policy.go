package citation

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// Policy is the organisation's source-tier policy, data/source-policy.yaml. A source's
// tier is the worse (higher number) of what its study type allows and what its origin
// allows: the kind for DOIs and PubMed IDs, the web domain for guidelines and pages.
// The site reads the same file, so the tier shown to readers is computed, never typed.
type Policy struct {
	// TopTier is the tier every fact-check needs at least one evidence source in.
	TopTier int `yaml:"top_tier" required:"true"`
	// Tiers describe each tier for people, best first.
	Tiers []TierInfo `yaml:"tiers" required:"true"`
	// StudyTypes give the best tier each study type can reach.
	StudyTypes map[string]int `yaml:"study_types" required:"true"`
	// Kinds give the best tier a DOI or PubMed source can reach.
	Kinds map[string]int `yaml:"kinds" required:"true"`
	// Domains give the best tier a guideline or web page on that domain (or any of its
	// subdomains) can reach.
	Domains map[string]int `yaml:"domains" required:"true"`
	// UnknownDomain is the tier of a guideline or page on a domain not listed.
	UnknownDomain int `yaml:"unknown_domain" required:"true"`
	// Refused lists domains the organisation never cites.
	Refused Refused `yaml:"refused" required:"true"`
}

// TierInfo describes one tier.
type TierInfo struct {
	Tier        int    `yaml:"tier" required:"true"`
	Label       string `yaml:"label" required:"true"`
	Description string `yaml:"description" required:"true"`
}

// Refused is the list of domains never cited, and how entries are added.
type Refused struct {
	// Mechanism says how a domain is added or removed.
	Mechanism string `yaml:"mechanism" required:"true"`
	// Domains maps each refused domain to the reason, with its public source.
	Domains map[string]string `yaml:"domains"`
}

// Tier is the computed tier of one citation.
type Tier struct {
	// Level is 1 (best) and up; 0 when the source is refused.
	Level int
	// Refused holds the refusal reason when the domain is refused.
	Refused string
	// Domain is the domain that decided, for guidelines and pages.
	Domain string
}

// LoadPolicy reads the policy at path (relative to root) and returns it with its Doc,
// whose Problems say what is wrong with the file, located.
func LoadPolicy(root, path string) (*Policy, *content.Doc, error) {
	src, err := repofile.Read(root, filepath.Join(root, path), repofile.DefaultDataLimit)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the source-tier policy %s: %w", path, err)
	}
	doc := content.ParseDataFile(filepath.ToSlash(path), src)
	if doc.Front == nil {
		if len(doc.Problems) == 0 {
			return nil, doc, errors.New(path + " is empty")
		}
		return nil, doc, nil
	}
	var p Policy
	if !doc.DecodeNode(doc.Front, &p, "") {
		return nil, doc, nil
	}
	p.validate(doc)
	return &p, doc, nil
}

func (p *Policy) validate(doc *content.Doc) {
	add := func(pos content.Pos, format string, args ...any) {
		doc.Problems = append(doc.Problems, content.Problem{Pos: pos, Severity: content.Error, Rule: "source-policy", Message: fmt.Sprintf(format, args...)})
	}
	known := map[int]bool{}
	for _, t := range p.Tiers {
		known[t.Tier] = true
	}
	check := func(path []any, tier int) {
		if !known[tier] {
			add(doc.At(path...), "tier %d is not one of the tiers listed under tiers", tier)
		}
	}
	check([]any{"top_tier"}, p.TopTier)
	check([]any{"unknown_domain"}, p.UnknownDomain)
	for _, st := range content.EvidenceOrder {
		if _, ok := p.StudyTypes[st]; !ok {
			add(doc.KeyAt("study_types"), "study_types has no tier for %q; give every study type on the evidence scale a tier", st)
		}
	}
	for _, k := range sortedKeys(p.StudyTypes) {
		check([]any{"study_types", k}, p.StudyTypes[k])
	}
	for _, k := range sortedKeys(p.Kinds) {
		check([]any{"kinds", k}, p.Kinds[k])
	}
	for _, k := range sortedKeys(p.Domains) {
		check([]any{"domains", k}, p.Domains[k])
		if k != strings.ToLower(k) || strings.Contains(k, "/") || strings.HasPrefix(k, "www.") {
			add(doc.KeyAt("domains", k), "domain %q must be a bare lower-case domain such as cdc.gov (no www., no path)", k)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Host returns the lower-case host of a citation's web address (its id for guidelines
// and pages, else its url), without "www.".
func Host(c content.Citation) string {
	raw := c.URL
	if c.Kind == "guideline" || c.Kind == "web" {
		raw = c.ID
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// lookup finds host or its nearest listed parent domain in m.
func lookup[V any](m map[string]V, host string) (V, string, bool) {
	for h := host; h != ""; {
		if v, ok := m[h]; ok {
			return v, h, true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	var zero V
	return zero, "", false
}

// TierOf computes a citation's tier.
func (p *Policy) TierOf(c content.Citation) Tier {
	host := Host(c)
	if host != "" {
		if reason, d, ok := lookup(p.Refused.Domains, host); ok {
			return Tier{Level: 0, Refused: reason, Domain: d}
		}
	}
	worst := p.UnknownDomain
	for _, t := range p.Tiers {
		worst = max(worst, t.Tier)
	}
	study, ok := p.StudyTypes[c.StudyType]
	if !ok {
		study = worst
	}
	var origin int
	var domain string
	switch c.Kind {
	case "guideline", "web":
		var found bool
		origin, domain, found = lookup(p.Domains, host)
		if !found {
			origin = p.UnknownDomain
		}
	default:
		if origin, ok = p.Kinds[c.Kind]; !ok {
			origin = worst
		}
	}
	return Tier{Level: max(study, origin), Domain: domain}
}

// Label returns the label of tier level, or "" when unknown.
func (p *Policy) Label(level int) string {
	for _, t := range p.Tiers {
		if t.Tier == level {
			return t.Label
		}
	}
	return ""
}
