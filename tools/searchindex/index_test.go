package searchindex

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/words"
)

// testAnalyser is the repository's word analyser, with its synonyms.
func testAnalyser(t testing.TB) *words.Analyser {
	t.Helper()
	root, err := config.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	an, err := words.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return an
}

// writeSite lays out a built site with the given documents files (path → content).
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := t.TempDir()
	for name, body := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// readTree returns every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const englishDocs = `{"lang":"en","dir":"search/en/","size":2,"docs":[
["Does the MMR vaccine cause autism?","/factchecks/mmr-vaccine-autism/","false","False","No.","The MMR vaccine causes autism.",["vaccines cause autism","autism from shots"],["Vaccines","vaccines"]],
["Can the flu shot give you the flu?","/factchecks/flu-shot-gives-flu/","false","False","No & never.","The flu shot gives you the flu.",["flu shot made me sick"],["Influenza","influenza"]],
["Do zinc lozenges cure colds?","/factchecks/zinc/","withdrawn","Withdrawn","Mixed <evidence>.","Zinc cures colds.",[],[]]
]}`

func TestIndexWritesTheFormatSearchJSReads(t *testing.T) {
	site := writeSite(t, map[string]string{
		"search/docs.json":    englishDocs,
		"es/search/docs.json": `{"lang":"es","dir":"search/es/","size":25,"docs":[["¿Vacuna y autismo?","/es/factchecks/mmr/","false","Falso","No.","La vacuna causa autismo.",["vacunas"],["Vacunas","vaccines"]]]}`,
	})
	an, err := words.Parse([]byte("en:\n  jab: vaccine\nstop: [never]\n"))
	if err != nil {
		t.Fatal(err)
	}
	langs, err := Index(site, an)
	if err != nil {
		t.Fatal(err)
	}
	if len(langs) != 2 || langs[0].Lang != "en" || langs[1].Lang != "es" || langs[0].Docs != 3 || langs[0].DocFiles != 2 {
		t.Errorf("Index returned %+v; want en with 3 fact-checks in 2 document files, then es", langs)
	}
	got := readTree(t, site)
	tests := []struct {
		file, want string
	}{
		// autism: claim 4 + title 3 + phrasings 2 (once, though in two) in fact-check 1.
		{"search/en/t/au.json", `{"autism":[25]}`},
		// vaccin: claim, title, phrasings and topic of 1 (16+10); flu: claim, title and
		// phrasings of 2, the first to have it (2*16+9); shot: phrasings of 1 (16+2), then
		// claim, title and phrasings of 2, one step on (16+9).
		{"search/en/t/va.json", `{"vaccin":[26]}`},
		{"search/en/t/fl.json", `{"flu":[41]}`},
		{"search/en/t/sh.json", `{"shot":[18,25]}`},
		// Snowball stems: "causes", "cause" → caus (claim, title, phrasings); "cures",
		// "cure" → cure; colds and cure only in 3 (3*16+7).
		{"search/en/t/co.json", `{"cold":[55]}`},
		{"search/en/t/ca.json", `{"caus":[25]}`},
		{"search/en/t/cu.json", `{"cure":[55]}`},
		{"search/en/t/in.json", `{"influenza":[33]}`},
		{"search/en/d/0.json", `[["Does the MMR vaccine cause autism?","/factchecks/mmr-vaccine-autism/","false","False","No."],["Can the flu shot give you the flu?","/factchecks/flu-shot-gives-flu/","false","False","No & never."]]`},
		{"search/en/d/1.json", `[["Do zinc lozenges cure colds?","/factchecks/zinc/","withdrawn","Withdrawn","Mixed <evidence>."]]`},
		// The Spanish index has Spanish stems: "autismo" → autism, "vacuna(s)" → vacun,
		// and the English topic "vaccines" → vaccin.
		{"search/es/t/au.json", `{"autism":[23]}`},
		{"search/es/t/va.json", `{"vaccin":[17],"vacun":[26]}`},
		{"search/es/d/0.json", `[["¿Vacuna y autismo?","/es/factchecks/mmr/","false","Falso","No."]]`},
	}
	for _, tt := range tests {
		if got[tt.file] != tt.want {
			t.Errorf("%s = %s; want %s", tt.file, got[tt.file], tt.want)
		}
	}
	// The rules search.js reads a query with: the index's language, its stop words
	// (Snowball's and the synonym file's) and the synonyms.
	var rules words.Rules
	if err := json.Unmarshal([]byte(got["search/es/rules.json"]), &rules); err != nil {
		t.Fatalf("search/es/rules.json: %v", err)
	}
	if rules.Lang != "es" || !slices.Contains(rules.Stop, "de") || !slices.Contains(rules.Stop, "never") || slices.Contains(rules.Stop, "the") ||
		!slices.Equal(rules.Synonyms["jab"], []string{"vaccine"}) {
		t.Errorf("search/es/rules.json = %s; want lang es, Spanish and the file's stop words, and jab → vaccine", got["search/es/rules.json"])
	}
	for _, f := range []string{"search/docs.json", "es/search/docs.json"} {
		if _, ok := got[f]; ok {
			t.Errorf("%s is still in the site after indexing; readers should not get it", f)
		}
	}
	for name, body := range got {
		if strings.HasSuffix(name, ".json") && !json.Valid([]byte(body)) {
			t.Errorf("%s is not valid JSON: %s", name, body)
		}
	}
}

func TestShardKey(t *testing.T) {
	for _, tt := range []struct{ term, want string }{
		{"vaccin", "va"}, {"c", "c"}, {"19", "19"}, {"u=u", "u_"}, {"ærø", "_r"}, {"-x", "_x"}, {"日本語", "__"},
	} {
		if got := ShardKey(tt.term); got != tt.want {
			t.Errorf("ShardKey(%q) = %q; want %q", tt.term, got, tt.want)
		}
	}
}

// decode reads the postings of term as search.js does: fact-check index → weight.
func decode(t *testing.T, dir, term string) map[int]int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "t", ShardKey(term)+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var shard map[string][]int
	if err := json.Unmarshal(b, &shard); err != nil {
		t.Fatal(err)
	}
	out := map[int]int{}
	n := 0
	for _, p := range shard[term] {
		n += p >> 4
		out[n-1] = p & 15
	}
	return out
}

func TestIndexPostingsDecodeAsSearchJSDoes(t *testing.T) {
	var docs []string
	for i := 0; i < 60; i++ {
		claim := "nothing here"
		if i%7 == 0 {
			claim = "measles outbreak"
		}
		docs = append(docs, fmt.Sprintf(`["Case %d","/factchecks/c%d/","true","True","",%q,[],["Measles"]]`, i, i, claim))
	}
	site := writeSite(t, map[string]string{"search/docs.json": `{"lang":"en","dir":"search/en/","size":25,"docs":[` + strings.Join(docs, ",") + `]}`})
	if _, err := Index(site, testAnalyser(t)); err != nil {
		t.Fatal(err)
	}
	got := decode(t, filepath.Join(site, "search", "en"), "measl")
	if len(got) != 60 {
		t.Fatalf("measl matches %d fact-checks; want all 60 (every topic is Measles)", len(got))
	}
	for i := 0; i < 60; i++ {
		want := weightTopics
		if i%7 == 0 {
			want += weightClaim
		}
		if got[i] != want {
			t.Errorf("fact-check %d has weight %d for measl; want %d", i, got[i], want)
		}
	}
}

func TestIndexReplacesAPreviousIndexAndIsDeterministic(t *testing.T) {
	site := writeSite(t, map[string]string{
		"search/docs.json":     englishDocs,
		"search/en/t/zz.json":  `{"zzz":[17]}`,
		"search/en/d/9.json":   `[]`,
		"search/en/other.json": `kept`,
	})
	langs, err := Index(site, testAnalyser(t))
	if err != nil {
		t.Fatal(err)
	}
	if langs[0].Stale != 2 {
		t.Errorf("removed %d stale files; want 2 (t/zz.json, d/9.json)", langs[0].Stale)
	}
	first := readTree(t, site)
	for _, f := range []string{"search/en/t/zz.json", "search/en/d/9.json"} {
		if _, ok := first[f]; ok {
			t.Errorf("stale %s survived indexing", f)
		}
	}
	if first["search/en/other.json"] != "kept" {
		t.Errorf("a file outside t/ and d/ was touched")
	}
	if err := os.WriteFile(filepath.Join(site, "search", "docs.json"), []byte(englishDocs), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Index(site, testAnalyser(t)); err != nil {
		t.Fatal(err)
	}
	second := readTree(t, site)
	if len(first) != len(second) {
		t.Fatalf("second run wrote %d files; first %d", len(second), len(first))
	}
	for name, body := range first {
		if second[name] != body {
			t.Errorf("%s differs between two runs over the same documents", name)
		}
	}
}

func TestIndexErrorsSayWhereAndWhatToDo(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		site  string // relative path used instead of the temporary site, if set
		want  []string
	}{
		{"no site folder", nil, "no-such-public", []string{"no-such-public: no such folder", "build the site with Hugo first"}},
		{"no documents file", map[string]string{"index.html": "<p>"}, "", []string{"no search documents file in", "search/docs.json", "already indexed", "rebuild the site with Hugo"}},
		{"not JSON", map[string]string{"search/docs.json": "{\"lang\":\"en\",\n\"docs\":[\n[\"x\",}"}, "", []string{"search/docs.json:3: not valid JSON", "rebuild the site"}},
		{"not an object", map[string]string{"search/docs.json": `[1,2]`}, "", []string{"search/docs.json:1: not a documents file", "lang, dir, size and docs"}},
		{"no lang", map[string]string{"search/docs.json": `{"dir":"search/en/","size":25,"docs":[]}`}, "", []string{`no "lang"`}},
		{"dir outside the site", map[string]string{"search/docs.json": `{"lang":"en","dir":"../elsewhere/","size":25,"docs":[]}`}, "", []string{`"dir" must be the index's folder inside the site`}},
		{"size zero", map[string]string{"search/docs.json": `{"lang":"en","dir":"search/en/","size":0,"docs":[]}`}, "", []string{`"size" must be`}},
		{"wrong field count", map[string]string{"search/docs.json": "{\"lang\":\"en\",\"dir\":\"search/en/\",\"size\":25,\"docs\":[\n[\"a\",\"/a/\",\"\",\"\",\"\",\"\",[],[]],\n[\"b\",\"/factchecks/b/\"]]}"}, "", []string{"search/docs.json:3: fact-check 2 of 2 (/factchecks/b/): has 2 fields; want 8"}},
		{"phrasings not a list", map[string]string{"search/docs.json": "{\"lang\":\"en\",\"dir\":\"search/en/\",\"size\":25,\"docs\":[\n[\"a\",\"/factchecks/a/\",\"\",\"\",\"\",\"\",\"one phrasing\",[]]]}"}, "", []string{"search/docs.json:2: fact-check 1 of 1 (/factchecks/a/): the phrasings must be a list of texts"}},
		{"claim not a text", map[string]string{"search/docs.json": `{"lang":"en","dir":"search/en/","size":25,"docs":[["a","/factchecks/a/","","","",42,[],[]]]}`}, "", []string{"the claim must be a text, got 42"}},
		{"two languages in one folder", map[string]string{
			"search/docs.json":    `{"lang":"en","dir":"search/en/","size":25,"docs":[]}`,
			"es/search/docs.json": `{"lang":"es","dir":"search/en/","size":25,"docs":[]}`,
		}, "", []string{"es/search/docs.json: its index folder \"search/en/\" is also the one of"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := writeSite(t, tt.files)
			if tt.site != "" {
				site = filepath.Join(site, tt.site)
			}
			_, err := Index(site, testAnalyser(t))
			if err == nil {
				t.Fatal("Index succeeded; want an error")
			}
			msg := filepath.ToSlash(err.Error())
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
			if tt.files["search/docs.json"] != "" {
				if _, err := os.Stat(filepath.Join(site, "search", "docs.json")); err != nil {
					t.Errorf("the documents file was removed though indexing failed: %v", err)
				}
			}
		})
	}
}
