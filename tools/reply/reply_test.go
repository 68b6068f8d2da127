package reply

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/social"
)

var repoRoot = filepath.Join("..", "..")

// TestShippedTemplatesPassGuardAndLimits fills every template with the repository's
// configuration and checks it with the privacy guard and against every platform's limit.
func TestShippedTemplatesPassGuardAndLimits(t *testing.T) {
	set, err := Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := content.LoadRepo(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	g := check.PrivacyGuard(cfg, repo)
	for _, tmpl := range set.Templates {
		text, err := Fill(tmpl, Defaults(cfg))
		if err != nil {
			t.Errorf("%s: %v", tmpl.ID, err)
			continue
		}
		for platform := range social.Limits {
			for _, p := range Vet(text, platform, g) {
				t.Errorf("template %s on %s: %s", tmpl.ID, platform, p)
			}
		}
	}
}

// TestTemplatesCoverTheGuidance checks the situations healthcare guidance names are there.
func TestTemplatesCoverTheGuidance(t *testing.T) {
	set, err := Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"private-channel": "{portal}", "no-confirm": "confirm", "emergency": "911", "crisis": "988", "complaint": "can't discuss"}
	for id, needle := range want {
		tmpl, ok := set.Get(id)
		if !ok {
			t.Errorf("no %s template", id)
			continue
		}
		if !strings.Contains(tmpl.Text, needle) {
			t.Errorf("template %s lacks %q", id, needle)
		}
		if _, ok := set.Get(id + "-es"); !ok {
			t.Errorf("no Spanish version of %s", id)
		}
	}
}

func TestVetRefusesPHIAndLength(t *testing.T) {
	g := check.PrivacyGuard(config.Default(), nil)
	tests := []struct {
		name, text, platform string
		rules                []string
	}{
		{"clean", "Please call our main line.", "x", nil},
		{"confirmation", "Sorry, we saw you last Tuesday and your results came back fine.", "", []string{"phi-confirmation", "phi-confirmation"}},
		{"too long for x", strings.Repeat("Please call us. ", 20), "x", []string{"reply-length"}},
		{"fits mastodon", strings.Repeat("Please call us. ", 20), "mastodon", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := Vet(tt.text, tt.platform, g)
			var rules []string
			for _, p := range ps {
				rules = append(rules, p.Rule)
				if strings.Contains(p.String(), "saw you") || strings.Contains(p.String(), "results came back") {
					t.Errorf("problem repeats the text: %s", p)
				}
			}
			if strings.Join(rules, ",") != strings.Join(tt.rules, ",") {
				t.Errorf("Vet rules = %v; want %v", rules, tt.rules)
			}
		})
	}
}

func TestFillReportsMissingVariables(t *testing.T) {
	tmpl := Template{ID: "x", Text: "Call {phone} or use {portal}."}
	_, err := Fill(tmpl, map[string]string{"phone": "(212) 555-0147"})
	var mv *MissingVarsError
	if !errors.As(err, &mv) || len(mv.Vars) != 1 || mv.Vars[0] != "portal" {
		t.Fatalf("Fill error = %v; want portal missing", err)
	}
	got, err := Fill(tmpl, map[string]string{"phone": "1", "portal": "2"})
	if err != nil || got != "Call 1 or use 2." {
		t.Errorf("Fill = %q, %v", got, err)
	}
}

func TestForFactCheckFitsEveryPlatform(t *testing.T) {
	repo, err := content.LoadRepo(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, fc := range repo.FactChecks {
		if !fc.OK || fc.Withdrawn != nil {
			continue
		}
		for platform := range social.Limits {
			text, ok := ForFactCheck(fc, "https://factdesk.example.org/", platform)
			if !ok {
				t.Errorf("%s: no reply fits %s", fc.Path, platform)
				continue
			}
			if c := social.Measure(platform, text); c.Over() {
				t.Errorf("%s on %s: %s", fc.Path, platform, c)
			}
			if !strings.Contains(text, "https://factdesk.example.org/") || !strings.Contains(text, fc.Slug) {
				t.Errorf("%s on %s: reply lacks the link: %q", fc.Path, platform, text)
			}
		}
	}
}

func TestForFactCheckFallsBackWhenRepliesAreLong(t *testing.T) {
	fc := &content.FactCheckDoc{FactCheck: content.FactCheck{Slug: "flu-shot-gives-flu", Lang: "es", BottomLine: "Corta.",
		Replies: []content.Reply{{Label: "long", Text: strings.Repeat("palabra ", 60)}}}}
	text, ok := ForFactCheck(fc, "https://s.example.org/", "x")
	if !ok || text != "Corta. https://s.example.org/es/factchecks/flu-shot-gives-flu/" {
		t.Errorf("ForFactCheck = %q, %v", text, ok)
	}
}
