package citation

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// PageMeta is what a web page says about itself: Highwire Press citation_* tags (read by
// Google Scholar and most journals), OpenGraph tags and the <title>.
type PageMeta struct {
	Title     string
	Journal   string
	Publisher string
	SiteName  string
	Year      int
	DOI       string
	Authors   []string
}

var yearPattern = regexp.MustCompile(`\b(1[6-9]\d\d|2\d\d\d)\b`)

// ParsePageMeta reads the metadata of an HTML page.
func ParsePageMeta(body []byte) PageMeta {
	var m PageMeta
	metas := map[string]string{}
	var title string
	z := html.NewTokenizer(bytes.NewReader(body))
	inTitle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return m.fill(metas, title)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "meta":
				var key, val string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "name", "property":
						key = strings.ToLower(strings.TrimSpace(string(v)))
					case "content":
						val = strings.TrimSpace(string(v))
					}
				}
				if key == "citation_author" && val != "" {
					m.Authors = append(m.Authors, val)
				}
				if key != "" && val != "" {
					if _, seen := metas[key]; !seen {
						metas[key] = val
					}
				}
			case "title":
				inTitle = title == ""
			case "body":
				return m.fill(metas, title)
			}
		case html.TextToken:
			if inTitle {
				title += string(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "title" {
				inTitle = false
			}
		}
	}
}

func (m PageMeta) fill(metas map[string]string, title string) PageMeta {
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return cleanTitle(v)
			}
		}
		return ""
	}
	m.Title = first("citation_title", "dc.title", "og:title")
	if m.Title == "" {
		m.Title = cleanTitle(title)
	}
	m.Journal = first("citation_journal_title")
	m.Publisher = first("citation_publisher", "dc.publisher")
	m.SiteName = first("og:site_name")
	m.DOI = strings.TrimPrefix(strings.TrimPrefix(first("citation_doi", "dc.identifier"), "doi:"), "https://doi.org/")
	if !strings.HasPrefix(m.DOI, "10.") {
		m.DOI = ""
	}
	for _, k := range []string{"citation_publication_date", "citation_date", "citation_online_date", "dc.date", "article:published_time", "article:modified_time"} {
		if y := yearPattern.FindString(metas[k]); y != "" {
			m.Year, _ = strconv.Atoi(y)
			break
		}
	}
	return m
}
