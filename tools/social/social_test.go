package social

import (
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/content"
)

func TestMeasure(t *testing.T) {
	family := "👨‍👩‍👧‍👦" // 4 emoji joined by 3 ZWJ: 25 bytes, 11 UTF-16 units, 1 grapheme
	longURL := "https://factdesk.example.org/factchecks/flu-shot-gives-flu/?utm_source=x&utm_medium=social"
	tests := []struct {
		name, platform, text string
		used, bytes          int
		over                 bool
	}{
		{"ascii on X", X, "Hello", 5, 5, false},
		{"CJK weighs 2 on X", X, "日本語", 6, 9, false},
		{"ZWJ family is one emoji on X", X, family, 2, 25, false},
		{"flag is one emoji on X", X, "🇺🇸", 2, 8, false},
		{"skin tone is one emoji on X", X, "👍🏽", 2, 8, false},
		{"combining mark normalised on X", X, "e\u0301", 1, 3, false},
		{"Hebrew weighs 1 on X", X, "שלום", 4, 8, false},
		{"URL counts 23 on X", X, longURL, 23, len(longURL), false},
		{"bare domain counts 23 on X", X, "see cdc.gov", 27, 11, false},
		{"280 fits X", X, strings.Repeat("a", 280), 280, 280, false},
		{"281 is over X", X, strings.Repeat("a", 281), 281, 281, true},
		{"141 CJK is over X", X, strings.Repeat("健", 141), 282, 423, true},
		{"family is one grapheme on Bluesky", Bluesky, family, 1, 25, false},
		{"combining marks are one grapheme on Bluesky", Bluesky, "e\u0301\u0323", 1, 5, false},
		{"Bluesky counts URLs in full", Bluesky, longURL, len(longURL), len(longURL), false},
		{"300 graphemes fit Bluesky", Bluesky, strings.Repeat("a", 300), 300, 300, false},
		{"301 graphemes are over Bluesky", Bluesky, strings.Repeat("a", 301), 301, 301, true},
		{"300 families are over Bluesky's bytes", Bluesky, strings.Repeat(family, 300), 300, 7500, true},
		{"Mastodon: URL 23", Mastodon, "read " + longURL, 28, 5 + len(longURL), false},
		{"Mastodon: bare domain counted as written", Mastodon, "see cdc.gov", 11, 11, false},
		{"Mastodon: remote mention counts the user part", Mastodon, "hi @riverside@mastodon.example", 13, 30, false},
		{"Mastodon: family is one", Mastodon, family, 1, 25, false},
		{"Threads: emoji counts its bytes", Threads, "ok " + family, 3 + 25, 28, false},
		{"Threads: CJK counts one", Threads, "日本語", 3, 9, false},
		{"LinkedIn: UTF-16", LinkedIn, "😀a", 3, 5, false},
		{"Facebook: UTF-16", Facebook, family, 11, 25, false},
		{"LinkedIn over", LinkedIn, strings.Repeat("ab", 1501), 3002, 3002, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Measure(tt.platform, tt.text)
			if c.Used != tt.used || c.Bytes != tt.bytes || c.Over() != tt.over {
				t.Errorf("Measure(%s) = %d used, %d bytes, over %v (%s); want %d, %d, %v", tt.platform, c.Used, c.Bytes, c.Over(), c, tt.used, tt.bytes, tt.over)
			}
		})
	}
}

func TestLimitForInstance(t *testing.T) {
	l, ok := LimitFor(Mastodon, 1000)
	if !ok || l.Max != 1000 || l.URLLength != 23 {
		t.Fatalf("LimitFor(mastodon, 1000) = %+v, %v", l, ok)
	}
	if c := MeasureWith(l, strings.Repeat("a", 900)); c.Over() {
		t.Errorf("900 characters are over a 1000-character instance: %s", c)
	}
	if _, ok := LimitFor("outbox", 0); ok {
		t.Error("outbox has no limits")
	}
	if c := Measure("outbox", strings.Repeat("a", 100000)); c.Over() || c.Limit != 0 {
		t.Errorf("outbox count %s should have no limit", c)
	}
}

func TestCountString(t *testing.T) {
	if got := Measure(Bluesky, "hi").String(); got != "2/300 characters, 2/3000 bytes" {
		t.Errorf("String() = %q", got)
	}
	if got := Measure(X, "日本").String(); got != "4/280 weighted characters" {
		t.Errorf("String() = %q", got)
	}
}

func TestCompose(t *testing.T) {
	post := content.Post{
		Slug: "flu-shot-2027", Observance: "national-immunization-awareness-month",
		Copy:      map[string]string{"default": "The flu shot cannot give you the flu. #FluFacts", "bluesky-main": "Flu shots can't give you flu."},
		FactCheck: "flu-shot-gives-flu",
		Hashtags:  []string{"FluFacts", "Vaccines"},
	}
	opts := Options{SiteURL: "https://factdesk.example.org/", Tracking: map[string]string{"utm_source": "{platform}", "utm_campaign": "{observance}"}}
	tests := []struct {
		channel, platform, want string
	}{
		{"x-main", X, "The flu shot cannot give you the flu. #FluFacts\n\nhttps://factdesk.example.org/factchecks/flu-shot-gives-flu/?utm_campaign=national-immunization-awareness-month&utm_source=x\n\n#Vaccines"},
		{"bluesky-main", Bluesky, "Flu shots can't give you flu.\n\nhttps://factdesk.example.org/factchecks/flu-shot-gives-flu/?utm_campaign=national-immunization-awareness-month&utm_source=bluesky\n\n#FluFacts #Vaccines"},
	}
	for _, tt := range tests {
		m := Compose(post, tt.channel, tt.platform, opts)
		if m.Text != tt.want {
			t.Errorf("Compose(%s) =\n%q\nwant\n%q", tt.channel, m.Text, tt.want)
		}
	}
	// A link the copy already holds is not appended twice; an outside link gets no tracking.
	p2 := content.Post{Copy: map[string]string{"default": "Read more at https://www.who.int/news-room/fact-sheets"}, Link: "https://www.who.int/news-room/fact-sheets"}
	if m := Compose(p2, "x-main", X, opts); m.Text != p2.Copy["default"] {
		t.Errorf("Compose appended a link already in the copy: %q", m.Text)
	}
	p3 := content.Post{Copy: map[string]string{"default": "Read more"}, Link: "https://www.who.int/"}
	if m := Compose(p3, "x-main", X, opts); m.Text != "Read more\n\nhttps://www.who.int/" {
		t.Errorf("outside link changed: %q", m.Text)
	}
}

func TestFactCheckURL(t *testing.T) {
	if got := FactCheckURL("https://s.example.org", "es/mmr-vaccine-autism"); got != "https://s.example.org/es/factchecks/mmr-vaccine-autism/" {
		t.Errorf("got %q", got)
	}
}

func TestTracking(t *testing.T) {
	site := "https://factdesk.example.org/"
	if !IsSiteLink("https://FACTDESK.example.org/factchecks/x/", site) || IsSiteLink("https://factdesk.example.org.evil.example/", site) {
		t.Error("IsSiteLink is wrong about hosts")
	}
	params := map[string]string{"utm_source": "x", "utm_medium": "social"}
	if got := MissingTracking("https://factdesk.example.org/a/?utm_source=x", params); strings.Join(got, ",") != "utm_medium" {
		t.Errorf("MissingTracking = %v", got)
	}
	if got := AddTracking("https://factdesk.example.org/a/?utm_source=mine", params); got != "https://factdesk.example.org/a/?utm_medium=social&utm_source=mine" {
		t.Errorf("AddTracking = %q", got)
	}
}

func TestHashtags(t *testing.T) {
	if !HasHashtag("Get your shot #FluFacts!", "flufacts") || HasHashtag("#FluFactsToday", "FluFacts") || HasHashtag("a&#FluFacts", "FluFacts") {
		t.Error("HasHashtag wrong")
	}
	if got := strings.Join(Hashtags("#one two #dos_3 #123 https://x.example/#frag #salud✓ #健康"), ","); got != "one,dos_3,salud,健康" {
		t.Errorf("Hashtags = %q", got)
	}
}
