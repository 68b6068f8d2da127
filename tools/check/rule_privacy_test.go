package check

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/factdesk/factdesk/tools/content"
)

// plantedPost is a campaign post whose copy, notes and comments carry identifiers.
const plantedPost = `---
title: Flu shot myth reply
observance: world-immunization-week
publish_at: 2027-04-26T09:00
timezone: America/New_York
channels: [mastodon-main]
copy:
  # phi-ok
  default: "Thanks Maria Lopez for the review, we saw you last Tuesday after your surgery."
  mastodon-main: "Questions? Email jane.doe@gmail.com" # phi-ok: this is a fictional address for the training deck
---

Notes for the team: call her back at (312) 867-5309.
<!-- phi-ok: the hospital's own switchboard, published on the contact page -->
Switchboard: (646) 555-0123.
Her MRN is 00482913.
`

// plantedStrings are the identifiers in plantedPost; no output may repeat them.
var plantedStrings = []string{"Maria Lopez", "Maria", "jane.doe@gmail.com", "(312) 867-5309", "867-5309", "00482913", "we saw you", "(646) 555-0123"}

func TestPrivacyRuleFindsAndLocatesIdentifiers(t *testing.T) {
	root := newRepo(t, map[string]string{"campaigns/2027/flu-reply.md": plantedPost})
	got := map[string]bool{}
	for _, f := range runCheck(t, root, "privacy") {
		if f.Path != "campaigns/2027/flu-reply.md" {
			t.Errorf("unexpected finding in %s: %s", f.Path, f)
			continue
		}
		got[fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.Rule, f.Level)] = true
		for _, s := range plantedStrings {
			if strings.Contains(f.String(), s) {
				t.Errorf("finding %q repeats the identifier %q", f, s)
			}
		}
	}
	want := []string{
		"8:3 phi-waiver error",        // "# phi-ok" without a reason waives nothing
		"9:20 phi-name error",         // Maria Lopez
		"9:48 phi-confirmation error", // we saw you
		"13:38 phi-phone error",       // the notes are in the repository too
		"16:12 phi-medical-record error",
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing finding %s", w)
		}
	}
	for g := range got {
		found := false
		for _, w := range want {
			found = found || g == w
		}
		if !found {
			t.Errorf("unexpected finding %s (the email on line 10 and the switchboard on line 15 are waived)", g)
		}
	}
}

func TestPrivacyRuleSkipsStructuralFields(t *testing.T) {
	// The base fixture has dates, DOIs, PubMed IDs and URLs in structural fields only.
	root := newRepo(t, nil)
	if fs := runCheck(t, root, "privacy"); len(fs) != 0 {
		t.Errorf("findings in clean content: %v", fs)
	}
}

func TestPrivacyRuleAllowsOrganisationDetails(t *testing.T) {
	root := newRepo(t, map[string]string{
		"campaigns/2027/contact.md": plantedPost[:strings.Index(plantedPost, "copy:")] +
			"copy:\n  default: \"Questions about your care? Call our patient line at (212) 555-0147 or write to privacy@example.org.\"\n---\n",
		"factdesk.yaml": baseConfig(t) + "\nprivacy:\n  allow: [\"(212) 555-0147\", \"privacy@example.org\"]\n",
	})
	if fs := runCheck(t, root, "privacy"); len(fs) != 0 {
		t.Errorf("the organisation's own contact details were reported: %v", fs)
	}
}

func TestPrivacyFindingsInJSONNeverEchoText(t *testing.T) {
	root := newRepo(t, map[string]string{"campaigns/2027/flu-reply.md": plantedPost})
	fs := runCheck(t, root, "privacy")
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	b, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range plantedStrings {
		if strings.Contains(string(b), s) {
			t.Errorf("JSON findings repeat %q", s)
		}
	}
}

// TestShippedContentIsClean runs the guard over the repository's own content.
func TestShippedContentIsClean(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range runCheck(t, root, "privacy") {
		t.Errorf("shipped content: %s", f)
	}
}

func baseConfig(t *testing.T) string {
	t.Helper()
	return readFile(t, filepath.Join("testdata", "base", "factdesk.yaml"))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConsentNoteMustSaySomething(t *testing.T) {
	post := func(consent string) string {
		return "---\ntitle: Photo\nobservance: world-aids-day\npublish_at: 2027-12-01T09:00\ntimezone: America/New_York\nchannels: [mastodon-main]\ncopy:\n  default: \"Get tested.\"\nimages:\n  - src: images/nurse.jpg\n    alt: A nurse holds a test kit.\n    person: true\n" + consent + "---\n"
	}
	tests := []struct {
		consent string
		want    int
	}{
		{"    consent: \"yes\"\n", 1},
		{"    consent: \"Signed media release from the staff member, 2027-01-10, kept by Communications\"\n", 0},
	}
	for _, tt := range tests {
		root := newRepo(t, map[string]string{"campaigns/2027/photo.md": post(tt.consent)})
		n := 0
		for _, f := range runCheck(t, root, "privacy") {
			if f.Rule == "image-consent-note" {
				n++
			} else {
				t.Errorf("unexpected finding %s", f)
			}
		}
		if n != tt.want {
			t.Errorf("consent %q: %d image-consent-note findings; want %d", tt.consent, n, tt.want)
		}
	}
}

// TestPrivacyRuleRefusesUnsafePagesAndTemplates holds the pages and reply templates the
// privacy rule reads besides the content to the repository's rules for reading: a
// link out of the repository, a FIFO or a file past its limit is a located error, and
// the rest of the check goes on.
func TestPrivacyRuleRefusesUnsafePagesAndTemplates(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(outside, []byte("Maria Lopez was admitted on March 3.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		make       func(p string) error
		want       string
	}{
		{"page linked outside", "content/linked.md", func(p string) error { return os.Symlink(outside, p) }, "outside the repository"},
		{"page that is a FIFO", "content/pipe.md", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "not a regular file (a named pipe)"},
		{"page past the content limit", "content/huge.md", func(p string) error {
			return os.WriteFile(p, []byte("---\ntitle: x\n---\n"+strings.Repeat("a", 1<<20)), 0o644)
		}, "larger than the limit of 1 MB"},
		{"templates linked to /dev/zero", ReplyTemplatesFile, func(p string) error {
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return err
			}
			return os.Symlink("/dev/zero", p)
		}, "outside the repository"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := newRepo(t, nil)
			p := filepath.Join(root, filepath.FromSlash(tt.path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			var got []Finding
			for _, f := range runCheck(t, root, "privacy") {
				if f.Path == tt.path {
					got = append(got, f)
				}
			}
			if len(got) != 1 || got[0].Rule != "file-unreadable" || got[0].Severity != content.Error || got[0].Line != 1 || !strings.Contains(got[0].Message, tt.want) {
				t.Fatalf("findings at %s: %v; want one file-unreadable error saying %q", tt.path, got, tt.want)
			}
		})
	}
}
