package match

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// SynonymsFile is where the commenters' words live, relative to the repository root.
var SynonymsFile = filepath.Join("data", "synonyms.yaml")

// maxLexiconBytes bounds the read of the synonym file.
const maxLexiconBytes = 1 << 20

// Lexicon is the word data of data/synonyms.yaml: commenters' words mapped to the
// fact-checks' words, words too common to count, and the phrases that mark a comment as
// one that gets no rebuttal.
type Lexicon struct {
	synonyms map[string]string
	stop     map[string]bool
	// MinScore is the lowest score at which a fact-check answers a comment.
	MinScore   float64
	supportive []string
	question   []string
}

type lexiconFile struct {
	EN         map[string]string `yaml:"en"`
	ES         map[string]string `yaml:"es"`
	Stop       []string          `yaml:"stop"`
	NoRebuttal struct {
		MinScore   float64  `yaml:"min_score"`
		Supportive []string `yaml:"supportive"`
		Question   []string `yaml:"question"`
	} `yaml:"no_rebuttal"`
}

// LoadLexicon reads data/synonyms.yaml under the repository root.
func LoadLexicon(root string) (*Lexicon, error) {
	path := filepath.Join(root, SynonymsFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the synonyms: %w", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, maxLexiconBytes+1)); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if buf.Len() > maxLexiconBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes; keep the synonym list short", path, maxLexiconBytes)
	}
	lx, err := ParseLexicon(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lx, nil
}

// ParseLexicon parses the YAML of a synonym file.
func ParseLexicon(b []byte) (*Lexicon, error) {
	var lf lexiconFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&lf); err != nil {
		return nil, fmt.Errorf("%w (see the comments at the top of the file for its layout)", err)
	}
	lx := &Lexicon{synonyms: map[string]string{}, stop: map[string]bool{}, MinScore: lf.NoRebuttal.MinScore}
	for _, sec := range []struct {
		name string
		m    map[string]string
	}{{"en", lf.EN}, {"es", lf.ES}} {
		for k, v := range sec.m {
			k = strings.ToLower(strings.TrimSpace(k))
			if prev, ok := lx.synonyms[k]; ok && prev != v {
				return nil, fmt.Errorf("%q is mapped twice (%q and %q); keep one entry", k, prev, v)
			}
			if strings.TrimSpace(v) == "" {
				return nil, fmt.Errorf("%s: %q maps to nothing; give the fact-checks' word", sec.name, k)
			}
			lx.synonyms[k] = strings.ToLower(v)
		}
	}
	for _, w := range lf.Stop {
		lx.stop[strings.ToLower(w)] = true
	}
	for _, p := range lf.NoRebuttal.Supportive {
		lx.supportive = append(lx.supportive, strings.ToLower(p))
	}
	for _, p := range lf.NoRebuttal.Question {
		lx.question = append(lx.question, strings.ToLower(p))
	}
	return lx, nil
}

// Kind is what a comment does: repeat a myth, or something that gets no rebuttal.
type Kind string

// The kinds of comment.
const (
	Myth       Kind = "myth"
	Supportive Kind = "supportive"
	Question   Kind = "question"
	OffTopic   Kind = "offtopic"
)

// Classify says what a comment does, given the fact-checks Search ranked for it: a myth
// when the best one matches well and nothing marks the comment as supportive or as a
// practical question; otherwise supportive, question, or off-topic (no fact-check
// matches well).
func (lx *Lexicon) Classify(comment string, rs []Result) Kind {
	text := " " + strings.Join(words(comment), " ") + " "
	raw := strings.ToLower(comment)
	if containsAny(text, raw, lx.supportive) {
		return Supportive
	}
	if containsAny(text, raw, lx.question) {
		return Question
	}
	if len(rs) == 0 || rs[0].Score < lx.MinScore {
		return OffTopic
	}
	return Myth
}

// containsAny reports whether a phrase occurs as whole words in text (the comment's
// words joined by spaces), or, for phrases of symbols such as an emoji, anywhere in raw.
func containsAny(text, raw string, phrases []string) bool {
	for _, p := range phrases {
		ws := words(p)
		if len(ws) == 0 {
			if strings.Contains(raw, p) {
				return true
			}
			continue
		}
		if strings.Contains(text, " "+strings.Join(ws, " ")+" ") {
			return true
		}
	}
	return false
}
