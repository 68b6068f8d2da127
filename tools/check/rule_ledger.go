package check

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/publish"
	"github.com/factdesk/factdesk/tools/repofile"
)

func init() {
	Register(Rule{
		ID:          "ledger",
		Description: "the publishing ledger (data/ledger.json) is valid JSON with known statuses, accounts and posts",
		Check:       checkLedger,
	})
}

// checkLedger catches a hand edit of the ledger that would stop the publisher (people
// edit it to settle an uncertain post), with the same findings as publish reports. The
// ledger lives on its own branch: a working tree without it (the default branch) has
// the copy on that branch checked, as this clone last fetched it (findings name
// "factdesk-ledger:data/ledger.json"); a clone without the branch has nothing to check
// here, and publish itself refuses a missing ledger.
func checkLedger(ctx context.Context, r *Run) {
	rel := r.settings().Publish.Ledger
	src, err := r.Repo.ReadData(rel)
	if errors.Is(err, os.ErrNotExist) {
		// The default branch has no ledger: check the one on the ledger branch, as far
		// as this clone has fetched it (a clone with the default branch alone has none).
		branch := r.settings().Publish.LedgerBranch
		gs := &publish.GitStore{Root: r.Repo.Root, Remote: "origin", Branch: branch, Path: rel}
		var ref string
		src, ref, err = gs.ReadLocal(ctx)
		if errors.Is(err, publish.ErrNoLedgerBranch) || errors.Is(err, os.ErrNotExist) {
			return
		}
		rel = branch + ":" + rel
		if err != nil {
			r.Report(rel, content.Pos{Line: 1, Col: 1}, content.Error, "ledger", "cannot read the ledger from %s: %v", ref, err)
			return
		}
	}
	var unsafe *repofile.Error
	if errors.As(err, &unsafe) {
		r.Report(rel, content.Pos{Line: 1, Col: 1}, content.Error, "ledger", "the ledger %s", unsafe.Reason)
		return
	}
	if err != nil {
		r.Report(rel, content.Pos{Line: 1, Col: 1}, content.Error, "ledger", "cannot read the ledger: %v", err)
		return
	}
	l, probs := publish.ParseLedger(src)
	for _, p := range probs {
		pos := publish.LinePos(src, p.Offset)
		r.Report(rel, content.Pos{Line: pos.Line, Col: pos.Col}, content.Error, "ledger", "%s; publishing stops until it is fixed (or restored from Git history)", p.Msg)
	}
	if l == nil {
		return
	}
	for _, e := range l.Entries {
		pos := ledgerPos(src, bytes.Index(src, []byte(`"post": `+ledgerQuote(e.Post))))
		if r.Config != nil {
			if _, ok := r.Config.Accounts[e.Account]; !ok {
				r.Report(rel, pos, content.Warning, "ledger", "entry %s on %q: no such account in factdesk.yaml", e.Post, e.Account)
			}
		}
		if !slices.ContainsFunc(r.Repo.Posts, func(p *content.PostDoc) bool { return p.Slug == e.Post }) {
			r.Report(rel, pos, content.Warning, "ledger", "entry for post %q: no campaign post has that slug (renamed or deleted?)", e.Post)
		}
		if e.Status == publish.Sent && e.RemoteID == "" && e.URL == "" {
			r.Report(rel, pos, content.Warning, "ledger", "entry %s on %s is marked sent without a url; add the post's address so the site can link to it", e.Post, e.Account)
		}
	}
}

func ledgerQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// offsetPos converts a byte offset into a 1-based line and column.
func ledgerPos(src []byte, off int) content.Pos {
	if off < 0 {
		return content.Pos{Line: 1, Col: 1}
	}
	if off > len(src) {
		off = len(src)
	}
	line := bytes.Count(src[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return content.Pos{Line: line, Col: col}
}
