// Package new implements `factdesk new`, which starts a fact-check or a campaign post
// from the Hugo archetypes in archetypes/, or prints a link that opens the same template
// in GitHub's web editor for people who never use a terminal.
package new

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"time"

	"github.com/factdesk/factdesk/tools/outfile"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// Kinds of content `factdesk new` can start, each with its archetype.
const (
	KindFactCheck = "factcheck"
	KindPost      = "post"
)

// PlaceholderSlug names the file in a web link when no slug is given; GitHub's editor
// lets the author rename it before saving.
const PlaceholderSlug = "NEW-SLUG"

var handlePattern = regexp.MustCompile(`^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)

// NewOptions are the parsed flags and arguments of `factdesk new`.
type NewOptions struct {
	Factory *factory.Factory
	// Kind is factcheck or post; Slug is the file name without .md.
	Kind string
	Slug string
	// Lang is the fact-check's language (en or es).
	Lang string
	// Author is the GitHub handle of the writer.
	Author string
	// Observance, At and Timezone fill in a post.
	Observance string
	At         string
	Timezone   string
	// WebLink prints a GitHub "create new file" link instead of writing a file.
	WebLink bool
}

// NewCmdNew returns the new command. runF replaces the run function in tests.
func NewCmdNew(f *factory.Factory, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "new {factcheck|post} SLUG",
		Short: "Start a fact-check or a campaign post from its template",
		Long: `New writes a new fact-check (factchecks/SLUG.md, or factchecks/es/SLUG.md with
--lang es) or campaign post (campaigns/YEAR/SLUG.md) from the templates in archetypes/.
It never overwrites a file. Fill in the fields marked TODO, then run factdesk check.

With --web-link it writes nothing and prints a link that opens the same template in
GitHub's web editor, for colleagues who do not use a terminal.`,
		Example: `  factdesk new factcheck measles-vitamin-a --author dr-ana-lima
  factdesk new factcheck flu-shot-gives-flu --lang es
  factdesk new post world-aids-day-testing --observance world-aids-day --at 2027-12-01T09:00
  factdesk new --web-link`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && opts.WebLink {
				return nil
			}
			if len(args) != 2 {
				return factory.UsageErrorf("give the kind and the slug, e.g. factdesk new factcheck measles-vitamin-a (or use --web-link)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Kind, opts.Slug = KindFactCheck, ""
			if len(args) == 2 {
				opts.Kind, opts.Slug = args[0], args[1]
			}
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return newRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "en", "language of a fact-check: en or es")
	cmd.Flags().StringVar(&opts.Author, "author", "", "your GitHub handle, written into author")
	cmd.Flags().StringVar(&opts.Observance, "observance", "", "observance slug of a post (see data/observances.yaml)")
	cmd.Flags().StringVar(&opts.At, "at", "", "local publish time of a post, e.g. 2027-02-01T09:00")
	cmd.Flags().StringVar(&opts.Timezone, "timezone", "", "IANA time zone of a post (default: factdesk.yaml's timezone)")
	cmd.Flags().BoolVar(&opts.WebLink, "web-link", false, "print a link to start the file in GitHub's web editor instead of writing it")
	return cmd
}

func (o *NewOptions) validate() error {
	switch o.Kind {
	case KindFactCheck:
		if o.Observance != "" || o.At != "" || o.Timezone != "" {
			return factory.UsageErrorf("--observance, --at and --timezone are for posts; a fact-check lists its observances in the file")
		}
		if _, ok := content.Languages[o.Lang]; !ok {
			return factory.UsageErrorf("--lang %q is not supported; use en or es", o.Lang)
		}
	case KindPost:
		if o.Lang != "en" {
			return factory.UsageErrorf("--lang is for fact-checks; a post's language is that of its copy")
		}
		if o.Observance == "" && !o.WebLink {
			return factory.UsageErrorf("a post belongs to an observance; add --observance, e.g. --observance world-aids-day (see data/observances.yaml)")
		}
		if o.Observance != "" && !content.SlugPattern.MatchString(o.Observance) {
			return factory.UsageErrorf("--observance %q is not an observance slug; use lower-case words joined by hyphens as in data/observances.yaml", o.Observance)
		}
	default:
		return factory.UsageErrorf("cannot start a %q; use factcheck or post", o.Kind)
	}
	if o.Slug != "" && !content.SlugPattern.MatchString(o.Slug) {
		return factory.UsageErrorf("%q cannot be a slug: it becomes the page address, so use lower-case letters, digits and hyphens, e.g. %q", o.Slug, suggestSlug(o.Slug))
	}
	if o.Author != "" && !handlePattern.MatchString(o.Author) {
		return factory.UsageErrorf("--author %q is not a GitHub handle (letters, digits and hyphens)", o.Author)
	}
	return nil
}

func newRun(o *NewOptions) error {
	f := o.Factory
	root, err := f.Root()
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	zone := o.Timezone
	if zone == "" {
		zone = cfg.Timezone
	}
	if _, err := time.LoadLocation(zone); o.Kind == KindPost && (err != nil || zone == "Local") {
		return factory.UsageErrorf("time zone %q is not an IANA zone; give one such as America/New_York with --timezone", zone)
	}
	now := f.Now()
	year := now.Year()
	if o.At != "" {
		t, err := content.ResolveLocal(o.At, zone)
		if err != nil {
			return factory.UsageErrorf("--at: %v", err)
		}
		year = t.Year()
	}
	slug := o.Slug
	if slug == "" {
		slug = PlaceholderSlug
	}
	rel := o.path(slug, year)
	values := map[string]string{
		"HUGO_FACTDESK_AUTHOR":     strings.TrimPrefix(o.Author, "@"),
		"HUGO_FACTDESK_LANG":       o.Lang,
		"HUGO_FACTDESK_OBSERVANCE": o.Observance,
		"HUGO_FACTDESK_PUBLISH_AT": o.At,
		"HUGO_FACTDESK_TIMEZONE":   zone,
	}
	text, err := Render(root, filepath.Join(root, "archetypes", o.Kind+".md"), cfg.ReadLimits().Content, slug, now, values)
	if err != nil {
		return err
	}
	if o.WebLink {
		link, err := WebLink(cfg.Organisation.Repository, "main", rel, text)
		if err != nil {
			return err
		}
		fmt.Fprintln(f.IO.Out, link)
		fmt.Fprintf(f.IO.ErrOut, "Open the link, sign in to GitHub, rename %s if needed, fill in the fields marked TODO,\nthen choose \"Commit changes\" on a new branch and open a pull request.\n", rel)
		return nil
	}
	if other := existing(root, o.Kind, o.Lang, slug); other != "" {
		return fmt.Errorf("%s already exists; pick another slug, or edit that file", other)
	}
	full := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(rel), err)
	}
	// Never overwrite, even if the file appeared since the check above.
	err = outfile.CreateNew(full, []byte(text), 0o644)
	if errors.Is(err, outfile.ErrExist) {
		return fmt.Errorf("%s already exists; pick another slug, or edit that file", rel)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	fmt.Fprintln(f.IO.Out, rel)
	fmt.Fprintf(f.IO.ErrOut, "Created %s. Fill in the fields marked TODO, then run: factdesk check %s\n", rel, rel)
	return nil
}

// path returns where a new file of this kind goes, relative to the repository root.
func (o *NewOptions) path(slug string, year int) string {
	if o.Kind == KindPost {
		return fmt.Sprintf("%s/%d/%s.md", content.CampaignsDir, year, slug)
	}
	if o.Lang != "en" {
		return fmt.Sprintf("%s/%s/%s.md", content.FactChecksDir, o.Lang, slug)
	}
	return fmt.Sprintf("%s/%s.md", content.FactChecksDir, slug)
}

// existing returns a file that already uses the slug in the same folder tree and
// language, or "".
func existing(root, kind, lang, slug string) string {
	dir := content.CampaignsDir
	if kind == KindFactCheck {
		dir = content.FactChecksDir
	}
	var found string
	_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || found != "" || content.SlugOf(p) != slug || !strings.HasSuffix(p, ".md") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		inES := strings.HasPrefix(rel, content.FactChecksDir+"/es/")
		if kind == KindPost || inES == (lang == "es") {
			found = rel
		}
		return nil
	})
	return found
}

// Render executes a Hugo archetype with the subset of Hugo's template language that
// factdesk's archetypes use: .File.ContentBaseName, .Name, .Date, now, getenv (answered
// from values, so nothing is read from the real environment) and default. archetype is
// a file inside the repository root, read up to limit bytes.
func Render(root, archetype string, limit int64, slug string, now time.Time, values map[string]string) (string, error) {
	src, err := repofile.Read(root, archetype, limit)
	var rerr *repofile.Error
	if errors.As(err, &rerr) {
		return "", fmt.Errorf("reading the template: %w", err)
	}
	if err != nil {
		return "", fmt.Errorf("reading the template %s: %w", filepath.Base(archetype), err)
	}
	funcs := template.FuncMap{
		"now":    func() time.Time { return now },
		"getenv": func(k string) string { return values[k] },
		"default": func(def string, given ...string) string {
			if len(given) == 0 || given[0] == "" {
				return def
			}
			return given[0]
		},
	}
	t, err := template.New(filepath.Base(archetype)).Funcs(funcs).Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("reading the template %s: %w", filepath.Base(archetype), err)
	}
	data := map[string]any{
		"Name": slug,
		"Date": now.Format(time.RFC3339),
		"File": map[string]string{"ContentBaseName": slug},
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("filling in the template %s: %w", filepath.Base(archetype), err)
	}
	return b.String(), nil
}

// WebLink returns the address of GitHub's "create new file" page for repository
// (owner/name) on branch, with the file name and its content filled in.
func WebLink(repository, branch, path, text string) (string, error) {
	parts := strings.Split(repository, "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", fmt.Errorf("organisation.repository in factdesk.yaml is %q; set it to the GitHub repository as owner/name to make web links", repository)
	}
	q := "filename=" + queryEscape(path) + "&value=" + queryEscape(text)
	return fmt.Sprintf("https://github.com/%s/%s/new/%s?%s", url.PathEscape(parts[0]), url.PathEscape(parts[1]), url.PathEscape(branch), q), nil
}

// queryEscape escapes s for a query value, spaces as %20 rather than +.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

func suggestSlug(s string) string {
	if out := content.Slugify(s); out != "" {
		return out
	}
	return "measles-vitamin-a"
}
