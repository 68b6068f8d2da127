package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// offlineFindings runs rules on root and returns the findings, one per line.
func offlineFindings(t *testing.T, root string, rules ...string) string {
	t.Helper()
	var b strings.Builder
	for _, f := range runCheck(t, root, rules...) {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestSourceTiersAndFreshness(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	testenv.Copy(t, filepath.Join("testdata", "source-tiers"), root)
	got := offlineFindings(t, root, "source-tier", "citation-freshness")
	want := `factchecks/weak-sources.md:15:1: error: no evidence source reaches tier 1 (Strongest evidence); the strongest is citation "trial" at tier 2 (Strong evidence). Add a guideline from a national or international body or a systematic review [source-tier]
factchecks/weak-sources.md:28:11: warning: citation "clinic-guide" is a guideline from 2015, more than 5 years ago; check whether the body has published a newer version and cite that [guideline-age]
factchecks/weak-sources.md:32:9: error: citation "blog" is on mercola.com, a domain the organisation refuses to cite (Named first in "The Disinformation Dozen" (Center for Countering Digital Hate and Anti-Vax Watch, March 2021) as a leading source of COVID-19 vaccine misinformation); cite a reputable source instead, and link the claim itself under appearances [source-refused]
factchecks/weak-sources.md:45:17: warning: citation "old-review" is marked superseded; cite the version that replaces it (factdesk cite can fill it in) and remove this one [citation-superseded]
`
	if got != want {
		t.Errorf("findings\n%s\nwant\n%s", got, want)
	}

	// Without a policy file the tier rule stays silent; the freshness rule does not need one.
	if err := os.Remove(filepath.Join(root, "data", "source-policy.yaml")); err != nil {
		t.Fatal(err)
	}
	if got := offlineFindings(t, root, "source-tier"); got != "" {
		t.Errorf("without a policy: %s", got)
	}

	// A broken policy is reported where it is broken.
	if err := os.WriteFile(filepath.Join(root, "data", "source-policy.yaml"), []byte("top_tier: 9\ntiers: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = offlineFindings(t, root, "source-tier")
	if !strings.Contains(got, "data/source-policy.yaml:1:") || !strings.Contains(got, "required") {
		t.Errorf("broken policy findings:\n%s", got)
	}
}

func TestShippedContentRestsOnTopTierSources(t *testing.T) {
	t.Parallel()
	if got := offlineFindings(t, "../..", "source-tier"); got != "" {
		t.Errorf("the shipped fact-checks break the tier policy:\n%s", got)
	}
}
