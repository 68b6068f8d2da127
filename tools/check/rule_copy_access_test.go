package check

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

func TestPlaceholderAlt(t *testing.T) {
	for _, tt := range []struct {
		alt, src string
		want     bool
	}{
		{"image", "images/a.png", true},
		{"Photo.", "images/a.png", true},
		{"IMG_2041.JPG", "images/a.png", true},
		{"nurse-vaccine", "images/nurse-vaccine.png", true},
		{"A nurse gives a child a vaccine in a clinic", "images/nurse-vaccine.png", false},
		{"Chart: flu cases fell by half after the vaccine campaign", "images/chart.png", false},
	} {
		if got := PlaceholderAlt(tt.alt, tt.src); got != tt.want {
			t.Errorf("PlaceholderAlt(%q, %q) = %v, want %v", tt.alt, tt.src, got, tt.want)
		}
	}
}

func TestAccessibilityRules(t *testing.T) {
	post := func(copy, alt string, tags string) string {
		return "---\ntitle: t\nobservance: world-immunization-week\npublish_at: \"2027-04-24T10:00\"\ntimezone: America/New_York\nchannels: [outbox]\n" +
			"link: https://www.who.int/\nhashtags: [" + tags + "]\nimages:\n  - src: images/nurse.png\n    alt: \"" + alt + "\"\ncopy:\n  default: \"" + copy + "\"\n---\n"
	}
	good := "Vaccines protect children from measles, and the MMR vaccine is safe."
	for _, tt := range []struct {
		name, copy, alt, tags string
		added                 time.Time // when the post was merged; zero: new
		want                  []string  // "rule severity"
	}{
		{"good post", good, "A nurse gives a child a vaccine", "VaccinesWork", time.Time{}, nil},
		{"placeholder alt on a new post", good, "image", "VaccinesWork", time.Time{}, []string{"image-alt-placeholder error"}},
		{"placeholder alt on a post merged before the rule", good, "photo", "VaccinesWork", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), []string{"image-alt-placeholder warning"}},
		{"lower-case multi-word hashtag", good, "A nurse gives a child a vaccine", "vaccineswork", time.Time{}, []string{"hashtag-camelcase warning"}},
		{"short lower-case multi-word hashtag", good, "A nurse gives a child a vaccine", "flushot", time.Time{}, []string{"hashtag-camelcase warning"}},
		{"long one-word hashtag", good, "A nurse gives a child a vaccine", "immunization", time.Time{}, nil},
		{"hashtag of the copy's own words", good, "A nurse gives a child a vaccine", "measlesvaccine", time.Time{}, []string{"hashtag-camelcase warning"}},
		{"mostly emoji", "💉💉💉 ✅✅ 👍", "A nurse gives a child a vaccine", "VaccinesWork", time.Time{}, []string{"copy-image-only warning", "copy-mostly-emoji warning"}},
		{"image with near-empty copy", "Look!", "A nurse gives a child a vaccine", "VaccinesWork", time.Time{}, []string{"copy-image-only warning"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, map[string]string{"campaigns/2027/p.md": post(tt.copy, tt.alt, tt.tags), "static/images/nurse.png": "png"})
			repo, err := content.LoadRepo(root)
			if err != nil {
				t.Fatal(err)
			}
			added := map[string]time.Time{}
			if !tt.added.IsZero() {
				added["campaigns/2027/p.md"] = tt.added
			}
			run := NewRun(repo, config.Default(), Options{Rules: []string{"copy-accessibility"}, Added: added})
			var got []string
			for _, f := range run.Execute(context.Background()) {
				got = append(got, f.Rule+" "+f.Severity.String())
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}
