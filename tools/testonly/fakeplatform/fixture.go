package fakeplatform

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Accounts are the accounts of a fixture repository, one per platform, named as in the
// sample factdesk.yaml (plus webhook-main).
var Accounts = []string{"outbox", "mastodon-main", "bluesky-main", "x-main", "linkedin-main", "facebook-main", "threads-main", "webhook-main"}

// FixturePost is a campaign post of a fixture repository.
type FixturePost struct {
	Slug      string
	PublishAt string // local time in America/New_York
	Channels  []string
	Copy      string
	FactCheck string
	Hashtags  []string
	Draft     bool
	Exported  map[string]string
	// Image, when set, is a file name under static/images/ written with a few bytes.
	Image string
}

// WriteRepo writes a factdesk repository into dir whose accounts point at s, with
// posts, and returns the environment the publisher needs (credentials and site).
// outboxDir, when not empty, is the outbox folder (absolute, outside the repository).
func (s *Server) WriteRepo(dir, outboxDir string, posts []FixturePost, extraConfig string) (map[string]string, error) {
	outboxOpt := ""
	if outboxDir != "" {
		outboxOpt = fmt.Sprintf("\n    options:\n      dir: %q", outboxDir)
	}
	cfg := fmt.Sprintf(`organisation:
  name: Test Health
  site: https://factdesk.example.org/
  repository: example/factdesk
timezone: America/New_York
editors: [editor-sam-rivera]
accounts:
  outbox:
    platform: outbox%s
  mastodon-main:
    platform: mastodon
    options:
      instance: %s
  bluesky-main:
    platform: bluesky
    handle: riversidehealth.example
    options:
      api: %s
  x-main:
    platform: x
    handle: "@RiversideHealth"
    options:
      api: %s
  linkedin-main:
    platform: linkedin
    options:
      api: %s
      author: urn:li:organization:12345
  facebook-main:
    platform: facebook
    options:
      api: %s
      page_id: "4242"
  threads-main:
    platform: threads
    options:
      api: %s
  webhook-main:
    platform: webhook
    options:
      url: %s
%s`, outboxOpt, s.URLFor("mastodon"), s.URLFor("bluesky"), s.URLFor("x"), s.URLFor("linkedin"), s.URLFor("facebook"), s.URLFor("threads"), s.URLFor("webhook")+"/hook", extraConfig)
	if err := os.MkdirAll(filepath.Join(dir, "campaigns", "2027"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "factdesk.yaml"), []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	// A new, empty ledger, as `factdesk ledger init` starts it.
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "ledger.json"), []byte("{\n  \"entries\": []\n}\n"), 0o644); err != nil {
		return nil, err
	}
	// What factdesk check needs to accept the posts: their observance, and a file for each
	// fact-check they link to (its own content is not what these fixtures test).
	obs := "world-immunization-week:\n  name: World Immunization Week\n  scope: global\n  kind: week\n  rule: days April 24-30\n" +
		"  sponsor: https://www.who.int\n  source: https://www.who.int/campaigns/world-immunization-week\n  verified: 2026-11-27\n  confidence: confirmed\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "observances.yaml"), []byte(obs), 0o644); err != nil {
		return nil, err
	}
	for _, p := range posts {
		if p.FactCheck == "" {
			continue
		}
		fc := filepath.Join(dir, "factchecks", p.FactCheck+".md")
		if err := os.MkdirAll(filepath.Dir(fc), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(fc, []byte("---\ntitle: \"Fixture fact-check\"\nverdict: \"false\"\n---\nA fixture.\n"), 0o644); err != nil {
			return nil, err
		}
	}
	for _, p := range posts {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\nobservance: world-immunization-week\npublish_at: %s\ntimezone: America/New_York\nchannels: [%s]\ncopy:\n  default: %q\n",
			p.Slug, p.PublishAt, strings.Join(p.Channels, ", "), p.Copy)
		if p.FactCheck != "" {
			fmt.Fprintf(&b, "factcheck: %s\n", p.FactCheck)
		} else {
			b.WriteString("link: https://www.who.int/campaigns/world-immunization-week\n")
		}
		if len(p.Hashtags) > 0 {
			fmt.Fprintf(&b, "hashtags: [%s]\n", strings.Join(p.Hashtags, ", "))
		}
		if p.Draft {
			b.WriteString("draft: true\n")
		}
		if len(p.Exported) > 0 {
			b.WriteString("exported:\n")
			for k, v := range p.Exported {
				fmt.Fprintf(&b, "  %s: %s\n", k, v)
			}
		}
		if p.Image != "" {
			fmt.Fprintf(&b, "images:\n  - src: images/%s\n    alt: \"A nurse gives a child a vaccine in a clinic\"\n", p.Image)
			img := filepath.Join(dir, "static", "images", p.Image)
			if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(img, []byte("\x89PNG\r\n\x1a\nfake image bytes"), 0o644); err != nil {
				return nil, err
			}
		}
		b.WriteString("---\nNotes for the team.\n")
		if err := os.WriteFile(filepath.Join(dir, "campaigns", "2027", p.Slug+".md"), []byte(b.String()), 0o644); err != nil {
			return nil, err
		}
	}
	env := map[string]string{
		"FACTDESK_MASTODON_MAIN_TOKEN":   s.Tokens["mastodon"],
		"FACTDESK_BLUESKY_MAIN_PASSWORD": s.Tokens["bluesky"],
		"FACTDESK_X_MAIN_TOKEN":          s.Tokens["x"],
		"FACTDESK_LINKEDIN_MAIN_TOKEN":   s.Tokens["linkedin"],
		"FACTDESK_FACEBOOK_MAIN_TOKEN":   s.Tokens["facebook"],
		"FACTDESK_THREADS_MAIN_TOKEN":    s.Tokens["threads"],
		"FACTDESK_WEBHOOK_MAIN_SECRET":   s.Tokens["webhook"],
		"FACTDESK_SITE_URL":              s.URLFor("site") + "/",
		"GITHUB_ACTIONS":                 "true",
		"GITHUB_REF":                     "refs/heads/main",
	}
	return env, nil
}
