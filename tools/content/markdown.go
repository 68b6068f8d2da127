package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// markdown is the parser for bodies: CommonMark plus the GitHub extensions Hugo enables.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))

// parseBody walks the body's Markdown AST and records citation references, links and
// headings with their positions.
func (d *Doc) parseBody() {
	if len(d.Body) == 0 {
		return
	}
	src := d.Body
	root := markdown.Parser().Parse(text.NewReader(src))
	// cursor is the byte offset up to which the source has been accounted for; each
	// link is searched for from the end of the text before it.
	cursor := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			if start := n.Lines().At(0).Start; start > cursor {
				cursor = start
			}
		}
		switch n := n.(type) {
		case *ast.Heading:
			off := 0
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
			d.Headings = append(d.Headings, Heading{Pos: d.lineStartPos(off), Level: n.Level, Text: plainText(n, src)})
		case *ast.Text:
			if n.Segment.Stop > cursor {
				cursor = n.Segment.Stop
			}
		case *ast.Link:
			dest := string(n.Destination)
			off := locate(src, cursor, "]("+dest)
			if t, ok := n.FirstChild().(*ast.Text); ok {
				off = t.Segment.Start - 1
			}
			if off < 0 {
				off = cursor
			}
			p := d.BodyPos(off)
			if strings.HasPrefix(dest, CiteScheme) {
				for _, key := range strings.Split(strings.TrimPrefix(dest, CiteScheme), ",") {
					d.Refs = append(d.Refs, Ref{Pos: p, Target: strings.TrimSpace(key)})
				}
			} else {
				d.Links = append(d.Links, Ref{Pos: p, Target: dest})
			}
		case *ast.AutoLink:
			d.Links = append(d.Links, Ref{Pos: d.BodyPos(cursor), Target: string(n.URL(src))})
		}
		return ast.WalkContinue, nil
	})
}

// locate finds the '[' opening the link whose text ends with marker, searching from off.
func locate(src []byte, off int, marker string) int {
	if off > len(src) {
		return -1
	}
	i := bytes.Index(src[off:], []byte(marker))
	if i < 0 {
		return -1
	}
	end := off + i
	// Walk back to the matching '['.
	depth := 0
	for j := end; j >= off; j-- {
		switch src[j] {
		case ']':
			depth++
		case '[':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return end
}

func (d *Doc) lineStartPos(off int) Pos {
	p := d.BodyPos(off)
	p.Col = 1
	return p
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
