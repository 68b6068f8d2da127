package check

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/privacy"
	"github.com/factdesk/factdesk/tools/repofile"
)

// ReplyTemplatesFile holds the team's reply templates, which the guard checks too.
const ReplyTemplatesFile = "data/reply-templates.yaml"

// PagesDir holds the site's own pages, which the guard checks too.
const PagesDir = "content"

func init() {
	Register(Rule{
		ID:          "privacy",
		Description: "no patient identifiers (PHI) in fact-checks, campaign posts, site pages or reply templates; waivers give a reason",
		Check:       checkPrivacy,
	})
}

// structuralKeys are front-matter fields that hold the content model's own dates,
// identifiers and references rather than text anyone writes about a person.
var structuralKeys = map[string]bool{
	"citations": true, "appearances": true, "published": true, "last_reviewed": true, "next_review": true,
	"author": true, "reviewers": true, "translationKey": true, "lang": true, "topics": true, "observances": true,
	"verdict": true, "draft": true, "date": true, "publish_at": true, "timezone": true, "channels": true,
	"observance": true, "factcheck": true, "hashtags": true, "exported": true, "src": true, "lastmod": true,
	"weight": true, "aliases": true, "url": true, "slug": true, "layout": true, "id": true, "platforms": true,
	"vars": true, "type": true, "key": true, "kind": true,
}

// PrivacyGuard returns the guard configured for a repository: the organisation's own
// contact details and handles are allowed, and so are the names of its reviewers and
// of the people listed in privacy.names.
func PrivacyGuard(cfg *config.Config, repo *content.Repo) *privacy.Guard {
	var opts privacy.Options
	if cfg != nil {
		opts.Allow = cfg.PrivacyAllow()
		opts.Names = append(opts.Names, cfg.Privacy.Names...)
		opts.Threshold = cfg.Privacy.Threshold
	}
	if repo != nil {
		for _, r := range repo.Reviewers {
			opts.Names = append(opts.Names, r.Name)
		}
	}
	return privacy.New(opts)
}

func checkPrivacy(_ context.Context, r *Run) {
	g := PrivacyGuard(r.Config, r.Repo)
	var docs []*content.Doc
	for _, f := range r.Repo.FactChecks {
		docs = append(docs, f.Doc)
	}
	for _, p := range r.Repo.Posts {
		docs = append(docs, p.Doc)
	}
	docs = append(docs, extraDocs(r)...)
	checkConsentNotes(r)
	// Files are scanned in parallel; Report is safe for concurrent use. The goroutines
	// end when the channel is drained.
	jobs := make(chan *content.Doc)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				for _, f := range PrivacyFindings(d, g) {
					r.Report(f.Path, content.Pos{Line: f.Line, Col: f.Col}, f.Severity, f.Rule, "%s", f.Message)
				}
			}
		}()
	}
	for _, d := range docs {
		if r.selected(d.Path) {
			jobs <- d
		}
	}
	close(jobs)
	wg.Wait()
}

// checkConsentNotes asks for a consent note that says something: a photo of a person
// needs a signed authorisation, and "yes" does not say who signed it or where it is
// kept. (A missing note is the posts rule's image-consent error.)
func checkConsentNotes(r *Run) {
	for _, p := range r.Repo.Posts {
		if !p.OK {
			continue
		}
		for i, img := range p.Images {
			note := strings.TrimSpace(img.Consent)
			if img.Person && note != "" && len(strings.Fields(note)) < 4 {
				r.ReportDoc(p.Doc, p.At("images", i, "consent"), content.Warning, "image-consent-note",
					"image %q shows a person, and its consent note is too short to check; say who signed the authorisation, when, and where the form is kept", img.Src)
			}
		}
	}
}

// extraDocs loads the reply templates and the site's pages, which the content loader
// does not read, within the repository's limits. A file refused (a link out of the
// repository, a FIFO, a file past its limit) is reported where it is, and not scanned.
func extraDocs(r *Run) []*content.Doc {
	var out []*content.Doc
	refused := func(rel string, err error) bool {
		var unsafe *repofile.Error
		if errors.As(err, &unsafe) {
			r.Report(rel, content.Pos{Line: 1, Col: 1}, content.Error, "file-unreadable", "%s", unsafe.Reason)
			return true
		}
		return false
	}
	if src, err := r.Repo.ReadData(ReplyTemplatesFile); err == nil {
		out = append(out, content.ParseDataFile(ReplyTemplatesFile, src))
	} else {
		refused(ReplyTemplatesFile, err)
	}
	root := r.Repo.Root
	_ = filepath.WalkDir(filepath.Join(root, PagesDir), func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		src, err := r.Repo.ReadContent(rel)
		if err != nil {
			refused(rel, err)
			return nil
		}
		out = append(out, content.ParseDoc(rel, src))
		return nil
	})
	return out
}

// ParseForPrivacy parses a file for the guard the way the checker reads it: Markdown
// with front matter, or a YAML data file.
func ParseForPrivacy(path string, src []byte) *content.Doc {
	if strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml") {
		return content.ParseDataFile(path, src)
	}
	return content.ParseDoc(path, src)
}

// PrivacyFindings runs the guard over a whole file — front matter, comments and body —
// leaving out the content model's structural fields, and applies inline waivers. The
// findings name the file, line, column and identifier type, never the text found.
func PrivacyFindings(d *content.Doc, g *privacy.Guard) []Finding {
	text := string(d.Source)
	skip := map[int]bool{}
	if d.Front != nil {
		skipLines(d.Front, d.FrontLine, endLine(d), skip)
	}
	found, unexplained := privacy.ApplyWaivers(text, g.Scan(text))
	lines := newLineIndex(text)
	out := make([]Finding, 0, len(found)+len(unexplained))
	for _, f := range found {
		pos := lines.pos(f.Start)
		if skip[pos.Line] {
			continue
		}
		sev := content.Warning
		if f.Score >= privacy.ErrorScore {
			sev = content.Error
		}
		out = append(out, Finding{Path: d.Path, Line: pos.Line, Col: pos.Col, Severity: sev, Level: sev.String(), Rule: "phi-" + string(f.Type), Message: PrivacyMessage(f.Type)})
	}
	for _, w := range unexplained {
		pos := lines.pos(w.Start)
		out = append(out, Finding{Path: d.Path, Line: pos.Line, Col: pos.Col, Severity: content.Error, Level: content.Error.String(), Rule: "phi-waiver",
			Message: "this phi-ok waiver gives no reason, so it waives nothing; write why the identifier may stay, e.g. <!-- phi-ok: our main line, published on the contact page -->"})
	}
	return out
}

// PrivacyMessage is the message of a finding of type t. It never holds the text found.
func PrivacyMessage(t privacy.Type) string {
	if m, ok := privacyMessages[t]; ok {
		return m // a page of findings shares one message a type
	}
	return privacyMessage(t)
}

func privacyMessage(t privacy.Type) string {
	return "possible patient information: " + t.Describe() + ". Remove it and answer in a private channel; if it is the organisation's own public detail, add it to privacy.allow in factdesk.yaml; to keep it on purpose, add a phi-ok comment with the reason (see docs/privacy-and-replies.md)"
}

var privacyMessages = func() map[privacy.Type]string {
	m := map[privacy.Type]string{}
	for _, t := range privacy.Types {
		m[t] = privacyMessage(t)
	}
	return m
}()

func endLine(d *content.Doc) int {
	if d.BodyLine > d.FrontLine {
		return d.BodyLine - 2
	}
	return strings.Count(string(d.Source), "\n") + 1
}

// skipLines marks the file lines of structural fields in m, whose content ends at end.
func skipLines(m *yaml.Node, frontLine, end int, skip map[int]bool) {
	abs := func(n *yaml.Node) int { return frontLine + n.Line - 1 }
	switch m.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			last := end
			if i+2 < len(m.Content) {
				last = abs(m.Content[i+2]) - 1
			}
			if structuralKeys[k.Value] {
				for l := abs(k); l <= last; l++ {
					skip[l] = true
				}
				continue
			}
			skipLines(v, frontLine, last, skip)
		}
	case yaml.SequenceNode:
		for i, item := range m.Content {
			last := end
			if i+1 < len(m.Content) {
				last = abs(m.Content[i+1]) - 1
			}
			skipLines(item, frontLine, last, skip)
		}
	}
}

// lineIndex converts byte offsets to 1-based lines and columns in characters. It
// remembers the last offset it converted, so that offsets asked in increasing order cost
// the characters between them, not each one's whole line again: a long line with many
// findings stays linear.
type lineIndex struct {
	text   string
	starts []int
	// lastOff, lastLine and lastCol are the previous conversion (lastLine 0: none).
	lastOff, lastLine, lastCol int
}

func newLineIndex(text string) *lineIndex {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts}
}

func (x *lineIndex) pos(off int) content.Pos {
	lo, hi := 0, len(x.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if x.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	from, col := x.starts[lo], 1
	if x.lastLine == lo+1 && x.lastOff <= off {
		from, col = x.lastOff, x.lastCol
	}
	col += utf8.RuneCountInString(x.text[from:off])
	x.lastOff, x.lastLine, x.lastCol = off, lo+1, col
	return content.Pos{Line: lo + 1, Col: col}
}
