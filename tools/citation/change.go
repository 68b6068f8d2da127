package citation

import (
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Change limits: a page rewritten from top to bottom is summarised, not pasted whole.
const (
	maxChanges      = 12
	maxChangeLength = 600
)

// ChangeInWords says what changed between two versions of a page's main text, one line
// per change, for people: "Removed: «…»", "Added: «…»", or "Was: «…» Now: «…»" for a
// paragraph reworded. Paragraphs that differ only in dates or tracking noise (see
// Comparable) are not changes.
func ChangeInWords(before, after []string) []string {
	// Compare the comparable forms, paragraph by paragraph, and show the originals.
	key := func(ps []string) (string, []string) {
		var b strings.Builder
		var kept []string
		for _, p := range ps {
			c := Comparable(p)
			if c == "" {
				continue
			}
			b.WriteString(c)
			b.WriteByte('\n')
			kept = append(kept, p)
		}
		return b.String(), kept
	}
	a, aOrig := key(before)
	b, bOrig := key(after)
	dmp := diffmatchpatch.New()
	ca, cb, _ := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffMain(ca, cb, false)
	var out []string
	ia, ib := 0, 0
	var removed, added []string
	flush := func() {
		n := max(len(removed), len(added))
		for i := 0; i < n; i++ {
			switch {
			case i < len(removed) && i < len(added):
				out = append(out, "Was: «"+clip(removed[i])+"» Now: «"+clip(added[i])+"»")
			case i < len(removed):
				out = append(out, "Removed: «"+clip(removed[i])+"»")
			default:
				out = append(out, "Added: «"+clip(added[i])+"»")
			}
		}
		removed, added = nil, nil
	}
	for _, d := range diffs {
		n := len([]rune(d.Text)) // one rune per paragraph
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			for i := 0; i < n && ia < len(aOrig); i++ {
				removed = append(removed, aOrig[ia])
				ia++
			}
		case diffmatchpatch.DiffInsert:
			for i := 0; i < n && ib < len(bOrig); i++ {
				added = append(added, bOrig[ib])
				ib++
			}
		}
	}
	flush()
	if len(out) > maxChanges {
		more := len(out) - maxChanges
		out = append(out[:maxChanges], "… and "+strconv.Itoa(more)+" more changes: compare the archived copy with the live page")
	}
	return out
}

func clip(s string) string {
	r := []rune(s)
	if len(r) <= maxChangeLength {
		return s
	}
	return string(r[:maxChangeLength]) + "…"
}
