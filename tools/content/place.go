package content

import (
	"path"
	"regexp"
	"strings"
)

// Where content belongs. A fact-check or campaign post is reviewed where the gate, the
// publisher and the site expect it; Hugo would also publish pages in the same sections
// from other files (another ending or letter case, an _index file, a content adapter,
// the site's content/ or static/ folders), which no review covers. These functions
// tell the canonical places from the rest.

var (
	factCheckPath = regexp.MustCompile(`^` + FactChecksDir + `/(?:([a-z]{2})/)?([^/]+)\.md$`)
	postPath      = regexp.MustCompile(`^` + CampaignsDir + `/(?:[^/]+/)*([^/]+)\.md$`)
	// pageExt are the file endings Hugo renders as pages (its content formats:
	// Markdown, HTML, AsciiDoc, Pandoc, reStructuredText, Emacs Org), in any case.
	pageExt = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".html": true, ".htm": true,
		".adoc": true, ".asciidoc": true, ".ad": true, ".pandoc": true, ".pdc": true, ".rst": true, ".org": true}
)

// CanonicalFactCheck reports whether p is where fact-checks live: factchecks/SLUG.md,
// or factchecks/LANG/SLUG.md for a language other than English.
func CanonicalFactCheck(p string) bool {
	m := factCheckPath.FindStringSubmatch(p)
	if m == nil || !SlugPattern.MatchString(m[2]) {
		return false
	}
	if m[1] == "" {
		return true
	}
	_, known := Languages[m[1]]
	return known && m[1] != "en"
}

// CanonicalPost reports whether p is where campaign posts live: a .md file named by a
// slug in a folder under campaigns/ (campaigns/YEAR/SLUG.md), as the publisher reads them.
func CanonicalPost(p string) bool {
	m := postPath.FindStringSubmatch(p)
	if m == nil || !SlugPattern.MatchString(m[1]) {
		return false
	}
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_") {
			return false
		}
	}
	return true
}

// RendersAsPage reports whether Hugo renders a file with this name as a page: one of
// its content formats in any letter case (which includes _index files), or a content
// adapter (_content.gotmpl).
func RendersAsPage(p string) bool {
	base := path.Base(p)
	return pageExt[strings.ToLower(path.Ext(base))] || strings.EqualFold(base, "_content.gotmpl") || strings.HasPrefix(base, "_index")
}

// GuardedSection returns the section of the site whose pages must come only from the
// canonical folders ("factchecks" or "campaigns") that the Hugo path site (such as
// content/factchecks/x.md or static/es/factchecks/x/index.html) publishes in, or "".
func GuardedSection(site string) string {
	comp, rest, _ := strings.Cut(site, "/")
	if comp != "content" && comp != "static" {
		return ""
	}
	section, after, _ := strings.Cut(rest, "/")
	if _, lang := Languages[section]; lang {
		// static/es/factchecks/… is served at /es/factchecks/…, and so is a page at
		// content/es/factchecks/….
		section, _, _ = strings.Cut(after, "/")
	}
	if section == FactChecksDir || section == CampaignsDir {
		return section
	}
	return ""
}

// Belongs says, for a file at p that publishes in section, where such content belongs.
func Belongs(section, p string) string {
	name := path.Base(p)
	if i := strings.Index(name, "."); i > 0 {
		name = name[:i]
	}
	if strings.EqualFold(name, "index") {
		name = path.Base(path.Dir(p))
	}
	slug := Slugify(strings.TrimPrefix(strings.TrimPrefix(name, "_index"), "_"))
	if slug == "" || slug == "content" {
		slug = "SLUG"
	}
	if section == CampaignsDir {
		return "a campaign post belongs in campaigns/YEAR/SLUG.md (ending in lower-case .md, such as campaigns/2027/" + slug + ".md), where a scheduler or clinician approves it"
	}
	return "a fact-check belongs in factchecks/SLUG.md (lower-case letters, digits and hyphens, ending in .md, such as factchecks/" + slug + ".md; factchecks/es/SLUG.md in Spanish), where its named clinicians approve it"
}

// Address is where the site serves the file Hugo reads as site (content/… or static/…).
func Address(site string) string {
	comp, rest, _ := strings.Cut(site, "/")
	if comp == "static" {
		return "/" + rest
	}
	dir, base := path.Split(rest)
	name := strings.TrimSuffix(base, path.Ext(base))
	if strings.HasPrefix(name, "_index") || strings.EqualFold(name, "index") || strings.EqualFold(base, "_content.gotmpl") {
		return "/" + dir
	}
	return "/" + dir + strings.ToLower(name) + "/"
}
