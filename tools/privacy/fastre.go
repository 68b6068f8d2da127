package privacy

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A pattern is a regular expression searched only where a match can begin. Go's
// regexp package scans every position of the text with its general matcher when a
// pattern has no single literal prefix, which costs about a microsecond per byte over
// the guard's patterns. A pattern instead works out, from the expression itself, the
// literal strings every match begins with; it finds those strings with byte searches
// and tries the expression, anchored, only there. The result is exactly what
// FindAllStringSubmatchIndex returns: the same leftmost-first, non-overlapping matches,
// with the text before and after a match read as context just as the full search does.
type pattern struct {
	re *regexp.Regexp
	// at0 matches at the start of the text; atN matches after one byte of context, so
	// that \b and ^ see what precedes the candidate.
	at0, atN *regexp.Regexp
	// prefixes, grouped by first byte: every match begins with one of them (after the
	// boundary character, when boundary is set).
	prefixes [256][]string
	// boundary is set for the patterns of words and labelled, which begin with
	// (?:^|[^\p{L}\p{N}]): a match then begins at the character before a prefix.
	boundary bool
	// wordB is set when the expression begins with \b.
	wordB bool
	// maxLen bounds a match's length in bytes; -1 when it is unbounded.
	maxLen int
	// fast is false when no prefix set could be worked out; re then runs as it is.
	fast bool
}

// boundaryStart begins the patterns of words and labelled.
const boundaryStart = `(?:^|[^\p{L}\p{N}])`

// maxPrefixes caps the literal prefixes a pattern expands to.
const maxPrefixes = 512

func compile(src string) *pattern {
	p := &pattern{re: regexp.MustCompile(src), maxLen: -1}
	rest := src
	if strings.HasPrefix(src, boundaryStart) {
		p.boundary = true
		rest = src[len(boundaryStart):]
	}
	tree, err := syntax.Parse(rest, syntax.Perl)
	if err != nil {
		return p
	}
	full, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return p
	}
	p.maxLen = maxLen(full)
	if !p.boundary {
		p.wordB = leadingWordBoundary(tree)
	}
	set, _, ok := prefixSet(tree)
	if !ok || len(set) == 0 {
		return p
	}
	for _, s := range set {
		if s == "" {
			return p // a match may begin anywhere
		}
	}
	for _, s := range set {
		p.prefixes[s[0]] = append(p.prefixes[s[0]], s)
	}
	p.at0 = regexp.MustCompile(`^(?:` + src + `)`)
	p.atN = regexp.MustCompile(`^(?s:.)(?:` + src + `)`)
	p.fast = true
	return p
}

// findAll returns the matches of the pattern in x, as regexp's FindAllStringSubmatchIndex.
func (p *pattern) findAll(x *indexed) [][]int {
	if !p.fast {
		return p.re.FindAllStringSubmatchIndex(x.s, -1)
	}
	var out [][]int
	pos := 0
	for _, s := range p.candidates(x) {
		if s < pos {
			continue
		}
		if m := p.matchAt(x.s, s); m != nil {
			out = append(out, m)
			pos = m[1]
		}
	}
	return out
}

// match reports whether the pattern matches anywhere in x.
func (p *pattern) match(x *indexed) bool {
	if !p.fast {
		return p.re.MatchString(x.s)
	}
	for _, s := range p.candidates(x) {
		if p.matchAt(x.s, s) != nil {
			return true
		}
	}
	return false
}

// matchAt returns the preferred match beginning exactly at s, or nil.
func (p *pattern) matchAt(str string, s int) []int {
	end := len(str)
	if p.maxLen >= 0 && s+p.maxLen+8 < end {
		end = s + p.maxLen + 8 // no match can reach the cut, so the cut changes nothing
	}
	if s == 0 {
		return p.at0.FindStringSubmatchIndex(str[:end])
	}
	m := p.atN.FindStringSubmatchIndex(str[s-1 : end])
	if m == nil {
		return nil
	}
	m[0] = 1 // the byte of context is not part of the match
	for i := range m {
		if m[i] >= 0 {
			m[i] += s - 1
		}
	}
	return m
}

// candidates returns, in order, the offsets where a match could begin.
func (p *pattern) candidates(x *indexed) []int {
	var out []int
	str := x.s
	for b := 0; b < 256; b++ {
		pre := p.prefixes[b]
		if len(pre) == 0 {
			continue
		}
		for _, t := range x.positions(byte(b)) {
			hit := false
			for _, s := range pre {
				if strings.HasPrefix(str[t:], s) {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
			switch {
			case p.boundary:
				if t == 0 {
					out = append(out, 0)
					continue
				}
				r, size := utf8.DecodeLastRuneInString(str[:t])
				if unicode.IsLetter(r) || unicode.IsNumber(r) {
					continue
				}
				out = append(out, t-size)
			case p.wordB && isWordByte(byte(b)):
				if t > 0 && isWordByte(str[t-1]) {
					continue
				}
				out = append(out, t)
			default:
				out = append(out, t)
			}
		}
	}
	sort.Ints(out)
	return out
}

func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

// indexed is a string scanned by patterns, with the positions of its bytes found once.
type indexed struct {
	s    string
	seen [256]bool
	pos  [256][]int
}

func (x *indexed) positions(b byte) []int {
	if !x.seen[b] {
		x.seen[b] = true
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

func leadingWordBoundary(r *syntax.Regexp) bool {
	for r.Op == syntax.OpCapture || r.Op == syntax.OpConcat && len(r.Sub) > 0 {
		if r.Op == syntax.OpConcat && r.Sub[0].Op == syntax.OpWordBoundary {
			return true
		}
		r = r.Sub[0]
	}
	return r.Op == syntax.OpWordBoundary
}

// prefixSet returns literal strings one of which begins every match of r, whether the
// set is complete (each string is a whole match, so that what follows r can extend
// it), and whether a set could be worked out at all.
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
				return set, false, true
			}
			set = next
		}
		return set, true, true
	case syntax.OpCharClass:
		var rs []rune
		for i := 0; i+1 < len(r.Rune); i += 2 {
			for c := r.Rune[i]; c <= r.Rune[i+1]; c++ {
				rs = append(rs, c)
				if len(rs) > 64 {
					return nil, false, false
				}
			}
		}
		return runeStrings(rs), true, true
	case syntax.OpCapture:
		return prefixSet(r.Sub[0])
	case syntax.OpConcat:
		set, complete = []string{""}, true
		for _, sub := range r.Sub {
			s, c, ok := prefixSet(sub)
			if !ok {
				complete = false
				break
			}
			next, ok := cross(set, s)
			if !ok {
				complete = false
				break
			}
			set, complete = next, c
			if !c {
				break
			}
		}
		if len(set) == 1 && set[0] == "" && !complete {
			return nil, false, false
		}
		return set, complete, true
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
		return dedup(set), complete, len(set) <= maxPrefixes
	case syntax.OpQuest:
		s, c, ok := prefixSet(r.Sub[0])
		if !ok {
			return nil, false, false
		}
		return dedup(append(s, "")), c, true
	case syntax.OpPlus:
		s, _, ok := prefixSet(r.Sub[0])
		return s, false, ok
	case syntax.OpRepeat:
		if r.Min == 0 {
			s, _, ok := prefixSet(r.Sub[0])
			return dedup(append(s, "")), false, ok
		}
		s, _, ok := prefixSet(r.Sub[0])
		return s, false, ok
	case syntax.OpStar:
		return []string{""}, false, true
	}
	return nil, false, false
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
		return utf8.UTFMax * len(r.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
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
