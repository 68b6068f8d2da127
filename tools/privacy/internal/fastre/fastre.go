// Package fastre runs the PHI guard's regular expressions quickly: a Pattern finds the
// literal strings every match of its expression begins with, searches for those, and
// runs the expression, anchored, only there. Results are exactly those of Go's regexp.
package fastre

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Pattern is a regular expression searched only where a match can begin. Go's
// regexp package scans every position of the text with its general matcher when a
// pattern has no single literal prefix, which costs about a microsecond per byte over
// the guard's patterns. A pattern instead works out, from the expression itself, the
// literal strings every match begins with; it finds those strings with byte searches
// and tries the expression, anchored, only there. The result is exactly what
// FindAllStringSubmatchIndex returns: the same leftmost-first, non-overlapping matches,
// with the text before and after a match read as context just as the full search does.
type Pattern struct {
	// src is the expression; once guards the work of building the rest from it, done on
	// first use (build) so that commands that never scan text do not pay for it.
	src  string
	once sync.Once
	// re is the whole expression, compiled at once for a pattern that is not fast and
	// on first need (whole) for one that is.
	re     *regexp.Regexp
	reOnce sync.Once
	// at0 matches at the start of the text; atN matches after one byte of context, so
	// that \b and ^ see what precedes the candidate.
	at0, atN *regexp.Regexp
	// Every match begins with one of the prefixes (after the boundary character, when
	// boundary is set). first marks their first bytes, single the prefixes of one byte;
	// pairs groups the longer ones by their first two bytes.
	first, single [256]bool
	firstList     []byte
	pairs         map[uint16][]string
	pairBits      *[1024]uint64
	// boundary is set for the patterns of words and labelled, which begin with
	// (?:^|[^\p{L}\p{N}]): a match then begins at the character before a prefix.
	boundary bool
	// wordB is set when the expression begins with \b.
	wordB bool
	// startOnly is set when the expression begins with ^: it matches only at offset 0.
	startOnly bool
	// For ^c+T or ^x?c+T, where no prefix of T begins with a byte of the class c and
	// the byte x is not in c: run marks the bytes of c, afterRun holds T's prefixes,
	// which must follow the run, and runOpt is x (or -1).
	run      *[256]bool
	afterRun []string
	runOpt   int
	// atWordStart is set when every match begins at the first letter or digit of a
	// word (or at the boundary character before it).
	atWordStart bool
	// maxLen bounds a match's length in bytes; -1 when it is unbounded.
	maxLen int
	// minDigits is the fewest ASCII digits a match holds.
	minDigits int
	// quick, when set, rules a candidate out cheaply: it reports false only where no
	// match can begin.
	quick func(str string, s int) bool
	// reach, when set, returns for a candidate at s an offset that no path of the
	// expression from s reads past: the anchored match then reads a short window even
	// where the expression's repeats are unbounded (WithReach).
	reach func(str string, s int) int
	// exact, when set, is a matcher written by hand for the expression (WithExact): the
	// match beginning at s, as the anchored expression would find it, or nil. It reads
	// only the match and the character after it, so that a search tries it at every
	// candidate without windows, budgets or a hand-over to the whole expression.
	exact func(str string, s int) []int
	// fast is false when no prefix set could be worked out; re then runs as it is.
	fast bool
	// stop marks the ASCII bytes no match can hold (after a boundary character): a
	// match ends before the first of them. It is nil when any byte may be matched.
	stop *[256]bool
}

// BoundaryStart begins the expressions of words and labelled phrases: a match then
// begins at the character before a word (or at the start of the text).
const BoundaryStart = `(?:^|[^\p{L}\p{N}])`

// maxPrefixes caps the literal prefixes a pattern expands to.
const maxPrefixes = 512

// prefixBytes is how many bytes of a match's start a pattern's prefixes keep (coverPrefixes);
// prefix sets stop growing a string once it is that long.
const prefixBytes = 4

// allPatterns lists every compiled pattern, so that tests can hold each to its regexp.
var allPatterns []*Pattern

// Patterns returns every pattern compiled so far, so that tests can hold each to its
// regular expression.
func Patterns() []*Pattern { return allPatterns }

// Source returns the regular expression p stands for.
func (p *Pattern) Source() string { return p.src }

// Fast reports whether p searches by its prefixes; false means it runs the whole
// expression, the slow path. It builds p.
func (p *Pattern) Fast() bool {
	p.Build()
	return p.fast
}

// Compile returns the pattern of the expression src. The expression is compiled and its
// prefixes worked out on the pattern's first use (build): a hundred expressions take
// tens of milliseconds, which every factdesk command would otherwise pay at start-up.
func Compile(src string) *Pattern {
	p := &Pattern{src: src}
	allPatterns = append(allPatterns, p)
	return p
}

// Build compiles p once; every method that matches calls it first.
func (p *Pattern) Build() { p.once.Do(p.doBuild) }

func (p *Pattern) doBuild() {
	src := p.src
	p.maxLen = -1
	defer func() {
		if !p.fast {
			p.whole()
		}
	}()
	rest := src
	if strings.HasPrefix(src, BoundaryStart) {
		p.boundary = true
		rest = src[len(BoundaryStart):]
	}
	tree, err := syntax.Parse(rest, syntax.Perl)
	if err != nil {
		return
	}
	full, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return
	}
	p.maxLen = maxLen(full)
	p.startOnly = !p.boundary && full.Op == syntax.OpConcat && len(full.Sub) > 0 && full.Sub[0].Op == syntax.OpBeginText
	p.minDigits = minDigits(full)
	if p.startOnly {
		p.run, p.afterRun, p.runOpt = runThen(full)
	}
	if p.boundary {
		p.stop = stopBytes(tree)
	} else {
		p.stop = stopBytes(full)
	}
	if !p.boundary {
		p.wordB = leadingWordBoundary(tree)
	}
	set, _, ok := prefixSet(tree)
	if !ok || len(set) == 0 {
		return
	}
	for _, s := range set {
		if s == "" {
			return // a match may begin anywhere
		}
	}
	set = coverPrefixes(set)
	p.pairs = map[uint16][]string{}
	p.pairBits = new([1024]uint64)
	for _, s := range set {
		p.first[s[0]] = true
		if len(s) == 1 {
			p.single[s[0]] = true
		} else {
			k := uint16(s[0])<<8 | uint16(s[1])
			p.pairs[k] = append(p.pairs[k], s)
			p.pairBits[k>>6] |= 1 << (k & 63)
		}
	}
	for b, ok := range p.first {
		if ok {
			p.firstList = append(p.firstList, byte(b))
		}
	}
	p.atWordStart = p.boundary || p.wordB
	for b, ok := range p.first {
		if ok && !alnum[byte(b)] {
			p.atWordStart = false
		}
	}
	p.at0 = regexp.MustCompile(`^(?:` + src + `)`)
	p.atN = regexp.MustCompile(`^(?s:.)(?:` + src + `)`)
	p.fast = true
}

// whole returns the whole expression, compiled on first use.
func (p *Pattern) whole() *regexp.Regexp {
	p.reOnce.Do(func() { p.re = regexp.MustCompile(p.src) })
	return p.re
}

// budget is how many bytes of windows the anchored matches of one search may read over
// a text of n bytes before the search hands over to the whole expression. Ordinary text
// stays far below it; a long run of bytes every candidate may take (a line of capital
// letters) would otherwise cost each candidate the rest of the run, a time quadratic in
// the run. Go's regexp is linear in its input, so the search as a whole stays linear:
// the budget spent, then one pass of the whole expression.
func budget(n int) int { return 8*n + 1<<16 }

// FindAll returns the matches of the pattern in x, as regexp's FindAllStringSubmatchIndex.
func (p *Pattern) FindAll(x *Text) [][]int {
	p.Build()
	if p.exact != nil {
		var out [][]int
		str := x.s
		for t := 0; t < len(str); t++ {
			if !p.first[str[t]] {
				continue
			}
			if m := p.exact(str, t); m != nil {
				out = append(out, m)
				t = max(t, m[1]-1) // the next search begins where this match ends
			}
		}
		return out
	}
	if !p.fast {
		return p.re.FindAllStringSubmatchIndex(x.s, -1)
	}
	var out [][]int
	pos := 0
	w := window{left: budget(len(x.s))}
	cands, ok := p.candidates(x)
	if !ok {
		return p.whole().FindAllStringSubmatchIndex(x.s, -1)
	}
	for _, s := range cands {
		if s < pos {
			continue
		}
		m, ok := p.matchAt(x.s, s, &w)
		if !ok {
			return p.whole().FindAllStringSubmatchIndex(x.s, -1)
		}
		if m != nil {
			out = append(out, m)
			pos = m[1]
		}
	}
	return out
}

// Match reports whether the pattern matches anywhere in x.
func (p *Pattern) Match(x *Text) bool {
	p.Build()
	if p.exact != nil {
		return p.MatchString(x.s)
	}
	if !p.fast {
		return p.re.MatchString(x.s)
	}
	w := window{left: budget(len(x.s))}
	cands, ok := p.candidates(x)
	if !ok {
		return p.whole().MatchString(x.s)
	}
	for _, s := range cands {
		m, ok := p.matchAt(x.s, s, &w)
		if !ok {
			return p.whole().MatchString(x.s)
		}
		if m != nil {
			return true
		}
	}
	return false
}

// window carries, from one candidate of a search to the next (in increasing order), the
// first stop byte found and the bytes the search may still read.
type window struct {
	// from and stop: the first stop byte at or after from is at stop (-1: none).
	from, stop int
	known      bool
	left       int
}

// enoughDigits reports whether a match beginning at s could hold its digits: they
// all lie within maxLen bytes of s.
func (p *Pattern) enoughDigits(str string, s int) bool {
	if p.quick != nil && !p.quick(str, s) {
		return false
	}
	if p.minDigits == 0 || p.maxLen < 0 || p.maxLen > 64 {
		return true
	}
	n := 0
	for i := s; i < len(str) && i < s+p.maxLen; i++ {
		if str[i] >= '0' && str[i] <= '9' {
			if n++; n >= p.minDigits {
				return true
			}
		}
	}
	return false
}

// matchAt returns the preferred match beginning exactly at s, or nil. It reports false
// when the window it would read exceeds what w has left; w may be nil for a short
// string.
func (p *Pattern) matchAt(str string, s int, w *window) ([]int, bool) {
	if p.exact != nil {
		return p.exact(str, s), true
	}
	end := len(str)
	if p.maxLen >= 0 && s+p.maxLen+8 < end {
		end = s + p.maxLen + 8 // no match can reach the cut, so the cut changes nothing
	} else if p.stop != nil {
		// No match can take a stop byte, so none reaches past the first one; the window
		// keeps it for context.
		i := s
		if p.boundary && i < end {
			_, size := utf8.DecodeRuneInString(str[i:])
			i += size
		}
		if w != nil && w.known && w.from <= i && (w.stop < 0 || w.stop >= i) {
			// The search before found the first stop byte after i already.
			if w.stop >= 0 {
				end = w.stop + 1
			}
		} else {
			from := i
			stop := -1
			for ; i < end; i++ {
				if p.stop[str[i]] {
					end = i + 1
					stop = i
					break
				}
			}
			if w != nil {
				w.from, w.stop, w.known = from, stop, true
			}
		}
	}
	if p.reach != nil {
		// One more character of context, for \b and $ at the reach.
		end = min(end, p.reach(str, s)+utf8.UTFMax)
	}
	if w != nil {
		if w.left -= end - s; w.left < 0 {
			return nil, false
		}
	}
	if s == 0 {
		return p.at0.FindStringSubmatchIndex(str[:end]), true
	}
	m := p.atN.FindStringSubmatchIndex(str[s-1 : end])
	if m == nil {
		return nil, true
	}
	m[0] = 1 // the byte of context is not part of the match
	for i := range m {
		if m[i] >= 0 {
			m[i] += s - 1
		}
	}
	return m, true
}

// candidates returns, in order, the offsets where a match could begin. It reports false
// when there are more than maxCandidates(len(x.s)): one anchored match at each would
// cost more than one pass of the whole expression.
//
// Only the candidates that pass enoughDigits are returned and counted.
func (p *Pattern) candidates(x *Text) (_ []int, ok bool) {
	out := x.cand[:0]
	defer func() { x.cand = out[:0] }()
	limit := maxCandidates(len(x.s))
	if p.atWordStart {
		// Every match begins at a word: look only at the words whose first byte fits.
		x.indexWords()
		buckets := 0
		for _, b := range p.firstList {
			ws := x.wordsBy[b]
			if len(ws) > 0 {
				buckets++
			}
			for _, t := range ws {
				if s, ok := p.startAt(x.s, t); ok && p.enoughDigits(x.s, s) {
					if out = append(out, s); len(out) > limit {
						return nil, false
					}
				}
			}
		}
		if buckets > 1 {
			sort.Ints(out) // a boundary start is the byte before its word, so order holds within a bucket
		}
		return out, true
	}
	if len(p.firstList) > 8 {
		// Many first bytes: one pass over the text beats a search for each.
		str := x.s
		for t := 0; t < len(str); t++ {
			if p.first[str[t]] {
				if s, ok := p.startAt(str, t); ok && p.enoughDigits(str, s) {
					if out = append(out, s); len(out) > limit {
						return nil, false
					}
				}
			}
		}
		return out, true
	}
	if p.quick == nil && p.minDigits == 0 {
		total := 0
		for _, b := range p.firstList {
			if total += x.count(b); total > limit {
				return nil, false
			}
		}
	}
	for _, b := range p.firstList {
		for _, t := range x.positions(b) {
			if s, ok := p.startAt(x.s, t); ok && p.enoughDigits(x.s, s) {
				if out = append(out, s); len(out) > limit {
					return nil, false
				}
			}
		}
	}
	sort.Ints(out)
	return out, true
}

// maxCandidates is the most candidates a search over n bytes tries one by one.
func maxCandidates(n int) int { return n/8 + 1024 }

// MatchString reports whether the pattern matches anywhere in a short string, which is
// not worth indexing.
func (p *Pattern) MatchString(str string) bool {
	p.Build()
	if !p.fast {
		return p.re.MatchString(str)
	}
	if p.startOnly {
		if len(str) == 0 || !p.first[str[0]] {
			return false
		}
		if _, ok := p.startAt(str, 0); !ok {
			return false
		}
		if p.run != nil {
			i := 0
			if p.runOpt >= 0 && str[0] == byte(p.runOpt) {
				i++ // the optional byte is taken: the run cannot begin with it
			}
			for i < len(str) && p.run[str[i]] {
				i++
			}
			hit := false
			for _, pre := range p.afterRun {
				if strings.HasPrefix(str[i:], pre) {
					hit = true
					break
				}
			}
			if !hit {
				return false
			}
		}
		m, _ := p.matchAt(str, 0, nil)
		return m != nil
	}
	for t := 0; t < len(str); t++ {
		if !p.first[str[t]] {
			continue
		}
		if s, ok := p.startAt(str, t); ok && p.enoughDigits(str, s) {
			if m, _ := p.matchAt(str, s, nil); m != nil {
				return true
			}
		}
	}
	return false
}

// startAt reports whether a match could begin with a prefix at t, and where the match
// would begin.
func (p *Pattern) startAt(str string, t int) (int, bool) {
	b := str[t]
	if !p.single[b] {
		if t+1 >= len(str) {
			return 0, false
		}
		k := uint16(b)<<8 | uint16(str[t+1])
		if p.pairBits[k>>6]&(1<<(k&63)) == 0 {
			return 0, false
		}
		hit := false
		for _, s := range p.pairs[k] {
			if strings.HasPrefix(str[t:], s) {
				hit = true
				break
			}
		}
		if !hit {
			return 0, false
		}
	}
	switch {
	case p.boundary:
		if t == 0 {
			return 0, true
		}
		r, size := utf8.DecodeLastRuneInString(str[:t])
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return 0, false
		}
		return t - size, true
	case p.wordB && IsWordByte(b):
		if t > 0 && IsWordByte(str[t-1]) {
			return 0, false
		}
	}
	return t, true
}

// IsWordByte reports whether c is an ASCII letter, digit or underscore, as \b sees it.
func IsWordByte(c byte) bool { return alnum[c] || c == '_' }

// alnum marks the ASCII letters and digits.
var alnum = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		t[c] = b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	return t
}()

// NewText returns s ready to be scanned by patterns.
func NewText(s string) *Text { return &Text{s: s} }

// Text is a string scanned by patterns, with the positions of its bytes and the
// starts of its words, by first byte, found once.
type Text struct {
	s       string
	seen    [256]bool
	pos     [256][]int
	counted [256]bool
	counts  [256]int
	wordsBy [256][]int
	words   bool
	// cand is the candidates' buffer, reused from one pattern to the next.
	cand []int
}

// indexWords finds the ASCII letters and digits that follow no ASCII letter or digit.
func (x *Text) indexWords() {
	if x.words {
		return
	}
	x.words = true
	var count [256]int
	total := 0
	prev := false
	for i := 0; i < len(x.s); i++ {
		a := alnum[x.s[i]]
		if a && !prev {
			count[x.s[i]]++
			total++
		}
		prev = a
	}
	all := make([]int, total)
	off := 0
	for b, n := range count {
		if n > 0 {
			x.wordsBy[b] = all[off : off : off+n]
			off += n
		}
	}
	prev = false
	for i := 0; i < len(x.s); i++ {
		c := x.s[i]
		a := alnum[c]
		if a && !prev {
			x.wordsBy[c] = append(x.wordsBy[c], i)
		}
		prev = a
	}
}

func (x *Text) positions(b byte) []int {
	if !x.seen[b] {
		x.seen[b] = true
		x.pos[b] = make([]int, 0, x.count(b))
		for i := 0; ; {
			j := strings.IndexByte(x.s[i:], b)
			if j < 0 {
				break
			}
			x.pos[b] = append(x.pos[b], i+j)
			i += j + 1
		}
	}
	return x.pos[b]
}

// count returns how many times b occurs in the text.
func (x *Text) count(b byte) int {
	if !x.counted[b] {
		x.counted[b] = true
		n := 0
		for i := 0; ; n++ {
			j := strings.IndexByte(x.s[i:], b)
			if j < 0 {
				break
			}
			i += j + 1
		}
		x.counts[b] = n
	}
	return x.counts[b]
}

// leadingWordBoundary reports whether every match of r begins at a \b.
func leadingWordBoundary(r *syntax.Regexp) bool {
	switch r.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return leadingWordBoundary(r.Sub[0])
	case syntax.OpConcat:
		return len(r.Sub) > 0 && leadingWordBoundary(r.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range r.Sub {
			if !leadingWordBoundary(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// prefixSet returns literal strings one of which begins every match of r, whether the
// set is complete (each string is a whole match, so that what follows r can extend
// it), and whether a set could be worked out at all. An empty string in the set always
// stands for the empty match itself, never for "anything".
func prefixSet(r *syntax.Regexp) (set []string, complete, ok bool) {
	switch r.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true, true
	case syntax.OpLiteral:
		set = []string{""}
		for _, c := range r.Rune {
			var alts []rune
			if r.Flags&syntax.FoldCase != 0 {
				for f := c; ; {
					alts = append(alts, f)
					if f = unicode.SimpleFold(f); f == c {
						break
					}
				}
			} else {
				alts = []rune{c}
			}
			next, ok := cross(set, runeStrings(alts))
			if !ok {
				return set, false, set[0] != ""
			}
			set = next
			if len(set[0]) >= prefixBytes {
				return set, false, true // the rest would be cut off by coverPrefixes
			}
		}
		return set, true, true
	case syntax.OpCharClass:
		var rs []rune
		for i := 0; i+1 < len(r.Rune); i += 2 {
			for c := r.Rune[i]; c <= r.Rune[i+1]; c++ {
				rs = append(rs, c)
				if len(rs) > 64 {
					return firstBytes(r.Rune), false, true
				}
			}
		}
		return runeStrings(rs), true, true
	case syntax.OpCapture:
		return prefixSet(r.Sub[0])
	case syntax.OpConcat:
		return prefixConcat(r.Sub)
	case syntax.OpAlternate:
		complete = true
		for _, sub := range r.Sub {
			s, c, ok := prefixSet(sub)
			if !ok {
				return nil, false, false
			}
			set = append(set, s...)
			complete = complete && c
		}
		return shorten(dedup(set), complete)
	case syntax.OpQuest, syntax.OpStar:
		s, c, ok := prefixSet(r.Sub[0])
		if !ok {
			return nil, false, false
		}
		return dedup(append(s, "")), c && r.Op == syntax.OpQuest, true
	case syntax.OpPlus:
		s, _, ok := prefixSet(r.Sub[0])
		return s, false, ok
	case syntax.OpRepeat:
		s, c, ok := prefixSet(r.Sub[0])
		if !ok {
			return nil, false, false
		}
		if r.Min == 0 {
			s = dedup(append(s, ""))
		}
		return s, c && r.Min == 1 && r.Max == 1, true
	}
	return nil, false, false
}

// prefixConcat is prefixSet for a sequence of expressions.
func prefixConcat(subs []*syntax.Regexp) (set []string, complete, ok bool) {
	if len(subs) == 0 {
		return []string{""}, true, true
	}
	tail, tc, tok := prefixConcat(subs[1:])
	if r := subs[0]; r.Op == syntax.OpPlus {
		// c+ followed by t: a match begins cc… or ct…
		if each, c, ok := prefixSet(r.Sub[0]); ok && c && !slices.Contains(each, "") {
			set, ok := cross(each, each)
			if !ok {
				return each, false, true
			}
			if tok {
				more, ok := cross(each, tail)
				if !ok {
					return each, false, true
				}
				set = append(set, more...)
			} else {
				set = each
			}
			return shorten(dedup(set), false)
		}
	}
	head, hc, ok := prefixSet(subs[0])
	if !ok {
		return nil, false, false
	}
	complete = true
	for _, x := range head {
		if len(x) >= prefixBytes {
			set = append(set, x) // long enough: what follows would be cut off by coverPrefixes
			complete = false
			continue
		}
		if !hc && x != "" {
			set = append(set, x) // only a prefix of the head's match
			complete = false
			continue
		}
		// x is a whole match of the head: what follows extends it.
		if !tok || len(x) > 0 && !utf8.ValidString(x) {
			if x == "" {
				return nil, false, false
			}
			set = append(set, x)
			complete = false
			continue
		}
		xs, ok := cross([]string{x}, tail)
		if !ok {
			if x == "" {
				return nil, false, false
			}
			set = append(set, x)
			complete = false
			continue
		}
		set = append(set, xs...)
		complete = complete && tc
	}
	return shorten(dedup(set), complete)
}

// shorten cuts the strings of a prefix set that has grown too large until it fits; the
// shorter strings are only prefixes, so the set is no longer complete.
func shorten(set []string, complete bool) ([]string, bool, bool) {
	for n := 8; len(set) > maxPrefixes && n > 0; n-- {
		complete = false
		for i, x := range set {
			if len(x) > n {
				set[i] = x[:n]
			}
		}
		set = dedup(set)
	}
	return set, complete, len(set) <= maxPrefixes
}

// firstBytes returns the first bytes of the UTF-8 encodings of the runes in ranges,
// as one-byte strings: a prefix set, though not a complete one, of a large class.
func firstBytes(ranges []rune) []string {
	var seen [256]bool
	var buf [utf8.UTFMax]byte
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		utf8.EncodeRune(buf[:], lo)
		a := buf[0]
		utf8.EncodeRune(buf[:], hi)
		for b := int(a); b <= int(buf[0]); b++ {
			seen[b] = true
		}
	}
	var out []string
	for b, ok := range seen {
		if ok {
			out = append(out, string([]byte{byte(b)}))
		}
	}
	return out
}

func runeStrings(rs []rune) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

func cross(a, b []string) ([]string, bool) {
	if len(a)*len(b) > maxPrefixes {
		return a, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedup(out), true
}

func dedup(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// maxLen returns the most bytes a match of r can span, or -1 when it is unbounded.
func maxLen(r *syntax.Regexp) int {
	switch r.Op {
	case syntax.OpLiteral:
		if r.Flags&syntax.FoldCase != 0 {
			return utf8.UTFMax * len(r.Rune) // a folded letter may be longer (k, K)
		}
		n := 0
		for _, c := range r.Rune {
			n += utf8.RuneLen(c)
		}
		return n
	case syntax.OpCharClass:
		n := 1
		for i := 1; i < len(r.Rune); i += 2 {
			n = max(n, utf8.RuneLen(min(r.Rune[i], unicode.MaxRune)))
		}
		return n
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(r.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range r.Sub {
			m := maxLen(s)
			if m < 0 {
				return -1
			}
			n += m
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, s := range r.Sub {
			m := maxLen(s)
			if m < 0 {
				return -1
			}
			n = max(n, m)
		}
		return n
	case syntax.OpRepeat:
		m := maxLen(r.Sub[0])
		if r.Max < 0 || m < 0 {
			return -1
		}
		return r.Max * m
	case syntax.OpStar, syntax.OpPlus:
		return -1
	}
	return 0 // empty-width operators
}

// minDigits returns the fewest ASCII digits a match of r holds.
func minDigits(r *syntax.Regexp) int {
	switch r.Op {
	case syntax.OpLiteral:
		if r.Flags&syntax.FoldCase != 0 {
			return 0
		}
		n := 0
		for _, c := range r.Rune {
			if c >= '0' && c <= '9' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		for _, c := range r.Rune {
			if c < '0' || c > '9' {
				return 0
			}
		}
		if len(r.Rune) == 0 {
			return 0
		}
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minDigits(r.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range r.Sub {
			n += minDigits(sub)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, sub := range r.Sub {
			if m := minDigits(sub); n < 0 || m < n {
				n = m
			}
		}
		return max(n, 0)
	case syntax.OpRepeat:
		return r.Min * minDigits(r.Sub[0])
	}
	return 0
}

// WithQuick sets p's quick check and returns p.
func (p *Pattern) WithQuick(f func(str string, s int) bool) *Pattern {
	p.quick = f
	return p
}

// WithExact sets p's hand-written matcher and returns p. The expression must have a
// prefix set (its first bytes say where a match may begin) and match no empty string.
func (p *Pattern) WithExact(f func(str string, s int) []int) *Pattern {
	p.exact = f
	return p
}

// Exact reports whether p has a hand-written matcher, which the tests hold to the
// expression.
func (p *Pattern) Exact() bool { return p.exact != nil }

// WithReach sets p's reach and returns p.
func (p *Pattern) WithReach(f func(str string, s int) int) *Pattern {
	p.reach = f
	return p
}

// WordsReach returns a reach for an expression whose matches hold only characters for
// which inWord is true and blanks (the bytes of blank), with at most runs runs of blanks
// — each \s+ or [ \t]+ of the expression stays within one run, and the words between
// them are not empty. No path of such an expression reads past the first other
// character, nor past the start of the run after runs of them.
func WordsReach(runs int, blank func(c byte) bool, inWord func(r rune) bool) func(str string, s int) int {
	return func(str string, s int) int {
		left := runs
		i := s
		for i < len(str) {
			c := str[i]
			if blank(c) {
				if left == 0 {
					return i
				}
				left--
				for i < len(str) && blank(str[i]) {
					i++
				}
				continue
			}
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(str[i:])
			}
			if !inWord(r) {
				return i
			}
			i += n
		}
		return i
	}
}

// DigitRun returns the number of ASCII digits from s on and the byte after them (0 at
// the end of str).
func DigitRun(str string, s int) (int, byte) {
	i := s
	for i < len(str) && str[i] >= '0' && str[i] <= '9' {
		i++
	}
	if i < len(str) {
		return i - s, str[i]
	}
	return i - s, 0
}

// coverPrefixes cuts prefixes to four bytes and drops those that begin with another:
// fewer strings to compare, and the anchored match checks the rest.
func coverPrefixes(set []string) []string {
	cut := make([]string, len(set))
	for i, x := range set {
		cut[i] = x[:min(len(x), prefixBytes)]
	}
	cut = dedup(cut) // sorted, so a string's prefixes in the set come before it
	var out []string
	for _, x := range cut {
		covered := false
		for _, y := range out {
			if strings.HasPrefix(x, y) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, x)
		}
	}
	return out
}

// AtStart is an expression anchored at the start of its text, ^(?:A|B|…), kept as
// one pattern per alternative, whose prefix sets stay small enough to be precise.
type AtStart struct {
	// src is the whole expression, which the tests hold the alternatives to.
	src  string
	alts []*Pattern
}

// CompileAtStart returns the expression src, anchored at the start of its text; when it
// is ^(?:A|B|…), each alternative becomes a pattern of its own.
func CompileAtStart(src string) *AtStart {
	a := &AtStart{src: src}
	tree, err := syntax.Parse(src, syntax.Perl)
	if err != nil || tree.Op != syntax.OpConcat || len(tree.Sub) != 2 || tree.Sub[0].Op != syntax.OpBeginText {
		a.alts = []*Pattern{Compile(src)}
		return a
	}
	alt := tree.Sub[1]
	for alt.Op == syntax.OpCapture {
		alt = alt.Sub[0]
	}
	if alt.Op != syntax.OpAlternate {
		a.alts = []*Pattern{Compile(src)}
		return a
	}
	for _, sub := range alt.Sub {
		a.alts = append(a.alts, Compile(`^(?:`+sub.String()+`)`))
	}
	allAtStart = append(allAtStart, a)
	return a
}

// allAtStart lists the split expressions, so that tests can hold each to the whole.
var allAtStart []*AtStart

// AtStarts returns every expression CompileAtStart split, so that tests can hold each to
// the whole.
func AtStarts() []*AtStart { return allAtStart }

// Source returns the whole expression a stands for.
func (a *AtStart) Source() string { return a.src }

// MatchString reports whether any alternative matches at the start of str.
func (a *AtStart) MatchString(str string) bool {
	for _, p := range a.alts {
		if p.MatchString(str) {
			return true
		}
	}
	return false
}

// stopBytes returns the ASCII bytes no match of r can hold, or nil when there are none
// or a match may hold any character.
func stopBytes(r *syntax.Regexp) *[256]bool {
	var allowed [256]bool
	any := false
	var walk func(r *syntax.Regexp)
	walk = func(r *syntax.Regexp) {
		switch r.Op {
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			any = true
		case syntax.OpLiteral:
			for _, c := range r.Rune {
				for f := c; ; {
					if f < utf8.RuneSelf {
						allowed[f] = true
					}
					if r.Flags&syntax.FoldCase == 0 {
						break
					}
					if f = unicode.SimpleFold(f); f == c {
						break
					}
				}
			}
		case syntax.OpCharClass:
			for i := 0; i+1 < len(r.Rune); i += 2 {
				for c := r.Rune[i]; c <= r.Rune[i+1] && c < utf8.RuneSelf; c++ {
					allowed[c] = true
				}
			}
		}
		for _, sub := range r.Sub {
			walk(sub)
		}
	}
	walk(r)
	if any {
		return nil
	}
	stop := new([256]bool)
	n := 0
	for c := 0; c < utf8.RuneSelf; c++ {
		if !allowed[c] {
			stop[c] = true
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return stop
}

// runThen returns, for an expression ^c+T or ^x?c+T where c is a class of ASCII bytes,
// x an ASCII byte not in c, and no prefix of T begins with a byte of c, the bytes of c,
// the prefixes of T and x (or -1): x is taken when it is there, the run of c is then
// taken whole, and T begins right after it.
func runThen(full *syntax.Regexp) (*[256]bool, []string, int) {
	if full.Op != syntax.OpConcat || len(full.Sub) < 3 {
		return nil, nil, -1
	}
	subs := full.Sub[1:]
	opt := -1
	if q := subs[0]; q.Op == syntax.OpQuest && q.Sub[0].Op == syntax.OpLiteral && len(q.Sub[0].Rune) == 1 &&
		q.Sub[0].Rune[0] < utf8.RuneSelf && unicode.SimpleFold(q.Sub[0].Rune[0]) == q.Sub[0].Rune[0] {
		opt = int(q.Sub[0].Rune[0])
		subs = subs[1:]
	}
	if len(subs) < 2 || subs[0].Op != syntax.OpPlus {
		return nil, nil, -1
	}
	class := subs[0].Sub[0]
	if class.Op != syntax.OpCharClass {
		return nil, nil, -1
	}
	run := new([256]bool)
	for i := 0; i+1 < len(class.Rune); i += 2 {
		if class.Rune[i+1] >= utf8.RuneSelf {
			return nil, nil, -1
		}
		for c := class.Rune[i]; c <= class.Rune[i+1]; c++ {
			run[c] = true
		}
	}
	if opt >= 0 && run[opt] {
		return nil, nil, -1
	}
	set, _, ok := prefixConcat(subs[1:])
	if !ok || len(set) == 0 {
		return nil, nil, -1
	}
	for _, pre := range set {
		if pre == "" || run[pre[0]] {
			return nil, nil, -1
		}
	}
	for i, pre := range set {
		set[i] = pre[:min(len(pre), 3)] // three bytes tell the words apart
	}
	return run, coverPrefixes(set), opt
}
