package publish

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPublishWorkflow checks what people rely on in .github/workflows/publish.yml:
// actions pinned to commits, no overlapping runs, least permissions, and credentials only
// from repository secrets.
func TestPublishWorkflow(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", "publish.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On          map[string]any `yaml:"on"`
		Permissions map[string]any `yaml:"permissions"`
		Concurrency struct {
			Group            string `yaml:"group"`
			CancelInProgress bool   `yaml:"cancel-in-progress"`
		} `yaml:"concurrency"`
		Jobs map[string]struct {
			Permissions map[string]string `yaml:"permissions"`
			Steps       []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("publish.yml is not YAML: %v", err)
	}
	if _, ok := wf.On["schedule"]; !ok {
		t.Error("publish.yml does not run on a schedule")
	}
	if _, ok := wf.On["workflow_dispatch"]; !ok {
		t.Error("publish.yml cannot be run on demand")
	}
	if wf.Concurrency.Group == "" || wf.Concurrency.CancelInProgress {
		t.Errorf("concurrency = %+v; want a group that never cancels a run in progress", wf.Concurrency)
	}
	if len(wf.Permissions) != 0 {
		t.Errorf("top-level permissions = %v; want none ({}), granted per job", wf.Permissions)
	}
	pub := wf.Jobs["publish"]
	// contents: write pushes the ledger branch; issues: write reports; pull-requests: read
	// lets --provenance find the reviewed pull request of each commit.
	if len(pub.Permissions) != 3 || pub.Permissions["contents"] != "write" || pub.Permissions["issues"] != "write" || pub.Permissions["pull-requests"] != "read" {
		t.Errorf("publish job permissions = %v; want exactly contents: write, issues: write, pull-requests: read", pub.Permissions)
	}
	if _, ok := wf.On["workflow_dispatch"].(map[string]any)["inputs"].(map[string]any)["settle"]; !ok {
		t.Error("publish.yml has no settle input for schedulers to settle an uncertain post")
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}$`)
	credential := regexp.MustCompile(`^FACTDESK_\w+_(TOKEN|PASSWORD|SECRET|KEY|URL)$`)
	sawPublish := false
	for name, job := range wf.Jobs {
		for _, st := range job.Steps {
			if st.Uses != "" && !pinned.MatchString(st.Uses) {
				t.Errorf("job %s uses %q, not pinned to a full commit SHA", name, st.Uses)
			}
			if strings.Contains(st.Run, "factdesk publish") {
				sawPublish = true
			}
			for k, v := range st.Env {
				if credential.MatchString(k) && !strings.HasPrefix(v, "${{ secrets.") {
					t.Errorf("%s comes from %q, not from a repository secret", k, v)
				}
				if k == "FACTDESK_PAUSE" && v != "${{ vars.FACTDESK_PAUSE }}" {
					t.Errorf("FACTDESK_PAUSE = %q; want the repository variable", v)
				}
			}
		}
	}
	if !sawPublish || !strings.Contains(string(src), "--push") {
		t.Error("no step runs factdesk publish --push")
	}
	for _, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, "uses:") && !strings.Contains(line, "# v") {
			t.Errorf("pinned action without its tag in a comment: %s", strings.TrimSpace(line))
		}
	}
}
