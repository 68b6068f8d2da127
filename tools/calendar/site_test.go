package calendar

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/observance"
	"github.com/factdesk/factdesk/tools/site"
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
		page := readSite(t, "observances/"+o.Slug+"/index.html")
		if !strings.Contains(page, ">"+htmlEscape(o.Name)+"</h1>") {
			t.Errorf("%s: page lacks its heading", o.Slug)
		}
		r, ok := o.Resolve(year)
		if !ok {
			if !strings.Contains(page, "not announced yet") {
				t.Errorf("%s: sponsor-set dates should be shown as not announced", o.Slug)
			}
			continue
		}
		if !strings.Contains(page, `<time datetime=`+r.Start.Format("2006-01-02")+`>`) {
			t.Errorf("%s: page does not show %d's start date %s", o.Slug, year, r.Start.Format("2006-01-02"))
		}
	}
	index := readSite(t, "observances/index.html")
	if !strings.Contains(index, `href=/observances/world-aids-day/>World AIDS Day</a>`) {
		t.Error("the observances index does not link World AIDS Day")
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// TestKits checks the campaign kit of an observance with posts: each text box holds the
// copy with the fact-check link, its copy button points at it, and the kits index links it.
func TestKits(t *testing.T) {
	t.Parallel()
	page := readSite(t, "observances/world-aids-day/index.html")
	if !strings.Contains(page, `id=kit>Campaign kit</h2>`) {
		t.Fatal("the World AIDS Day page has no campaign kit")
	}
	boxes := regexp.MustCompile(`<pre class=kit-text id=(kit-[0-9-]+)>([^<]*)</pre>`).FindAllStringSubmatch(page, -1)
	if len(boxes) == 0 {
		t.Fatal("the kit has no text to copy")
	}
	for _, b := range boxes {
		if !strings.Contains(page, `data-copy=`+b[1]+` `) {
			t.Errorf("no copy button for %s", b[1])
		}
		if !strings.Contains(b[2], siteServer.URL+"factchecks/") {
			t.Errorf("kit text %s lacks the fact-check link: %q", b[1], b[2])
		}
	}
	if !strings.Contains(page, "copy-status") || !strings.Contains(page, "/js/copy.") {
		t.Error("the kit page lacks the copy status or script")
	}
	// A post with an image: the kit shows it, offers it for download and gives its alt
	// text with a copy button.
	heart := readSite(t, "observances/american-heart-month/index.html")
	img := regexp.MustCompile(`(?s)<figure class=kit-image><img src=(\S+) alt="([^"]+)"[^>]*><figcaption><a href=(\S+) download>Download image</a>.*?<span class=kit-alt id=(kit-[0-9]+-img-[0-9]+)>([^<]+)</span>\s*<button type=button class=copy data-copy=(kit-[0-9]+-img-[0-9]+) `).FindStringSubmatch(heart)
	if img == nil {
		t.Fatal("the American Heart Month kit has no image with download link, alt text and copy button")
	}
	if img[1] != img[3] || img[2] != img[5] || img[4] != img[6] {
		t.Errorf("kit image parts disagree: %q", img[1:])
	}
	if _, err := os.Stat(filepath.Join(builtSite(t), filepath.FromSlash(strings.TrimPrefix(img[1], "/")))); err != nil {
		t.Errorf("the kit image %s is not on the site: %v", img[1], err)
	}
	kits := readSite(t, "kits/index.html")
	if !strings.Contains(kits, `href=/observances/world-aids-day/#kit>World AIDS Day</a>`) {
		t.Error("the kits index does not link the World AIDS Day kit")
	}
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
	for _, e := range got.Events {
		byUID[e.UID] = e.Start + ".." + e.End
	}
	year := time.Now().Year()
	set := loadObservances(t)
	r, _ := set.Get("world-aids-day").Resolve(year)
	host := strings.Split(siteHost(t), ":")[0]
	uid := "observance-world-aids-day-" + r.Start.Format("2006") + "@" + host
	if want := r.Start.Format("2006-01-02") + ".." + r.End.AddDate(0, 0, 1).Format("2006-01-02"); byUID[uid] != want {
		t.Errorf("%s = %q, want %q", uid, byUID[uid], want)
	}
	if got := byUID["post-wad-2027-testing@"+host]; got != "2027-12-01T17:00:00Z..2027-12-01T17:15:00Z" {
		t.Errorf("World AIDS Day testing post = %q", got)
	}
	page := readSite(t, "calendar/index.html")
	if !strings.Contains(page, `href=/calendar/index.ics type=text/calendar`) {
		t.Error("the calendar page does not offer the .ics feed")
	}
}
