// Package match finds the fact-checks that answer a comment. It ranks fact-checks with
// Okapi BM25 over each one's title, claim, short claim, other phrasings of the myth and
// topics, in the terms of factdesk's one word analyser (tools/words: Snowball stemming in
// English or Spanish, accents folded, synonyms), so that "vaccinated", "vaccines" and
// "vacunas" meet their fact-check's words, as they do on the site's search.
package match

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/words"
)

// BM25 parameters: term-frequency saturation and length normalisation.
const (
	k1 = 1.2
	b  = 0.75
)

// fieldWeights repeat a field's terms: the myth's own phrasings and claims speak as
// commenters do, so they count more than the headline.
var fieldWeights = []struct {
	name   string
	weight int
}{{"title", 1}, {"claim", 2}, {"claim_short", 2}, {"phrasings", 2}, {"topics", 1}}

// Result is a fact-check that answers a comment, with its score.
type Result struct {
	FactCheck *content.FactCheckDoc
	Score     float64
}

type doc struct {
	fc    *content.FactCheckDoc
	group string
	terms map[string]int
	len   int
}

// Index ranks a set of fact-checks.
type Index struct {
	opts  Options
	docs  []doc
	df    map[string]int
	avgdl float64
}

// Options tune an Index.
type Options struct {
	// NoSynonyms turns off the mapping of commenters' words ("jab", "Z-pak") to the
	// fact-checks' words, to measure what it adds.
	NoSynonyms bool
	// Lexicon is the word data from data/synonyms.yaml (LoadLexicon); nil means no
	// synonyms and no comment-specific stop words.
	Lexicon *Lexicon
}

// New indexes the fact-checks that can answer a comment: published, not drafts, not
// withdrawn.
func New(fcs []*content.FactCheckDoc, opts Options) *Index {
	ix := &Index{df: map[string]int{}, opts: opts}
	total := 0
	for _, fc := range fcs {
		if fc == nil || !fc.OK || fc.Draft || fc.Withdrawn != nil {
			continue
		}
		d := doc{fc: fc, group: groupOf(fc), terms: map[string]int{}}
		for _, fw := range fieldWeights {
			for _, text := range fieldText(fc, fw.name) {
				for _, t := range opts.Lexicon.terms(text, fc.Lang, !opts.NoSynonyms) {
					d.terms[t] += fw.weight
					d.len += fw.weight
				}
			}
		}
		for t := range d.terms {
			ix.df[t]++
		}
		total += d.len
		ix.docs = append(ix.docs, d)
	}
	if len(ix.docs) > 0 {
		ix.avgdl = float64(total) / float64(len(ix.docs))
	}
	return ix
}

// Len returns how many fact-checks the index holds.
func (ix *Index) Len() int { return len(ix.docs) }

// Indexed reports whether the fact-check slug is one the index can answer with.
func (ix *Index) Indexed(slug string) bool {
	return slices.ContainsFunc(ix.docs, func(d doc) bool { return d.fc.Slug == slug })
}

func groupOf(fc *content.FactCheckDoc) string {
	if fc.TranslationKey != "" {
		return fc.TranslationKey
	}
	return fc.Slug
}

func fieldText(fc *content.FactCheckDoc, field string) []string {
	switch field {
	case "title":
		return []string{fc.Title}
	case "claim":
		return []string{fc.Claim}
	case "claim_short":
		return []string{fc.ClaimShort}
	case "phrasings":
		return fc.Phrasings
	case "topics":
		var out []string
		for _, t := range fc.Topics {
			out = append(out, strings.ReplaceAll(t, "-", " "))
		}
		return out
	}
	return nil
}

// Search ranks the fact-checks for a comment, best first, keeping one language version
// of each fact-check: the comment's language when that version matches. Fact-checks
// that share no term with the comment are left out.
func (ix *Index) Search(comment string) []Result {
	lang := DetectLanguage(comment)
	syn := !ix.opts.NoSynonyms
	lx := ix.opts.Lexicon
	queries := map[string][]string{"en": lx.terms(comment, "en", syn), "es": lx.terms(comment, "es", syn)}
	n := float64(len(ix.docs))
	best := map[string]Result{}
	for _, d := range ix.docs {
		q := queries[d.fc.Lang]
		if q == nil {
			q = queries["en"]
		}
		score := 0.0
		seen := map[string]bool{}
		for _, t := range q {
			if seen[t] {
				continue
			}
			seen[t] = true
			tf := float64(d.terms[t])
			if tf == 0 {
				continue
			}
			idf := math.Log(1 + (n-float64(ix.df[t])+0.5)/(float64(ix.df[t])+0.5))
			score += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(d.len)/ix.avgdl))
		}
		if score <= 0 {
			continue
		}
		cur, ok := best[d.group]
		// Prefer the comment's language; otherwise the better-scoring version.
		switch {
		case !ok:
			best[d.group] = Result{d.fc, score}
		case d.fc.Lang == lang && cur.FactCheck.Lang != lang:
			best[d.group] = Result{d.fc, math.Max(score, cur.Score)}
		case cur.FactCheck.Lang == lang && d.fc.Lang != lang:
			cur.Score = math.Max(score, cur.Score)
			best[d.group] = cur
		case score > cur.Score:
			best[d.group] = Result{d.fc, score}
		}
	}
	out := make([]Result, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].FactCheck.Slug < out[j].FactCheck.Slug
	})
	return out
}

// Terms splits text into the analyser's terms for lang ("en" or "es"): stemmed,
// accent-folded, without stop words, commenters' words mapped to the fact-checks' words.
func (lx *Lexicon) Terms(text, lang string) []string { return lx.terms(text, lang, true) }

func (lx *Lexicon) terms(text, lang string, syn bool) []string {
	if syn {
		return lx.Analyser().Terms(text, lang)
	}
	return lx.Analyser().TermsWithoutSynonyms(text, lang)
}

// DetectLanguage guesses whether a comment is Spanish ("es") or English ("en") from
// its stop words and letters.
func DetectLanguage(text string) string {
	en, es := 0, 0
	for _, w := range words.Tokens(text) {
		if words.IsSnowballStop(w, "en") {
			en++
		}
		if words.IsSnowballStop(w, "es") {
			es++
		}
		if strings.ContainsAny(w, "ñáéíóú¿¡") {
			es += 2
		}
	}
	if es > en {
		return "es"
	}
	return "en"
}

// Answer ranks the fact-checks for a comment and says whether it repeats a myth (and so
// gets a rebuttal) or is supportive, a question, or off-topic. Without a lexicon every
// comment that matches a fact-check is taken for a myth.
func (ix *Index) Answer(comment string) (Kind, []Result) {
	rs := ix.Search(comment)
	if ix.opts.Lexicon == nil {
		if len(rs) == 0 {
			return OffTopic, rs
		}
		return Myth, rs
	}
	return ix.opts.Lexicon.Classify(comment, rs), rs
}
