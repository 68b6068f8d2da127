package site

import (
	"encoding/json"
	"encoding/xml"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/content"
)

func TestCorrectionsListNewestFirst(t *testing.T) {
	t.Parallel()
	s := need(t, &fixture)
	doc := parseHTML(t, s.read(t, "corrections/index.html"))
	var got []string
	for _, li := range Find(doc, func(n *html.Node) bool { return n.Data == "li" && HasClass(n, "correction") }) {
		var date string
		for _, tm := range Find(li, Tag("time")) {
			date = Attr(tm, "datetime")
		}
		got = append(got, date+" "+strings.Fields(Text(li))[0])
	}
	want := []string{"2026-06-01 Withdrawal,", "2026-05-01 Update,", "2026-04-10 Clarification,"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("corrections list = %q; want %q (every correction and withdrawal, newest first)", got, want)
	}
}

// TestCampaignListShowsOnlyPublishedPosts: /campaigns/ counts a post as published as the
// publisher does: sent according to the ledger, or due with every channel handed to an
// outside tool. A due post that was never sent, one only partly handed over, one taken down,
// a future one and a draft stay off, and so do the team's notes.
func TestCampaignListShowsOnlyPublishedPosts(t *testing.T) {
	t.Parallel()
	s := need(t, &fixture)
	page := s.read(t, "campaigns/index.html")
	for _, shown := range []string{"Vaccines do not cause autism. Read the evidence.", "EXPORTED-COPY scheduled in Hootsuite.", "https://mastodon.example/@riverside/111"} {
		if !strings.Contains(page, shown) {
			t.Errorf("/campaigns/ lacks %q: posts sent (with their live link) or handed to an outside tool are published", shown)
		}
	}
	for _, hidden := range []string{"DRAFT-COPY", "FUTURE-COPY", "UNSENT-COPY", "PARTLY-EXPORTED-COPY", "DELETED-COPY", "Internal note", "Team note"} {
		if strings.Contains(page, hidden) {
			t.Errorf("/campaigns/ shows %q: drafts, future, unsent, partly handed over and deleted posts and team notes must stay off the site", hidden)
		}
	}
	if strings.Index(page, "EXPORTED-COPY") > strings.Index(page, "Vaccines do not cause autism") {
		t.Errorf("/campaigns/ is not newest first")
	}
	for _, p := range []string{"campaigns/2026/published-post/index.html", "campaigns/index.xml"} {
		if _, err := os.Stat(filepath.Join(s.Dir, p)); err == nil {
			t.Errorf("%s was published; campaign posts appear only in the /campaigns/ list", p)
		}
	}
}

func TestEveryPageCarriesDemonstrationNoticeAndCrisisLines(t *testing.T) {
	t.Parallel()
	s := need(t, &fixture)
	for _, p := range s.htmlPages(t) {
		doc := parseHTML(t, s.read(t, p))
		if len(Find(doc, func(n *html.Node) bool { return HasClass(n, "demo-notice") })) != 1 {
			t.Errorf("%s: no demonstration notice, though the reviewers are sample people", p)
		}
		for _, tel := range []string{"tel:911", "tel:988"} {
			if len(Find(doc, func(n *html.Node) bool { return n.Data == "a" && Attr(n, "href") == tel })) == 0 {
				t.Errorf("%s: no %s link among the crisis lines", p, tel)
			}
		}
	}
}

// TestNoThirdPartyRequests: nothing a page loads by itself (scripts, styles, images, fonts,
// frames) comes from another host. Links readers may follow are fine.
func TestNoThirdPartyRequests(t *testing.T) {
	t.Parallel()
	s := underTest(t)
	for _, p := range s.htmlPages(t) {
		doc := parseHTML(t, s.read(t, p))
		for _, n := range Find(doc, func(n *html.Node) bool {
			return n.Data == "script" || n.Data == "img" || n.Data == "iframe" || n.Data == "source" || n.Data == "video" || n.Data == "audio" ||
				(n.Data == "link" && Attr(n, "rel") != "canonical" && Attr(n, "rel") != "alternate")
		}) {
			for _, key := range []string{"src", "href", "srcset"} {
				v := Attr(n, key)
				if v == "" {
					continue
				}
				u, err := url.Parse(v)
				if err != nil || (u.Host != "" && "http://"+u.Host+"/" != s.URL) {
					t.Errorf("%s: <%s %s=%q> loads from another host", p, n.Data, key, v)
				}
			}
		}
		for _, sc := range Find(doc, Tag("script")) {
			if Attr(sc, "src") != "" && !HasAttr(sc, "defer") && !HasAttr(sc, "async") && Attr(sc, "type") != "module" {
				t.Errorf("%s: <script src=%q> blocks rendering; add defer", p, Attr(sc, "src"))
			}
			if Attr(sc, "src") == "" && Attr(sc, "type") != "application/ld+json" {
				t.Errorf("%s: inline script; only deferred files and JSON-LD are allowed", p)
			}
		}
	}
}

func TestShareImage(t *testing.T) {
	t.Parallel()
	s := need(t, &fixture)
	doc := parseHTML(t, s.read(t, "factchecks/mmr-vaccine-autism/index.html"))
	meta := map[string]string{}
	for _, m := range Find(doc, Tag("meta")) {
		meta[Attr(m, "property")+Attr(m, "name")] = Attr(m, "content")
	}
	for _, k := range []string{"og:title", "og:description", "og:url", "og:image", "og:image:alt", "twitter:card", "twitter:image"} {
		if meta[k] == "" {
			t.Errorf("fact-check page: <meta> %s is missing", k)
		}
	}
	if meta["twitter:card"] != "summary_large_image" {
		t.Errorf("twitter:card = %q; want summary_large_image", meta["twitter:card"])
	}
	f, err := os.Open(filepath.Join(s.Dir, strings.TrimPrefix(meta["og:image"], s.URL)))
	if err != nil {
		t.Fatalf("og:image %s is not in the built site: %v", meta["og:image"], err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("og:image is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 630 {
		t.Errorf("share image is %dx%d; want 1200x630", b.Dx(), b.Dy())
	}
	// head.html states the size without asking Hugo for it: it must be the image's own.
	if w, h := meta["og:image:width"], meta["og:image:height"]; w != strconv.Itoa(img.Bounds().Dx()) || h != strconv.Itoa(img.Bounds().Dy()) {
		t.Errorf("og:image:width and og:image:height say %sx%s; the image is %dx%d", w, h, img.Bounds().Dx(), img.Bounds().Dy())
	}
	// The claim and the verdict are drawn: the text rows differ from the plain base image.
	base, err := os.Open(filepath.Join(repoRoot, "themes", "factdesk", "assets", "images", "share-base.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	bimg, err := png.Decode(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, band := range []struct {
		name   string
		y0, y1 int
	}{{"claim", 185, 245}, {"verdict", 515, 590}} {
		differ := 0
		for y := band.y0; y < band.y1; y++ {
			for x := 40; x < 700; x++ {
				r1, g1, b1, _ := img.At(x, y).RGBA()
				r2, g2, b2, _ := bimg.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 {
					differ++
				}
			}
		}
		if differ < 2000 {
			t.Errorf("the share image's %s band has only %d drawn pixels; the text is missing", band.name, differ)
		}
	}
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	s := need(t, &fixture)
	var rss struct {
		Channel struct {
			Items []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal([]byte(s.read(t, "index.xml")), &rss); err != nil {
		t.Fatalf("index.xml is not XML: %v", err)
	}
	var feed struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID, URL, Title string
			ContentText    string `json:"content_text"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(s.read(t, "feed.json")), &feed); err != nil {
		t.Fatalf("feed.json is not JSON: %v", err)
	}
	if feed.Version != "https://jsonfeed.org/version/1.1" || feed.FeedURL != s.URL+"feed.json" {
		t.Errorf("feed.json: version %q, feed_url %q", feed.Version, feed.FeedURL)
	}
	// Both feeds list the English fact-checks and nothing else (not pages, not campaign posts).
	if len(rss.Channel.Items) != 2 || len(feed.Items) != 2 {
		t.Errorf("feeds list %d (RSS) and %d (JSON Feed) items; want the 2 English fact-checks", len(rss.Channel.Items), len(feed.Items))
	}
	for _, it := range feed.Items {
		if !strings.HasPrefix(it.URL, s.URL+"factchecks/") || it.ContentText == "" {
			t.Errorf("feed.json item %+v: want a fact-check address and its verdict text", it)
		}
	}
	if !strings.Contains(s.read(t, "sitemap.xml"), "sitemapindex") {
		t.Errorf("sitemap.xml is not a sitemap index over the two languages")
	}
}

func TestSpanishPagesAndLanguageSwitcher(t *testing.T) {
	t.Parallel()
	s := need(t, &fixture)
	en := parseHTML(t, s.read(t, "factchecks/mmr-vaccine-autism/index.html"))
	es := parseHTML(t, s.read(t, "es/factchecks/mmr-vaccine-autism/index.html"))
	link := func(doc *html.Node, lang string) string {
		for _, a := range Find(doc, func(n *html.Node) bool { return n.Data == "a" && Attr(n, "hreflang") == lang }) {
			return Attr(a, "href")
		}
		return ""
	}
	if got := link(en, "es"); got != "/es/factchecks/mmr-vaccine-autism/" {
		t.Errorf("English page links Spanish version %q", got)
	}
	if got := link(es, "en"); got != "/factchecks/mmr-vaccine-autism/" {
		t.Errorf("Spanish page links English version %q", got)
	}
	htmlTag := Find(es, Tag("html"))[0]
	if Attr(htmlTag, "lang") != "es-US" {
		t.Errorf("Spanish page has lang=%q", Attr(htmlTag, "lang"))
	}
	if _, label := visibleVerdict(es); label != "Falso" {
		t.Errorf("Spanish verdict label = %q; want Falso", label)
	}
	// No English theme string leaks into the Spanish page's chrome.
	text := Text(Find(es, Tag("body"))[0])
	for _, english := range []string{"Skip to main", "Verdict", "Bottom line", "Sources", "Reviewed by", "Corrections and updates", "Need help now", "Share this"} {
		if strings.Contains(text, english) {
			t.Errorf("Spanish page shows the English theme string %q", english)
		}
	}
}

// TestTranslationsComplete: every theme string exists in every language, and the templates
// use no key that is missing.
func TestTranslationsComplete(t *testing.T) {
	t.Parallel()
	// The theme's strings, and those the site adds in i18n/ at the repository root.
	dirs := []string{filepath.Join(repoRoot, "themes", "factdesk", "i18n"), filepath.Join(repoRoot, "i18n")}
	keys := map[string]map[string]bool{}
	for _, lang := range []string{"en", "es"} {
		keys[lang] = map[string]bool{}
		for _, dir := range dirs {
			b, err := os.ReadFile(filepath.Join(dir, lang+".yaml"))
			if os.IsNotExist(err) && dir != dirs[0] {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]any{}
			if err := yaml.Unmarshal(b, &m); err != nil {
				t.Fatalf("%s/%s.yaml: %v", dir, lang, err)
			}
			for k, v := range m {
				if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
					t.Errorf("%s/%s.yaml: %s is empty", dir, lang, k)
				}
				keys[lang][k] = true
			}
		}
	}
	for k := range keys["en"] {
		if !keys["es"][k] {
			t.Errorf("es.yaml lacks %s", k)
		}
	}
	for k := range keys["es"] {
		if !keys["en"][k] {
			t.Errorf("en.yaml lacks %s", k)
		}
	}
	used := regexp.MustCompile(`i18n "([a-z0-9_]+)"`)
	err := filepath.WalkDir(filepath.Join(repoRoot, "themes", "factdesk", "layouts"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if !keys["en"][m[1]] {
				t.Errorf("%s uses the string %q, which en.yaml does not define", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPositionsOfAuthorities: a fact-check that records where an authority's position
// changed or differs shows it plainly under the verdict, in the page's language, marks the
// sources it concerns, and leaves ClaimReview and the feeds as they were.
func TestPositionsOfAuthorities(t *testing.T) {
	t.Parallel()
	s := need(t, &real)
	repo, err := content.LoadRepo(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	feeds := s.read(t, "feed.json") + s.read(t, "index.xml")
	seen := 0
	for _, fc := range repo.FactChecks {
		if !fc.OK || len(fc.Positions) == 0 || fc.Draft {
			continue
		}
		seen++
		rel := "factchecks/" + fc.Slug + "/index.html"
		heading := "Where health authorities differ"
		if fc.Lang == "es" {
			rel, heading = "es/"+rel, "Donde las autoridades sanitarias difieren"
		}
		page := s.read(t, rel)
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		box := Find(doc, func(n *html.Node) bool { return HasClass(n, "positions") })
		if len(box) != 1 {
			t.Errorf("%s: %d positions sections, want 1", rel, len(box))
			continue
		}
		text := Text(box[0])
		if !strings.Contains(text, heading) {
			t.Errorf("%s: the positions section is not headed %q: %q", rel, heading, text)
		}
		for _, p := range fc.Positions {
			if !strings.Contains(text, p.Authority) || !strings.Contains(text, p.Text) {
				t.Errorf("%s: the section does not show %s's position in full: %q", rel, p.Authority, text)
			}
			for _, k := range p.Citations {
				marks := Find(doc, func(n *html.Node) bool {
					return HasClass(n, "tag-position") && n.Parent != nil && Attr(n.Parent, "id") == "ref-"+k
				})
				if len(marks) == 0 {
					t.Errorf("%s: source %s is not marked as concerned by %s's position", rel, k, p.Authority)
				}
			}
			// ClaimReview and the feeds are unaffected.
			for _, ld := range Find(doc, func(n *html.Node) bool { return Attr(n, "type") == "application/ld+json" }) {
				if strings.Contains(Text(ld), p.Text) || strings.Contains(Text(ld), p.Authority+" ·") {
					t.Errorf("%s: the position reached the JSON-LD", rel)
				}
			}
			if strings.Contains(feeds, p.Text) {
				t.Errorf("%s: the position reached a feed", rel)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no sample fact-check records a position; the MMR page should (CDC, November 2025)")
	}
}
