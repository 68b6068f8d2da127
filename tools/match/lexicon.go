package match

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/words"
)

// SynonymsFile is where the commenters' words live, relative to the repository root.
var SynonymsFile = words.SynonymsFile

// Lexicon is the word data of data/synonyms.yaml: the analyser built from its synonyms
// and stop words (tools/words), and the phrases that mark a comment as one that gets no
// rebuttal.
type Lexicon struct {
	words *words.Analyser
	// MinScore is the lowest score at which a fact-check answers a comment.
	MinScore   float64
	supportive []string
	question   []string
}

// lexiconFile is the part of data/synonyms.yaml that is match's own; the rest is the
// analyser's (words.Parse).
type lexiconFile struct {
	EN         yaml.Node `yaml:"en"`
	ES         yaml.Node `yaml:"es"`
	Stop       yaml.Node `yaml:"stop"`
	NoRebuttal struct {
		MinScore   float64  `yaml:"min_score"`
		Supportive []string `yaml:"supportive"`
		Question   []string `yaml:"question"`
	} `yaml:"no_rebuttal"`
}

// LoadLexicon reads data/synonyms.yaml under the repository root.
func LoadLexicon(root string) (*Lexicon, error) {
	b, err := words.ReadSynonyms(root)
	if err != nil {
		return nil, err
	}
	lx, err := ParseLexicon(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(root, SynonymsFile), err)
	}
	return lx, nil
}

// ParseLexicon parses the YAML of a synonym file.
func ParseLexicon(b []byte) (*Lexicon, error) {
	an, err := words.Parse(b)
	if err != nil {
		return nil, err
	}
	var lf lexiconFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&lf); err != nil {
		return nil, fmt.Errorf("%w (see the comments at the top of the file for its layout)", err)
	}
	lx := &Lexicon{words: an, MinScore: lf.NoRebuttal.MinScore}
	for _, p := range lf.NoRebuttal.Supportive {
		lx.supportive = append(lx.supportive, strings.ToLower(p))
	}
	for _, p := range lf.NoRebuttal.Question {
		lx.question = append(lx.question, strings.ToLower(p))
	}
	return lx, nil
}

// Analyser returns the analyser of the lexicon's words (nil for a nil lexicon).
func (lx *Lexicon) Analyser() *words.Analyser {
	if lx == nil {
		return nil
	}
	return lx.words
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
	text := " " + strings.Join(words.Tokens(comment), " ") + " "
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
		ws := words.Tokens(p)
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
