package words

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/repofile"
)

// SynonymsFile is where the commenters' words live, relative to the repository root.
var SynonymsFile = filepath.Join("data", "synonyms.yaml")

// maxSynonymsBytes bounds the read of the synonym file.
const maxSynonymsBytes = 1 << 20

// synonymsFile is the part of data/synonyms.yaml the analyser reads: commenters' words
// mapped to the fact-checks' words, and words too common in comments to count. Its
// no_rebuttal section belongs to `match` (match.ParseLexicon).
type synonymsFile struct {
	EN         map[string]string `yaml:"en"`
	ES         map[string]string `yaml:"es"`
	Stop       []string          `yaml:"stop"`
	NoRebuttal yaml.Node         `yaml:"no_rebuttal"`
}

// Load reads data/synonyms.yaml under the repository root.
func Load(root string) (*Analyser, error) {
	b, err := ReadSynonyms(root)
	if err != nil {
		return nil, err
	}
	a, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(root, SynonymsFile), err)
	}
	return a, nil
}

// ReadSynonyms reads data/synonyms.yaml under the repository root, bounded in size.
func ReadSynonyms(root string) ([]byte, error) {
	src, err := repofile.Read(root, filepath.Join(root, SynonymsFile), maxSynonymsBytes)
	if err != nil {
		return nil, fmt.Errorf("reading the synonyms: %w", err)
	}
	return src, nil
}

// Parse builds an analyser from the YAML of a synonym file.
func Parse(b []byte) (*Analyser, error) {
	var sf synonymsFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&sf); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%w (see the comments at the top of the file for its layout)", err)
	}
	a := &Analyser{synonyms: map[string][]string{}, stop: map[string]bool{}}
	seen := map[string]string{}
	for _, sec := range []struct {
		name string
		m    map[string]string
	}{{"en", sf.EN}, {"es", sf.ES}} {
		keys := make([]string, 0, len(sec.m))
		for k := range sec.m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			v := sec.m[k]
			key := strings.ToLower(strings.TrimSpace(k))
			if prev, ok := seen[key]; ok && prev != v {
				return nil, fmt.Errorf("%q is mapped twice (%q and %q); keep one entry", key, prev, v)
			}
			if strings.TrimSpace(v) == "" {
				return nil, fmt.Errorf("%s: %q maps to nothing; give the fact-checks' word", sec.name, key)
			}
			if ws := Tokens(key); len(ws) != 1 || ws[0] != key {
				return nil, fmt.Errorf("%s: %q is not one word as the analyser splits text (it would never match); write it as a comment has it, one word", sec.name, k)
			}
			seen[key] = v
			a.synonyms[key] = strings.Fields(strings.ToLower(v))
		}
	}
	for _, w := range sf.Stop {
		a.stop[strings.ToLower(w)] = true
	}
	return a, nil
}

// RulesFile is the name of the rules file the search index carries in each language's
// folder, for search.js.
const RulesFile = "rules.json"

// Rules is what search.js needs to turn a query into the terms of an index made in lang:
// the language (which picks the stemmer), the stop words and the synonyms.
type Rules struct {
	Lang     string              `json:"lang"`
	Stop     []string            `json:"stop"`
	Synonyms map[string][]string `json:"synonyms"`
}

// Rules returns the analyser's rules for lang, stop words in order.
func (a *Analyser) Rules(lang string) Rules {
	lang = normLang(lang)
	r := Rules{Lang: lang, Stop: slices.Clone(stopWords[lang]), Synonyms: map[string][]string{}}
	if a != nil {
		for w := range a.stop {
			if !snowballStop[lang][w] {
				r.Stop = append(r.Stop, w)
			}
		}
		for k, v := range a.synonyms {
			r.Synonyms[k] = v
		}
	}
	slices.Sort(r.Stop)
	return r
}
