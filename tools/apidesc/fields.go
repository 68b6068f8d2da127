package apidesc

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// FieldReport is what CheckFields found in one exchange.
type FieldReport struct {
	// Unknown names each field of the request or answer that the operation's schema
	// does not declare (a misspelling, or a field the platform does not have), and each
	// value whose type the schema does not allow.
	Unknown []string
	// MissingRequired counts the fields the schema requires that the answer lacks.
	MissingRequired int
}

// CheckFields checks that the operation method path exists and that every field of
// the request body and of the answer (status, body) is one the operation's schemas
// declare, following $ref, allOf, anyOf and oneOf (a field declared by any branch
// counts), and that each value has a type the schemas allow (null only where one is
// nullable). Unlike CheckRequest and CheckResponse it does not fail on missing
// required fields: it counts them. An answer
// status the operation does not document is checked as GitHub's basic error when it
// is 4xx or 5xx, and reported otherwise.
func (o *OpenAPI) CheckFields(method, path string, reqBody []byte, status int, respBody []byte) (FieldReport, error) {
	var rep FieldReport
	op, err := o.find(method, path)
	if err != nil {
		return rep, err
	}
	where := method + " " + path
	if len(strings.TrimSpace(string(reqBody))) > 0 {
		var inst any
		if json.Unmarshal(reqBody, &inst) == nil {
			s := o.node(op.pointer + "/requestBody/content/application~1json/schema")
			if s == nil {
				rep.Unknown = append(rep.Unknown, fmt.Sprintf("request %s: %s describes no JSON request body", where, o.Name))
			} else {
				o.walk([]any{s}, inst, "request "+where, "", &rep, false)
			}
		}
	}
	if len(strings.TrimSpace(string(respBody))) == 0 {
		return rep, nil
	}
	var inst any
	if err := json.Unmarshal(respBody, &inst); err != nil {
		return rep, nil // malformed answers are injected failures
	}
	responses, _ := o.node(op.pointer + "/responses").(map[string]any)
	code := strconv.Itoa(status)
	var schema any
	if r, ok := responses[code].(map[string]any); ok {
		r = o.deref(r)
		content, _ := r["content"].(map[string]any)
		if content == nil {
			rep.Unknown = append(rep.Unknown, fmt.Sprintf("%d answer to %s: %s documents no body, but one was sent", status, where, o.Name))
			return rep, nil
		}
		mt, _ := content["application/json"].(map[string]any)
		if mt == nil {
			for _, v := range content {
				mt, _ = v.(map[string]any)
			}
		}
		schema = mt["schema"]
	} else if status >= 400 {
		schema = o.node("#/components/schemas/basic-error")
	}
	if schema == nil {
		rep.Unknown = append(rep.Unknown, fmt.Sprintf("%d answer to %s: %s documents no %d answer", status, where, o.Name, status))
		return rep, nil
	}
	o.walk([]any{schema}, inst, fmt.Sprintf("%d answer to %s", status, where), "", &rep, true)
	sort.Strings(rep.Unknown)
	return rep, nil
}

func (o *OpenAPI) deref(m map[string]any) map[string]any {
	for i := 0; i < 32; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		n, _ := o.node(ref).(map[string]any)
		if n == nil {
			return m
		}
		m = n
	}
	return m
}

// expand returns the schemas in cands with $refs resolved and allOf, anyOf and oneOf
// branches added.
func (o *OpenAPI) expand(cands []any) []map[string]any {
	var out []map[string]any
	var add func(v any, depth int)
	add = func(v any, depth int) {
		m, ok := v.(map[string]any)
		if !ok || depth > 16 {
			return
		}
		if m[nullableMark] == true {
			out = append(out, map[string]any{"type": "null"})
		}
		m = o.deref(m)
		out = append(out, m)
		for _, k := range []string{"allOf", "anyOf", "oneOf"} {
			parts, _ := m[k].([]any)
			for _, p := range parts {
				add(p, depth+1)
			}
		}
	}
	for _, c := range cands {
		add(c, 0)
	}
	return out
}

func (o *OpenAPI) walk(cands []any, v any, where, prefix string, rep *FieldReport, counting bool) {
	schemas := o.expand(cands)
	if want := mismatch(schemas, v); want != "" {
		name := "the body"
		if prefix != "" {
			name = fmt.Sprintf("field %q", strings.TrimSuffix(prefix, "."))
		}
		rep.Unknown = append(rep.Unknown, fmt.Sprintf("%s: %s is %s, but %s says %s", where, name, jsonType(v), o.Name, want))
		return
	}
	switch x := v.(type) {
	case map[string]any:
		open := len(schemas) == 0
		props := map[string][]any{}
		required := map[string]bool{}
		for i, s := range schemas {
			p, hasProps := s["properties"].(map[string]any)
			for k, ps := range p {
				props[k] = append(props[k], ps)
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				open = open || ap
			case map[string]any:
				props["\x00"] = append(props["\x00"], ap)
			case nil:
				_, comb := s["allOf"]
				_, any1 := s["anyOf"]
				_, one := s["oneOf"]
				if !hasProps && !comb && !any1 && !one && (s["type"] == nil || s["type"] == "object" || isObjectList(s["type"])) {
					open = true
				}
			}
			// required fields: those of the first schema and of its allOf parts.
			if counting && (i == 0 || isAllOfPart(schemas[0], s, o)) {
				req, _ := s["required"].([]any)
				for _, r := range req {
					if n, ok := r.(string); ok {
						required[n] = true
					}
				}
			}
		}
		for n := range required {
			if _, ok := x[n]; !ok {
				rep.MissingRequired++
			}
		}
		for k, c := range x {
			ps := props[k]
			if ps == nil {
				ps = props["\x00"]
			}
			if ps == nil {
				if !open {
					rep.Unknown = append(rep.Unknown, fmt.Sprintf("%s: field %q is not in %s", where, prefix+k, o.Name))
				}
				continue
			}
			o.walk(ps, c, where, prefix+k+".", rep, counting)
		}
	case []any:
		var items []any
		for _, s := range schemas {
			if it, ok := s["items"]; ok {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			return
		}
		for _, c := range x {
			o.walk(items, c, where, prefix, rep, counting)
		}
	}
}

// mismatch returns the types the schemas allow, joined with "or", when v has none of
// them, and "" when v fits one (or the schemas leave its type open). Every branch of
// allOf, anyOf and oneOf counts: a value fits when any branch's type allows it.
func mismatch(schemas []map[string]any, v any) string {
	var allowed []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			allowed = append(allowed, t)
		}
	}
	for _, s := range schemas {
		switch t := s["type"].(type) {
		case string:
			add(t)
		case []any:
			for _, e := range t {
				if str, ok := e.(string); ok {
					add(str)
				}
			}
		case nil:
			_, all := s["allOf"]
			_, any1 := s["anyOf"]
			_, one := s["oneOf"]
			if !all && !any1 && !one {
				return "" // a schema with no type allows any value
			}
		}
	}
	if len(allowed) == 0 || (len(allowed) == 1 && allowed[0] == "null") {
		return "" // only composites, or only "nullable": nothing says which type
	}
	got := jsonType(v)
	for _, t := range allowed {
		if t == got || (t == "number" && got == "integer") {
			return ""
		}
	}
	return strings.Join(allowed, " or ")
}

// jsonType names v's JSON Schema type: integer for a whole number.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func isObjectList(t any) bool {
	l, ok := t.([]any)
	if !ok {
		return false
	}
	return slices.Contains(l, any("object"))
}

func isAllOfPart(root, s map[string]any, o *OpenAPI) bool {
	parts, _ := root["allOf"].([]any)
	for _, p := range parts {
		if m, ok := p.(map[string]any); ok && fmt.Sprintf("%p", o.deref(m)) == fmt.Sprintf("%p", s) {
			return true
		}
	}
	return false
}
