// Package labelled is the evaluation data of `factdesk match`: comments labelled with
// the fact-check that answers them (or with none), and how often the matcher ranks
// that fact-check first. Only the benchmark and tests use it.
package labelled

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/match"
	"github.com/factdesk/factdesk/tools/words"
)

// Comment is a comment labelled with the slug of the fact-check that answers it, or
// with slug "none" and the Kind of a comment that gets no rebuttal (supportive,
// question, offtopic).
type Comment struct {
	Slug string     `yaml:"slug"`
	Kind match.Kind `yaml:"kind"`
	Text string     `yaml:"text"`
}

// NoRebuttalSlug labels a comment that must get no rebuttal.
const NoRebuttalSlug = "none"

// Split separates the myths from the comments that must get no rebuttal.
func Split(ls []Comment) (myths, none []Comment) {
	for _, l := range ls {
		if l.Slug == NoRebuttalSlug {
			none = append(none, l)
		} else {
			myths = append(myths, l)
		}
	}
	return myths, none
}

// Restraint is how often comments that must get no rebuttal get none.
type Restraint struct {
	N, Quiet int
	// Answered lists the comments that got a rebuttal, with the fact-check.
	Answered []string
}

// Rate is Quiet / N.
func (r Restraint) Rate() float64 { return rate(r.Quiet, r.N) }

// MeasureRestraint counts the comments that get no rebuttal from ix.
func MeasureRestraint(ix *match.Index, ls []Comment) Restraint {
	var r Restraint
	for _, l := range ls {
		r.N++
		kind, rs := ix.Answer(l.Text)
		if kind != match.Myth {
			r.Quiet++
			continue
		}
		r.Answered = append(r.Answered, fmt.Sprintf("%q (%s) got the rebuttal of %s", l.Text, l.Kind, rs[0].FactCheck.Slug))
	}
	return r
}

// Load reads a YAML list of labelled comments.
func Load(path string) ([]Comment, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the labelled comments: %w", err)
	}
	var out []Comment
	if err := yaml.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return out, nil
}

// Accuracy is how often the right fact-check ranks first, and within the first three.
type Accuracy struct {
	N, Top1, Top3 int
	// Misses lists the comments whose fact-check was not first, with what ranked first.
	Misses []string
}

// Top1Rate is Top1 / N.
func (a Accuracy) Top1Rate() float64 { return rate(a.Top1, a.N) }

// Top3Rate is Top3 / N.
func (a Accuracy) Top3Rate() float64 { return rate(a.Top3, a.N) }

func rate(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// Measure ranks each labelled comment with ix and counts how often its fact-check comes
// first and within the first three.
func Measure(ix *match.Index, ls []Comment) Accuracy {
	var a Accuracy
	for _, l := range ls {
		a.N++
		kind, rs := ix.Answer(l.Text)
		if kind != match.Myth {
			a.Misses = append(a.Misses, fmt.Sprintf("%q (%s) taken for %s, no rebuttal", l.Text, l.Slug, kind))
			continue
		}
		for i, r := range rs {
			if i >= 3 {
				break
			}
			if r.FactCheck.Slug == l.Slug {
				if i == 0 {
					a.Top1++
				}
				a.Top3++
				break
			}
		}
		if len(rs) == 0 || rs[0].FactCheck.Slug != l.Slug {
			first := "nothing"
			if len(rs) > 0 {
				first = rs[0].FactCheck.Slug
			}
			a.Misses = append(a.Misses, fmt.Sprintf("%q (%s) ranked %s first", l.Text, l.Slug, first))
		}
	}
	return a
}

// Copied returns the labelled comments that repeat a fact-check's own words: equal to,
// or containing or contained in, its title, claim, short claim, bottom line, a phrasing
// or a reply (ignoring case and punctuation).
func Copied(ls []Comment, fcs []*content.FactCheckDoc) []string {
	var fields []string
	for _, fc := range fcs {
		fields = append(fields, fc.Title, fc.Claim, fc.ClaimShort, fc.BottomLine)
		fields = append(fields, fc.Phrasings...)
		for _, r := range fc.Replies {
			fields = append(fields, r.Text)
		}
	}
	var out []string
	for _, l := range ls {
		t := normalise(l.Text)
		for _, f := range fields {
			f = normalise(f)
			if f == "" {
				continue
			}
			short := t
			if len(f) < len(t) {
				short = f
			}
			if t == f || (len(strings.Fields(short)) >= 3 && (strings.Contains(t, f) || strings.Contains(f, t))) {
				out = append(out, l.Text)
				break
			}
		}
	}
	return out
}

// normalise lower-cases s and keeps its words (letters, digits, '=', '-' and '\”),
// one space apart.
func normalise(s string) string {
	return strings.Join(words.Tokens(s), " ")
}
