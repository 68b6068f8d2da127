// Package reply fills the team's reply templates and composes ready answers to
// comments: a reply never names or confirms a patient, moves personal questions to a
// private channel, points to emergency and crisis lines, and fits the platform.
//
// Templates live in data/reply-templates.yaml. Each is checked by the privacy guard and
// against every platform's limit, and appears in the team's toolkit (`factdesk reply`,
// the review gate's pull-request comment), not on the public site unless
// privacy.publish_replies is true.
package reply

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/privacy"
	"github.com/factdesk/factdesk/tools/repofile"
	"github.com/factdesk/factdesk/tools/social"
)

// File is where the templates live, relative to the repository root.
const File = "data/reply-templates.yaml"

// Template is one reply template.
type Template struct {
	// ID names the template on the command line, e.g. private-channel.
	ID string `yaml:"id"`
	// Situation says when to use it, for the person answering.
	Situation string `yaml:"situation"`
	// Lang is en or es.
	Lang string `yaml:"lang"`
	// Text is the reply, with {variables} such as {phone} and {portal}.
	Text string `yaml:"text"`
	// Line is the template's line in the file, for messages.
	Line int `yaml:"-"`
}

// Set is the templates of a repository.
type Set struct {
	Templates []Template `yaml:"templates"`
}

// Load reads the templates of the repository at root.
func Load(root string) (*Set, error) {
	path := filepath.Join(root, File)
	b, err := repofile.Read(root, path, repofile.DefaultDataLimit)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist; it holds the reply templates (see docs/privacy-and-replies.md)", File)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", File, err)
	}
	return Parse(b)
}

// Parse reads templates from YAML.
func Parse(b []byte) (*Set, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(b, &node); err != nil {
		return nil, fmt.Errorf("%s is not valid YAML: %w", File, err)
	}
	var s Set
	if err := node.Decode(&s); err != nil {
		return nil, fmt.Errorf("reading %s: %w", File, err)
	}
	if len(node.Content) > 0 {
		if v, _ := content.Field(node.Content[0], "templates"); v != nil && v.Kind == yaml.SequenceNode {
			for i, item := range v.Content {
				if i < len(s.Templates) {
					s.Templates[i].Line = item.Line
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, t := range s.Templates {
		if t.ID == "" || strings.TrimSpace(t.Text) == "" {
			return nil, fmt.Errorf("%s:%d: every template needs an id and a text", File, t.Line)
		}
		if seen[t.ID] {
			return nil, fmt.Errorf("%s:%d: template id %q is used twice", File, t.Line, t.ID)
		}
		seen[t.ID] = true
	}
	return &s, nil
}

// Get returns the template with the given id.
func (s *Set) Get(id string) (Template, bool) {
	for _, t := range s.Templates {
		if t.ID == id {
			return t, true
		}
	}
	return Template{}, false
}

// IDs returns the templates' ids, sorted.
func (s *Set) IDs() []string {
	var out []string
	for _, t := range s.Templates {
		out = append(out, t.ID)
	}
	sort.Strings(out)
	return out
}

var varPattern = regexp.MustCompile(`\{([a-z_]+)\}`)

// Vars returns the variables a template uses, in order of first use.
func (t Template) Vars() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range varPattern.FindAllStringSubmatch(t.Text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// Defaults returns the variables every template may use from the configuration: org
// (the organisation's name), site, contact, and privacy.replies.
func Defaults(cfg *config.Config) map[string]string {
	vars := map[string]string{}
	if cfg == nil {
		return vars
	}
	vars["org"] = cfg.Organisation.Name
	vars["site"] = cfg.Organisation.Site
	if cfg.Organisation.Contact != "" {
		vars["contact"] = cfg.Organisation.Contact
	}
	for k, v := range cfg.Privacy.Replies {
		vars[k] = v
	}
	return vars
}

// MissingVarsError lists variables a template needs that have no value.
type MissingVarsError struct {
	Template string
	Vars     []string
}

// Error says which variables are missing and where to set them.
func (e *MissingVarsError) Error() string {
	return fmt.Sprintf("template %q needs %s; set them under privacy.replies in factdesk.yaml or pass --var %s=...", e.Template, strings.Join(e.Vars, ", "), e.Vars[0])
}

// Fill replaces a template's variables with vars.
func Fill(t Template, vars map[string]string) (string, error) {
	var missing []string
	for _, v := range t.Vars() {
		if strings.TrimSpace(vars[v]) == "" {
			missing = append(missing, v)
		}
	}
	if len(missing) > 0 {
		return "", &MissingVarsError{Template: t.ID, Vars: missing}
	}
	return strings.TrimSpace(varPattern.ReplaceAllStringFunc(t.Text, func(m string) string {
		return vars[m[1:len(m)-1]]
	})), nil
}

// Problem is something that stops a reply from being sent: patient information or a
// text over the platform's limit. It never holds the reply's text.
type Problem struct {
	// Column is the 1-based character column in the reply, or 0.
	Column int
	Rule   string
	// Message says what is wrong and what to do.
	Message string
}

// String formats the problem as "column N: message [rule]".
func (p Problem) String() string {
	if p.Column > 0 {
		return fmt.Sprintf("column %d: %s [%s]", p.Column, p.Message, p.Rule)
	}
	return fmt.Sprintf("%s [%s]", p.Message, p.Rule)
}

// Vet checks a reply with the privacy guard and, when platform is not empty, against
// the platform's limit.
func Vet(text, platform string, g *privacy.Guard) []Problem {
	var out []Problem
	for _, f := range g.Scan(text) {
		out = append(out, Problem{
			Column:  len([]rune(text[:f.Start])) + 1,
			Rule:    "phi-" + string(f.Type),
			Message: "the reply may hold patient information (" + f.Type.Describe() + "); replies never name, quote or confirm a patient: remove it and move the conversation to a private channel",
		})
	}
	if platform != "" {
		if c := social.Measure(platform, text); c.Over() {
			out = append(out, Problem{Rule: "reply-length", Message: fmt.Sprintf("the reply is too long for %s: %s; shorten it or choose a shorter template", platform, c)})
		}
	}
	return out
}

// Platform resolves a --platform value: a platform name (x, bluesky, …) or the name of
// an account in factdesk.yaml.
func Platform(cfg *config.Config, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	if _, ok := social.Limits[name]; ok {
		return name, nil
	}
	if cfg != nil {
		if a, ok := cfg.Accounts[name]; ok {
			return a.Platform, nil
		}
	}
	var names []string
	for p := range social.Limits {
		names = append(names, p)
	}
	sort.Strings(names)
	return "", fmt.Errorf("unknown platform %q; use one of %s, or an account name from factdesk.yaml", name, strings.Join(names, ", "))
}

// ForFactCheck composes a ready reply to a comment repeating the myth fc answers: the
// first of the fact-check's replies (or its bottom line) that fits platform with the
// link to the fact-check page appended. ok is false when none fits.
func ForFactCheck(fc *content.FactCheckDoc, site, platform string) (text string, ok bool) {
	slug := fc.Slug
	if fc.Lang != "" && fc.Lang != "en" {
		slug = fc.Lang + "/" + fc.Slug
	}
	link := social.FactCheckURL(site, slug)
	var candidates []string
	for _, r := range fc.Replies {
		candidates = append(candidates, strings.TrimSpace(r.Text))
	}
	candidates = append(candidates, strings.TrimSpace(fc.BottomLine), strings.TrimSpace(fc.ClaimShort))
	// The first reply is the author's "short answer"; prefer it, then the others.
	for _, c := range candidates {
		if c == "" {
			continue
		}
		t := c + " " + link
		if platform == "" || !social.Measure(platform, t).Over() {
			return t, true
		}
	}
	return link, platform == "" || !social.Measure(platform, link).Over()
}
