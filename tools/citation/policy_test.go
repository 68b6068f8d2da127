package citation_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/content"
)

func TestShippedPolicyTiers(t *testing.T) {
	t.Parallel()
	p, doc, err := citation.LoadPolicy("../..", "data/source-policy.yaml")
	if err != nil || p == nil || len(doc.Problems) > 0 {
		t.Fatalf("loading the shipped policy: %v %+v", err, doc.Problems)
	}
	tests := []struct {
		c       content.Citation
		level   int
		refused bool
	}{
		{content.Citation{Kind: "doi", StudyType: "systematic-review"}, 1, false},
		{content.Citation{Kind: "pmid", StudyType: "randomised-trial"}, 2, false},
		{content.Citation{Kind: "guideline", StudyType: "guideline", ID: "https://www.who.int/publications/i/item/1"}, 1, false},
		{content.Citation{Kind: "web", StudyType: "other", ID: "https://www.cdc.gov/flu/"}, 3, false},
		{content.Citation{Kind: "web", StudyType: "systematic-review", ID: "https://pubmed.ncbi.nlm.nih.gov/24814559/"}, 2, false},
		{content.Citation{Kind: "guideline", StudyType: "guideline", ID: "https://unknown-clinic.example.org/guide"}, 4, false},
		{content.Citation{Kind: "web", StudyType: "other", ID: "https://articles.mercola.com/x"}, 0, true},
		{content.Citation{Kind: "doi", StudyType: "observational", URL: "https://childrenshealthdefense.org/x"}, 0, true},
	}
	for _, tt := range tests {
		got := p.TierOf(tt.c)
		if got.Level != tt.level || (got.Refused != "") != tt.refused {
			t.Errorf("%+v: tier %+v, want level %d refused %v", tt.c, got, tt.level, tt.refused)
		}
	}
}

func TestPolicyProblemsAreLocated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "p.yaml", "top_tier: 1\ntiers:\n  - {tier: 1, label: A, description: a}\nstudy_types: {guideline: 1}\nkinds: {doi: 7}\ndomains: {WWW.cdc.gov: 1}\nunknown_domain: 1\nrefused: {mechanism: m}\n")
	_, doc, err := citation.LoadPolicy(dir, "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Each mistake is reported at the line and column of the value to change.
	want := []struct {
		line, col int
		message   string
	}{
		{4, 1, `study_types has no tier for "systematic-review"`},
		{5, 14, "tier 7 is not one of the tiers"},
		{6, 11, `domain "WWW.cdc.gov" must be a bare lower-case domain`},
	}
	for _, w := range want {
		found := false
		for _, pr := range doc.Problems {
			if strings.Contains(pr.Message, w.message) {
				found = true
				if pr.Line != w.line || pr.Col != w.col {
					t.Errorf("%q reported at %d:%d, want %d:%d", pr.Message, pr.Line, pr.Col, w.line, w.col)
				}
			}
		}
		if !found {
			t.Errorf("no problem saying %q in %+v", w.message, doc.Problems)
		}
	}
}

func TestTitleMatching(t *testing.T) {
	t.Parallel()
	reg := "Vaccines are not associated with autism: An evidence-based meta-analysis of case-control and cohort studies"
	tests := []struct {
		cited string
		want  bool
	}{
		{"Vaccines are not associated with autism: an evidence-based meta-analysis of case-control and cohort studies", true},
		{"Vaccines are not associated with autism", true},
		{"Vaccines are not associated with autism – an evidence based meta analysis of case control and cohort studies.", true},
		{"Measles vaccination and autism: a nationwide cohort study", false},
		{"Vaccines are associated with autism", false},
	}
	for _, tt := range tests {
		if got := citation.TitlesMatch(tt.cited, reg); got != tt.want {
			t.Errorf("TitlesMatch(%q) = %v (similarity %.2f), want %v", tt.cited, got, citation.TitleSimilarity(tt.cited, reg), tt.want)
		}
	}
	if !citation.JournalsMatch("The Lancet", "Lancet (London, England)", "Lancet") || citation.JournalsMatch("BMJ", "The Lancet") {
		t.Error("journal matching")
	}
}

func TestNormaliseConcurrently(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := citation.Normalise("Vaccins et autisme : méta-analyse"); got != "vaccins et autisme meta analyse" {
					t.Errorf("Normalise = %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
