package check

import (
	"context"
	"errors"

	"os"
	"path/filepath"
	"strings"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "source-tier",
		Description: "no citation is on a refused domain, and each fact-check rests on at least one top-tier source (data/source-policy.yaml)",
		Check:       checkTiers,
	})
}

// sourcePolicy loads the tier policy once per run. It returns nil when the repository has
// no policy at the default place (tiers are then not checked).
func sourcePolicy(r *Run) *citation.Policy {
	if r.policyLoaded {
		return r.policy
	}
	r.policyLoaded = true
	cfg := r.settings().Citations
	path := cfg.PolicyFile()
	p, doc, err := citation.LoadPolicy(r.Repo.Root, path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && cfg.Policy == "" {
			return nil
		}
		where := config.File
		pos := content.Pos{Line: 1, Col: 1}
		if r.Config != nil && r.Config.Doc != nil && cfg.Policy != "" {
			pos = r.Config.Doc.At("citations", "policy")
		}
		r.Report(where, pos, content.Error, "source-policy", "%v; restore the file or fix citations.policy", err)
		return nil
	}
	for _, pr := range doc.Problems {
		r.Report(filepath.ToSlash(path), pr.Pos, pr.Severity, pr.Rule, "%s", pr.Message)
	}
	if p == nil || len(doc.Problems) > 0 {
		return nil
	}
	r.policy = p
	return p
}

func checkTiers(_ context.Context, r *Run) {
	p := sourcePolicy(r)
	if p == nil {
		return
	}
	for _, f := range r.Published() {
		if f.Withdrawn != nil || len(f.Citations) == 0 {
			continue
		}
		best, bestKey := 0, ""
		for i, c := range f.Citations {
			t := p.TierOf(c)
			if t.Refused != "" {
				field := "url"
				if c.Kind == "guideline" || c.Kind == "web" {
					field = "id"
				}
				r.ReportDoc(f.Doc, f.At("citations", i, field), content.Error, "source-refused",
					"citation %q is on %s, a domain the organisation refuses to cite (%s); cite a reputable source instead, and link the claim itself under appearances",
					c.Key, t.Domain, oneLine(t.Refused))
				continue
			}
			if c.Role == "subject" || c.Superseded {
				// The myth's own source and a replaced version do not support the verdict.
				continue
			}
			if best == 0 || t.Level < best {
				best, bestKey = t.Level, c.Key
			}
		}
		if best == 0 || best <= p.TopTier {
			continue
		}
		r.ReportDoc(f.Doc, f.KeyAt("citations"), content.Error, "source-tier",
			"no evidence source reaches tier %d (%s); the strongest is citation %q at tier %d (%s). Add a guideline from a national or international body or a systematic review",
			p.TopTier, p.Label(p.TopTier), bestKey, best, p.Label(best))
	}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSuffix(s, ".")
}
