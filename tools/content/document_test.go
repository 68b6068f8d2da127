package content

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// at is a position written "line:col" for compact tables.
func at(p Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// problems lists a doc's problems as "rule@line:col", leaving out required-field
// unless keepRequired, sorted.
func problems(d *Doc, keepRequired bool) []string {
	var out []string
	for _, p := range d.Problems {
		if p.Rule == "required-field" && !keepRequired {
			continue
		}
		out = append(out, p.Rule+"@"+at(p.Pos))
	}
	sort.Strings(out)
	return out
}

func TestParseFactCheckProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []string
		// msg is text the first wanted problem's message must contain.
		msg string
		ok  bool
	}{
		{file: "valid-factcheck.md", want: nil, ok: true},
		{file: "empty.md", want: []string{"file-empty@1:1"}, msg: "empty"},
		{file: "binary.md", want: []string{"file-binary@1:1"}, msg: "binary"},
		{file: "latin1.md", want: []string{"file-encoding@2:11"}, msg: "UTF-8"},
		{file: "bom.md", want: []string{"unknown-key@3:1"}, msg: `did you mean "title"?`, ok: true},
		{file: "crlf.md", want: []string{"unknown-key@3:1"}, msg: `unknown field "bogus"`, ok: true},
		{file: "cr.md", want: []string{"unknown-key@3:1"}, msg: `unknown field "bogus"`, ok: true},
		{file: "line-separator.md", want: []string{"line-separator@2:14", "yaml-syntax@3:1"}, msg: "invisible line separator"},
		{file: "toml.md", want: []string{"front-matter-format@1:1"}, msg: "YAML"},
		{file: "unclosed.md", want: []string{"front-matter-unclosed@1:1"}, msg: "never closed"},
		{file: "absent.md", want: []string{"front-matter-missing@1:1"}, msg: "no front matter"},
		{file: "broken-yaml.md", want: []string{"yaml-syntax@3:1"}, msg: "not valid YAML"},
		{file: "duplicate-key.md", want: []string{"duplicate-key@4:1"}, msg: "title is given twice (first on line 2)"},
		{file: "empty-front.md", want: []string{"front-matter-empty@1:1"}, msg: "empty"},
		{file: "front-list.md", want: []string{"front-matter-type@2:1"}, msg: "not a list"},
		{file: "leading-blank.md", want: []string{"unknown-key@5:1"}, msg: `"bogus"`, ok: true},
		{
			file: "wrong-types.md",
			want: []string{"field-type@2:8", "field-type@3:12", "field-type@4:8", "field-type@5:9", "field-type@8:11"},
			msg:  "title must be text, not a list",
		},
		{
			file: "unknown-keys.md",
			want: []string{"unknown-key@3:1", "unknown-key@4:1", "unknown-key@5:1"},
			msg:  `unknown field "verdcit"; did you mean "verdict"?`,
			ok:   true, // unknown keys are reported but do not stop the other rules
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			d := ParseFactCheck("factchecks/"+tt.file, readFixture(t, tt.file))
			if got := problems(d.Doc, false); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("problems = %v; want %v\n%+v", got, tt.want, d.Problems)
			}
			if d.OK != tt.ok {
				t.Errorf("OK = %v; want %v", d.OK, tt.ok)
			}
			if tt.msg != "" {
				found := false
				for _, p := range d.Problems {
					found = found || strings.Contains(p.Message, tt.msg)
				}
				if !found {
					t.Errorf("no problem message contains %q: %+v", tt.msg, d.Problems)
				}
			}
		})
	}
}

func TestUnknownKeyListsKnownFields(t *testing.T) {
	t.Parallel()
	d := ParseFactCheck("factchecks/x.md", readFixture(t, "unknown-keys.md"))
	var msg string
	for _, p := range d.Problems {
		if strings.Contains(p.Message, "zzzzzzzz") {
			msg = p.Message
		}
	}
	if !strings.Contains(msg, "known fields are appearances, author,") {
		t.Errorf("message for a key with no close match = %q; want the list of known fields", msg)
	}
}

func TestMissingRequiredFields(t *testing.T) {
	t.Parallel()
	d := ParseFactCheck("factchecks/x.md", []byte("---\ntitle: Only a title\n---\n"))
	got := problems(d.Doc, true)
	if len(got) != 12 {
		t.Fatalf("got %d problems %v; want one required-field per missing field (12)", len(got), got)
	}
	for _, p := range d.Problems {
		if p.Rule != "required-field" || !strings.Contains(p.Message, "add `") {
			t.Errorf("unexpected problem %+v", p)
		}
	}
	if !d.OK {
		t.Error("a file with only missing fields should still decode, so other rules can run")
	}
}

func TestCiteRefPositions(t *testing.T) {
	t.Parallel()
	d := ParseFactCheck("factchecks/refs.md", readFixture(t, "refs.md"))
	var got []string
	for _, r := range d.Refs {
		got = append(got, r.Target+"@"+at(r.Pos))
	}
	want := []string{
		"a@5:5",            // Text[](cite:a): no link text
		"b@5:25",           // inside emphasis, with text
		"c@5:43", "d@5:43", // two keys in one reference
		"e@7:8",   // list item
		"f@8:12",  // nested list item
		"g@12:5",  // table cell
		"h@12:18", // second table cell
		"i@14:9",  // block quote
		"j@25:17", // link text that starts with emphasis, inside strong emphasis
		"k@25:44", // after a non-ASCII character: columns count characters
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("refs =\n%v\nwant\n%v", got, want)
	}
	var links []string
	for _, l := range d.Links {
		links = append(links, l.Target+"@"+at(l.Pos))
	}
	wantLinks := []string{"https://example.org/auto@21:1", "https://example.com/x@21:32", "https://example.net@25:5"}
	if strings.Join(links, " ") != strings.Join(wantLinks, " ") {
		t.Errorf("links = %v; want %v", links, wantLinks)
	}
	var heads []string
	for _, h := range d.Headings {
		heads = append(heads, fmt.Sprintf("%d:%s@%s", h.Level, h.Text, at(h.Pos)))
	}
	wantHeads := []string{"1:Héading one@16:1", "1:Setext@18:1"}
	if strings.Join(heads, " ") != strings.Join(wantHeads, " ") {
		t.Errorf("headings = %v; want %v", heads, wantHeads)
	}
}

func TestBodyPositionsAfterOddStarts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file    string
		refLine int
		refCol  int
		heading string
	}{
		{file: "crlf.md", refLine: 6, refCol: 6, heading: "1:Heading@7:1"},
		{file: "cr.md", refLine: 6, refCol: 6, heading: "1:Heading@7:1"},
		{file: "bom.md", refLine: 5, refCol: 6},
		{file: "leading-blank.md", refLine: 7, refCol: 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			d := ParseFactCheck("factchecks/"+tt.file, readFixture(t, tt.file))
			if len(d.Refs) != 1 || d.Refs[0].Line != tt.refLine || d.Refs[0].Col != tt.refCol {
				t.Errorf("refs = %+v; want one at %d:%d", d.Refs, tt.refLine, tt.refCol)
			}
			if tt.heading != "" {
				if len(d.Headings) != 1 || fmt.Sprintf("%d:%s@%s", d.Headings[0].Level, d.Headings[0].Text, at(d.Headings[0].Pos)) != tt.heading {
					t.Errorf("headings = %+v; want %s", d.Headings, tt.heading)
				}
			}
		})
	}
}

func TestFieldPositions(t *testing.T) {
	t.Parallel()
	d := ParseFactCheck("factchecks/valid-factcheck.md", readFixture(t, "valid-factcheck.md"))
	tests := []struct {
		path []any
		key  bool
		want string
	}{
		{path: []any{"verdict"}, want: "6:10"},
		{path: []any{"verdict"}, key: true, want: "6:1"},
		{path: []any{"citations", 1, "id"}, want: "32:9"},
		{path: []any{"citations", 1, "role"}, want: "37:11"},
		{path: []any{"topics", 1}, want: "15:20"},
		{path: []any{"appearances", 0, "url"}, key: true, want: "10:5"},
		// A missing field points at the deepest part that exists; no part at all, at the
		// front matter.
		{path: []any{"citations", 0, "url"}, want: "23:5"},
		{path: []any{"nothing"}, want: "2:1"},
	}
	for _, tt := range tests {
		var got Pos
		if tt.key {
			got = d.KeyAt(tt.path...)
		} else {
			got = d.At(tt.path...)
		}
		if at(got) != tt.want {
			t.Errorf("At(%v, key=%v) = %s; want %s", tt.path, tt.key, at(got), tt.want)
		}
	}
}

func TestLanguageFromFolder(t *testing.T) {
	t.Parallel()
	src := readFixture(t, "valid-factcheck.md")
	if got := ParseFactCheck("factchecks/es/mmr-vaccine-autism.md", src).Lang; got != "es" {
		t.Errorf("lang of a file under factchecks/es = %q; want es", got)
	}
	if got := ParseFactCheck("factchecks/mmr-vaccine-autism.md", src).Lang; got != "en" {
		t.Errorf("lang of a file under factchecks = %q; want en", got)
	}
}
