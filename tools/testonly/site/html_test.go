package site

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseHTML parses a page with the HTML5 parsing algorithm.
func parseHTML(t *testing.T, src string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("parsing HTML: %v", err)
	}
	return doc
}

// jsonLD returns the text of every <script type="application/ld+json"> on a page.
func jsonLD(doc *html.Node) []string {
	var out []string
	for _, s := range Find(doc, func(n *html.Node) bool {
		return n.Data == "script" && Attr(n, "type") == "application/ld+json"
	}) {
		var b strings.Builder
		for c := s.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(c.Data)
		}
		out = append(out, b.String())
	}
	return out
}
