package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Severity ranks a Problem or a check finding.
type Severity int

// Severities, from least to most serious.
const (
	Note Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "note"
	}
}

// Pos is a 1-based line and column (in characters) within a file.
type Pos struct {
	Line int
	Col  int
}

// Problem is something wrong with a file found while loading it.
type Problem struct {
	Pos
	Severity Severity
	Rule     string
	Message  string
}

// Doc is one Markdown file with YAML front matter, kept with the positions of its parts.
type Doc struct {
	// Path is the file's path relative to the repository root, with forward slashes.
	Path   string
	Source []byte
	// Front is the front matter's mapping node, or nil when the file has none.
	Front *yaml.Node
	// FrontLine is the file line of the front matter's first line.
	FrontLine int
	Body      []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	Problems []Problem
	// Refs are the citation references in the body, in order.
	Refs []Ref
	// Links are the other links in the body, in order.
	Links []Ref
	// Headings are the body's headings, in order.
	Headings []Heading

	bodyLines []int
}

// Ref is a link in the body: a citation reference (`[](cite:key)`) or any other link.
type Ref struct {
	Pos
	// Target is the citation key for a citation reference, or the destination of a link.
	Target string
}

// Heading is a Markdown heading in the body.
type Heading struct {
	Pos
	Level int
	Text  string
}

// CiteScheme is the link scheme that marks a citation reference in the body.
const CiteScheme = "cite:"

func (d *Doc) add(p Pos, sev Severity, rule, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{Pos: p, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// ParseDoc reads a file's bytes into a Doc. It never fails: what is wrong with the file
// is recorded in Doc.Problems with its position.
func ParseDoc(path string, src []byte) *Doc {
	d := &Doc{Path: path, Source: src, FrontLine: 1, BodyLine: 1}
	switch {
	case len(bytes.TrimSpace(src)) == 0:
		d.add(Pos{1, 1}, Error, "file-empty", "the file is empty; start it with front matter between --- lines (see CONTRIBUTING.md)")
		return d
	case bytes.IndexByte(src, 0) >= 0:
		d.add(Pos{1, 1}, Error, "file-binary", "this is a binary file, not Markdown; only .md text files belong here")
		return d
	case !utf8.Valid(src):
		line, col := invalidUTF8At(src)
		d.add(Pos{line, col}, Error, "file-encoding", "the file is not valid UTF-8; save it as UTF-8 in your editor")
		return d
	}
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		src = src[3:]
		d.Source = src
	}
	if i := indexUnusualBreak(src); i >= 0 {
		line, col := positionAt(src, i)
		d.add(Pos{line, col}, Warning, "line-separator", "the file contains an invisible line separator (U+2028, U+2029 or U+0085), probably pasted from another program; delete it and end the line normally")
	}
	if bytes.IndexByte(src, '\r') >= 0 || indexUnusualBreak(src) >= 0 {
		// YAML ends a line at CR LF, LF, a lone CR and the Unicode line separators, and
		// Markdown at the first three, as editors do; counting lines the same way keeps
		// every position where the author sees it.
		src = NormalizeNewlines(src)
		d.Source = src
	}
	d.parseFront(src)
	d.parseBody()
	return d
}

// unusualBreaks are the line breaks YAML knows besides CR and LF: NEL, LS and PS.
var unusualBreaks = [][]byte{[]byte("\u0085"), []byte("\u2028"), []byte("\u2029")}

func indexUnusualBreak(src []byte) int {
	first := -1
	for _, b := range unusualBreaks {
		if i := bytes.Index(src, b); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// positionAt returns the line and column of byte offset off, counting every kind of
// line break.
func positionAt(src []byte, off int) (int, int) {
	before := NormalizeNewlines(src[:off])
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// NormalizeNewlines returns src with every line break (CR LF, a lone CR, and the Unicode
// breaks NEL, LS and PS) replaced by LF.
func NormalizeNewlines(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			c = '\n'
		case c == 0xc2 && i+1 < len(src) && src[i+1] == 0x85:
			i++
			c = '\n'
		case c == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
			i += 2
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// LineCount returns the number of lines of src as an editor shows them: line breaks
// are CR LF, LF or a lone CR.
func LineCount(src []byte) int {
	return bytes.Count(NormalizeNewlines(src), []byte("\n")) + 1
}

func invalidUTF8At(src []byte) (int, int) {
	line, col := 1, 1
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[n:]
	}
	return line, col
}

func (d *Doc) parseFront(src []byte) {
	// Leading blank lines are allowed before the opening delimiter.
	lead := 0
	rest := src
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 || len(bytes.TrimSpace(rest[:i])) != 0 {
			break
		}
		lead++
		rest = rest[i+1:]
	}
	first := rest
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	switch strings.TrimSpace(string(first)) {
	case "---", "---yaml":
	case "+++", "---toml", ";;;", "---json":
		d.add(Pos{lead + 1, 1}, Error, "front-matter-format", "front matter must be YAML between --- lines; convert this block to YAML")
		d.Body, d.BodyLine = src, 1
		return
	default:
		d.add(Pos{lead + 1, 1}, Error, "front-matter-missing", "the file has no front matter; start it with a line of --- , the fields, and another line of ---")
		d.Body, d.BodyLine = src, 1
		return
	}
	d.FrontLine = lead + 2
	var node yaml.Node
	var yamlErr error
	unmarshal := func(data []byte, v any) error {
		yamlErr = yaml.Unmarshal(data, &node)
		return nil
	}
	body, err := frontmatter.Parse(bytes.NewReader(src), &node,
		frontmatter.NewFormat("---", "---", unmarshal), frontmatter.NewFormat("---yaml", "---", unmarshal))
	if err != nil {
		d.add(Pos{lead + 1, 1}, Error, "front-matter-unreadable", "the front matter could not be read: %v", err)
		return
	}
	if len(body) == len(src) && node.Kind == 0 && yamlErr == nil {
		d.add(Pos{lead + 1, 1}, Error, "front-matter-unclosed", "the front matter opened here is never closed; add a line of --- after the last field")
		return
	}
	d.Body = body
	d.BodyLine = bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	if yamlErr != nil {
		d.add(yamlErrorPos(yamlErr, d.FrontLine), Error, "yaml-syntax", "the front matter is not valid YAML: %s", yamlErrorText(yamlErr))
		return
	}
	if node.Kind == 0 || len(node.Content) == 0 {
		d.add(Pos{lead + 1, 1}, Error, "front-matter-empty", "the front matter is empty; fill in the fields listed in CONTRIBUTING.md")
		return
	}
	root := node.Content[0]
	if root.Kind != yaml.MappingNode {
		d.add(d.abs(root), Error, "front-matter-type", "the front matter must be a list of key: value fields, not a %s", kindName(root))
		return
	}
	d.Front = root
}

// abs converts a node's position within the front matter to a file position.
func (d *Doc) abs(n *yaml.Node) Pos {
	if n == nil {
		return Pos{d.FrontLine - 1, 1}
	}
	return Pos{d.FrontLine + n.Line - 1, n.Column}
}

// yamlErrorPos reads "yaml: line N:" from a yaml.v3 error.
func yamlErrorPos(err error, frontLine int) Pos {
	msg := err.Error()
	var line int
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	if line == 0 {
		return Pos{frontLine - 1, 1}
	}
	// yaml.v3 numbers the lines of parser errors ("did not find expected …") from 0, as
	// they point at where the unfinished construct started, and scanner errors from 1.
	if strings.Contains(msg, "did not find expected") {
		line++
	}
	return Pos{frontLine + line - 1, 1}
}

func yamlErrorText(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	if i := strings.Index(msg, "line "); i == 0 {
		if j := strings.Index(msg, ": "); j > 0 {
			msg = msg[j+2:]
		}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	return msg
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "set of key: value fields"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty value"
		}
		return "single value"
	case yaml.AliasNode:
		return "alias"
	}
	return "document"
}

// Field returns the value node of key in a mapping node and the key node, or nils.
func Field(m *yaml.Node, key string) (val, k *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1], m.Content[i]
		}
	}
	return nil, nil
}

// At returns the file position of the front-matter value found by following path: a
// string steps into a mapping, an int into a list. When the full path does not exist it
// returns the position of the deepest part that does.
func (d *Doc) At(path ...any) Pos {
	n := d.Front
	if n == nil {
		return Pos{d.FrontLine, 1}
	}
	pos := Pos{d.FrontLine - 1, 1}
	for _, step := range path {
		switch s := step.(type) {
		case string:
			v, k := Field(n, s)
			if v == nil {
				return d.posOrNode(pos, n)
			}
			pos = d.abs(k)
			n = v
		case int:
			if n.Kind != yaml.SequenceNode || s < 0 || s >= len(n.Content) {
				return d.posOrNode(pos, n)
			}
			n = n.Content[s]
			pos = d.abs(n)
		}
	}
	if n.Kind == yaml.ScalarNode {
		return d.abs(n)
	}
	return pos
}

func (d *Doc) posOrNode(pos Pos, n *yaml.Node) Pos {
	if pos.Line >= d.FrontLine {
		return pos
	}
	return d.abs(n)
}

// KeyAt is like At but returns the position of the key rather than of its value.
func (d *Doc) KeyAt(path ...any) Pos {
	if len(path) == 0 {
		return d.At()
	}
	parent := d.node(path[:len(path)-1]...)
	if key, ok := path[len(path)-1].(string); ok && parent != nil {
		if _, k := Field(parent, key); k != nil {
			return d.abs(k)
		}
	}
	return d.At(path...)
}

// Has reports whether the front matter holds a value at path.
func (d *Doc) Has(path ...any) bool { return d.node(path...) != nil }

func (d *Doc) node(path ...any) *yaml.Node {
	n := d.Front
	for _, step := range path {
		if n == nil {
			return nil
		}
		switch s := step.(type) {
		case string:
			n, _ = Field(n, s)
		case int:
			if n.Kind != yaml.SequenceNode || s < 0 || s >= len(n.Content) {
				return nil
			}
			n = n.Content[s]
		}
	}
	return n
}

// BodyPos converts a byte offset within Body to a file position.
func (d *Doc) BodyPos(off int) Pos {
	if d.bodyLines == nil {
		d.bodyLines = []int{0}
		for i, c := range d.Body {
			if c == '\n' {
				d.bodyLines = append(d.bodyLines, i+1)
			}
		}
	}
	lo, hi := 0, len(d.bodyLines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.bodyLines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := d.bodyLines[lo]
	if off > len(d.Body) {
		off = len(d.Body)
	}
	return Pos{d.BodyLine + lo, utf8.RuneCount(d.Body[start:off]) + 1}
}
