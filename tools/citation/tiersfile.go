package citation

import (
	"encoding/json"

	"github.com/factdesk/factdesk/tools/content"
)

// TiersFile is where the computed tier of every citation is written for the site, so
// that the site shows the tier the policy gives, computed in one place (here).
const TiersFile = "data/citation_tiers.json"

// SiteTier is one citation's tier as the site shows it.
type SiteTier struct {
	Tier  int    `json:"tier"`
	Label string `json:"label"`
}

// TiersJSON computes the tier of every citation of every fact-check in repo and returns
// the file the site reads: language → fact-check slug → citation key → tier.
func TiersJSON(p *Policy, repo *content.Repo) ([]byte, error) {
	out := map[string]map[string]map[string]SiteTier{}
	for _, f := range repo.FactChecks {
		if !f.OK {
			continue
		}
		byLang := out[f.Lang]
		if byLang == nil {
			byLang = map[string]map[string]SiteTier{}
			out[f.Lang] = byLang
		}
		keys := map[string]SiteTier{}
		for _, c := range f.Citations {
			t := p.TierOf(c)
			keys[c.Key] = SiteTier{Tier: t.Level, Label: p.Label(t.Level)}
		}
		byLang[f.Slug] = keys
	}
	// encoding/json sorts map keys, so the file is stable between runs.
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
