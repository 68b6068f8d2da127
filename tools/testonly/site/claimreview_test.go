package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/piprate/json-gold/ld"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

const schema = "http://schema.org/"

// schemaLoader answers requests for the schema.org context from testdata, so the JSON-LD
// processor never reaches the network; any other address is an error.
type schemaLoader struct{ context any }

func (l schemaLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	switch strings.TrimSuffix(u, "/") {
	case "https://schema.org", "http://schema.org", "https://schema.org/docs/jsonldcontext.jsonld":
		return &ld.RemoteDocument{DocumentURL: u, Document: l.context}, nil
	}
	return nil, fmt.Errorf("the test loads no remote document (asked for %s)", u)
}

// expand runs a real JSON-LD processor (json-gold) over a document.
func expand(t *testing.T, src string) []any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "schemaorg-context.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	var ctx any
	if err := json.Unmarshal(b, &ctx); err != nil {
		t.Fatalf("testdata/schemaorg-context.jsonld: %v", err)
	}
	var doc any
	if err := json.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("JSON-LD is not JSON: %v\n%s", err, src)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = schemaLoader{context: ctx}
	out, err := ld.NewJsonLdProcessor().Expand(doc, opts)
	if err != nil {
		t.Fatalf("expanding JSON-LD: %v\n%s", err, src)
	}
	return out
}

// Helpers over expanded JSON-LD, where every property holds an array.
func prop(n map[string]any, name string) []any {
	v, _ := n[schema+name].([]any)
	return v
}

func node(n map[string]any, name string) map[string]any {
	for _, v := range prop(n, name) {
		if m, ok := v.(map[string]any); ok {
			return m
		}
	}
	return nil
}

func value(n map[string]any, name string) any {
	if m := node(n, name); m != nil {
		if v, ok := m["@value"]; ok {
			return v
		}
		if v, ok := m["@id"]; ok {
			return v
		}
	}
	return nil
}

func isType(n map[string]any, typ string) bool {
	ts, _ := n["@type"].([]any)
	for _, x := range ts {
		if x == schema+typ {
			return true
		}
	}
	return false
}

type verdictScale map[string]int // slug → rating

func loadVerdicts(t *testing.T) verdictScale {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "data", "verdicts.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var vs []struct {
		Slug   string `yaml:"slug"`
		Rating int    `yaml:"rating"`
	}
	if err := yaml.Unmarshal(b, &vs); err != nil {
		t.Fatalf("data/verdicts.yaml: %v", err)
	}
	m := verdictScale{}
	for _, v := range vs {
		m[v.Slug] = v.Rating
	}
	return m
}

// checkClaimReview applies Google's documented rules for ClaimReview to one expanded node
// and returns what breaks them. page is the fact-check's address, label and slug the verdict
// shown on the page.
func checkClaimReview(n map[string]any, page, label, slug string, scale verdictScale) []string {
	var bad []string
	if !isType(n, "ClaimReview") {
		bad = append(bad, fmt.Sprintf("@type is %v, want ClaimReview", n["@type"]))
	}
	claim, _ := value(n, "claimReviewed").(string)
	switch {
	case claim == "":
		bad = append(bad, "claimReviewed is missing")
	case utf8.RuneCountInString(claim) >= 75:
		bad = append(bad, fmt.Sprintf("claimReviewed has %d characters; Google asks for fewer than 75", utf8.RuneCountInString(claim)))
	case label != "" && strings.Contains(strings.ToLower(claim), strings.ToLower(label)):
		bad = append(bad, fmt.Sprintf("claimReviewed %q contains the verdict %q", claim, label))
	}
	if u, _ := value(n, "url").(string); u != page {
		bad = append(bad, fmt.Sprintf("url is %q, want the page itself, %q", u, page))
	}
	if a := node(n, "author"); a == nil || !isType(a, "Organization") || value(a, "name") == nil {
		bad = append(bad, "author must be the organisation, with a name")
	}
	if value(n, "datePublished") == nil {
		bad = append(bad, "datePublished is missing")
	}
	r := node(n, "reviewRating")
	if r == nil || !isType(r, "Rating") {
		bad = append(bad, "reviewRating (a Rating) is missing")
	} else {
		if got, _ := value(r, "alternateName").(string); got != label {
			bad = append(bad, fmt.Sprintf("reviewRating.alternateName is %q, the page shows %q", got, label))
		}
		num := func(name string) int {
			f, _ := value(r, name).(float64)
			return int(f)
		}
		if num("bestRating") != 6 || num("worstRating") != 1 {
			bad = append(bad, fmt.Sprintf("bestRating/worstRating are %v/%v, want 6/1", value(r, "bestRating"), value(r, "worstRating")))
		}
		if want, ok := scale[slug]; !ok || num("ratingValue") != want {
			bad = append(bad, fmt.Sprintf("ratingValue is %v, data/verdicts.yaml gives %q the rating %d", value(r, "ratingValue"), slug, want))
		}
	}
	c := node(n, "itemReviewed")
	if c == nil || !isType(c, "Claim") {
		bad = append(bad, "itemReviewed (a Claim) is missing")
	} else {
		if node(c, "appearance") == nil && node(c, "firstAppearance") == nil {
			bad = append(bad, "the Claim has neither appearance nor firstAppearance")
		}
		if a := node(c, "author"); a != nil && value(a, "name") == nil {
			bad = append(bad, "the Claim's author has no name")
		}
	}
	return bad
}

// factcheckPages returns the built fact-check pages of a site (both languages).
func factcheckPages(t *testing.T, s *builtSite) []string {
	var out []string
	for _, p := range s.htmlPages(t) {
		parts := strings.Split(p, "/")
		if (len(parts) == 3 && parts[0] == "factchecks" || len(parts) == 4 && parts[0] == "es" && parts[1] == "factchecks") && parts[len(parts)-2] != "page" {
			out = append(out, p)
		}
	}
	return out
}

// visibleVerdict returns the verdict slug and label a fact-check page shows, or "" for a
// withdrawn one.
func visibleVerdict(doc *html.Node) (slug, label string) {
	for _, sec := range Find(doc, func(n *html.Node) bool { return n.Data == "section" && HasClass(n, "verdict") }) {
		for _, c := range strings.Fields(Attr(sec, "class")) {
			if strings.HasPrefix(c, "verdict-") {
				slug = strings.TrimPrefix(c, "verdict-")
			}
		}
		for _, p := range Find(sec, func(n *html.Node) bool { return HasClass(n, "verdict-label") }) {
			label = Text(p)
		}
	}
	return slug, label
}

func TestClaimReviewOnEveryFactCheck(t *testing.T) {
	t.Parallel()
	scale := loadVerdicts(t)
	for _, s := range []*builtSite{need(t, &fixture), underTest(t)} {
		pages := factcheckPages(t, s)
		if len(pages) == 0 {
			t.Fatalf("the %s site has no fact-check pages", s.name)
		}
		current := map[string]int{}
		for _, p := range pages {
			doc := parseHTML(t, s.read(t, p))
			url := s.URL + strings.TrimSuffix(p, "index.html")
			slug, label := visibleVerdict(doc)
			withdrawn := len(Find(doc, func(n *html.Node) bool { return n.Data == "section" && HasClass(n, "withdrawn") })) > 0
			var reviews []map[string]any
			for _, src := range jsonLD(doc) {
				for _, n := range expand(t, src) {
					if m, ok := n.(map[string]any); ok && isType(m, "ClaimReview") {
						reviews = append(reviews, m)
					}
				}
			}
			switch {
			case withdrawn && len(reviews) != 0:
				t.Errorf("%s (%s): withdrawn, yet it carries %d ClaimReview", p, s.name, len(reviews))
			case withdrawn && slug != "":
				t.Errorf("%s (%s): withdrawn, yet it shows the verdict %q", p, s.name, label)
			case !withdrawn && len(reviews) != 1:
				t.Errorf("%s (%s): %d ClaimReview, want exactly one", p, s.name, len(reviews))
			case !withdrawn:
				current[strings.SplitN(p, "/", 2)[0]]++
				for _, problem := range checkClaimReview(reviews[0], url, label, slug, scale) {
					t.Errorf("%s (%s): %s", p, s.name, problem)
				}
			}
		}
		// The site-wide feed holds exactly the current checks of each language.
		for _, feed := range []struct{ path, key string }{{"claimreview.json", "factchecks"}, {"es/claimreview.json", "es"}} {
			n := 0
			for _, top := range expand(t, s.read(t, feed.path)) {
				m, _ := top.(map[string]any)
				graph, _ := m["@graph"].([]any)
				if len(graph) == 0 && isType(m, "ClaimReview") {
					graph = []any{m}
				}
				for _, g := range graph {
					if gm, ok := g.(map[string]any); ok && isType(gm, "ClaimReview") {
						n++
						u, _ := value(gm, "url").(string)
						if _, err := os.Stat(filepath.Join(s.Dir, strings.TrimPrefix(u, s.URL), "index.html")); err != nil {
							t.Errorf("%s (%s): url %q is no page of the site", feed.path, s.name, u)
						}
					}
				}
			}
			if n != current[feed.key] {
				t.Errorf("%s (%s) holds %d ClaimReview, want %d (one per current fact-check)", feed.path, s.name, n, current[feed.key])
			}
		}
	}
}

func TestClaimReviewRules(t *testing.T) {
	// The checker itself must catch what Google's rules forbid.
	scale := verdictScale{"false": 1}
	good := map[string]any{
		"@type":                  []any{schema + "ClaimReview"},
		schema + "url":           []any{map[string]any{"@id": "https://x.example.org/a/"}},
		schema + "claimReviewed": []any{map[string]any{"@value": "The MMR vaccine causes autism"}},
		schema + "datePublished": []any{map[string]any{"@value": "2026-01-01"}},
		schema + "author":        []any{map[string]any{"@type": []any{schema + "Organization"}, schema + "name": []any{map[string]any{"@value": "Org"}}}},
		schema + "reviewRating": []any{map[string]any{"@type": []any{schema + "Rating"},
			schema + "alternateName": []any{map[string]any{"@value": "False"}},
			schema + "ratingValue":   []any{map[string]any{"@value": 1.0}},
			schema + "bestRating":    []any{map[string]any{"@value": 6.0}},
			schema + "worstRating":   []any{map[string]any{"@value": 1.0}}}},
		schema + "itemReviewed": []any{map[string]any{"@type": []any{schema + "Claim"},
			schema + "appearance": []any{map[string]any{"@type": []any{schema + "CreativeWork"}}}}},
	}
	if bad := checkClaimReview(good, "https://x.example.org/a/", "False", "false", scale); len(bad) != 0 {
		t.Fatalf("a valid ClaimReview was refused: %v", bad)
	}
	tests := []struct {
		name   string
		change func(m map[string]any)
		page   string
		want   string
	}{
		{"verdict in the claim", func(m map[string]any) {
			m[schema+"claimReviewed"] = []any{map[string]any{"@value": "False: the MMR vaccine causes autism"}}
		}, "https://x.example.org/a/", "contains the verdict"},
		{"claim too long", func(m map[string]any) {
			m[schema+"claimReviewed"] = []any{map[string]any{"@value": strings.Repeat("a", 80)}}
		}, "https://x.example.org/a/", "fewer than 75"},
		{"url elsewhere", func(m map[string]any) {}, "https://x.example.org/b/", "want the page itself"},
		{"no appearance", func(m map[string]any) {
			m[schema+"itemReviewed"] = []any{map[string]any{"@type": []any{schema + "Claim"}}}
		}, "https://x.example.org/a/", "neither appearance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[string]any{}
			for k, v := range good {
				m[k] = v
			}
			tt.change(m)
			bad := strings.Join(checkClaimReview(m, tt.page, "False", "false", scale), "; ")
			if !strings.Contains(bad, tt.want) {
				t.Errorf("problems = %q; want one mentioning %q", bad, tt.want)
			}
		})
	}
}
