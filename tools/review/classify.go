package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/hugo"
)

// Mount is one of Hugo's file mounts as `hugo config mounts` resolves it: Source is a
// file or folder relative to the repository's root, read by Hugo as Target (such as
// content/factchecks or static).
type Mount struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// ReadMounts returns Hugo's mounts in the checkout root: read from file (the output of
// `hugo config mounts`) when given, else from the pinned Hugo run there.
func ReadMounts(ctx context.Context, root, file string) ([]Mount, error) {
	var out []byte
	var err error
	if file != "" {
		if out, err = os.ReadFile(file); err != nil {
			return nil, fmt.Errorf("reading Hugo's mounts: %w", err)
		}
	} else if out, err = hugo.ConfigMounts(ctx, root); err != nil {
		return nil, fmt.Errorf("finding what the site publishes from where (Hugo's mounts in %s): %w", root, err)
	}
	return ParseMounts(root, out)
}

// ParseMounts reads the output of `hugo config mounts` run in root (one JSON object
// per module) and returns every mount whose source lies inside root, with its source
// made relative to root. Modules outside root (downloaded ones) cannot be changed by a
// pull request and are left out.
func ParseMounts(root string, out []byte) ([]Mount, error) {
	type module struct {
		Path   string  `json:"path"`
		Dir    string  `json:"dir"`
		Mounts []Mount `json:"mounts"`
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("reading Hugo's mounts: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	var mounts []Mount
	modules := 0
	for {
		var m module
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the output of `hugo config mounts`: %w", err)
		}
		modules++
		dir := m.Dir
		if dir == "" {
			dir = absRoot
		}
		rel, err := filepath.Rel(absRoot, filepath.Clean(dir))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, mt := range m.Mounts {
			src := path.Clean(path.Join(rel, filepath.ToSlash(mt.Source)))
			if src == ".." || strings.HasPrefix(src, "../") || path.IsAbs(src) {
				continue
			}
			mounts = append(mounts, Mount{Source: src, Target: path.Clean(filepath.ToSlash(mt.Target))})
		}
	}
	if modules == 0 {
		return nil, errors.New("`hugo config mounts` printed no module; run it in the repository's root")
	}
	return mounts, nil
}

// Kinds a changed path is given by Classify, beside FactCheck, Post and Governed.
const (
	// Misplaced is content Hugo would publish as a fact-check or campaign page from
	// somewhere other than its canonical folder; no approval clears it.
	Misplaced Kind = iota + 100
	// Image is a campaign image, approved by the holders of the post roles.
	Image
)

// Class is what a changed path is to the gate and who approves a change to it.
type Class struct {
	Kind Kind
	// Group names the policy group that decided (for Governed, Image and Other).
	Group string
	// Site is the address Hugo would read the file as (content/factchecks/x.md), when
	// it reads it at all.
	Site string
	// Belongs says where misplaced content belongs, in words.
	Belongs string
}

// SiteView returns every address Hugo would read p as through mounts.
func SiteView(p string, mounts []Mount) []string {
	var out []string
	for _, m := range mounts {
		switch {
		case p == m.Source:
			out = append(out, m.Target)
		case m.Source == "." || strings.HasPrefix(p, m.Source+"/"):
			rest := strings.TrimPrefix(p, m.Source+"/")
			if m.Source == "." {
				rest = p
			}
			out = append(out, path.Join(m.Target, rest))
		}
	}
	return out
}

// Classify tells what a changed path is under the review policy p and the base
// branch's Hugo mounts. It is default-deny: fact-checks and campaign posts are the
// files the publisher and Hugo read from their canonical folders; anything Hugo would
// publish in their sections from elsewhere is Misplaced; a path that Hugo reads is
// never free; the remaining paths take the first policy group that lists them, and a
// path no group lists needs an editor.
func Classify(p string, pol config.Review, mounts []Mount) Class {
	if p != path.Clean(p) || p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") {
		return Class{Kind: Governed, Group: "paths that leave the repository"}
	}
	switch {
	case content.CanonicalFactCheck(p):
		return Class{Kind: FactCheck, Group: "fact-checks"}
	case content.CanonicalPost(p):
		return Class{Kind: Post, Group: "campaign posts"}
	}
	views := SiteView(p, mounts)
	// The canonical folders themselves are guarded whether or not Hugo mounts them:
	// the publisher and factdesk check read them.
	for _, dir := range []string{content.FactChecksDir, content.CampaignsDir} {
		if strings.HasPrefix(p, dir+"/") {
			views = append(views, "content/"+p)
		}
	}
	site := ""
	for _, v := range views {
		if site == "" {
			site = v
		}
		section := content.GuardedSection(v)
		if section == "" {
			continue
		}
		if strings.HasPrefix(v, "static/") || content.RendersAsPage(v) {
			return Class{Kind: Misplaced, Group: "pages in the " + section + " section", Site: v, Belongs: content.Belongs(section, p)}
		}
		// Another file in a guarded section (a page resource, a renamed copy): an
		// editor decides.
		return Class{Kind: Governed, Group: "other files in the " + section + " folders", Site: v}
	}
	g, listed := pol.Group(p)
	if len(views) > 0 && (!listed || g.Approve == config.ApproveNone) {
		// Hugo reads it: what the public reads changes, so it is never free.
		return Class{Kind: Governed, Group: "files the site is built from", Site: site}
	}
	if !listed {
		return Class{Kind: Governed, Group: "paths the review policy does not list", Site: site}
	}
	switch g.Approve {
	case config.ApproveNone:
		return Class{Kind: Other, Group: g.Name}
	case config.ApprovePost:
		return Class{Kind: Image, Group: g.Name, Site: site}
	}
	return Class{Kind: Governed, Group: g.Name, Site: site}
}
