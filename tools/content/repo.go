package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/repofile"
)

// Locations of content within a repository.
const (
	FactChecksDir = "factchecks"
	CampaignsDir  = "campaigns"
	ReviewersFile = "data/reviewers.yaml"
	VerdictsFile  = "data/verdicts.yaml"
)

// FactCheckDoc is a loaded fact-check: its file and, when it decoded, its front matter.
type FactCheckDoc struct {
	*Doc
	FactCheck
	// OK reports whether the front matter decoded.
	OK bool
}

// PostDoc is a loaded campaign post.
type PostDoc struct {
	*Doc
	Post
	OK bool
}

// Repo is the content of a factdesk repository.
type Repo struct {
	Root       string
	FactChecks []*FactCheckDoc
	Posts      []*PostDoc
	// Reviewers is the reviewer registry keyed by GitHub handle.
	Reviewers    map[string]Reviewer
	ReviewersDoc *Doc
	Verdicts     []Verdict
	VerdictsDoc  *Doc
	// Other holds files under factchecks/ and campaigns/ that factdesk does not read
	// (not .md), each with a problem saying so.
	Other []*Doc
	// Limits bound the files read.
	Limits Limits
}

// LoadRepo reads every fact-check and campaign post under root, the reviewer registry and
// the verdict scale. Problems with individual files are recorded on their Docs; only a
// failure to read the repository at all is returned as an error.
func LoadRepo(root string) (*Repo, error) {
	return LoadRepoLimits(root, DefaultLimits())
}

// Limits are the most bytes factdesk reads of one file (factdesk.yaml's limits).
type Limits struct {
	// Content bounds a fact-check, post or other content file; Data a data file such as
	// the ledger or the reviewer registry.
	Content, Data int64
}

// DefaultLimits returns the limits used when factdesk.yaml sets none: 1 MB and 64 MB.
func DefaultLimits() Limits {
	return Limits{Content: repofile.DefaultContentLimit, Data: repofile.DefaultDataLimit}
}

// LoadRepoLimits is LoadRepo reading no file past lim. A file that is not a regular file
// inside the repository, or is over its limit, becomes a located problem on that file.
func LoadRepoLimits(root string, lim Limits) (*Repo, error) {
	r := &Repo{Root: root, Reviewers: map[string]Reviewer{}, Limits: lim}
	var fcPaths, postPaths []string
	for _, dir := range []string{FactChecksDir, CampaignsDir} {
		base := filepath.Join(root, dir)
		if _, err := os.Stat(base); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(base, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() || strings.HasPrefix(e.Name(), "_index") || strings.HasPrefix(e.Name(), ".") {
				return nil
			}
			if !strings.HasSuffix(p, ".md") {
				if RendersAsPage(p) {
					return nil // a page in the wrong place: the content-location rule reports it
				}
				d := &Doc{Path: r.Rel(p), FrontLine: 1, BodyLine: 1}
				d.add(Pos{1, 1}, Warning, "file-ignored", "factdesk and the site read only .md files here; rename it to end in .md, or move it out of %s/", dir)
				r.Other = append(r.Other, d)
				return nil
			}
			if dir == FactChecksDir {
				fcPaths = append(fcPaths, p)
			} else {
				postPaths = append(postPaths, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", dir, err)
		}
	}
	sort.Strings(fcPaths)
	sort.Strings(postPaths)
	r.FactChecks = make([]*FactCheckDoc, len(fcPaths))
	r.Posts = make([]*PostDoc, len(postPaths))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range fcPaths {
		g.Go(func() error { return r.load(p, i, true) })
	}
	for i, p := range postPaths {
		g.Go(func() error { return r.load(p, i, false) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := r.loadReviewers(); err != nil {
		return nil, err
	}
	if err := r.loadVerdicts(); err != nil {
		return nil, err
	}
	return r, nil
}

// load reads and parses one content file into slot i. A panic while parsing (a bug in
// factdesk) becomes a located problem on that file instead of killing the process.
func (r *Repo) load(path string, i int, fc bool) error {
	rel := r.Rel(path)
	src, err := repofile.Read(r.Root, path, r.Limits.Content)
	if d := unreadable(rel, err); d != nil {
		if fc {
			r.FactChecks[i] = &FactCheckDoc{Doc: d, FactCheck: FactCheck{Slug: SlugOf(rel)}}
		} else {
			r.Posts[i] = &PostDoc{Doc: d, Post: Post{Slug: SlugOf(rel)}}
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer func() {
		if p := recover(); p != nil {
			d := &Doc{Path: rel, Source: src, FrontLine: 1, BodyLine: 1}
			d.add(Pos{1, 1}, Error, "internal-error", "factdesk could not read this file (%v); this is a bug in factdesk, please report it with the file", p)
			if fc {
				r.FactChecks[i] = &FactCheckDoc{Doc: d, FactCheck: FactCheck{Slug: SlugOf(rel)}}
			} else {
				r.Posts[i] = &PostDoc{Doc: d, Post: Post{Slug: SlugOf(rel)}}
			}
		}
	}()
	if fc {
		r.FactChecks[i] = ParseFactCheck(rel, src)
	} else {
		r.Posts[i] = ParsePost(rel, src)
	}
	return nil
}

// ReadData reads the data file rel (a path from the repository root) within the data
// limit, refusing what is not a regular file inside the repository (repofile.Read).
func (r *Repo) ReadData(rel string) ([]byte, error) {
	lim := r.Limits.Data
	if lim <= 0 {
		lim = repofile.DefaultDataLimit
	}
	return repofile.Read(r.Root, filepath.Join(r.Root, filepath.FromSlash(rel)), lim)
}

// ReadContent reads the content file rel (a path from the repository root) within the
// content limit, refusing what is not a regular file inside the repository.
func (r *Repo) ReadContent(rel string) ([]byte, error) {
	lim := r.Limits.Content
	if lim <= 0 {
		lim = repofile.DefaultContentLimit
	}
	return repofile.Read(r.Root, filepath.Join(r.Root, filepath.FromSlash(rel)), lim)
}

// unreadable returns a Doc holding a located problem when err says the file was refused
// (repofile.Error), and nil otherwise.
func unreadable(rel string, err error) *Doc {
	var unsafe *repofile.Error
	if !errors.As(err, &unsafe) {
		return nil
	}
	d := &Doc{Path: rel, FrontLine: 1, BodyLine: 1}
	d.add(Pos{1, 1}, Error, "file-unreadable", "%s", unsafe.Reason)
	return d
}

// Rel returns path relative to the repository root with forward slashes.
func (r *Repo) Rel(path string) string {
	if rel, err := filepath.Rel(r.Root, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// SlugOf returns the slug of a content file: its name without .md.
func SlugOf(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".md")
}

// ParseFactCheck parses one fact-check file.
func ParseFactCheck(path string, src []byte) *FactCheckDoc {
	d := &FactCheckDoc{Doc: ParseDoc(path, src)}
	d.OK = d.Decode(&d.FactCheck)
	d.Slug = SlugOf(path)
	if d.Lang == "" {
		d.Lang = "en"
		// A file under factchecks/<lang>/ is in that language.
		if parts := strings.Split(path, "/"); len(parts) > 2 && parts[0] == FactChecksDir {
			if _, ok := Languages[parts[1]]; ok {
				d.Lang = parts[1]
			}
		}
	}
	return d
}

// ParsePost parses one campaign post file.
func ParsePost(path string, src []byte) *PostDoc {
	d := &PostDoc{Doc: ParseDoc(path, src)}
	d.OK = d.Decode(&d.Post)
	d.Slug = SlugOf(path)
	return d
}

// ParseDataFile parses a YAML data file into a Doc whose Front is the file's top node.
func ParseDataFile(path string, src []byte) *Doc {
	d := &Doc{Path: path, Source: src, FrontLine: 1}
	var node yaml.Node
	if err := yaml.Unmarshal(src, &node); err != nil {
		d.add(yamlErrorPos(err, 1), Error, "yaml-syntax", "%s is not valid YAML: %s", path, yamlErrorText(err))
		return d
	}
	if len(node.Content) > 0 {
		d.Front = node.Content[0]
	}
	return d
}

func (r *Repo) loadReviewers() error {
	src, err := r.ReadData(ReviewersFile)
	if os.IsNotExist(err) {
		return nil
	}
	if d := unreadable(ReviewersFile, err); d != nil {
		r.ReviewersDoc = d
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the reviewer registry: %w", err)
	}
	d := ParseDataFile(ReviewersFile, src)
	r.ReviewersDoc = d
	if d.Front == nil {
		return nil
	}
	if d.Front.Kind != yaml.MappingNode {
		d.add(d.abs(d.Front), Error, "registry-type", "the reviewer registry must map GitHub handles to reviewers, not be a %s", kindName(d.Front))
		return nil
	}
	for i := 0; i+1 < len(d.Front.Content); i += 2 {
		k, v := d.Front.Content[i], d.Front.Content[i+1]
		if d.duplicateKey(d.Front, i, "the reviewer registry") {
			continue
		}
		var rv Reviewer
		if d.DecodeNode(v, &rv, k.Value) {
			rv.Handle = k.Value
			r.Reviewers[strings.ToLower(k.Value)] = rv
		}
	}
	return nil
}

// Reviewer returns the registry entry for a GitHub handle (case-insensitive).
func (r *Repo) Reviewer(handle string) (Reviewer, bool) {
	rv, ok := r.Reviewers[strings.ToLower(strings.TrimPrefix(handle, "@"))]
	return rv, ok
}

func (r *Repo) loadVerdicts() error {
	src, err := r.ReadData(VerdictsFile)
	if os.IsNotExist(err) {
		r.Verdicts = DefaultVerdicts()
		return nil
	}
	if d := unreadable(VerdictsFile, err); d != nil {
		r.Verdicts = DefaultVerdicts()
		r.VerdictsDoc = d
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the verdict scale: %w", err)
	}
	d := ParseDataFile(VerdictsFile, src)
	r.VerdictsDoc = d
	if d.Front == nil || d.Front.Kind != yaml.SequenceNode {
		if d.Front != nil {
			d.add(d.abs(d.Front), Error, "verdicts-type", "the verdict scale must be a list of verdicts")
		}
		r.Verdicts = DefaultVerdicts()
		return nil
	}
	for i, n := range d.Front.Content {
		var v Verdict
		if d.DecodeNode(n, &v, fmt.Sprintf("verdict %d", i+1)) {
			r.Verdicts = append(r.Verdicts, v)
		}
	}
	return nil
}

// Verdict returns the scale entry for a verdict slug.
func (r *Repo) Verdict(slug string) (Verdict, bool) {
	for _, v := range r.Verdicts {
		if v.Slug == slug {
			return v, true
		}
	}
	return Verdict{}, false
}

// FactCheck returns the fact-check with the given slug (in any language folder).
func (r *Repo) FactCheck(slug string) *FactCheckDoc {
	for _, f := range r.FactChecks {
		if f.Slug == slug {
			return f
		}
	}
	return nil
}

// DefaultVerdicts is the six-level scale used when data/verdicts.yaml is absent.
func DefaultVerdicts() []Verdict {
	return []Verdict{
		{"accurate", "Accurate", 6, "check", "The claim is correct and nothing important is missing."},
		{"mostly-accurate", "Mostly accurate", 5, "check-minus", "Correct, with minor points that need clarifying."},
		{"missing-context", "Missing context", 4, "info", "Technically true but leaves out facts that change its meaning."},
		{"misleading", "Misleading", 3, "warning", "Contains some truth but creates a false impression."},
		{"unsupported", "Unsupported", 2, "question", "No reliable evidence supports it."},
		{"false", "False", 1, "cross", "Reliable evidence shows it is wrong."},
	}
}
