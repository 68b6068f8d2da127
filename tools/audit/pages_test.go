package audit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/scholarfake"
)

// The cited page as the reviewer saw it, and as it reads now: one sentence reversed, the
// navigation and review date changed (which must not count).
const (
	pageBefore = `<html><head><title>Autism and Vaccines</title></head><body><nav>Home · Vaccines</nav>
<main><h1>Autism and Vaccines</h1>
<p>Studies have shown that there is no link between receiving vaccines and developing autism spectrum disorder (ASD).</p>
<p>Vaccine ingredients do not cause autism.</p>
<p>Last reviewed: December 1, 2024</p></main><footer>CDC</footer></body></html>`
	pageAfter = `<html><head><title>Autism and Vaccines</title></head><body><nav>Home · Vaccines · Schedules</nav>
<main><h1>Autism and Vaccines</h1>
<p>The claim "vaccines do not cause autism" is not an evidence-based claim because studies have not ruled out the possibility that infant vaccines cause autism.</p>
<p>Vaccine ingredients do not cause autism.</p>
<p>Last reviewed: November 20, 2025</p></main><footer>CDC</footer></body></html>`
)

// TestChangedCitedPageOpensOneIssueInWords runs the online check over a fact-check citing
// a page that changed and one that vanished, against fake servers, and hands its findings
// to the audit: one issue per page, assigned to the page's reviewers, the change told in
// words against the archived copy; a second week changes nothing.
func TestChangedCitedPageOpensOneIssueInWords(t *testing.T) {
	t.Parallel()
	agency := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/autism":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(pageAfter))
		default:
			http.NotFound(w, r)
		}
	}))
	defer agency.Close()
	scholars := scholarfake.New()
	defer scholars.Close()
	const live = "http://agency.example.org/autism"
	const gone = "http://agency.example.org/removed-page"
	scholars.SetArchived(live, []byte(pageBefore))
	archived := scholars.ArchiveURL() + "/web/20250101000000/" + live
	goneArchived := scholars.ArchiveURL() + "/web/20250101000000/" + gone

	root := t.TempDir()
	fc := `---
title: "Does the MMR vaccine cause autism?"
claim: "The MMR vaccine causes autism."
claim_short: "The MMR vaccine causes autism"
verdict: "false"
bottom_line: "The MMR vaccine does not cause autism."
appearances:
  - url: https://social.example.org/posts/1
topics: [vaccines]
author: writer-jo
reviewers: [dr-ana-lima, dr-james-okafor]
published: 2026-06-01
last_reviewed: 2026-06-01
next_review: 2027-06-01
citations:
  - key: agency-autism
    kind: web
    id: ` + live + `
    title: "Autism and Vaccines"
    publisher: Example Health Agency
    year: 2024
    study_type: other
    retrieved: 2025-01-01
    fingerprint: "` + citation.Fingerprint(citation.MainText([]byte(pageBefore))) + `"
    archived: "` + archived + `"
  - key: agency-removed
    kind: web
    id: ` + gone + `
    title: "Vaccine safety"
    publisher: Example Health Agency
    year: 2024
    study_type: other
    retrieved: 2025-01-01
    fingerprint: "` + citation.Fingerprint(citation.MainText([]byte(pageBefore))) + `"
    archived: "` + goneArchived + `"
---
The agency's page said so[](cite:agency-autism), and another[](cite:agency-removed).
`
	for p, body := range map[string]string{"factchecks/mmr-autism.md": fc, "factdesk.yaml": "organisation:\n  name: R\n  site: https://factdesk.example.org/\ntimezone: UTC\naccounts:\n  outbox:\n    platform: outbox\n"} {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Citations.CrossrefURL, cfg.Citations.DOIURL, cfg.Citations.EUtilsURL = scholars.CrossrefURL(), scholars.DOIURL(), scholars.EUtilsURL()
	cfg.Citations.OpenAlexURL, cfg.Citations.Archive.URL = scholars.OpenAlexURL(), scholars.ArchiveURL()
	repo, err := content.LoadRepo(root)
	if err != nil {
		t.Fatal(err)
	}
	hosts := map[string]string{"agency.example.org": strings.TrimPrefix(agency.URL, "http://")}
	run := check.NewRun(repo, cfg, check.Options{Today: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), Online: true, Rules: []string{"online-citations"},
		Getenv: func(string) string { return "" }, HTTPClient: scholarfake.Client(hosts)})
	findings := run.Execute(context.Background())

	var changed *check.Finding
	for i, f := range findings {
		if f.Rule == "cited-page-changed" {
			changed = &findings[i]
		}
	}
	if changed == nil {
		t.Fatalf("no cited-page-changed finding: %+v", findings)
	}
	want := `Was: «Studies have shown that there is no link between receiving vaccines and developing autism spectrum disorder (ASD).» Now: «The claim "vaccines do not cause autism" is not an evidence-based claim because studies have not ruled out the possibility that infant vaccines cause autism.»`
	if len(changed.Detail) != 1 || changed.Detail[0] != want {
		t.Errorf("the change in words = %q\nwant %q", changed.Detail, want)
	}

	gh, c := newClient(t)
	opts := Options{Assignees: func(path string) []string {
		if path == "factchecks/mmr-autism.md" {
			return []string{"dr-ana-lima", "dr-james-okafor"}
		}
		return nil
	}}
	res, err := Sync(context.Background(), c, Problems(findings, opts), opts)
	if err != nil {
		t.Fatal(err)
	}
	issues := gh.Issues(repoName)
	if res.Opened != 2 || len(issues) != 2 {
		t.Fatalf("opened %d issues (%d on GitHub), want 2: one changed page, one vanished: %+v", res.Opened, len(issues), res.Actions)
	}
	for _, is := range issues {
		t.Log(is.Title + "\n" + is.Body)
	}
	var page, vanished bool
	for _, is := range issues {
		if strings.Join(is.Assignees, ",") != "dr-ana-lima,dr-james-okafor" {
			t.Errorf("%q is assigned to %v, want the page's reviewers", is.Title, is.Assignees)
		}
		switch {
		case strings.HasPrefix(is.Title, "Cited page changed: factchecks/mmr-autism.md"):
			page = true
			quoted := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(want)
			if !strings.Contains(is.Body, "> "+quoted) || !strings.Contains(is.Body, archived) {
				t.Errorf("the issue does not show the change in words against the archived copy:\n%s", is.Body)
			}
		case strings.HasPrefix(is.Title, "Source link no longer works: factchecks/mmr-autism.md") && strings.Contains(is.Body, gone):
			vanished = true
			// The reviewers can read what they approved: the archived copy is in the issue.
			if !strings.Contains(is.Body, goneArchived) {
				t.Errorf("the vanished page's issue does not link its archived copy %s:\n%s", goneArchived, is.Body)
			}
		}
	}
	if !page || !vanished {
		t.Errorf("issues: changed page %v, vanished page %v: %+v", page, vanished, issues)
	}
	// The next week, nothing new: nothing is opened twice.
	res, err = Sync(context.Background(), c, Problems(findings, opts), opts)
	if err != nil || res.Opened != 0 || res.Unchanged != 2 || len(gh.Issues(repoName)) != 2 {
		t.Errorf("second week: %+v, %v", res, err)
	}
}
