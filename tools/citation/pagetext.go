package citation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MainText returns the main text of an HTML page as paragraphs: the text of <main>,
// <article> or role="main" when the page has one, else of <body>, without scripts,
// styles, navigation, headers, footers, asides, forms and hidden elements. It reads
// the page once, in time linear in its size.
func MainText(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	root := findMain(doc)
	if root == nil {
		root = doc
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && skipped(n) {
			return
		}
		if n.Type == html.TextNode {
			cur.WriteString(n.Data)
			cur.WriteByte(' ')
			return
		}
		block := n.Type == html.ElementNode && blockElement[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(root)
	flush()
	return paras
}

var blockElement = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Section: true, atom.Article: true, atom.Blockquote: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true, atom.Br: true, atom.Ul: true, atom.Ol: true,
	atom.Table: true, atom.Pre: true, atom.Figcaption: true, atom.Main: true,
}

var skippedElement = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Svg: true, atom.Iframe: true, atom.Template: true, atom.Button: true,
	atom.Head: true, atom.Select: true, atom.Time: true,
}

// skippedRoles are ARIA landmarks around a page's content, not the content itself.
var skippedRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true, "dialog": true, "alert": true}

func skipped(n *html.Node) bool {
	if skippedElement[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if skippedRoles[strings.ToLower(a.Val)] {
				return true
			}
		}
	}
	return false
}

func findMain(n *html.Node) *html.Node {
	var article *html.Node
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Main || attr(n, "role") == "main" {
				found = n
				return
			}
			if n.DataAtom == atom.Article && article == nil {
				article = n
			}
			if skipped(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	if found != nil {
		return found
	}
	return article
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var (
	month = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?` +
		`|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)`
	// datePattern finds dates and times written the common ways, which pages change
	// without changing what they say ("Last reviewed: 20 November 2025").
	datePattern = regexp.MustCompile(`(?i)\b(?:\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?` + month + `\.?,?(?:\s+(?:de\s+)?\d{4})?|` +
		month + `\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|` + month + `\s+\d{4}|\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[a-z]{2,4}t)?)\b`)
	// reviewedPattern drops the words pages put around such dates.
	reviewedPattern = regexp.MustCompile(`(?i)\b(?:page\s+)?(?:last\s+)?(?:reviewed|updated|modified|published|posted)(?:\s+on)?\s*:?`)
	// tokenPattern finds long identifiers (session, tracking and cache-busting tokens).
	tokenPattern = regexp.MustCompile(`\b[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]*\b|\b[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]*\d[A-Za-z0-9_-]*\b`)
)

// Comparable reduces a paragraph to the words that say something: dates, times,
// "last reviewed" labels and long identifiers removed, then lower case without
// accents or punctuation (see Normalise).
func Comparable(p string) string {
	p = datePattern.ReplaceAllString(p, " ")
	p = reviewedPattern.ReplaceAllString(p, " ")
	p = tokenPattern.ReplaceAllStringFunc(p, func(t string) string {
		if len(t) >= 12 {
			return " "
		}
		return t
	})
	return Normalise(p)
}

// Fingerprint returns "sha256:" and the hex digest of the page's main text, made
// comparable: two fetches of a page whose navigation, dates or tracking tokens changed
// give the same fingerprint; a changed sentence gives another.
func Fingerprint(paras []string) string {
	h := sha256.New()
	for _, p := range paras {
		if c := Comparable(p); c != "" {
			h.Write([]byte(c))
			h.Write([]byte{'\n'})
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
