package calendar

import (
	"bytes"
	"fmt"
	"github.com/factdesk/factdesk/tools/outfile"
	"os"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/repofile"
)

// MarkExported records in the post file at path that channels were handed to tool, by
// setting exported.<channel>: <tool> in its front matter. Only the front matter is
// re-encoded (through a yaml.v3 node, so comments and the order of fields are kept); the
// body is left byte for byte. It reports whether the file changed.
func MarkExported(path string, channels []string, tool string) (bool, error) {
	src, err := repofile.ReadLocal(path, repofile.DefaultContentLimit)
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", path, err)
	}
	front, body, err := splitFront(src)
	if err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		return false, fmt.Errorf("%s: the front matter is not valid YAML; run factdesk check: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false, fmt.Errorf("%s: the front matter is not a set of fields; run factdesk check", path)
	}
	m := doc.Content[0]
	var exp *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "exported" {
			exp = m.Content[i+1]
		}
	}
	if exp == nil || exp.Kind != yaml.MappingNode {
		if exp == nil {
			exp = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "exported"}, exp)
		} else {
			*exp = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		}
	}
	chs := append([]string(nil), channels...)
	sort.Strings(chs)
	changed := false
	for _, ch := range chs {
		found := false
		for i := 0; i+1 < len(exp.Content); i += 2 {
			if exp.Content[i].Value == ch {
				found = true
				if exp.Content[i+1].Value != tool {
					exp.Content[i+1].Value = tool
					exp.Content[i+1].Tag = "!!str"
					changed = true
				}
			}
		}
		if !found {
			exp.Content = append(exp.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ch}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: tool})
			changed = true
		}
	}
	if !changed {
		return false, nil
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return false, fmt.Errorf("%s: writing the front matter: %w", path, err)
	}
	enc.Close()
	var file bytes.Buffer
	file.WriteString("---\n")
	file.Write(out.Bytes())
	file.WriteString("---\n")
	file.Write(body)
	info, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	if err := outfile.WriteFile(path, file.Bytes(), info.Mode().Perm()); err != nil {
		return false, fmt.Errorf("writing %s: %w", path, err)
	}
	return true, nil
}

// splitFront returns the front matter between the opening and closing --- lines, and
// everything after the closing line.
func splitFront(src []byte) (front, body []byte, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || string(bytes.TrimSpace(lines[0])) != "---" {
		return nil, nil, fmt.Errorf("the file does not start with front matter (---)")
	}
	off := len(lines[0])
	for _, l := range lines[1:] {
		if string(bytes.TrimRight(l, "\r\n")) == "---" {
			return src[len(lines[0]):off], src[off+len(l):], nil
		}
		off += len(l)
	}
	return nil, nil, fmt.Errorf("the front matter is never closed with ---")
}
