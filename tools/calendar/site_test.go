package calendar

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/factdesk/factdesk/tools/observance"
	"github.com/factdesk/factdesk/tools/testonly/site"
)

var (
	siteOnce   sync.Once
	siteDir    string
	siteServer *site.Server
	siteErr    error
)

// builtSite builds the repository's site with the pinned Hugo once per test binary (failing
// on any Hugo warning) and serves it on 127.0.0.1.
func builtSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "factdesk-calendar-site-")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = dir
		if siteServer, siteErr = site.Listen(); siteErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		root, _ := filepath.Abs("../..")
		if _, siteErr = site.Build(ctx, root, dir, siteServer.URL, "--quiet"); siteErr != nil {
			return
		}
		// As `factdesk search-index` does after every build.
		if _, siteErr = WriteSiteFeed(dir); siteErr != nil {
			return
		}
		siteServer.Serve(dir)
	})
	if siteErr != nil {
		t.Fatalf("building the site: %v", siteErr)
	}
	return siteDir
}

// siteHost is the host the site was built for, as in its URLs.
func siteHost(t *testing.T) string {
	builtSite(t)
	return strings.TrimSuffix(strings.TrimPrefix(siteServer.URL, "http://"), "/")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if siteServer != nil {
		siteServer.Close()
	}
	if siteDir != "" {
		os.RemoveAll(siteDir)
	}
	os.Exit(code)
}

func readSite(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(builtSite(t), filepath.FromSlash(path)))
	if err != nil {
		t.Fatalf("the site has no %s: %v", path, err)
	}
	return string(b)
}

// unconfirmedWords is the mark the site shows beside an observance's date.
func unconfirmedWords(o *observance.Observance) string {
	return Item{Kind: KindObservance, Confidence: o.Confidence, Status: statusOf(o)}.Unconfirmed()
}

func loadObservances(t *testing.T) *observance.Set {
	t.Helper()
	s, err := observance.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestObservancePages checks that each observance page shows the dates the Go engine
// resolves for this year (read from the data file, never recomputed in templates), and
// that a sponsor-set observance says its dates are not announced.
func TestObservancePages(t *testing.T) {
	t.Parallel()
	set := loadObservances(t)
	year := time.Now().Year()
	for _, o := range set.List {
		doc := parsePage(t, "observances/"+o.Slug+"/index.html")
		if h1 := site.Find(doc, tag("h1")); len(h1) != 1 || site.Text(h1[0]) != o.Name {
			t.Errorf("%s: the page's heading is not %q", o.Slug, o.Name)
		}
		r, ok := o.Resolve(year)
		if !ok {
			if !strings.Contains(site.Text(doc), "not announced yet") {
				t.Errorf("%s: sponsor-set dates should be shown as not announced", o.Slug)
			}
			continue
		}
		if len(site.Find(doc, and(tag("time"), attrIs("datetime", r.Start.Format("2006-01-02"))))) == 0 {
			t.Errorf("%s: page does not show %d's start date %s", o.Slug, year, r.Start.Format("2006-01-02"))
		}
		// A date that is not confirmed is marked in words beside it; a confirmed one is not.
		marks := site.Find(doc, and(tag("span"), attrIs("class", "obs-unconfirmed")))
		if want := unconfirmedWords(o); want == "" && len(marks) > 0 {
			t.Errorf("%s: a confirmed date is marked %q", o.Slug, site.Text(marks[0]))
		} else if want != "" && (len(marks) == 0 || site.Text(marks[0]) != want) {
			t.Errorf("%s: the date should be marked %q", o.Slug, want)
		}
	}
	index := parsePage(t, "observances/index.html")
	if !hasLink(index, "/observances/world-aids-day/", "World AIDS Day") {
		t.Error("the observances index does not link World AIDS Day")
	}
}

// TestKits checks the campaign kit of an observance with posts: each text box holds the
// copy with the fact-check link, its copy button points at it, images come with a download
// link and their alt text, and the kits index links the kit.
func TestKits(t *testing.T) {
	t.Parallel()
	doc := parsePage(t, "observances/world-aids-day/index.html")
	if h := site.Find(doc, and(tag("h2"), attrIs("id", "kit"))); len(h) != 1 || site.Text(h[0]) != "Campaign kit" {
		t.Fatal("the World AIDS Day page has no campaign kit")
	}
	boxes := site.Find(doc, and(tag("pre"), hasClass("kit-text")))
	if len(boxes) == 0 {
		t.Fatal("the kit has no text to copy")
	}
	for _, b := range boxes {
		id := site.Attr(b, "id")
		if len(site.Find(doc, and(tag("button"), attrIs("data-copy", id)))) != 1 {
			t.Errorf("no copy button for %s", id)
		}
		if !strings.Contains(site.Text(b), siteServer.URL+"factchecks/") {
			t.Errorf("kit text %s lacks the fact-check link: %q", id, site.Text(b))
		}
	}
	if len(site.Find(doc, hasClass("copy-status"))) != 1 || len(site.Find(doc, and(tag("script"), func(n *html.Node) bool { return strings.Contains(site.Attr(n, "src"), "/js/copy.") }))) != 1 {
		t.Error("the kit page lacks the copy status or script")
	}
	// A post with an image: the kit shows it, offers it for download and gives its alt
	// text with a copy button.
	heart := parsePage(t, "observances/american-heart-month/index.html")
	figs := site.Find(heart, and(tag("figure"), hasClass("kit-image")))
	if len(figs) == 0 {
		t.Fatal("the American Heart Month kit has no image")
	}
	for _, fig := range figs {
		img, dl := site.Find(fig, tag("img")), site.Find(fig, and(tag("a"), hasAttr("download")))
		alt, btn := site.Find(fig, hasClass("kit-alt")), site.Find(fig, and(tag("button"), hasAttr("data-copy")))
		if len(img) != 1 || len(dl) != 1 || len(alt) != 1 || len(btn) != 1 {
			t.Fatalf("kit image lacks its image, download link, alt text or copy button")
		}
		src := site.Attr(img[0], "src")
		if site.Attr(dl[0], "href") != src || site.Text(alt[0]) != site.Attr(img[0], "alt") || site.Attr(btn[0], "data-copy") != site.Attr(alt[0], "id") || site.Attr(img[0], "alt") == "" {
			t.Errorf("kit image parts disagree: src %q, download %q, alt %q / %q", src, site.Attr(dl[0], "href"), site.Attr(img[0], "alt"), site.Text(alt[0]))
		}
		if _, err := os.Stat(filepath.Join(builtSite(t), filepath.FromSlash(strings.TrimPrefix(src, "/")))); err != nil {
			t.Errorf("the kit image %s is not on the site: %v", src, err)
		}
	}
	kits := parsePage(t, "kits/index.html")
	if !hasLink(kits, "/observances/world-aids-day/#kit", "World AIDS Day") {
		t.Error("the kits index does not link the World AIDS Day kit")
	}
}

// parsePage parses a built page.
func parsePage(t *testing.T, path string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(readSite(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

type match func(*html.Node) bool

var tag = site.Tag

func hasAttr(key string) match {
	return func(n *html.Node) bool { return site.HasAttr(n, key) }
}
func attrIs(key, val string) match {
	return func(n *html.Node) bool { return site.HasAttr(n, key) && site.Attr(n, key) == val }
}
func hasClass(c string) match {
	return func(n *html.Node) bool { return site.HasClass(n, c) }
}
func and(ms ...match) match {
	return func(n *html.Node) bool {
		for _, m := range ms {
			if !m(n) {
				return false
			}
		}
		return true
	}
}

func hasLink(doc *html.Node, href, label string) bool {
	for _, a := range site.Find(doc, and(tag("a"), attrIs("href", href))) {
		if site.Text(a) == label {
			return true
		}
	}
	return false
}

// TestCalendarFeed parses the site's .ics feed with ical.js and checks it has this year's
// observances as all-day events and the campaign posts at their UTC times.
func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	raw := readSite(t, "calendar/index.ics")
	for i, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(line) > 75 || strings.ContainsAny(line, "\n\r") {
			t.Errorf("feed line %d breaks RFC 5545 (75 octets, CRLF): %q", i+1, line)
		}
	}
	var got struct {
		Events []struct {
			UID, Summary, Start, End string
			AllDay                   bool
		}
	}
	if err := json.Unmarshal(node(t, "ics", filepath.Join(builtSite(t), "calendar", "index.ics")), &got); err != nil {
		t.Fatal(err)
	}
	byUID := map[string]string{}
	summaries := map[string]string{}
	for _, e := range got.Events {
		byUID[e.UID] = e.Start + ".." + e.End
		summaries[e.UID] = e.Summary
	}
	year := time.Now().Year()
	set := loadObservances(t)
	// Every observance's event says in its title when its date is not confirmed.
	for _, o := range set.List {
		r, ok := o.Resolve(year)
		if !ok {
			continue
		}
		uid := "observance-" + o.Slug + "-" + r.Start.Format("2006") + "@" + strings.Split(siteHost(t), ":")[0]
		want := o.Name
		if why := unconfirmedWords(o); why != "" {
			want += " (" + why + ")"
		}
		if summaries[uid] != want {
			t.Errorf("%s: SUMMARY = %q, want %q", uid, summaries[uid], want)
		}
	}
	r, _ := set.Get("world-aids-day").Resolve(year)
	host := strings.Split(siteHost(t), ":")[0]
	uid := "observance-world-aids-day-" + r.Start.Format("2006") + "@" + host
	if want := r.Start.Format("2006-01-02") + ".." + r.End.AddDate(0, 0, 1).Format("2006-01-02"); byUID[uid] != want {
		t.Errorf("%s = %q, want %q", uid, byUID[uid], want)
	}
	if got := byUID["post-wad-2027-testing@"+host]; got != "2027-12-01T17:00:00Z..2027-12-01T17:15:00Z" {
		t.Errorf("World AIDS Day testing post = %q", got)
	}
	page := parsePage(t, "calendar/index.html")
	if len(site.Find(page, and(tag("a"), attrIs("href", "/calendar/index.ics"), attrIs("type", "text/calendar")))) != 1 {
		t.Error("the calendar page does not offer the .ics feed")
	}
}
