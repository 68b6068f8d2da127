package check

import (
	"context"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "content-location",
		Description: "fact-check and campaign pages come only from their own folders, where they are reviewed",
		Check:       checkLocation,
	})
}

// siteFolders are the folders hugo.toml and the theme mount into the site, and where
// Hugo reads each of them as.
var siteFolders = []struct{ source, target string }{
	{content.FactChecksDir, "content/" + content.FactChecksDir},
	{content.CampaignsDir, "content/" + content.CampaignsDir},
	{"content", "content"},
	{"static", "static"},
	{"themes/*/content", "content"},
	{"themes/*/static", "static"},
}

// checkLocation reports every file Hugo would publish in the fact-check or campaign
// sections of the site from anywhere but the canonical folders: another ending or
// letter case, an _index file, a content adapter, content/ or static/. Such a page
// would carry a verdict or a post without the review its folder gets.
func checkLocation(_ context.Context, r *Run) {
	root := r.Repo.Root
	if root == "" {
		return
	}
	for _, sf := range siteFolders {
		dirs, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(sf.source)))
		for _, dir := range dirs {
			rel, err := filepath.Rel(root, dir)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				file, err := filepath.Rel(root, p)
				if err != nil {
					return nil
				}
				file = filepath.ToSlash(file)
				if content.CanonicalFactCheck(file) || content.CanonicalPost(file) {
					return nil
				}
				site := path.Join(sf.target, strings.TrimPrefix(file, rel+"/"))
				section := content.GuardedSection(site)
				if section == "" {
					return nil
				}
				if !strings.HasPrefix(site, "static/") && !content.RendersAsPage(site) {
					return nil // not a page; the loader says whether factdesk reads it
				}
				r.Report(file, content.Pos{Line: 1, Col: 1}, content.Error, "content-location",
					"the site would publish this file at %s without the review its section needs; %s: move it there",
					content.Address(site), content.Belongs(section, file))
				return nil
			})
		}
	}
}
