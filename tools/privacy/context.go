package privacy

import (
	"strings"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

// scan is one pass of the recognizers over a text.
type scan struct {
	g     *Guard
	text  string
	lower string
	out   []Finding
	// ti and li index text and lower for the patterns.
	ti, li *fastre.Text
	// conf indexes the confirmations, for the names found near one.
	conf *spanIndex
}

func newScan(g *Guard, text string) *scan {
	// Lower-casing ASCII keeps byte offsets equal between text and lower.
	b := []byte(text)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	lower := string(b)
	return &scan{g: g, text: text, lower: lower, ti: fastre.NewText(text), li: fastre.NewText(lower)}
}

func (s *scan) add(t Type, start, end int, score float64) {
	if score > 1 {
		score = 1
	}
	s.out = append(s.out, Finding{Type: t, Start: start, End: end, Score: score})
}

// before returns up to n bytes of lower-cased text before off, stopping at a blank line.
func (s *scan) before(off, n int) string {
	from := max(0, off-n)
	// Start at a word boundary, so that a cut word ("llame") does not read as another ("me").
	for from > 0 && from < off && isAlnum(s.lower[from-1]) {
		from++
	}
	w := s.lower[from:off]
	if i := strings.LastIndex(w, "\n\n"); i >= 0 {
		w = w[i+2:]
	}
	return w
}

// after returns up to n bytes of lower-cased text after off, stopping at a blank line.
func (s *scan) after(off, n int) string {
	to := min(len(s.lower), off+n)
	for to < len(s.lower) && to > off && isAlnum(s.lower[to]) {
		to--
	}
	w := s.lower[off:to]
	if i := strings.Index(w, "\n\n"); i >= 0 {
		w = w[:i]
	}
	return w
}

// sentence returns the lower-cased sentence around [start, end), at most n bytes each side.
func (s *scan) sentence(start, end, n int) string {
	b := s.before(start, n)
	if i := lastSentenceEnd(b); i >= 0 {
		b = b[i:]
	}
	a := s.after(end, n)
	if i := firstSentenceEnd(a); i >= 0 {
		a = a[:i]
	}
	return b + " " + s.lower[start:end] + " " + a
}

func lastSentenceEnd(w string) int {
	best := -1
	for _, sep := range []string{". ", "! ", "? ", "\n"} {
		if i := strings.LastIndex(w, sep); i >= 0 && i+len(sep) > best {
			best = i + len(sep)
		}
	}
	return best
}

func firstSentenceEnd(w string) int {
	best := -1
	for _, sep := range []string{". ", "! ", "? ", "\n"} {
		if i := strings.Index(w, sep); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// words compiles a case-insensitive pattern matching any of the phrases as whole words.
// Phrases are regular expressions.
func words(phrases ...string) *fastre.Pattern {
	return fastre.Compile(fastre.BoundaryStart + `(?:` + strings.Join(phrases, "|") + `)(?:$|[^\p{L}\p{N}])`)
}

// patientContext marks care, a diagnosis or a health event: words that put a person's
// name, a date or a number in a patient context.
var patientContext = words(
	`patients?`, `pacientes?`, `admit(?:ted|s)?`, `admission`, `discharg(?:ed|e)`, `treat(?:ed|ing)`, `diagnos(?:ed|is)`,
	`your (?:test |lab )?results`, `your appointment`, `our er`, `the er`, `er visit`, `emergency (?:room|department)`,
	`icu`, `nicu`, `ward`, `surgery`, `operation`, `chemo(?:therapy)?`, `dialysis`, `hospitali[sz]ed`, `in (?:the )?hospital`,
	`prescribed`, `chart`, `medical records?`, `tested positive`, `positive for`, `passed away`, `died`, `overdosed?`,
	`miscarriage`, `biopsy`, `intubated`, `ventilator`, `checked in(?:to)?`, `under our care`, `in our care`,
	`transplant`, `rehab`, `seen (?:by|at|in)`, `was seen`, `were seen`, `visit(?:ed)? (?:our|the) (?:clinic|er|hospital)`,
	`delivered`, `gave birth`, `stroke`, `heart attack`, `cancer`, `hiv[- ]positive`, `relapse`, `therapy session`,
	`appointment`, `treatment`, `in treatment`, `leukemia`, `lymphoma`, `tumou?r`, `radiation`, `transferred`, `fracture`, `broken (?:arm|leg|hip|wrist|ankle)`,
	`cast off`, `stitches`, `the hospital`, `hospice`, `nursing home`, `home from`, `ortho`, `cardiology`, `oncology`, `labor and delivery`,
	`procedures?`, `spinal`, `fusion`, `(?:knee|hip) replacement`, `transfusion`, `physical therapy`, `therapy`, `intensive care`, `critical care`, `recovery room`, `in recovery`, `floor`, `prayers`, `passed`, `ingresad[oa]`, `dad[oa] de alta`, `hospitalizad[oa]`, `diagnosticad[oa]`, `su cita`, `sus resultados`,
	`urgencias`, `cirug[ií]a`, `fue atendid[oa]`, `tratad[oa]`, `room \d+`, `bed \d+`, `our clinic`, `flu shot last`,
)

// personContext marks that a span belongs to a particular person.
var personContext = words(
	`my`, `his`, `her`, `their`, `your`, `mi`, `su`, `he`, `she`, `mom`, `dad`, `mother`, `father`, `son`, `daughter`,
	`husband`, `wife`, `grandma`, `grandpa`, `grandmother`, `grandfather`, `aunt`, `uncle`, `brother`, `sister`,
	`baby`, `mr\.?`, `mrs\.?`, `ms\.?`, `patient`, `mam[aá]`, `pap[aá]`, `abuel[oa]`, `hij[oa]`, `esposo`, `esposa`,
)

// has reports whether re matches within w.
func has(p *fastre.Pattern, w string) bool { return p.MatchString(w) }

// nearby is the lower-cased text within n bytes either side of [start, end).
func (s *scan) nearby(start, end, n int) string {
	return s.before(start, n) + " \x00 " + s.after(end, n)
}

// boundaryOK reports whether the span [start, end) is not glued to letters or digits on
// either side, so that a number inside a longer number or word is not taken.
func (s *scan) boundaryOK(start, end int) bool {
	if start > 0 {
		c := s.text[start-1]
		if isAlnum(c) {
			return false
		}
	}
	if end < len(s.text) {
		c := s.text[end]
		if isAlnum(c) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// labelled builds the pattern of an identifier known by its label (MRN, serial no.): a label, an optional "number", "no.",
// "#", "is" or ":", and a token of letters, digits and dashes.
func labelled(labels ...string) *fastre.Pattern {
	l := `(?:` + strings.Join(labels, "|") + `)`
	return fastre.Compile(fastre.BoundaryStart + l + `(?:[\s-]+` + l + `)*(?:\s*(?:number|num\.?|no\.?|n[uú]mero|#|id|ids))?(?:\s*(?:is|was|es|:|=|-|of))?\s*(?:#\s*)?(?:ending in\s+)?([a-z0-9]+(?:[-/.][a-z0-9]+)*(?:\s\d{3,}){0,3})`)
}

// idToken reports whether a labelled token looks like an identifier: at least minDigits
// digits, and not a year on its own.
func idToken(tok string, minDigits int) bool {
	if countDigits(tok) < minDigits {
		return false
	}
	if len(tok) == 4 && countDigits(tok) == 4 && (tok[:2] == "19" || tok[:2] == "20") {
		return false
	}
	return true
}
