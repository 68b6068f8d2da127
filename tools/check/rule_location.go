package check

import (
	"context"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

func init() {
	Register(Rule{
		ID:          "content-location",
		Description: "fact-check and campaign pages come only from their own folders, where they are reviewed, as files rather than links",
		Check:       checkLocation,
	})
}

// siteFolders are the folders hugo.toml and the theme mount into the site, and where
// Hugo reads each of them as.
var siteFolders = []siteFolder{
	{content.FactChecksDir, "content/" + content.FactChecksDir},
	{content.CampaignsDir, "content/" + content.CampaignsDir},
	{"content", "content"},
	{"static", "static"},
	{"themes/*/content", "content"},
	{"themes/*/static", "static"},
}

type siteFolder struct{ source, target string }

// hugoMounts returns the mounts hugo.toml declares ([[module.mounts]]), so that a folder
// mounted into the site is checked too. A hugo.toml that does not read leaves the
// defaults; the site build reports it.
func hugoMounts(root string) []siteFolder {
	data, err := repofile.Read(root, filepath.Join(root, "hugo.toml"), repofile.DefaultContentLimit)
	if err != nil {
		return nil
	}
	var cfg struct {
		Module struct {
			Mounts []struct {
				Source string `toml:"source"`
				Target string `toml:"target"`
			} `toml:"mounts"`
		} `toml:"module"`
	}
	if toml.Unmarshal(data, &cfg) != nil {
		return nil
	}
	var out []siteFolder
	for _, m := range cfg.Module.Mounts {
		src := path.Clean(filepath.ToSlash(m.Source))
		if src == "." || src == ".." || strings.HasPrefix(src, "../") || path.IsAbs(src) || strings.ContainsAny(src, "*?[") {
			continue
		}
		out = append(out, siteFolder{src, path.Clean(filepath.ToSlash(m.Target))})
	}
	return out
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
	seen := map[string]bool{}
	for _, sf := range append(siteFolders, hugoMounts(root)...) {
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
				site := path.Join(sf.target, strings.TrimPrefix(file, rel+"/"))
				section := content.GuardedSection(site)
				if seen[file] || section == "" {
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					seen[file] = true
					r.Report(file, content.Pos{Line: 1, Col: 1}, content.Error, "content-link",
						"this is a symbolic link: what it points to can change without a review of this file; replace it with the file itself")
					return nil
				}
				if content.CanonicalFactCheck(file) || content.CanonicalPost(file) {
					return nil
				}
				if !strings.HasPrefix(site, "static/") && !content.RendersAsPage(site) {
					return nil // not a page; the loader says whether factdesk reads it
				}
				seen[file] = true
				r.Report(file, content.Pos{Line: 1, Col: 1}, content.Error, "content-location",
					"the site would publish this file at %s without the review its section needs; %s: move it there",
					content.Address(site), content.Belongs(section, file))
				return nil
			})
		}
	}
}
