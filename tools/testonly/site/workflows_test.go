package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestWorkflowsBuildTheSearchIndex checks that every workflow job that builds the site or
// uploads it to GitHub Pages does so with scripts/build-site.sh, which writes the search
// index after Hugo. A site built by Hugo alone answers every search with "Search could not
// load" and publishes the index's intermediate file.
func TestWorkflowsBuildTheSearchIndex(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows found: %v", err)
	}
	type step struct {
		Name string `yaml:"name"`
		Uses string `yaml:"uses"`
		Run  string `yaml:"run"`
	}
	deploys := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var workflow struct {
			Jobs map[string]struct {
				Steps []step `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(src, &workflow); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for name, job := range workflow.Jobs {
			built := false
			for _, s := range job.Steps {
				switch {
				case strings.Contains(s.Run, "hugo build"):
					t.Errorf("%s, job %s, step %q runs hugo build itself; run scripts/build-site.sh, which also writes the search index", filepath.Base(file), name, s.Name)
				case strings.Contains(s.Run, "scripts/build-site.sh"):
					built = true
				case strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@"):
					deploys++
					if !built {
						t.Errorf("%s, job %s uploads the site without building it with scripts/build-site.sh first", filepath.Base(file), name)
					}
				}
			}
		}
	}
	if deploys < 2 {
		t.Errorf("found %d jobs that upload the site to Pages; want the deploy and publish workflows' (2)", deploys)
	}
}
