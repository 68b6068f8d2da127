package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSourcesShowThePolicyTier: every source on a fact-check page that is evidence (not the
// source of the myth) shows the strength the source policy gives it, as written by
// `factdesk tiers --write`, never a strength the author typed.
func TestSourcesShowThePolicyTier(t *testing.T) {
	t.Parallel()
	s := need(t, &real)
	b, err := os.ReadFile(filepath.Join(repoRoot, "data", "citation_tiers.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tiers map[string]map[string]map[string]struct {
		Tier  int    `json:"tier"`
		Label string `json:"label"`
	}
	if err := json.Unmarshal(b, &tiers); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for slug, keys := range tiers["en"] {
		rel := filepath.Join("factchecks", slug, "index.html")
		if _, err := os.Stat(filepath.Join(s.Dir, rel)); err != nil {
			continue // drafts have no page
		}
		doc := parseHTML(t, s.read(t, rel))
		for _, li := range Find(doc, func(n *html.Node) bool { return n.Data == "li" && strings.HasPrefix(Attr(n, "id"), "ref-") }) {
			key := strings.TrimPrefix(Attr(li, "id"), "ref-")
			subject := len(Find(li, func(n *html.Node) bool { return HasClass(n, "tag-subject") })) > 0
			spans := Find(li, func(n *html.Node) bool {
				return HasClass(n, "tier-level-1") || HasClass(n, "tier-level-2") || HasClass(n, "tier-level-3") || HasClass(n, "tier-level-4")
			})
			if subject {
				if len(spans) != 0 {
					t.Errorf("%s: source %s is the myth's own source but shows a strength", rel, key)
				}
				continue
			}
			want, ok := keys[key]
			if !ok {
				t.Errorf("%s: source %s has no tier in data/citation_tiers.json; run factdesk tiers --write", rel, key)
				continue
			}
			if len(spans) != 1 || !strings.Contains(Text(spans[0]), want.Label) {
				t.Errorf("%s: source %s shows %q; want the policy's %q", rel, key, Text(first(spans)), want.Label)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("checked the strength of only %d sources; the sample fact-checks cite many more", checked)
	}
}

func first(ns []*html.Node) *html.Node {
	if len(ns) == 0 {
		return &html.Node{}
	}
	return ns[0]
}
