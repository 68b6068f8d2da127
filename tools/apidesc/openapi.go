// Package apidesc checks HTTP exchanges against the API descriptions platforms publish:
// OpenAPI documents (GitHub's, Mastodon's) and AT Protocol lexicons (Bluesky), and, for
// platforms that publish none, tables of documented fields that each name their
// documentation page. It is strict where the descriptions are lenient: an object field
// the description does not declare is an error, so a misspelled field fails a test
// instead of the first real post.
//
// The descriptions it reads are copies in descriptions/ (pinned and dated in
// descriptions/README.md) and, for GitHub, the npm package @octokit/openapi.
package apidesc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// OpenAPI is an OpenAPI 3.0 or 3.1 document loaded for checking requests and responses.
type OpenAPI struct {
	// Name names the description in messages, e.g. "Mastodon OpenAPI 4.7.0".
	Name  string
	doc   map[string]any
	ops   []operation
	mu    sync.Mutex
	comp  *jsonschema.Compiler
	cache map[string]*jsonschema.Schema
}

type operation struct {
	method  string
	re      *regexp.Regexp
	pointer string // JSON pointer of the operation object
	literal int    // literal characters in the template: more specific paths win
}

// LoadOpenAPI reads an OpenAPI document (JSON) from path; server is the prefix of the
// paths the document's paths are relative to (e.g. "/api/v3" for GitHub Enterprise).
func LoadOpenAPI(name, path string) (*OpenAPI, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the API description %s: %w", path, err)
	}
	return ParseOpenAPI(name, src)
}

// ParseOpenAPI parses an OpenAPI document.
func ParseOpenAPI(name string, src []byte) (*OpenAPI, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("the API description %s is not JSON: %w", name, err)
	}
	v, _ := doc["openapi"].(string)
	if !strings.HasPrefix(v, "3.") {
		return nil, fmt.Errorf("the API description %s is not OpenAPI 3 (openapi: %q)", name, v)
	}
	legacy := strings.HasPrefix(v, "3.0")
	inAllOf := map[string]bool{}
	collectAllOf(doc, inAllOf)
	tighten(doc, "#", legacy, inAllOf, false)
	o := &OpenAPI{Name: name, doc: doc, cache: map[string]*jsonschema.Schema{}}
	paths, _ := doc["paths"].(map[string]any)
	for tmpl, item := range paths {
		ops, _ := item.(map[string]any)
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete":
			default:
				continue
			}
			// {path} (a file's path, as in GitHub's contents API) may hold slashes.
			q := strings.ReplaceAll(regexp.QuoteMeta(tmpl), `\{path\}`, `.+`)
			re := "^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(q, `[^/]+`) + "$"
			lit := len(regexp.MustCompile(`\{[^}]+\}`).ReplaceAllString(tmpl, ""))
			o.ops = append(o.ops, operation{method: strings.ToUpper(method), re: regexp.MustCompile(re), pointer: "#/paths/" + escape(tmpl) + "/" + method, literal: lit})
		}
	}
	sort.Slice(o.ops, func(i, j int) bool { return o.ops[i].literal > o.ops[j].literal })
	o.comp = jsonschema.NewCompiler()
	o.comp.DefaultDraft(jsonschema.Draft2020)
	if err := o.comp.AddResource("mem:///description.json", doc); err != nil {
		return nil, fmt.Errorf("loading %s: %w", name, err)
	}
	return o, nil
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// collectAllOf records the schemas that are parts of an allOf (inline, by pointer, or
// the component a part refers to): they must stay open, since each sees only its own
// fields; the schema holding the allOf closes the whole instead.
func collectAllOf(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if parts, ok := x["allOf"].([]any); ok {
			for _, p := range parts {
				if m, ok := p.(map[string]any); ok {
					if ref, ok := m["$ref"].(string); ok {
						out[ref] = true
					}
					m["x-apidesc-part"] = true
				}
			}
		}
		for _, c := range x {
			collectAllOf(c, out)
		}
	case []any:
		for _, c := range x {
			collectAllOf(c, out)
		}
	}
}

// tighten rewrites the schemas of a document for strict checking: an object schema that
// lists its properties and says nothing about others gets additionalProperties: false
// (unevaluatedProperties: false when it combines allOf parts), and OpenAPI 3.0's
// nullable becomes a JSON Schema type list.
func tighten(v any, ptr string, legacy bool, inAllOf map[string]bool, _ bool) {
	switch x := v.(type) {
	case map[string]any:
		part := x["x-apidesc-part"] == true || inAllOf[ptr]
		delete(x, "x-apidesc-part")
		if legacy {
			if n, ok := x["nullable"].(bool); ok && n {
				if t, ok := x["type"].(string); ok {
					x["type"] = []any{t, "null"}
				} else if _, ok := x["enum"]; ok {
					x["enum"] = append(x["enum"].([]any), nil)
				} else {
					// beside $ref, allOf, anyOf or oneOf: null is allowed as well as
					// what they describe (GitHub's "author": null on a commit).
					x[nullableMark] = true
				}
				delete(x, "nullable")
			}
			// 3.0 forbids siblings of $ref; OpenAPI tools ignore them.
		}
		_, hasProps := x["properties"].(map[string]any)
		_, ap := x["additionalProperties"]
		_, up := x["unevaluatedProperties"]
		_, all := x["allOf"]
		if !ap && !up && !part {
			switch {
			case all:
				x["unevaluatedProperties"] = false
			case hasProps:
				x["additionalProperties"] = false
			}
		}
		for k, c := range x {
			if k == "example" || k == "examples" || k == "enum" || k == "const" || k == "default" {
				continue
			}
			tighten(c, ptr+"/"+escape(k), legacy, inAllOf, false)
		}
	case []any:
		for i, c := range x {
			tighten(c, ptr+"/"+strconv.Itoa(i), legacy, inAllOf, false)
		}
	}
}

// nullableMark marks a 3.0 schema whose nullable: true sat beside $ref or a
// combination, which have no type list to take "null".
const nullableMark = "x-apidesc-nullable"

// find returns the operation for method and path (no query), or an error naming them.
func (o *OpenAPI) find(method, path string) (operation, error) {
	for _, op := range o.ops {
		if op.method == method && op.re.MatchString(path) {
			return op, nil
		}
	}
	return operation{}, fmt.Errorf("%s does not describe %s %s", o.Name, method, path)
}

func (o *OpenAPI) schema(pointer string) (*jsonschema.Schema, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if s, ok := o.cache[pointer]; ok {
		return s, nil
	}
	parts := strings.Split(pointer, "/")
	for i := 1; i < len(parts); i++ {
		parts[i] = url.PathEscape(parts[i])
	}
	s, err := o.comp.Compile("mem:///description.json" + strings.Join(parts, "/"))
	if err != nil {
		return nil, fmt.Errorf("compiling %s%s: %w", o.Name, pointer, err)
	}
	o.cache[pointer] = s
	return s, nil
}

func (o *OpenAPI) node(pointer string) any {
	var cur any = o.doc
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "#/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
		if ref, ok := cur.(map[string]any)["$ref"].(string); ok && strings.HasPrefix(ref, "#/components/") && len(cur.(map[string]any)) == 1 {
			cur = o.node(ref)
		}
	}
	return cur
}

// CheckRequest checks a request's body against the operation's request body schema.
// Form bodies are checked as the JSON object of their fields (name[] as an array), the
// way Mastodon documents them. A body where none is described is an error.
func (o *OpenAPI) CheckRequest(method, path, contentType string, body []byte) error {
	op, err := o.find(method, path)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	ct := strings.TrimSpace(strings.Split(contentType, ";")[0])
	content, _ := o.node(op.pointer + "/requestBody/content").(map[string]any)
	if content == nil {
		return fmt.Errorf("%s %s: %s describes no request body, but one was sent", method, path, o.Name)
	}
	var inst any
	mt := ct
	switch ct {
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return fmt.Errorf("%s %s: the form body does not parse: %v", method, path, err)
		}
		inst = formObject(form)
		if _, ok := content[ct]; !ok {
			mt = "application/json"
		}
	case "multipart/form-data":
		return nil // checked by the caller from the parsed form (CheckForm)
	default:
		if err := json.Unmarshal(body, &inst); err != nil {
			return fmt.Errorf("%s %s: the body is not JSON: %v", method, path, err)
		}
	}
	if _, ok := content[mt]; !ok {
		return fmt.Errorf("%s %s: %s describes no %s request body", method, path, o.Name, ct)
	}
	return o.validate(op.pointer+"/requestBody/content/"+escape(mt)+"/schema", inst, fmt.Sprintf("request %s %s", method, path))
}

// CheckForm checks the fields of a multipart form against the operation's
// multipart/form-data schema (file fields count as present strings).
func (o *OpenAPI) CheckForm(method, path string, fields map[string][]string) error {
	op, err := o.find(method, path)
	if err != nil {
		return err
	}
	return o.validate(op.pointer+"/requestBody/content/multipart~1form-data/schema", formObject(fields), fmt.Sprintf("request %s %s", method, path))
}

func formObject(form map[string][]string) map[string]any {
	obj := map[string]any{}
	for k, vs := range form {
		if strings.HasSuffix(k, "[]") {
			arr := make([]any, len(vs))
			for i, v := range vs {
				arr[i] = v
			}
			obj[strings.TrimSuffix(k, "[]")] = arr
			continue
		}
		obj[k] = vs[0]
	}
	return obj
}

// CheckResponse checks a response body against the schema the operation documents for
// status. A status the operation does not document is an error.
func (o *OpenAPI) CheckResponse(method, path string, status int, body []byte) error {
	op, err := o.find(method, path)
	if err != nil {
		return err
	}
	responses, _ := o.node(op.pointer + "/responses").(map[string]any)
	code := strconv.Itoa(status)
	if _, ok := responses[code]; !ok {
		wild := code[:1] + "XX"
		switch {
		case responses[wild] != nil:
			code = wild
		case responses["default"] != nil:
			code = "default"
		default:
			return fmt.Errorf("%s %s: %s documents no %d answer", method, path, o.Name, status)
		}
	}
	content, _ := o.node(op.pointer + "/responses/" + code + "/content").(map[string]any)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if content == nil {
		return fmt.Errorf("%s %s: %s documents no body for %s, but one was sent", method, path, o.Name, code)
	}
	mt := "application/json"
	if _, ok := content[mt]; !ok {
		for k := range content {
			mt = k
		}
	}
	var inst any
	if err := json.Unmarshal(body, &inst); err != nil {
		return fmt.Errorf("%s %s: the %d answer is not JSON: %v", method, path, status, err)
	}
	ref := op.pointer + "/responses/" + code
	if r, ok := o.node(op.pointer + "/responses").(map[string]any)[code].(map[string]any)["$ref"].(string); ok {
		ref = r
	}
	return o.validate(ref+"/content/"+escape(mt)+"/schema", inst, fmt.Sprintf("%d answer to %s %s", status, method, path))
}

func (o *OpenAPI) validate(pointer string, inst any, what string) error {
	s, err := o.schema(pointer)
	if err != nil {
		return err
	}
	inst = toNumbers(inst)
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("%s does not match %s: %v", what, o.Name, err)
	}
	return nil
}

// toNumbers turns float64 values into json.Number, as the validator expects.
func toNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			x[k] = toNumbers(c)
		}
	case []any:
		for i, c := range x {
			x[i] = toNumbers(c)
		}
	case float64:
		return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
	}
	return v
}
