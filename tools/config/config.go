// Package config reads factdesk.yaml, the organisation's settings for the factdesk
// command: who it is, its accounts on each platform, and the policies of each feature.
// Each feature's section is a struct in its own file of this package.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// File is the name of the configuration file at the repository root.
const File = "factdesk.yaml"

// Config is the whole of factdesk.yaml.
type Config struct {
	Organisation Organisation `yaml:"organisation" required:"true"`
	// Timezone is the organisation's IANA time zone, used for planning and quiet hours.
	Timezone string `yaml:"timezone" required:"true"`
	// Accounts are the named social accounts posts can be sent to.
	Accounts map[string]Account `yaml:"accounts" required:"true"`
	// Editors may approve changes to the reviewer registry and policies.
	Editors   []string  `yaml:"editors" required:"true"`
	Check     Check     `yaml:"check"`
	Citations Citations `yaml:"citations"`
	Publish   Publish   `yaml:"publish"`
	Review    Review    `yaml:"review"`
	Calendar  Calendar  `yaml:"calendar"`
	Privacy   Privacy   `yaml:"privacy"`
	Limits    Limits    `yaml:"limits"`

	// Path is the file the configuration was read from.
	Path string `yaml:"-"`
	// Doc keeps the positions of the file's fields for findings.
	Doc *content.Doc `yaml:"-"`
}

// Organisation describes the organisation publishing the site.
type Organisation struct {
	Name string `yaml:"name" required:"true"`
	// Site is the public address of the site, ending in /.
	Site string `yaml:"site" required:"true"`
	// Contact is a public address for readers (corrections, questions).
	Contact string `yaml:"contact"`
	// Repository is the GitHub repository, owner/name.
	Repository string `yaml:"repository"`
	// Demonstration marks a site built from sample content.
	Demonstration bool `yaml:"demonstration"`
}

// Account is one named social account.
type Account struct {
	// Platform is outbox, mastodon, bluesky, x, linkedin, facebook, threads or webhook.
	Platform string `yaml:"platform" required:"true"`
	// Handle is the account's public name, for people.
	Handle string `yaml:"handle"`
	// Options holds platform settings such as an instance address; never secrets.
	Options map[string]string `yaml:"options"`
}

// Check holds settings of `factdesk check`.
type Check struct {
	// MaxGrade is the highest reading grade a bottom line or summary may have.
	MaxGrade float64 `yaml:"max_grade"`
}

// Platforms lists the accepted Account.Platform values.
var Platforms = []string{"outbox", "mastodon", "bluesky", "x", "linkedin", "facebook", "threads", "webhook"}

// Default returns the configuration used when factdesk.yaml is absent: every setting
// at its default.
func Default() *Config {
	c := base()
	c.defaults()
	return c
}

// base is what factdesk.yaml is read over: the durations at their defaults, so that a
// duration the file leaves out keeps its default and one it sets, even to 0, is kept.
func base() *Config {
	return &Config{
		Organisation: Organisation{Name: "factdesk", Site: "http://localhost:1313/"},
		Timezone:     "UTC",
		Accounts:     map[string]Account{"outbox": {Platform: "outbox"}},
		Check:        Check{MaxGrade: 8},
		Publish:      PublishDefaults,
		Calendar:     Calendar{Plan: Plan{MinGap: 3 * time.Hour}},
	}
}

// defaults fills in every setting the file left empty. It runs once, when the file is
// loaded: the commands read the settings as they are.
func (c *Config) defaults() {
	if c.Check.MaxGrade == 0 {
		c.Check.MaxGrade = 8
	}
	c.Publish.defaults()
	c.Calendar.defaults()
	c.Citations = c.Citations.WithDefaults()
}

// problem records a problem with the file at the value found by following path.
func (c *Config) problem(rule, msg string, path ...any) {
	c.Doc.Problems = append(c.Doc.Problems, content.Problem{Pos: c.Doc.At(path...), Severity: content.Error, Rule: rule, Message: msg})
}

// Load reads factdesk.yaml from root. A missing file gives the defaults. Problems with
// the file's content are recorded in the returned Config's Doc, with positions.
func Load(root string) (*Config, error) {
	path := filepath.Join(root, File)
	src, err := repofile.Read(root, path, repofile.DefaultDataLimit)
	if errors.Is(err, os.ErrNotExist) {
		c := Default()
		c.Path = path
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", File, err)
	}
	c := base()
	c.Path = path
	c.Doc = content.ParseDataFile(File, src)
	if c.Doc.Front != nil {
		c.Doc.DecodeNode(c.Doc.Front, c, "")
	}
	c.defaults()
	c.checkLimits()
	c.checkPublish()
	for name, a := range c.Accounts {
		if !slices.Contains(Platforms, a.Platform) {
			c.problem("config-platform", fmt.Sprintf("account %q has unknown platform %q; use one of %s", name, a.Platform, strings.Join(Platforms, ", ")), "accounts", name, "platform")
		}
	}
	return c, nil
}

// FindRoot walks up from dir to the first folder holding factdesk.yaml, or go.mod and
// factchecks/, and returns it.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if exists(filepath.Join(d, File)) || (exists(filepath.Join(d, "go.mod")) && exists(filepath.Join(d, content.FactChecksDir))) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no factdesk repository found at or above %s (looked for %s); run factdesk inside the repository or pass --root", abs, File)
		}
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
