package apidesc

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"
)

// Lexicons are AT Protocol lexicon documents, keyed by NSID, for checking XRPC calls and
// the records they carry. Objects are closed: a field no lexicon declares is an error
// (lexicons leave objects open for future fields, which a test must not rely on).
type Lexicons struct {
	docs map[string]map[string]any // NSID → defs
}

// LoadLexicons reads every *.json lexicon under dir in fsys.
func LoadLexicons(fsys fs.FS, dir string) (*Lexicons, error) {
	l := &Lexicons{docs: map[string]map[string]any{}}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".json" {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var doc struct {
			ID   string         `json:"id"`
			Defs map[string]any `json:"defs"`
		}
		if err := json.Unmarshal(src, &doc); err != nil {
			return fmt.Errorf("lexicon %s: %w", p, err)
		}
		l.docs[doc.ID] = doc.Defs
		return nil
	})
	return l, err
}

// def resolves a reference ("nsid", "nsid#name" or "#name" relative to base).
func (l *Lexicons) def(ref, base string) (map[string]any, string, error) {
	nsid, name, _ := strings.Cut(ref, "#")
	if nsid == "" {
		nsid = base
	}
	if name == "" {
		name = "main"
	}
	defs, ok := l.docs[nsid]
	if !ok {
		return nil, "", fmt.Errorf("no lexicon %s at hand (vendor it)", nsid)
	}
	d, ok := defs[name].(map[string]any)
	if !ok {
		return nil, "", fmt.Errorf("lexicon %s has no definition %s", nsid, name)
	}
	return d, nsid, nil
}

// CheckCall checks one XRPC exchange: the query parameters, the JSON input of a
// procedure (and the record it creates), and the JSON output or error body.
func (l *Lexicons) CheckCall(method, nsid string, query url.Values, contentType string, body []byte, status int, out []byte) []error {
	main, _, err := l.def(nsid, nsid)
	if err != nil {
		return []error{err}
	}
	var errs []error
	add := func(prefix string, es []string) {
		for _, e := range es {
			errs = append(errs, fmt.Errorf("%s %s: %s", nsid, prefix, e))
		}
	}
	kind, _ := main["type"].(string)
	if (kind == "query") != (method == "GET") {
		errs = append(errs, fmt.Errorf("%s is a %s, called with %s", nsid, kind, method))
	}
	params, _ := main["parameters"].(map[string]any)
	props, _ := params["properties"].(map[string]any)
	for k, vs := range query {
		p, ok := props[k].(map[string]any)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: parameter %q is not in the lexicon", nsid, k))
			continue
		}
		var v any = vs[0]
		if p["type"] == "integer" {
			n, err := strconv.Atoi(vs[0])
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: parameter %q is not an integer", nsid, k))
				continue
			}
			v = float64(n)
		}
		add("parameter "+k, l.value(v, p, nsid, k))
	}
	for _, r := range list(params["required"]) {
		if query.Get(r) == "" && method == "GET" {
			errs = append(errs, fmt.Errorf("%s: required parameter %q is missing", nsid, r))
		}
	}
	if in, ok := main["input"].(map[string]any); ok {
		if schema, ok := in["schema"].(map[string]any); ok {
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				errs = append(errs, fmt.Errorf("%s: the input is not JSON: %v", nsid, err))
			} else {
				add("input", l.value(v, schema, nsid, "input"))
			}
		} else if enc, _ := in["encoding"].(string); enc != "*/*" && !strings.HasPrefix(contentType, enc) {
			errs = append(errs, fmt.Errorf("%s: input sent as %q, the lexicon says %q", nsid, contentType, enc))
		}
	} else if len(body) > 0 {
		errs = append(errs, fmt.Errorf("%s takes no input, but a body was sent", nsid))
	}
	if status >= 400 {
		var e map[string]any
		if err := json.Unmarshal(out, &e); err != nil {
			errs = append(errs, fmt.Errorf("%s: the %d error body is not JSON", nsid, status))
			return errs
		}
		for k, v := range e {
			if _, ok := v.(string); !ok || (k != "error" && k != "message") {
				errs = append(errs, fmt.Errorf("%s: the %d error body has %q; XRPC errors carry only error and message strings", nsid, status, k))
			}
		}
		if _, ok := e["error"].(string); !ok {
			errs = append(errs, fmt.Errorf("%s: the %d error body has no error name", nsid, status))
		}
		return errs
	}
	if o, ok := main["output"].(map[string]any); ok {
		if schema, ok := o["schema"].(map[string]any); ok {
			var v any
			if err := json.Unmarshal(out, &v); err != nil {
				errs = append(errs, fmt.Errorf("%s: the output is not JSON: %v", nsid, err))
			} else {
				add("output", l.value(v, schema, nsid, "output"))
			}
		}
	}
	return errs
}

// CheckRecord checks a record against the lexicon its $type names.
func (l *Lexicons) CheckRecord(v any) []string {
	m, ok := v.(map[string]any)
	if !ok {
		return []string{"the record is not an object"}
	}
	t, _ := m["$type"].(string)
	d, nsid, err := l.def(t, t)
	if err != nil {
		return []string{"record of type " + strconv.Quote(t) + ": " + err.Error()}
	}
	if d["type"] != "record" {
		return []string{t + " is not a record type"}
	}
	rec, _ := d["record"].(map[string]any)
	return l.object(m, rec, nsid, "record", true)
}

func list(v any) []string {
	var out []string
	for _, x := range asSlice(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

// value checks v against the field definition d of lexicon nsid, at where.
func (l *Lexicons) value(v any, d map[string]any, nsid, where string) []string {
	typ, _ := d["type"].(string)
	bad := func(format string, args ...any) []string {
		return []string{where + ": " + fmt.Sprintf(format, args...)}
	}
	switch typ {
	case "ref":
		ref, _ := d["ref"].(string)
		def, ns, err := l.def(ref, nsid)
		if err != nil {
			return bad("%v", err)
		}
		return l.value(v, def, ns, where)
	case "union":
		m, ok := v.(map[string]any)
		if !ok {
			return bad("is %T, want an object with $type", v)
		}
		t, _ := m["$type"].(string)
		for _, ref := range list(d["refs"]) {
			full := ref
			if strings.HasPrefix(ref, "#") {
				full = nsid + ref
			}
			if t == full || t+"#main" == full || t == strings.TrimSuffix(full, "#main") {
				def, ns, err := l.def(ref, nsid)
				if err != nil {
					return bad("%v", err)
				}
				return l.object(m, def, ns, where, true)
			}
		}
		return bad("$type %q is none of %v", t, d["refs"])
	case "object", "params":
		m, ok := v.(map[string]any)
		if !ok {
			return bad("is %T, want an object", v)
		}
		return l.object(m, d, nsid, where, false)
	case "string":
		s, ok := v.(string)
		if !ok {
			return bad("is %T, want a string", v)
		}
		if n, ok := num(d["maxLength"]); ok && len(s) > n {
			return bad("is %d bytes, at most %d", len(s), n)
		}
		if n, ok := num(d["maxGraphemes"]); ok && uniseg.GraphemeClusterCount(s) > n {
			return bad("is %d graphemes, at most %d", uniseg.GraphemeClusterCount(s), n)
		}
		if n, ok := num(d["minLength"]); ok && len(s) < n {
			return bad("is %d bytes, at least %d", len(s), n)
		}
		if enum := list(d["enum"]); len(enum) > 0 && !slices.Contains(enum, s) {
			return bad("%q is none of %v", s, enum)
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != float64(int64(f)) {
			return bad("is %v, want an integer", v)
		}
		if n, ok := num(d["minimum"]); ok && int(f) < n {
			return bad("is %v, at least %d", f, n)
		}
		if n, ok := num(d["maximum"]); ok && int(f) > n {
			return bad("is %v, at most %d", f, n)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return bad("is %T, want a boolean", v)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return bad("is %T, want an array", v)
		}
		if n, ok := num(d["maxLength"]); ok && len(a) > n {
			return bad("has %d items, at most %d", len(a), n)
		}
		items, _ := d["items"].(map[string]any)
		var out []string
		for i, x := range a {
			out = append(out, l.value(x, items, nsid, fmt.Sprintf("%s[%d]", where, i))...)
		}
		return out
	case "blob":
		m, ok := v.(map[string]any)
		if !ok || m["$type"] != "blob" {
			return bad("is not a blob object ($type blob)")
		}
		return l.closed(m, where, "$type", "ref", "mimeType", "size")
	case "cid-link":
		m, ok := v.(map[string]any)
		if !ok {
			return bad("is not a CID link")
		}
		return l.closed(m, where, "$link")
	case "unknown":
		if _, ok := v.(map[string]any); !ok {
			return bad("is %T, want an object", v)
		}
		if m := v.(map[string]any); m["$type"] != nil && nsid == "com.atproto.repo.createRecord" {
			return l.CheckRecord(m)
		}
	case "token", "bytes":
	default:
		return bad("lexicon type %q is not supported by this checker", typ)
	}
	return nil
}

func (l *Lexicons) closed(m map[string]any, where string, allowed ...string) []string {
	var out []string
	for k := range m {
		if !slices.Contains(allowed, k) {
			out = append(out, fmt.Sprintf("%s: field %q is not in the lexicon", where, k))
		}
	}
	return out
}

// object checks an object's fields: required ones present, each declared one valid, and
// no undeclared one ($type is allowed where typed is set).
func (l *Lexicons) object(m map[string]any, d map[string]any, nsid, where string, typed bool) []string {
	props, _ := d["properties"].(map[string]any)
	var out []string
	for _, r := range list(d["required"]) {
		if _, ok := m[r]; !ok {
			out = append(out, fmt.Sprintf("%s: required field %q is missing", where, r))
		}
	}
	nullable := list(d["nullable"])
	for k, v := range m {
		if k == "$type" && typed {
			continue
		}
		p, ok := props[k].(map[string]any)
		if !ok {
			out = append(out, fmt.Sprintf("%s: field %q is not in the lexicon", where, k))
			continue
		}
		if v == nil && slices.Contains(nullable, k) {
			continue
		}
		out = append(out, l.value(v, p, nsid, where+"."+k)...)
	}
	return out
}

func num(v any) (int, bool) {
	f, ok := v.(float64)
	return int(f), ok
}
