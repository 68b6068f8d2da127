package privacy

import (
	"regexp"
	"strings"
	"unicode"
)

// waiverPattern finds inline waivers: `<!-- phi-ok: reason -->` in Markdown and
// `# phi-ok: reason` as a YAML comment.
var waiverPattern = regexp.MustCompile(`(?i)<!--\s*phi-ok\b:?([^\n]*?)-->|#\s*phi-ok\b:?([^\n]*)`)

// Waiver is an inline note that keeps the findings of a line deliberately. It covers
// the line it is on and, when it stands alone on its line, the next line with text.
type Waiver struct {
	// Start and End are the waiver's byte offsets in the text.
	Start, End int
	// Reason is the written reason; a waiver without one waives nothing.
	Reason string
	// Lines are the 0-based lines the waiver covers.
	Lines []int
}

// HasReason reports whether the waiver gives a reason of at least two words.
func (w Waiver) HasReason() bool {
	letters := 0
	for _, r := range w.Reason {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return len(strings.Fields(w.Reason)) >= 2 && letters >= 8
}

// Waivers returns the inline waivers in text.
func Waivers(text string) []Waiver {
	if !hasPHIOK(text) {
		return nil
	}
	lines := lineStarts(text)
	var out []Waiver
	for _, m := range waiverPattern.FindAllStringSubmatchIndex(text, -1) {
		reason := ""
		if m[2] >= 0 {
			reason = text[m[2]:m[3]]
		} else if m[4] >= 0 {
			reason = text[m[4]:m[5]]
		}
		w := Waiver{Start: m[0], End: m[1], Reason: strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason), "-->"))}
		line := lineOf(lines, m[0])
		w.Lines = []int{line}
		ls, le := lines[line], lineEnd(text, lines, line)
		rest := strings.TrimSpace(text[ls:m[0]] + text[m[1]:le])
		if rest == "" || rest == "-" {
			for next := line + 1; next < len(lines); next++ {
				if strings.TrimSpace(text[lines[next]:lineEnd(text, lines, next)]) != "" {
					w.Lines = append(w.Lines, next)
					break
				}
			}
		}
		out = append(out, w)
	}
	return out
}

// ApplyWaivers removes findings on lines covered by a waiver that gives a reason. It
// returns the findings kept and the waivers that give no reason, which are themselves
// problems. A finding inside a waiver's own text is never waived.
func ApplyWaivers(text string, fs []Finding) (kept []Finding, unexplained []Waiver) {
	ws := Waivers(text)
	if len(ws) == 0 {
		return fs, nil
	}
	lines := lineStarts(text)
	covered := map[int]bool{}
	for _, w := range ws {
		if !w.HasReason() {
			unexplained = append(unexplained, w)
			continue
		}
		for _, l := range w.Lines {
			covered[l] = true
		}
	}
	spans := &spanIndex{}
	for _, w := range ws {
		spans.starts = append(spans.starts, w.Start)
		spans.ends = append(spans.ends, w.End)
	}
	spans.build()
	for _, f := range fs {
		inside := f.End > f.Start && spans.overlaps(f.Start+1, f.End-1) // f.Start < w.End && f.End > w.Start
		if !inside && covered[lineOf(lines, f.Start)] {
			continue
		}
		kept = append(kept, f)
	}
	return kept, unexplained
}

func lineStarts(text string) []int {
	ls := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

func lineOf(starts []int, off int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func lineEnd(text string, starts []int, line int) int {
	if line+1 < len(starts) {
		return starts[line+1] - 1
	}
	return len(text)
}

// hasPHIOK reports whether text holds "phi-ok" in any case, as every waiver does; the
// k may be the Kelvin sign, which case-insensitive matching folds to k.
func hasPHIOK(text string) bool {
	for i := strings.IndexByte(text, '-'); i >= 0; {
		if i >= 3 && i+2 < len(text) && strings.EqualFold(text[i-3:i], "phi") && text[i+1]|0x20 == 'o' &&
			(text[i+2]|0x20 == 'k' || strings.HasPrefix(text[i+2:], "\u212a")) {
			return true
		}
		j := strings.IndexByte(text[i+1:], '-')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
