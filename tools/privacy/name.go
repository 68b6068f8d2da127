package privacy

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

var (
	// capSeq is a run of up to three capitalised words or initials: "Maria", "Ana
	// Lucía Pérez", "John F. Smith". It is matched by hand (capSeqAt), one word at a
	// time, and held to the expression by the tests.
	capSeq      = fastre.Compile(`\p{Lu}[\p{Ll}'’-]+(?:[ \t]+(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’-]+)){0,2}`).WithExact(capSeqAt)
	honorific   = fastre.Compile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Don|Doña)\.?[ \t]+\p{Lu}[\p{Ll}'’-]+(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?`)
	handle      = fastre.Compile(`(?:^|[\s(])(@[A-Za-z0-9_]{2,30})\b`)
	staffBefore = fastre.Compile(`(?i)(?:\b(?:dr|dra|doctor|doctora|nurse|np|pa|pharmacist|reviewer|reviewed by|written by|author|by|professor|prof|coach|chef|our|enfermera|enfermero|(?:volunteers?|staff|nurses|colleagues?|coworkers?|employees?|team members?|therapists?|technicians?|techs?|aides?|chaplains?|surgeons?|paramedics?) like|volunteer|chaplain|therapist|technician|surgeon|paramedic|receptionist|colleague|coworker)\.?\s*)$`)
	staffAfter  = fastre.CompileAtStart(`(?i)^(?:,?\s+(?:says|said|explains|explained|recommends|recommended|writes|wrote|reminds|shares|notes|answers|answered|asks|tells|told|agrees|adds|dice|explica|recomienda)\b|,\s*(?:md|rn|do|np|pa|pharmd|mph|phd|dnp|msn|bsn|lpn|cnm|rd)\b|,\s+one of (?:our|the) (?:[\w-]+\s+){0,2}(?:nurses|pharmacists|doctors|physicians|therapists|technicians|volunteers|surgeons|paramedics|staff)\b|,\s+(?:our|a|an|the|nuestra|nuestro)\s+(?:[\w-]+\s+){0,2}(?:nurse|pharmacist|doctor|physician|dietitian|midwife|educator|worker|specialist|director|manager|coordinator|volunteer|promotora|enfermera|therapist|technician|aide|chaplain|surgeon|paramedic|receptionist)s?(?:,|\s+(?:says|said|explains|answers|recommends|writes|shares|reminds|notes)\b))`)
	// nameEvent finds an unknown name right next to a strong patient verb: "Ximena was
	// admitted", "our patient Tobias".
	nameEventAfter  = fastre.Compile(`^\s+(?:` + strings.Join(eventVerbs, "|") + `)\s+(?:\w+\s+)?(?:` + strings.Join(eventWords, "|") + `)\b`).WithExact(nameEventAt)
	nameCueBefore   = fastre.Compile(`(?i)(?:\b(?:congratulations to|congrats to|shout-?out to|welcome(?: back)?|happy birthday(?: to)?|to see|meet|proud of|thank you|thanks|hugs to|love to|go|praying for|pray for|prayers for|thinking of|the family of|saw|visited|seeing|for your|check on|checking on|visit|visiting|dear|sending love to|love to|we lost|rest in peace|rip|keep|remembering|in memory of|felicidades a|bienvenid[oa])[,!:]?\s+)$`)
	nameCueAfter    = fastre.CompileAtStart(`^(?:(?:\s+from (?:our|my|the) [\w-]+)?\s+(?:had|has|got|suffered)\s+(?:a|an|her|his)\s+(?:stroke|heart attack|seizure|fall|surgery|baby|miscarriage|overdose)\b|\s+(?:came out of|is resting|was resting|was moved|was rushed|was taken|was airlifted|passed away|died|is in (?:the )?(?:icu|hospital|recovery|intensive care)|in (?:your|our) (?:prayers|thoughts)|ringing the bell|got through (?:her|his|their)|(?:is |was )?(?:celebrating|recovering|fighting|battling|beating)\b)|\s+(?:is|was)\s+(?:finally\s+|now\s+|still\s+|back\s+)?(?:home|out of|back home|recovering|doing (?:better|well|great|ok)|in (?:the )?(?:icu|er|hospital|surgery|rehab))\b|\s+(?:got|had|has|finished|started|beat|survived)\s+(?:her|his|their|my|a|an|the)\s+|,?\s+who\s+(?:was|is|has|had|finished|beat|survived|fought|got|came|spent|went|just)\b|,\s+(?:our|a|the)\s+(?:[\w-]+\s+){0,3}patient\b|'s\s+(?:surgery|treatment|recovery|diagnosis|transplant|chemo|procedure|care team|nurses?|doctors?)\b)`)
	nameEventBefore = fastre.Compile(`(?i)(?:\b(?:patient|paciente|treated|treating|discharged|admitted|examined|intubated|get well(?: soon)?|recover(?:y|ing)? of|la paciente|el paciente)[,:]?\s+)$`)
)

// eventVerbs and eventWords make nameEventAfter: " was admitted", " is still in the
// icu". Each list is in the expression's order of preference.
var (
	eventVerbs = []string{"was", "is", "has been", "had been", "got", "had", "were", "fue", "está", "estuvo"}
	eventWords = []string{"admitted", "discharged", "treated", "diagnosed", "seen", "rushed", "hospitalised", "hospitalized", "intubated",
		"in the icu", "in the nicu", "in the er", "in the hospital", "in icu", "in nicu", "in er", "in hospital",
		"recovering", "ingresado", "ingresada", "dado de alta", "dada de alta", "hospitalizado", "hospitalizada",
		"diagnosticado", "diagnosticada", "atendido", "atendida"}
)

// nameEventAt matches nameEventAfter at s (only at the start of the text): spaces, a
// verb, spaces, perhaps one word and spaces, and an event word ending a word. Each run
// of spaces or of word bytes is taken whole, as no other choice could go on; the verbs
// and event words are tried in the expression's order, the extra word first.
func nameEventAt(str string, s int) []int {
	if s != 0 {
		return nil
	}
	spaces := func(i int) int {
		for i < len(str) && isSpace(str[i]) {
			i++
		}
		return i
	}
	event := func(i int) int {
		for _, w := range eventWords {
			if strings.HasPrefix(str[i:], w) {
				if e := i + len(w); e == len(str) || !fastre.IsWordByte(str[e]) {
					return e
				}
			}
		}
		return -1
	}
	i := spaces(0)
	if i == 0 {
		return nil
	}
	for _, v := range eventVerbs {
		if !strings.HasPrefix(str[i:], v) {
			continue
		}
		j := spaces(i + len(v))
		if j == i+len(v) {
			continue
		}
		k := j
		for k < len(str) && fastre.IsWordByte(str[k]) {
			k++
		}
		if l := spaces(k); k > j && l > k {
			if e := event(l); e >= 0 {
				return []int{0, e}
			}
		}
		if e := event(j); e >= 0 {
			return []int{0, e}
		}
	}
	return nil
}

// findNames finds people's names in a patient context: a known given name, a name after
// Mr./Mrs./Ms., an @handle, or an unknown capitalised name right next to words such as
// "admitted" or "our patient" — when the sentence around it speaks of care, a
// diagnosis or a visit. Clinicians (after "Dr." or "Nurse"), speakers ("…, RN",
// "says"), public figures and the organisation's own people are not reported.
func findNames(s *scan) {
	// The names after a title are read as such, and not again as capitalised words.
	var titled []int
	for _, m := range honorific.FindAll(s.ti) {
		titled = append(titled, m[0])
		s.nameCandidate(m[0], m[1], true)
	}
	k := 0
	for _, m := range capSeq.FindAll(s.ti) {
		for k < len(titled) && titled[k] < m[0] {
			k++
		}
		if k < len(titled) && titled[k] == m[0] {
			continue
		}
		if m[0] > 0 && isAlnum(s.text[m[0]-1]) {
			continue
		}
		s.nameCandidate(m[0], m[1], false)
	}
	if strings.IndexByte(s.text, '@') < 0 {
		return // every handle has one
	}
	for _, m := range handle.FindAll(s.ti) {
		start, end := m[2], m[3]
		if has(patientContext, s.sentence(start, end, 120)) {
			s.add(Name, start, end, 0.8)
		}
	}
}

func (s *scan) nameCandidate(start, end int, honor bool) {
	toks := strings.Fields(s.text[start:end])
	if !honor {
		// Drop leading words that are not names ("Thanks Maria" → "Maria").
		for len(toks) > 0 && notNames[strings.ToLower(strings.Trim(toks[0], "'’-"))] {
			start += strings.Index(s.text[start:], toks[0]) + len(toks[0])
			for start < end && (s.text[start] == ' ' || s.text[start] == '\t') {
				start++
			}
			toks = toks[1:]
		}
		// Drop trailing words that are not names ("Maria Hospital").
		for len(toks) > 1 && notNames[strings.ToLower(toks[len(toks)-1])] {
			end = start + strings.LastIndex(s.text[start:end], toks[len(toks)-1])
			for end > start && (s.text[end-1] == ' ' || s.text[end-1] == '\t') {
				end--
			}
			toks = toks[:len(toks)-1]
		}
		// Drop a leading word that is not a name before a known given name ("Brave Maria").
		for len(toks) > 1 && !firstNames[strings.ToLower(toks[0])] && firstNames[strings.ToLower(toks[1])] {
			start += strings.Index(s.text[start:], toks[1])
			toks = toks[1:]
		}
		if len(toks) == 0 {
			return
		}
	}
	key := strings.ToLower(strings.Join(toks, " "))
	if honor {
		key = strings.ToLower(strings.Join(toks[1:], " "))
	}
	if s.g.names[key] || (len(toks) >= 2 && s.g.names[strings.ToLower(toks[0]+" "+toks[len(toks)-1])]) {
		return
	}
	first := strings.ToLower(strings.Trim(toks[0], "'’-"))
	first = strings.TrimSuffix(strings.TrimSuffix(first, "'s"), "’s")
	last := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(toks[len(toks)-1], "'s"), "’s"))
	// A known given name, a title, or an unknown given name followed by a common surname.
	known := honor || firstNames[first] || (len(toks) >= 2 && surnames[last] && !notNames[first])
	// The patterns anchored at the start of their window fail fast and run first; the
	// two that end at the candidate need the window to end in a space.
	before := s.text[max(0, start-30):start]
	spaceBefore := before != "" && isSpace(before[len(before)-1])
	event := nameEventAfter.MatchString(s.lower[end:min(len(s.lower), end+50)]) || spaceBefore && nameEventBefore.MatchString(before)
	// A cue and the sentence matter only when there is no event: each is read only then,
	// so that a text of names next to events costs a few short matches a name.
	cue := !event && (nameCueAfter.MatchString(s.lower[end:min(len(s.lower), end+60)]) || spaceBefore && nameCueBefore.MatchString(before))
	if !known && !event && !cue {
		return
	}
	if !known && notNames[first] {
		return
	}
	if staffBefore.MatchString(s.text[max(0, start-25):start]) || staffAfter.MatchString(s.text[end:min(len(s.text), end+60)]) {
		return
	}
	if event {
		s.add(Name, start, end, 0.85)
		return
	}
	sent := s.sentence(start, end, 150)
	if s.confirmationNear(start, end, 150) {
		sent += " patient" // a statement that confirms care is a patient context
	}
	switch {
	case cue && !known:
		if has(patientContext, sent) {
			s.add(Name, start, end, 0.8)
		} else if has(patientContext, s.nearby(start, end, 150)) {
			s.add(Name, start, end, 0.6)
		}
	case has(patientContext, sent):
		s.add(Name, start, end, 0.85)
	case has(patientContext, s.nearby(start, end, 200)):
		s.add(Name, start, end, 0.6)
	}
}

// capSeqAt matches capSeq at s: a capital letter and one or more lower-case letters,
// apostrophes or hyphens, then up to two more such words or initials ("F."), each after
// spaces or tabs. Every step is forced (no shorter run or other branch could lead to
// another match), so one pass finds what the expression finds.
func capSeqAt(str string, s int) []int {
	upper := func(i int) (int, bool) {
		r, n := utf8.DecodeRuneInString(str[i:])
		return i + n, i < len(str) && unicode.Is(unicode.Lu, r)
	}
	lowerRun := func(i int) int {
		for i < len(str) {
			r, n := utf8.DecodeRuneInString(str[i:])
			if !(r == '\'' || r == '’' || r == '-' || unicode.Is(unicode.Ll, r)) {
				break
			}
			i += n
		}
		return i
	}
	i, ok := upper(s)
	if !ok {
		return nil
	}
	e := lowerRun(i)
	if e == i {
		return nil
	}
	for range 2 {
		j := e
		for j < len(str) && (str[j] == ' ' || str[j] == '\t') {
			j++
		}
		if j == e {
			break
		}
		j, ok := upper(j)
		if !ok {
			break
		}
		if j < len(str) && str[j] == '.' {
			e = j + 1
			continue
		}
		t := lowerRun(j)
		if t == j {
			break
		}
		e = t
	}
	return []int{s, e}
}

// confirmationNear reports whether a patient confirmation was found within n bytes of
// [start, end). The confirmations are indexed on first use (they are all found before
// names), so that a text with many names costs a search each, not a pass over them.
func (s *scan) confirmationNear(start, end, n int) bool {
	if s.conf == nil {
		s.conf = &spanIndex{}
		for _, f := range s.out {
			if f.Type == Confirmation {
				s.conf.starts = append(s.conf.starts, f.Start)
				s.conf.ends = append(s.conf.ends, f.End)
			}
		}
		s.conf.build()
	}
	return s.conf.overlaps(start-n, end+n)
}

// spanIndex answers whether any of a set of spans reaches into a range.
type spanIndex struct {
	starts, ends []int
	// maxEnd[i] is the furthest end among the spans with the i+1 smallest starts.
	maxEnd []int
}

func (x *spanIndex) build() {
	idx := make([]int, len(x.starts))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x.starts[idx[a]] < x.starts[idx[b]] })
	starts := make([]int, len(idx))
	x.maxEnd = make([]int, len(idx))
	for k, i := range idx {
		starts[k] = x.starts[i]
		x.maxEnd[k] = x.ends[i]
		if k > 0 {
			x.maxEnd[k] = max(x.maxEnd[k], x.maxEnd[k-1])
		}
	}
	x.starts = starts
}

// overlaps reports whether a span begins at or before to and ends at or after from.
func (x *spanIndex) overlaps(from, to int) bool {
	k := sort.SearchInts(x.starts, to+1) // spans that begin at or before to
	return k > 0 && x.maxEnd[k-1] >= from
}

// isSpace reports whether c is one of the ASCII spaces \s matches.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
