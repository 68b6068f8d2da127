// Package searchindex writes the public site's static search index after Hugo has built the
// site, as Pagefind does, from a documents file Hugo writes beside each language's search
// page. The index is split so that a query downloads only what it needs; its format is the
// one themes/factdesk/assets/js/search.js reads, in the folder the documents file names
// (search/<lang>/):
//
//	rules.json   the word analyser's rules for the language (words.Rules: language, stop
//	             words, synonyms), with which search.js turns a query into the index's terms;
//	t/<ab>.json  {"<term>":[p, …], …} for every term whose shard key (ShardKey) is "ab",
//	             terms in order;
//	             each p is delta*16 + weight: delta the fact-check's number (counting from
//	             one) minus the previous one's in the list (zero for the first), weight the
//	             sum of claim 4, title 3, other phrasings 2, topics 1 where the term occurs;
//	d/<k>.json   [[title, address, verdict slug, verdict label, bottom line], …] for
//	             fact-checks k*size to k*size+size-1.
//
// Terms are those of factdesk's one word analyser (tools/words), the same as `match` ranks
// by: Snowball stems in the documents file's language, accents folded, synonyms from
// data/synonyms.yaml.
//
// The documents file (search/docs.json, written by the theme's search/single.searchdocs.json)
// is removed once indexed: it is not for readers.
package searchindex

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/factdesk/factdesk/tools/outfile"
	"github.com/factdesk/factdesk/tools/repofile"
	"github.com/factdesk/factdesk/tools/words"
)

// DocsFile is the name of the documents file Hugo writes beside each language's search page.
const DocsFile = "docs.json"

// Field weights: a term in the claim counts most, then the title, the other phrasings and
// the topics. Their sum stays below 16, the room a posting has for them.
const (
	weightClaim     = 4
	weightTitle     = 3
	weightPhrasings = 2
	weightTopics    = 1
)

// Doc is one fact-check as the documents file gives it.
type Doc struct {
	Title, Address, VerdictSlug, VerdictLabel, BottomLine, Claim string
	Phrasings, Topics                                            []string
}

// Docs is the content of one language's documents file.
type Docs struct {
	// Lang is the language code; Dir the index's folder from the site's root
	// ("search/en/"); Size the fact-checks per document file.
	Lang, Dir string
	Size      int
	// Docs are the fact-checks, newest first: a result's number is its place here.
	Docs []Doc
}

// Language is what indexing one language wrote.
type Language struct {
	Lang string
	// Source is the documents file read; Dir the folder the index was written to.
	Source, Dir string
	// Docs, Terms: fact-checks and distinct terms indexed; TermFiles and DocFiles the files
	// written, Bytes their total size; Stale the files of a previous run removed.
	Docs, Terms, TermFiles, DocFiles, Stale int
	Bytes                                   int64
}

// Error is a problem with a documents file, located in it.
type Error struct {
	// File is the documents file; Line its line (0 when not known).
	File string
	Line int
	// Msg says what is wrong and what to do.
	Msg string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrNoDocs reports a site folder without any documents file.
var ErrNoDocs = errors.New("no search documents file")

// rebuildHint ends messages about a documents file that Hugo should have written.
const rebuildHint = "rebuild the site with Hugo (go tool hugo build) and run factdesk search-index again"

// FindDocs returns the documents files of the site built in site: search/docs.json of the
// default language and <lang>/search/docs.json of the others, in that order.
func FindDocs(site string) ([]string, error) {
	info, err := os.Stat(site)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such folder: build the site with Hugo first (go tool hugo build) or pass --site with the folder it built into", site)
		}
		return nil, fmt.Errorf("reading the built site: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is a file, not the folder of a built site", site)
	}
	var files []string
	for _, pattern := range []string{filepath.Join(site, "search", DocsFile), filepath.Join(site, "*", "search", DocsFile)} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, fmt.Errorf("looking for %s: %w", pattern, err)
		}
		slices.Sort(m)
		files = append(files, m...)
	}
	return files, nil
}

// Index writes the search index of every language of the site built in site from its
// documents files, in the terms of the analyser an (words.Load), removes each documents
// file and deletes the index files a previous run left that this one did not write. It
// returns what it wrote, by language.
func Index(site string, an *words.Analyser) ([]Language, error) {
	files, err := FindDocs(site)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w in %s (looked for %s and %s): the site was built without the factdesk theme's search page, or it is already indexed (the file is removed after indexing); %s",
			ErrNoDocs, site, filepath.Join("search", DocsFile), filepath.Join("<lang>", "search", DocsFile), rebuildHint)
	}
	all := make([]*Docs, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			all[i], errs[i] = ReadDocs(f)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	seen := map[string]string{}
	for i, d := range all {
		if prev, ok := seen[d.Dir]; ok {
			return nil, &Error{File: files[i], Msg: fmt.Sprintf("its index folder %q is also the one of %s; give each language its own (search/<lang>/)", d.Dir, prev)}
		}
		seen[d.Dir] = files[i]
	}
	out := make([]Language, len(files))
	for i, d := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = Write(filepath.Join(site, filepath.FromSlash(d.Dir)), d, an)
			out[i].Source = files[i]
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			return nil, fmt.Errorf("removing the documents file: %w", err)
		}
	}
	return out, nil
}

// ReadDocs reads and checks a documents file.
func ReadDocs(file string) (*Docs, error) {
	b, err := repofile.ReadLocal(file, repofile.DefaultDataLimit)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: file, Msg: "missing; " + rebuildHint}
		}
		return nil, fmt.Errorf("reading the documents file: %w", err)
	}
	return ParseDocs(file, b)
}

// rawDocs is the documents file before each fact-check is checked.
type rawDocs struct {
	Lang string  `json:"lang"`
	Dir  string  `json:"dir"`
	Size int     `json:"size"`
	Docs [][]any `json:"docs"`
}

// ParseDocs decodes the documents file b read from file and checks it.
func ParseDocs(file string, b []byte) (*Docs, error) {
	bad := func(off int64, format string, args ...any) error {
		return &Error{File: file, Line: lineAt(b, off), Msg: fmt.Sprintf(format, args...)}
	}
	var raw rawDocs
	if err := json.Unmarshal(b, &raw); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, bad(se.Offset, "not valid JSON (%v); %s", se, rebuildHint)
		case errors.As(err, &te) && te.Field == "":
			return nil, bad(0, "not a documents file: want an object with lang, dir, size and docs, got %s; %s", te.Value, rebuildHint)
		case errors.As(err, &te) && strings.HasPrefix(te.Field, "docs"):
			return nil, bad(te.Offset, "each fact-check must be a list of %d fields (%s), got %s; %s", len(docFields), strings.Join(docFields, ", "), te.Value, rebuildHint)
		case errors.As(err, &te):
			return nil, bad(te.Offset, "%q is %s; want %s; %s", te.Field, te.Value, te.Type, rebuildHint)
		}
		return nil, bad(0, "%v; %s", err, rebuildHint)
	}
	d := &Docs{}
	switch {
	case raw.Lang == "":
		return nil, bad(0, `no "lang": the language of the fact-checks is missing; %s`, rebuildHint)
	case !validDir(raw.Dir):
		return nil, bad(0, `"dir" must be the index's folder inside the site, such as "search/en/"; %s`, rebuildHint)
	case raw.Size < 1 || raw.Size > 10000:
		return nil, bad(0, `"size" must be the number of fact-checks per document file, 1 to 10000; %s`, rebuildHint)
	case raw.Docs == nil:
		return nil, bad(0, `no "docs": the list of fact-checks is missing; %s`, rebuildHint)
	}
	d.Lang, d.Dir, d.Size = raw.Lang, raw.Dir, raw.Size
	d.Docs = make([]Doc, len(raw.Docs))
	for i, r := range raw.Docs {
		if err := d.Docs[i].parse(r); err != nil {
			addr := ""
			if len(r) > 1 {
				if s, ok := r[1].(string); ok && s != "" {
					addr = " (" + s + ")"
				}
			}
			return nil, bad(docOffset(b, i), "fact-check %d of %d%s: %v; %s", i+1, len(raw.Docs), addr, err, rebuildHint)
		}
	}
	return d, nil
}

// docOffset returns where fact-check i starts in the documents file b, or -1.
func docOffset(b []byte, i int) int64 {
	dec := json.NewDecoder(bytes.NewReader(b))
	depth, n := 0, -1
	inDocs := false
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return -1
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			if inDocs && depth == 2 {
				if n++; n == i {
					return off + int64(bytes.IndexByte(b[off:], '['))
				}
			}
			depth++
			continue
		case json.Delim(']'), json.Delim('}'):
			depth--
			continue
		}
		if depth == 1 {
			if key, ok := tok.(string); ok && !inDocs {
				inDocs = key == "docs"
			}
		}
	}
}

// validDir reports whether dir is a relative folder inside the site.
func validDir(dir string) bool {
	dir = strings.TrimSuffix(dir, "/")
	return dir != "" && !strings.Contains(dir, `\`) && filepath.IsLocal(filepath.FromSlash(dir))
}

// lineAt returns the line of offset off in b, counting from one.
func lineAt(b []byte, off int64) int {
	if off < 0 || off > int64(len(b)) {
		return 0
	}
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}

// docFields names the fields of a fact-check in the documents file, in order.
var docFields = []string{"title", "address", "verdict slug", "verdict label", "bottom line", "claim", "phrasings", "topics"}

// parse reads one fact-check: a list of the fields docFields names.
func (d *Doc) parse(a []any) error {
	if len(a) != len(docFields) {
		return fmt.Errorf("has %d fields; want %d (%s)", len(a), len(docFields), strings.Join(docFields, ", "))
	}
	for i, p := range []*string{&d.Title, &d.Address, &d.VerdictSlug, &d.VerdictLabel, &d.BottomLine, &d.Claim} {
		s, ok := a[i].(string)
		if !ok {
			return fmt.Errorf("the %s must be a text, got %s", docFields[i], shortJSON(a[i]))
		}
		*p = s
	}
	for i, p := range []*[]string{&d.Phrasings, &d.Topics} {
		list, ok := a[6+i].([]any)
		if !ok {
			return fmt.Errorf("the %s must be a list of texts, got %s", docFields[6+i], shortJSON(a[6+i]))
		}
		*p = make([]string, len(list))
		for k, v := range list {
			if (*p)[k], ok = v.(string); !ok {
				return fmt.Errorf("the %s must be a list of texts, got %s in it", docFields[6+i], shortJSON(v))
			}
		}
	}
	if d.Address == "" {
		return fmt.Errorf("the address is empty")
	}
	return nil
}

// shortJSON shows a value found where another was expected, cut short.
func shortJSON(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// builder accumulates the postings of every term, fact-check by fact-check.
type builder struct {
	an   *words.Analyser
	lang string
	// word holds the terms of each word met so far: stemming is the costly part, and a
	// site's fact-checks share most of their words.
	word  map[string][]string
	ids   map[string]int32
	terms []string
	// For each term: the number of the last fact-check that has it, its postings as
	// ",p,p…", its weight in the current fact-check and the field it was last seen in.
	last    []int32
	post    [][]byte
	weight  []uint8
	mark    []int32
	touched []int32
	field   int32
}

// next starts the next field of the current fact-check.
func (b *builder) next() { b.field++ }

// add adds the terms of text, part of the current field, with weight w: a term counts once
// in a field.
func (b *builder) add(text string, w uint8) {
	for _, tok := range words.Tokens(text) {
		ts, ok := b.word[tok]
		if !ok {
			ts = b.an.Word(tok, b.lang)
			b.word[tok] = ts
		}
		b.addTerms(ts, w)
	}
}

// addTerms adds the terms of one word to the current field.
func (b *builder) addTerms(ts []string, w uint8) {
	for _, t := range ts {
		id, ok := b.ids[t]
		if !ok {
			id = int32(len(b.terms))
			b.ids[t] = id
			b.terms = append(b.terms, t)
			b.last = append(b.last, 0)
			b.post = append(b.post, nil)
			b.weight = append(b.weight, 0)
			b.mark = append(b.mark, 0)
		}
		if b.mark[id] == b.field {
			continue
		}
		b.mark[id] = b.field
		if b.weight[id] == 0 {
			b.touched = append(b.touched, id)
		}
		b.weight[id] += w
	}
}

// end closes fact-check number n (counting from one): each of its terms gets a posting.
func (b *builder) end(n int32) {
	for _, id := range b.touched {
		b.post[id] = strconv.AppendInt(append(b.post[id], ','), int64(n-b.last[id])*16+int64(b.weight[id]), 10)
		b.last[id] = n
		b.weight[id] = 0
	}
	b.touched = b.touched[:0]
}

// ShardKey returns the name of the term file a term is listed in: its first two characters,
// each kept if it is a–z or 0–9 and "_" otherwise (one character for a one-character term).
// search.js computes the same.
func ShardKey(term string) string {
	var k []byte
	for _, r := range term {
		if len(k) == 2 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			k = append(k, byte(r))
		} else {
			k = append(k, '_')
		}
	}
	return string(k)
}

// Write writes the index of d into dir (creating it), in the terms of the analyser an,
// replacing a previous one: the files of a previous run that this one does not write are
// removed.
func Write(dir string, d *Docs, an *words.Analyser) (Language, error) {
	lang := Language{Lang: d.Lang, Dir: dir, Docs: len(d.Docs)}
	b := &builder{an: an, lang: d.Lang, ids: map[string]int32{}, word: map[string][]string{}}
	for i := range d.Docs {
		doc := &d.Docs[i]
		b.next()
		b.add(doc.Claim, weightClaim)
		b.next()
		b.add(doc.Title, weightTitle)
		b.next()
		for _, p := range doc.Phrasings {
			b.add(p, weightPhrasings)
		}
		b.next()
		for _, t := range doc.Topics {
			// A topic's term is its slug ("heart-disease"): its words, as match reads them.
			b.add(strings.ReplaceAll(t, "-", " "), weightTopics)
		}
		b.end(int32(i + 1))
	}
	lang.Terms = len(b.terms)
	files := map[string][]byte{}
	// Term files: the terms of each two-letter prefix, in order.
	order := make([]int32, len(b.terms))
	for i := range order {
		order[i] = int32(i)
	}
	keys := make([]string, len(b.terms))
	for i, t := range b.terms {
		keys[i] = ShardKey(t)
	}
	slices.SortFunc(order, func(x, y int32) int {
		if c := strings.Compare(keys[x], keys[y]); c != 0 {
			return c
		}
		return strings.Compare(b.terms[x], b.terms[y])
	})
	var shard []byte
	for i, id := range order {
		t, key := b.terms[id], keys[id]
		if i == 0 || keys[order[i-1]] != key {
			shard = append(shard[:0], '{')
		} else {
			shard = append(shard, ',')
		}
		tj, err := json.Marshal(t)
		if err != nil {
			return lang, fmt.Errorf("encoding the term %q: %w", t, err)
		}
		shard = append(shard, tj...)
		shard = append(shard, ':', '[')
		shard = append(shard, b.post[id][1:]...)
		shard = append(shard, ']')
		if i == len(order)-1 || keys[order[i+1]] != key {
			shard = append(shard, '}')
			files["t/"+key+".json"] = slices.Clone(shard)
		}
	}
	lang.TermFiles = len(files)
	rules, err := json.Marshal(an.Rules(d.Lang))
	if err != nil {
		return lang, fmt.Errorf("encoding the word rules: %w", err)
	}
	files[words.RulesFile] = rules
	// Document files of d.Size fact-checks.
	for k := 0; k*d.Size < len(d.Docs); k++ {
		part := d.Docs[k*d.Size : min((k+1)*d.Size, len(d.Docs))]
		rows := make([][5]string, len(part))
		for i, doc := range part {
			rows[i] = [5]string{doc.Title, doc.Address, doc.VerdictSlug, doc.VerdictLabel, doc.BottomLine}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rows); err != nil {
			return lang, fmt.Errorf("encoding document file %d: %w", k, err)
		}
		files["d/"+strconv.Itoa(k)+".json"] = bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
		lang.DocFiles++
	}
	for _, sub := range []string{"t", "d"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return lang, fmt.Errorf("making the index folder: %w", err)
		}
	}
	if err := writeFiles(dir, files); err != nil {
		return lang, err
	}
	for _, body := range files {
		lang.Bytes += int64(len(body))
	}
	for _, sub := range []string{"t", "d"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			return lang, fmt.Errorf("listing the index folder: %w", err)
		}
		for _, e := range entries {
			if _, ok := files[sub+"/"+e.Name()]; ok || e.IsDir() {
				continue
			}
			if err := os.Remove(filepath.Join(dir, sub, e.Name())); err != nil {
				return lang, fmt.Errorf("removing a stale index file: %w", err)
			}
			lang.Stale++
		}
	}
	return lang, nil
}

// writeFiles writes files (slash path under dir → content) a few at a time: at 10,000
// fact-checks there are over a thousand, and the file system is the slow part.
func writeFiles(dir string, files map[string][]byte) error {
	names := make(chan string)
	errs := make(chan error, writers)
	for range writers {
		go func() {
			var first error
			for name := range names {
				if first != nil {
					continue
				}
				if err := outfile.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					first = fmt.Errorf("writing the search index: %w", err)
				}
			}
			errs <- first
		}()
	}
	for name := range files {
		names <- name
	}
	close(names)
	var all []error
	for range writers {
		all = append(all, <-errs)
	}
	return errors.Join(all...)
}

// writers is how many files are written at once.
const writers = 4
