package check_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/cli/root"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/testonly/scholarfake"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// sampleRoot is the repository the project ships, with its sample content.
var sampleRoot = filepath.Join("..", "..", "..")

// copySample copies what `factdesk check` reads of the sample repository.
func copySample(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, p := range []string{"factdesk.yaml", "factchecks", "campaigns", "data", "content", "static", "archetypes", "outbox"} {
		src := filepath.Join(sampleRoot, p)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		testenv.Copy(t, src, filepath.Join(dst, p))
	}
	return dst
}

// TestOnlineCheckPassesOverSampleContent runs `factdesk check --online` over a copy of
// the whole sample repository, with Crossref, doi.org, PubMed, OpenAlex and every cited
// web site played by fakes holding the cited works' real records and the cited pages'
// real titles. The sample content must pass: no error, and nothing beyond what the
// offline check says but a note for each web citation whose page was never recorded
// (`factdesk cite` records it).
func TestOnlineCheckPassesOverSampleContent(t *testing.T) {
	t.Parallel()
	dir := copySample(t)
	repo, err := content.LoadRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Every cited work and page must be in the fakes, or the run would prove nothing.
	records := map[string]bool{}
	for _, r := range scholarfake.SampleRecords() {
		records["doi:"+strings.ToLower(r.DOI)] = r.DOI != ""
		records["pmid:"+r.PMID] = r.PMID != ""
	}
	for _, held := range []string{"doi:10.1016/s0140-6736(97)11096-0", "doi:10.1016/j.vaccine.2014.04.085"} {
		records[held] = true // New's own fixtures
	}
	pages := map[string]bool{}
	for _, p := range scholarfake.SamplePages() {
		pages[p.URL] = true
	}
	var web []string
	for _, f := range repo.FactChecks {
		for _, c := range f.Citations {
			switch c.Kind {
			case "doi", "pmid":
				if !records[c.Kind+":"+strings.ToLower(c.ID)] {
					t.Errorf("%s: citation %q (%s %s) has no record in scholarfake's testdata/sample-records.json; add its real record", f.Path, c.Key, c.Kind, c.ID)
				}
			case "web", "guideline":
				web = append(web, c.ID)
				if !pages[c.ID] {
					t.Errorf("%s: citation %q (%s) has no page in scholarfake's testdata/sample-pages.json; add it", f.Path, c.Key, c.ID)
				}
			}
			if c.URL != "" && c.URL != c.ID && !pages[c.URL] {
				t.Errorf("%s: citation %q links %s, which has no page in scholarfake's testdata/sample-pages.json; add it", f.Path, c.Key, c.URL)
			}
		}
		for _, l := range f.Links {
			if strings.HasPrefix(l.Target, "http") && !pages[l.Target] {
				t.Errorf("%s: the link %s has no page in scholarfake's testdata/sample-pages.json; add it", f.Path, l.Target)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	scholars := scholarfake.New()
	defer scholars.Close()
	sites := scholarfake.NewSampleWeb()
	defer sites.Close()
	env := map[string]string{
		citation.EnvCrossrefURL: scholars.CrossrefURL(),
		citation.EnvDOIURL:      scholars.DOIURL(),
		citation.EnvEUtilsURL:   scholars.EUtilsURL(),
		citation.EnvOpenAlexURL: scholars.OpenAlexURL(),
		citation.EnvArchiveURL:  scholars.ArchiveURL(),
	}
	run := func(args ...string) (code int, stdout, stderr string) {
		var out, errOut bytes.Buffer
		f := factory.New()
		f.IO = &factory.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
		f.Getenv = func(k string) string { return env[k] }
		f.Now = func() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }
		f.HTTPClient = func() *http.Client { return sites.Client(nil) }
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		code = root.Run(ctx, f, append([]string{"check", "--root", dir, "--today", "2026-12-06", "--format", "text"}, args...))
		return code, out.String(), errOut.String()
	}
	// What the offline check says of the sample content is its own test's business; the
	// online check may add nothing to it but the notes on unrecorded pages.
	_, offline, _ := run()
	said := map[string]bool{}
	for _, line := range strings.Split(offline, "\n") {
		said[line] = true
	}
	code, online, stderr := run("--online")

	unrecorded := regexp.MustCompile(`^factchecks/\S+:\d+:\d+: note: citation "[^"]+": what the reviewer saw of (\S+) is not recorded; run factdesk cite --record \S+ .* \[cited-page-unrecorded\]$`)
	seen := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(online), "\n") {
		if line == "" || said[line] {
			continue
		}
		m := unrecorded.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("the online check over the sample content says: %s", line)
			continue
		}
		seen[m[1]]++
	}
	if code != 0 || !strings.Contains(stderr, "0 errors") {
		t.Errorf("factdesk check --online exited %d, want 0 and no errors\n%s", code, stderr)
	}
	// Each web citation was read from its fake site, and got its note.
	for _, u := range web {
		if seen[u] == 0 {
			t.Errorf("no cited-page-unrecorded note for %s", u)
		}
	}
	reached := map[string]bool{}
	for _, r := range sites.Requests() {
		reached["https://"+strings.SplitN(r, " ", 2)[1]] = true
	}
	for _, u := range web {
		if !reached[u] {
			t.Errorf("%s was never asked for: %v", u, sites.Requests())
		}
	}
	// Every DOI and PubMed ID was looked up in its registry.
	for _, fc := range repo.FactChecks {
		for _, c := range fc.Citations {
			key := ""
			switch c.Kind {
			case "doi":
				key = "doi:" + c.ID
			case "pmid":
				key = "pmid:" + c.ID
			}
			if key != "" && scholars.Hits(key) == 0 {
				t.Errorf("%s was never looked up", key)
			}
		}
	}
}
