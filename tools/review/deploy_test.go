package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
)

func TestDeployCheck(t *testing.T) {
	t.Parallel()
	real := "dr-real-person:\n  name: Real Person\n  specialty: Family medicine\n  roles: [clinician]\n  conflicts: None declared\n"
	tests := []struct {
		name      string
		reviewers []string
		demo      bool
		wantPages int
		allowed   bool
	}{
		{name: "only sample reviewers on a real site", reviewers: []string{"dr-ana-lima", "dr-james-okafor"}, wantPages: 1},
		{name: "only sample reviewers on a demonstration", reviewers: []string{"dr-ana-lima", "dr-james-okafor"}, demo: true, wantPages: 1, allowed: true},
		{name: "a real reviewer among them", reviewers: []string{"dr-ana-lima", "dr-real-person"}, wantPages: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			write := func(rel, body string) {
				p := filepath.Join(dir, rel)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := readTestdata(t, "factdesk.yaml")
			if tt.demo {
				cfg = strings.Replace(cfg, "organisation:\n", "organisation:\n  demonstration: true\n", 1)
			}
			write("factdesk.yaml", cfg)
			write("data/reviewers.yaml", readTestdata(t, "reviewers.yaml")+real)
			write(fcPath, factCheck(t, "false", tt.reviewers, ""))
			draft := strings.Replace(factCheck(t, "false", []string{"dr-ana-lima"}, ""), "topics:", "draft: true\ntopics:", 1)
			write("factchecks/draft-one.md", draft)
			repo, err := content.LoadRepo(dir)
			if err != nil {
				t.Fatal(err)
			}
			c, err := config.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			pages, allowed := DeployCheck(repo, c)
			if len(pages) != tt.wantPages || allowed != tt.allowed {
				t.Fatalf("DeployCheck = %+v, %v; want %d pages, allowed %v", pages, allowed, tt.wantPages, tt.allowed)
			}
			if len(pages) == 1 {
				msg := DescribeSample(pages)
				for _, w := range []string{fcPath + ":13:", "organisation.demonstration: true"} {
					if !strings.Contains(msg, w) {
						t.Errorf("message does not say %q:\n%s", w, msg)
					}
				}
			}
		})
	}
}
