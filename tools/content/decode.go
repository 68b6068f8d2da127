package content

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

var (
	dateType     = reflect.TypeOf(Date{})
	durationType = reflect.TypeOf(time.Duration(0))
)

// Decode checks the front matter against the schema of v's type (unknown keys, missing
// required keys, wrong types) and, when nothing blocks it, decodes it into v. It
// reports whether v was filled in.
func (d *Doc) Decode(v any) bool {
	if d.Front == nil {
		return false
	}
	before := len(d.Problems)
	d.validate(d.Front, reflect.TypeOf(v).Elem(), "")
	for _, p := range d.Problems[before:] {
		if p.Severity == Error && p.Rule != "unknown-key" && p.Rule != "required-field" {
			return false
		}
	}
	if err := d.Front.Decode(v); err != nil {
		d.add(yamlErrorPos(err, d.FrontLine), Error, "field-type", "%s", yamlErrorText(err))
		return false
	}
	return true
}

// DecodeNode checks and decodes a node that is not the front matter of a Markdown file,
// such as an entry of a data file.
func (d *Doc) DecodeNode(n *yaml.Node, v any, where string) bool {
	before := len(d.Problems)
	d.validate(n, reflect.TypeOf(v).Elem(), where)
	for _, p := range d.Problems[before:] {
		if p.Severity == Error && p.Rule != "unknown-key" && p.Rule != "required-field" {
			return false
		}
	}
	if err := n.Decode(v); err != nil {
		d.add(yamlErrorPos(err, d.FrontLine), Error, "field-type", "%s", yamlErrorText(err))
		return false
	}
	return true
}

func fieldName(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// validate walks node against type t.
func (d *Doc) validate(n *yaml.Node, t reflect.Type, name string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if isNull(n) {
		return // an empty value is the zero value; required checks catch it
	}
	switch {
	case t == dateType:
		if n.Kind != yaml.ScalarNode {
			d.add(d.abs(n), Error, "field-type", "%s must be a date written YYYY-MM-DD, not a %s", name, kindName(n))
			return
		}
		if _, err := ParseDate(n.Value); err != nil {
			d.add(d.abs(n), Error, "field-type", "%s: %v", name, err)
		}
	case t == durationType:
		if n.Kind != yaml.ScalarNode {
			d.add(d.abs(n), Error, "field-type", "%s must be a duration written like 90m, 2h or 500ms, not a %s", name, kindName(n))
		} else if v, err := time.ParseDuration(n.Value); err != nil || v < 0 {
			d.add(d.abs(n), Error, "field-type", "%s %q is not a duration; write it like 90m, 2h or 500ms", name, n.Value)
		}
	case t.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.add(d.abs(n), Error, "field-type", "%s must be a set of key: value fields, not a %s", orTop(name), kindName(n))
			return
		}
		fields := structFields(t)
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if d.duplicateKey(n, i, name) {
				continue
			}
			seen[k.Value] = true
			f, ok := fields[k.Value]
			if !ok {
				d.add(d.abs(k), Error, "unknown-key", "unknown field %q%s%s", k.Value, inWhere(name), suggest(k.Value, fields))
				continue
			}
			d.validate(v, f.Type, fieldName(name, k.Value))
		}
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return fields[keys[i]].Index[0] < fields[keys[j]].Index[0] })
		for _, k := range keys {
			if fields[k].Tag.Get("required") != "true" {
				continue
			}
			v, _ := Field(n, k)
			switch {
			case !seen[k]:
				d.add(d.abs(n), Error, "required-field", "%s is required%s; add `%s:` (see CONTRIBUTING.md)", k, inWhere(name), k)
			case isEmpty(v):
				d.add(d.abs(v), Error, "required-field", "%s is empty%s; fill it in (see CONTRIBUTING.md)", k, inWhere(name))
			}
		}
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if t.Elem().Kind() == reflect.String && n.Kind == yaml.ScalarNode {
				d.add(d.abs(n), Error, "field-type", "%s must be a list; write it as [%s]", name, n.Value)
			} else {
				d.add(d.abs(n), Error, "field-type", "%s must be a list (lines starting with -), not a %s", name, kindName(n))
			}
			return
		}
		for i, c := range n.Content {
			d.validate(c, t.Elem(), fmt.Sprintf("%s[%d]", name, i+1))
		}
	case t.Kind() == reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.add(d.abs(n), Error, "field-type", "%s must be a set of key: value fields, not a %s", name, kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if d.duplicateKey(n, i, name) {
				continue
			}
			d.validate(n.Content[i+1], t.Elem(), fieldName(name, n.Content[i].Value))
		}
	case t.Kind() == reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.add(d.abs(n), Error, "field-type", "%s must be text, not a %s", name, kindName(n))
		}
	case t.Kind() == reflect.Int:
		if n.Kind != yaml.ScalarNode {
			d.add(d.abs(n), Error, "field-type", "%s must be a whole number, not a %s", name, kindName(n))
		} else if _, err := strconv.Atoi(n.Value); err != nil {
			d.add(d.abs(n), Error, "field-type", "%s must be a whole number, not %q", name, n.Value)
		}
	case t.Kind() == reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.add(d.abs(n), Error, "field-type", "%s must be true or false, not %q", name, n.Value)
		}
	}
}

// duplicateKey reports the key at index i of mapping m when an earlier key has the same
// name: YAML forbids it, and one of the two values would be silently lost.
func (d *Doc) duplicateKey(m *yaml.Node, i int, name string) bool {
	k := m.Content[i]
	for j := 0; j < i; j += 2 {
		if prev := m.Content[j]; prev.Value == k.Value && prev.Kind == yaml.ScalarNode && k.Kind == yaml.ScalarNode {
			d.add(d.abs(k), Error, "duplicate-key", "%s is given twice%s (first on line %d); keep one of them", k.Value, inWhere(name), d.abs(prev).Line)
			return true
		}
	}
	return false
}

func orTop(name string) string {
	if name == "" {
		return "the front matter"
	}
	return name
}

func inWhere(name string) string {
	if name == "" {
		return ""
	}
	return " in " + name
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func isEmpty(n *yaml.Node) bool {
	if n == nil {
		return true
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Tag == "!!null" || (n.Tag == "!!str" && strings.TrimSpace(n.Value) == "")
	case yaml.SequenceNode, yaml.MappingNode:
		return len(n.Content) == 0
	}
	return false
}

// fieldCache holds structFields' answer per type: the schema never changes while the
// program runs, and reflecting on it for every node of every file was a tenth of the
// loader's time.
var fieldCache sync.Map // reflect.Type → map[string]reflect.StructField

func structFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m := map[string]reflect.StructField{}
	defer fieldCache.Store(t, m)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		m[tag] = f
	}
	return m
}

// Keys returns the front-matter keys of a schema type, in declaration order.
func Keys(v any) []string {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// suggest proposes the closest known key for a misspelt one.
func suggest(key string, fields map[string]reflect.StructField) string {
	best, bestDist := "", 4
	for k := range fields {
		if dist := EditDistance([]rune(strings.ToLower(key)), []rune(k)); dist < bestDist || (dist == bestDist && k < best) {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		names := make([]string, 0, len(fields))
		for k := range fields {
			names = append(names, k)
		}
		sort.Strings(names)
		return "; known fields are " + strings.Join(names, ", ")
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// EditDistance returns the Levenshtein distance between two rune slices: the number of
// single-character insertions, deletions and substitutions that turn a into b. It backs
// every "did you mean" hint.
func EditDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
