package cite_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/cli/clitest"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/scholarfake"
)

func runCite(t *testing.T, fake *scholarfake.Server, hosts map[string]string, args ...string) (string, error) {
	t.Helper()
	env := map[string]string{"FACTDESK_CROSSREF_URL": fake.CrossrefURL(), "FACTDESK_DOI_URL": fake.DOIURL(), "FACTDESK_EUTILS_URL": fake.EUtilsURL(),
		"FACTDESK_OPENALEX_URL": fake.OpenAlexURL(), "FACTDESK_ARCHIVE_URL": fake.ArchiveURL()}
	out, errOut, code := clitest.Exec(context.Background(), clitest.Options{Env: env, HTTPClient: scholarfake.Client(hosts)},
		append([]string{"--root", "../../..", "cite"}, args...)...)
	if code != 0 {
		return out, &factory.ExitError{Code: code, Err: errors.New(errOut)}
	}
	return out, nil
}

func parse(t *testing.T, out string) content.Citation {
	t.Helper()
	var cs []content.Citation
	if err := yaml.Unmarshal([]byte(out), &cs); err != nil || len(cs) != 1 {
		t.Fatalf("output is not one YAML citation (%v):\n%s", err, out)
	}
	return cs[0]
}

func TestCiteDOI(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	out, err := runCite(t, fake, nil, "https://doi.org/10.1016/j.vaccine.2014.04.085")
	if err != nil {
		t.Fatal(err)
	}
	c := parse(t, out)
	want := content.Citation{Key: "taylor2014", Kind: "doi", ID: "10.1016/j.vaccine.2014.04.085",
		Title:     "Vaccines are not associated with autism: An evidence-based meta-analysis of case-control and cohort studies",
		Publisher: "Vaccine", Year: 2014, StudyType: "systematic-review", Authors: []string{"Taylor LE", "Swerdfeger AL", "Eslick GD"}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("entry\n%+v\nwant\n%+v", c, want)
	}
	if !strings.Contains(out, "# tier 1 (Strongest evidence)") || !strings.Contains(out, "guessed from the title") {
		t.Errorf("notes missing:\n%s", out)
	}
}

func TestCitePMIDFlagsRetraction(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	out, err := runCite(t, fake, nil, "PMID: 9500320")
	if err != nil {
		t.Fatal(err)
	}
	c := parse(t, out)
	if c.Key != "wakefield1998" || c.Kind != "pmid" || c.ID != "9500320" || c.Publisher != "Lancet" || c.Year != 1998 || c.Role != "subject" ||
		c.Title != "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children" {
		t.Errorf("entry %+v", c)
	}
	if !strings.Contains(out, "# RETRACTED: this work has a retraction") {
		t.Errorf("no retraction note:\n%s", out)
	}
}

func TestCitePage(t *testing.T) {
	t.Parallel()
	pages := map[string]string{
		"/highwire": `<html><head><meta name="citation_title" content="Measles vaccination and autism: a nationwide cohort study"><meta name="citation_journal_title" content="Annals of Internal Medicine"><meta name="citation_publication_date" content="2019/04/16"><meta name="citation_author" content="Hviid, Anders"></head><body></body></html>`,
		"/og":       `<html><head><meta property="og:title" content="Measles"><meta property="og:site_name" content="Example Health Agency"><meta property="article:published_time" content="2024-01-12T10:00:00Z"></head></html>`,
		"/plain":    `<html><head><title> Vaccine schedule </title></head><body>x</body></html>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/plain", http.StatusMovedPermanently)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	fake := scholarfake.New()
	defer fake.Close()
	hosts := map[string]string{"health.example.org": strings.TrimPrefix(srv.URL, "http://")}
	tests := []struct {
		path string
		want content.Citation
	}{
		{"/highwire", content.Citation{Key: "hviid2019", Kind: "web", ID: "http://health.example.org/highwire", Title: "Measles vaccination and autism: a nationwide cohort study", Publisher: "Annals of Internal Medicine", Year: 2019, StudyType: "observational"}},
		{"/og", content.Citation{Key: "health2024", Kind: "web", ID: "http://health.example.org/og", Title: "Measles", Publisher: "Example Health Agency", Year: 2024, StudyType: "other"}},
		{"/old", content.Citation{Key: "health", Kind: "web", ID: "http://health.example.org/plain", Title: "Vaccine schedule", Publisher: "health.example.org", StudyType: "other"}},
	}
	for _, tt := range tests {
		out, err := runCite(t, fake, hosts, "http://health.example.org"+tt.path)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		c := parse(t, out)
		if !strings.HasPrefix(c.Fingerprint, "sha256:") || c.Retrieved.IsZero() {
			t.Errorf("%s: no fingerprint or retrieval date recorded:\n%s", tt.path, out)
		}
		if want := fake.ArchiveURL() + "/web/" + fake.Timestamp + "/" + tt.want.ID; c.Archived != want {
			t.Errorf("%s: archived = %q, want %q", tt.path, c.Archived, want)
		}
		c.Fingerprint, c.Retrieved, c.Archived = "", content.Date{}, ""
		if !reflect.DeepEqual(c, tt.want) {
			t.Errorf("%s: entry\n%+v\nwant\n%+v\n%s", tt.path, c, tt.want, out)
		}
	}
	if _, err := runCite(t, fake, hosts, "http://health.example.org/missing"); err == nil || !strings.Contains(err.Error(), "answered 404") {
		t.Errorf("missing page: %v", err)
	}
}

func TestCiteErrors(t *testing.T) {
	t.Parallel()
	fake := scholarfake.New()
	defer fake.Close()
	_, err := runCite(t, fake, nil, "10.1000/xyz123")
	if err == nil || !strings.Contains(err.Error(), "DOI 10.1000/xyz123 is not registered") || factory.ExitCode(err) != 1 {
		t.Errorf("unregistered DOI: %v (exit %d)", err, factory.ExitCode(err))
	}
	_, err = runCite(t, fake, nil, "autism vaccines")
	if factory.ExitCode(err) != 2 || strings.Contains(err.Error(), "goroutine") {
		t.Errorf("not an identifier: %v, want a usage error (exit 2)", err)
	}
	fake.Fail("doi:10.1016/j.vaccine.2014.04.085", scholarfake.Malformed, scholarfake.Malformed)
	if _, err = runCite(t, fake, nil, "10.1016/j.vaccine.2014.04.085"); err == nil || !strings.Contains(err.Error(), "try again later") {
		t.Errorf("Crossref answering garbage: %v", err)
	}
}

// TestCiteRecord: --record writes retrieved, fingerprint and archived lines into each web
// citation of a fact-check that has none, leaves recorded ones alone, and names the page it
// could not read without writing anything for it.
func TestCiteRecord(t *testing.T) {
	t.Parallel()
	const page = `<html><head><title>Autism and Vaccines</title></head><body><nav>Home</nav><main><h1>Autism and Vaccines</h1><p>Studies have shown that there is no link between receiving vaccines and developing autism.</p></main></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/autism" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(page))
	}))
	defer srv.Close()
	fake := scholarfake.New()
	defer fake.Close()
	hosts := map[string]string{"agency.example.org": strings.TrimPrefix(srv.URL, "http://")}

	const recorded = `    retrieved: 2025-01-01
    fingerprint: "sha256:0000000000000000000000000000000000000000000000000000000000000000"
`
	fc := `---
title: "Does the MMR vaccine cause autism?"
claim: "The MMR vaccine causes autism."
citations:
  - key: agency-page
    kind: web
    id: http://agency.example.org/autism
    title: "Autism and Vaccines"
    publisher: Example Health Agency
    year: 2025
    study_type: other

  - key: agency-old
    kind: guideline
    id: http://agency.example.org/autism
    title: "Autism and Vaccines"
    publisher: Example Health Agency
    year: 2025
    study_type: other
` + recorded + `  - key: agency-gone
    kind: web
    id: http://agency.example.org/gone
    title: "Vaccine safety"
    publisher: Example Health Agency
    year: 2024
    study_type: other
topics: [vaccines]
---
The agency says so[](cite:agency-page).
`
	root := t.TempDir()
	for p, body := range map[string]string{"factdesk.yaml": "organisation:\n  name: R\n  site: https://factdesk.example.org/\ntimezone: UTC\naccounts:\n  outbox:\n    platform: outbox\n", "factchecks/mmr.md": fc} {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"FACTDESK_ARCHIVE_URL": fake.ArchiveURL()}
	out, errOut, code := clitest.Exec(context.Background(), clitest.Options{Env: env, HTTPClient: scholarfake.Client(hosts), Now: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)},
		"--root", root, "cite", "--record", "factchecks/mmr.md")
	if code == 0 || !strings.Contains(errOut, "1 cited page(s) could not be recorded") {
		t.Errorf("exit %d, %s; want one page not recorded", code, errOut)
	}
	if !strings.Contains(out, `citation "agency-gone" (line 22): http://agency.example.org/gone could not be read (the page answered 404 Not Found)`) {
		t.Errorf("the unreadable page is not named:\n%s", out)
	}
	src, rerr := os.ReadFile(filepath.Join(root, "factchecks", "mmr.md"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	archived := fake.ArchiveURL() + "/web/" + fake.Timestamp + "/http://agency.example.org/autism"
	want := strings.Replace(fc, "    study_type: other\n\n", "    study_type: other\n    retrieved: 2026-12-06\n    fingerprint: \""+
		citation.Fingerprint(citation.MainText([]byte(page)))+"\"\n    archived: \""+archived+"\"\n\n", 1)
	if string(src) != want {
		t.Errorf("file after --record:\n%s\nwant:\n%s", src, want)
	}
	doc := content.ParseFactCheck("factchecks/mmr.md", src)
	if len(doc.Citations) != 3 || doc.Citations[0].Archived != archived || doc.Citations[1].Fingerprint != "sha256:"+strings.Repeat("0", 64) || doc.Citations[2].Fingerprint != "" {
		t.Errorf("citations read back: %+v", doc.Citations)
	}
	if saved := fake.Saved(); len(saved) != 1 || saved[0] != "http://agency.example.org/autism" {
		t.Errorf("Save Page Now was asked for %v, want the recorded page only", saved)
	}
}
