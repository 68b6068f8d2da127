package check_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/report"
	"github.com/factdesk/factdesk/tools/testonly/scholarfake"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// onlineHosts starts the fake web hosts of the golden fixture and returns the host-name
// to address map for scholarfake.Client.
func onlineHosts(t *testing.T) map[string]string {
	t.Helper()
	challenge := scholarfake.Fixture("cloudflare-challenge.html")
	botwall := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cf-Mitigated", "challenge")
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		w.Write(challenge)
	}))
	gone := httptest.NewServer(http.NotFoundHandler())
	moved := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/schedule" {
			http.Redirect(w, r, "/vaccines/schedule", http.StatusMovedPermanently)
			return
		}
		w.Write([]byte("<html><title>Schedule</title></html>"))
	}))
	for _, s := range []*httptest.Server{botwall, gone, moved} {
		t.Cleanup(s.Close)
	}
	addr := func(s *httptest.Server) string { return strings.TrimPrefix(s.URL, "http://") }
	return map[string]string{"botwall.example.org": addr(botwall), "gone.example.org": addr(gone), "moved.example.org": addr(moved)}
}

func onlineRun(t *testing.T, root string, fake *scholarfake.Server, hosts map[string]string) (*check.Run, *bytes.Buffer) {
	t.Helper()
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Citations.CrossrefURL, cfg.Citations.DOIURL, cfg.Citations.EUtilsURL = fake.CrossrefURL(), fake.DOIURL(), fake.EUtilsURL()
	cfg.Citations.OpenAlexURL, cfg.Citations.Archive.URL = fake.OpenAlexURL(), fake.ArchiveURL()
	repo, err := content.LoadRepo(root)
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	run := check.NewRun(repo, cfg, check.Options{Today: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), Online: true, Rules: []string{"online-citations"},
		Getenv: func(string) string { return "" }, HTTPClient: scholarfake.Client(hosts), Progress: &errOut})
	return run, &errOut
}

// TestOnlineGoldenReport checks the whole report over a fact-check with a planted
// retraction, a title mismatch, a bot wall and a dead link against a report written in
// advance, then checks that a second run answers from the cache alone.
func TestOnlineGoldenReport(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	testenv.Copy(t, filepath.Join("testdata", "online-citations"), root)
	fake := scholarfake.New()
	defer fake.Close()
	hosts := onlineHosts(t)

	run, progress := onlineRun(t, root, fake, hosts)
	findings := run.Execute(context.Background())
	var got strings.Builder
	for _, f := range findings {
		got.WriteString(f.String() + "\n")
	}
	want, err := os.ReadFile(filepath.Join("testdata", "online-citations", "report.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("report differs from report.golden\n--- got\n%s--- want\n%s", got.String(), want)
	}
	if !strings.Contains(progress.String(), "checked 6 of 6 citations and links") {
		t.Errorf("progress lines: %q", progress.String())
	}
	if _, err := os.Stat(filepath.Join(root, ".factdesk-cache", "citations.json")); err != nil {
		t.Errorf("the cache was not saved: %v", err)
	}

	// SARIF of the same findings is valid SARIF 2.1.0 and points at the same places.
	rep := report.BuildSARIF(findings)
	if err := rep.Validate(); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
	var buf bytes.Buffer
	if err := report.SARIF(&buf, findings); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 || len(doc.Runs[0].Results) != len(findings) {
		t.Fatalf("SARIF shape: %+v", doc)
	}
	r := doc.Runs[0].Results[1]
	if r.RuleID != "citation-retracted" || r.Level != "error" || r.Locations[0].Physical.Artifact.URI != "factchecks/mmr-autism.md" || r.Locations[0].Physical.Region.StartLine != 20 {
		t.Errorf("SARIF result for the retraction: %+v", r)
	}

	// A second run within the cache lifetimes asks no server anything.
	requests := len(fake.Requests())
	run2, _ := onlineRun(t, root, fake, hosts)
	findings2 := run2.Execute(context.Background())
	if len(findings2) != len(findings) {
		t.Errorf("warm run: %d findings, want %d", len(findings2), len(findings))
	}
	v := run2.Citations()
	// Failures (the bot wall, the dead link) are kept for an hour, so nothing is fetched.
	if v.Lookups() != 0 || len(fake.Requests()) != requests {
		t.Errorf("warm run made %d lookups and %d API requests, want none", v.Lookups(), len(fake.Requests())-requests)
	}
}

// TestOnlineRuleWhenServicesFail checks that outages give warnings, never errors.
func TestOnlineRuleWhenServicesFail(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	testenv.Copy(t, filepath.Join("testdata", "online-citations"), root)
	fake := scholarfake.New()
	defer fake.Close()
	for _, k := range []string{"doi:10.1016/s0140-6736(97)11096-0", "doi:10.1016/j.vaccine.2014.04.085", "pmid:9500320"} {
		fake.Fail(k, scholarfake.Malformed, scholarfake.Malformed)
	}
	run, _ := onlineRun(t, root, fake, onlineHosts(t))
	var unverified int
	for _, f := range run.Execute(context.Background()) {
		if f.Rule == "citation-unverified" {
			unverified++
			if f.Severity != content.Warning || !strings.Contains(f.Message, "malformed") {
				t.Errorf("finding %s", f)
			}
		}
		if f.Rule == "citation-retracted" || f.Rule == "citation-title-mismatch" {
			t.Errorf("unexpected %s while Crossref answered garbage", f)
		}
	}
	if unverified != 3 {
		t.Errorf("%d unverified findings, want 3", unverified)
	}
}

// TestOnlineAuthors: a real DOI cited with the wrong authors matches no record in any
// index and fails naming the field; with the right ones it passes. OpenAlex is asked
// only when Crossref disagrees, with the key from the environment when there is one.
func TestOnlineAuthors(t *testing.T) {
	t.Parallel()
	const entry = `---
title: "Does the MMR vaccine cause autism?"
claim: "The MMR vaccine causes autism."
claim_short: "The MMR vaccine causes autism"
verdict: "false"
bottom_line: "The MMR vaccine does not cause autism."
appearances:
  - url: https://social.example.org/posts/1
topics: [vaccines]
author: writer-jo
reviewers: [dr-ana-lima]
published: 2026-06-01
last_reviewed: 2026-06-01
next_review: 2027-06-01
citations:
  - key: taylor2014
    kind: doi
    id: 10.1016/j.vaccine.2014.04.085
    title: "Vaccines are not associated with autism: an evidence-based meta-analysis of case-control and cohort studies"
    publisher: Vaccine
    year: 2014
    study_type: systematic-review
AUTHORS
---
A meta-analysis found no link[](cite:taylor2014).
`
	tests := []struct {
		name, authors, key string
		want               []string // rule ids
		msgs               []string
		openAlex           int
	}{
		{name: "right authors", authors: "    authors: [Taylor LE, Swerdfeger AL, Eslick GD]", openAlex: 0},
		{name: "right first author, accents and case aside", authors: "    authors: [TAYLOR L]", openAlex: 0},
		{name: "wrong authors", authors: "    authors: [Smith J, Jones K]", key: "k-123",
			want:     []string{"citation-no-match"},
			msgs:     []string{"matching its authors", "Crossref differs on authors (Taylor LE, Swerdfeger AL, Eslick GD)", "OpenAlex differs on authors (Taylor LE, Swerdfeger AL, Eslick GD)", "invented or misattributed"},
			openAlex: 1},
		{name: "no key: the finding says so", authors: "    authors: [Smith J]",
			want:     []string{"citation-no-match"},
			msgs:     []string{"OpenAlex was asked without an API key; set OPENALEX_API_KEY"},
			openAlex: 1},
		{name: "authors missing", authors: "",
			want: []string{"citation-authors-missing"},
			msgs: []string{`add authors: ["Taylor LE", "Swerdfeger AL", "Eslick GD"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			testenv.Copy(t, filepath.Join("testdata", "online-citations"), root)
			body := strings.Replace(entry, "AUTHORS\n", tt.authors+"\n", 1)
			if err := os.WriteFile(filepath.Join(root, "factchecks", "mmr-autism.md"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			fake := scholarfake.New()
			defer fake.Close()
			run, _ := onlineRun(t, root, fake, nil)
			run.Getenv = func(k string) string {
				if k == "OPENALEX_API_KEY" {
					return tt.key
				}
				return ""
			}
			var got []string
			var text strings.Builder
			for _, f := range run.Execute(context.Background()) {
				got = append(got, f.Rule)
				text.WriteString(f.String() + "\n")
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("rules = %v, want %v\n%s", got, tt.want, text.String())
			}
			for _, m := range tt.msgs {
				if !strings.Contains(text.String(), m) {
					t.Errorf("no finding says %q:\n%s", m, text.String())
				}
			}
			if tt.key != "" && strings.Contains(text.String(), tt.key) {
				t.Errorf("the API key reached a finding:\n%s", text.String())
			}
			if n := fake.Hits("openalex:doi:10.1016/j.vaccine.2014.04.085"); n != tt.openAlex {
				t.Errorf("OpenAlex asked %d times, want %d", n, tt.openAlex)
			}
			if tt.key != "" {
				keyed := false
				for _, r := range fake.Requests() {
					if strings.HasPrefix(r, "/openalex/works/") && strings.Contains(r, "api_key="+tt.key) {
						keyed = true
					}
				}
				if !keyed {
					t.Errorf("OpenAlex was not asked with the key: %v", fake.Requests())
				}
			}
		})
	}
}

// TestOnlineCitedPages: what the online check says of a live web citation depends on what
// was recorded of it. With nothing recorded it says so in a note, reading the page once; a
// recorded page that still reads the same passes; one that reads otherwise is a warning.
func TestOnlineCitedPages(t *testing.T) {
	t.Parallel()
	const page = `<html><head><title>Autism and Vaccines</title></head><body><nav>Home</nav>
<main><h1>Autism and Vaccines</h1><p>Studies have shown that there is no link between receiving vaccines and developing autism.</p></main></body></html>`
	const entry = `---
title: "Does the MMR vaccine cause autism?"
claim: "The MMR vaccine causes autism."
claim_short: "The MMR vaccine causes autism"
verdict: "false"
bottom_line: "The MMR vaccine does not cause autism."
appearances:
  - url: https://social.example.org/posts/1
topics: [vaccines]
author: writer-jo
reviewers: [dr-ana-lima]
published: 2026-06-01
last_reviewed: 2026-06-01
next_review: 2027-06-01
citations:
  - key: agency-page
    kind: web
    id: http://agency.example.org/autism
    title: "Autism and Vaccines"
    publisher: Example Health Agency
    year: 2025
    study_type: other
RECORD---
The agency says so[](cite:agency-page).
`
	tests := []struct {
		name, record string
		want         []string // rule ids
		msg          string
		gets         int // requests for the page
	}{
		{name: "nothing recorded", want: []string{"cited-page-unrecorded"},
			msg: `citation "agency-page": what the reviewer saw of http://agency.example.org/autism is not recorded; run factdesk cite --record factchecks/mmr-autism.md`, gets: 1},
		{name: "recorded and unchanged",
			record: "    retrieved: 2025-01-01\n    fingerprint: \"" + citation.Fingerprint(citation.MainText([]byte(page))) + "\"\n", gets: 2},
		{name: "recorded and changed since",
			record: "    retrieved: 2025-01-01\n    fingerprint: \"sha256:" + strings.Repeat("0", 64) + "\"\n",
			want:   []string{"cited-page-changed"}, msg: "no archived copy was recorded", gets: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			gets := 0
			agency := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				gets++
				mu.Unlock()
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(page))
			}))
			defer agency.Close()
			root := t.TempDir()
			testenv.Copy(t, filepath.Join("testdata", "online-citations"), root)
			body := strings.Replace(entry, "RECORD", tt.record, 1)
			if err := os.WriteFile(filepath.Join(root, "factchecks", "mmr-autism.md"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			fake := scholarfake.New()
			defer fake.Close()
			run, _ := onlineRun(t, root, fake, map[string]string{"agency.example.org": strings.TrimPrefix(agency.URL, "http://")})
			var got []string
			var text strings.Builder
			for _, f := range run.Execute(context.Background()) {
				got = append(got, f.Rule)
				text.WriteString(f.String() + "\n")
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("rules = %v, want %v\n%s", got, tt.want, text.String())
			}
			if tt.msg != "" && !strings.Contains(text.String(), tt.msg) {
				t.Errorf("no finding says %q:\n%s", tt.msg, text.String())
			}
			mu.Lock()
			defer mu.Unlock()
			if gets != tt.gets {
				t.Errorf("the page was asked for %d times, want %d", gets, tt.gets)
			}
		})
	}
}
