package publish

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/factdesk/factdesk/tools/cli/factory"
	provenancecmd "github.com/factdesk/factdesk/tools/cli/provenance"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/publish"
)

// holdUnverified runs the provenance check (keeping its issue) and holds every due post
// that an unverified commit changed, or that links to a fact-check one changed. It
// reports whether any commit is unverified; an error (the check could not run) stops
// the run before anything is sent.
func holdUnverified(ctx context.Context, f *factory.Factory, cfg *config.Config, repo *content.Repo, items []*publish.Item, hugoMounts string) (bool, error) {
	res, err := provenancecmd.Check(ctx, f, cfg, provenancecmd.Options{Issue: true, HugoMounts: hugoMounts})
	if err != nil {
		return false, err
	}
	if res.OK() {
		return false, nil
	}
	paths := res.HeldPaths()
	// Fact-checks by slug, in any letter case or extension, so that a post is held even
	// when the file it links to was renamed or removed by the unverified commit.
	heldFC := map[string]string{}
	for p := range paths {
		if strings.HasPrefix(p, content.FactChecksDir+"/") {
			base := path.Base(p)
			heldFC[strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))] = p
		}
	}
	for _, it := range items {
		if it.State != publish.StateDue && it.State != publish.StateWaiting {
			continue
		}
		why := ""
		slug := strings.ToLower(it.Post.FactCheck)
		switch {
		case paths[it.Post.Path]:
			why = "the post itself"
		case slug != "" && heldFC[slug] != "":
			why = "the fact-check it links to (" + heldFC[slug] + ")"
		case slug != "":
			if fc := repo.FactCheck(it.Post.FactCheck); fc != nil && paths[fc.Path] {
				why = "the fact-check it links to (" + fc.Path + ")"
			}
		}
		if res.Rewritten && why == "" {
			why = "the branch's history"
		}
		if why != "" {
			it.State = publish.StateWaiting
			it.Reason = fmt.Sprintf("held: %s was changed by a commit that did not come through a reviewed pull request; see the %q issue", why, "Unreviewed changes")
		}
	}
	return true, nil
}
