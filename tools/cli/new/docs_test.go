package new

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/repofile"
)

// TestAuthoringLinkMatchesTemplate keeps the "start a fact-check in your browser" link
// of docs/authoring.md in step with archetypes/factcheck.md and factdesk.yaml.
func TestAuthoringLinkMatchesTemplate(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(filepath.Join(projectRoot, "docs", "authoring.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\[new-factcheck\]: (\S+)$`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/authoring.md has no [new-factcheck] link")
	}
	u, err := url.Parse(string(m[1]))
	if err != nil {
		t.Fatalf("the link does not parse: %v", err)
	}
	cfg, err := config.Load(projectRoot)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/" + cfg.Organisation.Repository + "/new/main"; u.Host != "github.com" || u.Path != want {
		t.Errorf("link goes to %s%s; want github.com%s (organisation.repository)", u.Host, u.Path, want)
	}
	if got := u.Query().Get("filename"); got != "factchecks/"+PlaceholderSlug+".md" {
		t.Errorf("filename = %q", got)
	}
	want, err := Render(projectRoot, filepath.Join(projectRoot, "archetypes", "factcheck.md"), repofile.DefaultContentLimit, PlaceholderSlug, time.Now(), map[string]string{"HUGO_FACTDESK_LANG": "en"})
	if err != nil {
		t.Fatal(err)
	}
	dates := regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	if got := dates.ReplaceAllString(u.Query().Get("value"), "DATE"); got != dates.ReplaceAllString(want, "DATE") {
		t.Errorf("the link's template differs from archetypes/factcheck.md; regenerate it with `factdesk new --web-link`:\n%s", got)
	}
}

// issueForm is the part of GitHub's issue form schema factdesk's forms use.
type issueForm struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Title       string   `yaml:"title"`
	Labels      []string `yaml:"labels"`
	Body        []struct {
		Type       string `yaml:"type"`
		ID         string `yaml:"id"`
		Attributes struct {
			Label       string `yaml:"label"`
			Description string `yaml:"description"`
			Placeholder string `yaml:"placeholder"`
			Value       string `yaml:"value"`
			Options     []any  `yaml:"options"`
		} `yaml:"attributes"`
		Validations *struct {
			Required bool `yaml:"required"`
		} `yaml:"validations"`
	} `yaml:"body"`
}

// TestIssueForms checks the issue forms against GitHub's documented form schema: the
// keys each element needs, unique ids, non-empty options, and a privacy warning.
func TestIssueForms(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(projectRoot, ".github", "ISSUE_TEMPLATE")
	for _, name := range []string{"propose-factcheck.yml", "submit-claim.yml"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			dec := yaml.NewDecoder(strings.NewReader(string(b)))
			dec.KnownFields(true)
			var f issueForm
			if err := dec.Decode(&f); err != nil {
				t.Fatalf("%s is not a valid issue form: %v", name, err)
			}
			if f.Name == "" || f.Description == "" || len(f.Body) == 0 {
				t.Fatalf("%s needs name, description and body", name)
			}
			ids := map[string]bool{}
			idPattern := regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
			required := 0
			for i, el := range f.Body {
				switch el.Type {
				case "markdown":
					if el.Attributes.Value == "" {
						t.Errorf("element %d: markdown needs attributes.value", i+1)
					}
					continue
				case "textarea", "input", "dropdown", "checkboxes":
				default:
					t.Errorf("element %d: unknown type %q", i+1, el.Type)
				}
				if el.Attributes.Label == "" {
					t.Errorf("element %d (%s): attributes.label is required", i+1, el.Type)
				}
				if !idPattern.MatchString(el.ID) || ids[el.ID] {
					t.Errorf("element %d: id %q must be unique and use letters, digits, - and _", i+1, el.ID)
				}
				ids[el.ID] = true
				if (el.Type == "dropdown" || el.Type == "checkboxes") && len(el.Attributes.Options) == 0 {
					t.Errorf("element %d (%s): options are required", i+1, el.Type)
				}
				if el.Type == "checkboxes" && el.Validations != nil {
					t.Errorf("element %d: checkboxes take required per option, not validations", i+1)
				}
				for _, o := range el.Attributes.Options {
					if s, ok := o.(string); ok && s == "None" {
						t.Errorf("element %d: \"None\" is reserved in dropdown options", i+1)
					}
				}
				if el.Validations != nil && el.Validations.Required {
					required++
				}
			}
			if required == 0 {
				t.Error("no field is required; an empty form would open an empty issue")
			}
			if !strings.Contains(strings.ToLower(string(b)), "patient") && !strings.Contains(string(b), "health details") {
				t.Error("the form does not warn against sharing health information")
			}
		})
	}
	b, err := os.ReadFile(filepath.Join(dir, "config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		BlankIssuesEnabled *bool `yaml:"blank_issues_enabled"`
		ContactLinks       []struct {
			Name  string `yaml:"name"`
			URL   string `yaml:"url"`
			About string `yaml:"about"`
		} `yaml:"contact_links"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf("config.yml: %v", err)
	}
	if cfg.BlankIssuesEnabled == nil || *cfg.BlankIssuesEnabled {
		t.Error("config.yml should turn blank issues off, so every issue goes through a form")
	}
	for _, l := range cfg.ContactLinks {
		if u, err := url.Parse(l.URL); err != nil || u.Scheme != "https" || l.Name == "" || l.About == "" {
			t.Errorf("contact link %+v needs a name, an https url and about", l)
		}
	}
}
