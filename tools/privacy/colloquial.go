package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds patient details written the way people write comments: names in
// lower case next to a relative and a clinical word, English and Spanish; numbers
// spelled out in words; e-mail addresses with "dot" and "at"; phone numbers broken up
// by spaces, dots or emoji; "we treated your son"; and room or bed locations next to a
// person. It works on words, read once from left to right, and looks only at a fixed
// number of words around each one, so its time is linear in the text.

// word is one word of the text, with its byte offsets and its lower-case form.
type word struct {
	start, end int
	low        string
}

// splitWords splits text into words: runs of letters, digits and the characters an e-mail
// address may hold (._%+-'), with a spaced-out '@' a word of its own. A trailing dot or
// hyphen is not part of a word. lower is text with its ASCII letters in lower case (the
// same length): an ASCII word's lower-case form is cut from it rather than built.
func splitWords(text, lower string) []word {
	out := make([]word, 0, len(text)/6+16) // a word and its space: about six bytes
	i := 0
	for i < len(text) {
		c := text[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if r == '@' {
			// Only a spaced-out '@' ("sue_h @ example . org"); a plain address is the
			// e-mail recognizer's.
			if i > 0 && text[i-1] == ' ' || i+1 < len(text) && text[i+1] == ' ' {
				out = append(out, word{i, i + 1, "@"})
			}
			i++
			continue
		}
		if !wordRune(r) {
			i += n
			continue
		}
		j := i
		ascii := true
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if !wordRune(r) {
				break
			}
			ascii = false
			j += n
		}
		e := j
		for e > i && strings.ContainsRune(".-'_", rune(text[e-1])) {
			e--
		}
		switch {
		case e > i && ascii:
			out = append(out, word{i, e, lower[i:e]})
		case e > i:
			out = append(out, word{i, e, strings.ToLower(text[i:e])})
		case text[i:j] == ".":
			out = append(out, word{i, j, "."}) // "example . org"
		}
		i = j
	}
	return out
}

func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
}

// asciiWord marks the ASCII bytes wordRune accepts.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		t[c] = unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune("._%+-'", c)
	}
	return t
}()

// Word lists, lower case. They name what is allowed to make a reading: a relative or
// a person, a clinical event, a spelled-out digit.
var (
	relatives = setOf(`my mi mis su sus neighbour neighbor cousin aunt auntie uncle brother sister grandpa grandma
grandmother grandfather grandad granddad granny nana grandson granddaughter coworker co-worker daughter son dad
mom mum mother father wife husband friend nephew niece roommate mother-in-law father-in-law sister-in-law
brother-in-law stepson stepdaughter boyfriend girlfriend partner baby little patient paciente tía tia tío tio
abuela abuelo abuelita abuelito hijo hija esposo esposa marido mamá mama papá papa hermano hermana primo prima
suegra suegro nieto nieta sobrino sobrina amigo amiga vecino vecina novio novia señora señor sra sr don doña
mrs mr ms miss`)
	careWords = setOf(`admitted admited admit discharged hospitalised hospitalized hospitalizada hospitalizado hospital
icu er ward unit diagnosed diagnosis surgery operated chemo chemotherapy radiation dialysis ventilator treated
treatment overdose stitches stroke seizure cancer pneumonia meningitis asthma diabetes depresion depression
positive biopsy ambulance recovering discharge internada internado internados ingresada ingresado operaron
operado operada quimioterapia diagnosticado diagnosticada diagnosticaron terapia intensiva urgencias atendido
atendida atienden cirugía cirugia parto complicaciones neumonía dengue cáncer cancer alta sala cama emergencias
seen patient paciente care clinic clínica clinica hiv infarto heart attack saved crash accident accidente`)
	relationTies = setOf(`son daughter mother mom mum father dad husband wife grandson granddaughter grandmother grandfather
grandma grandpa brother sister baby child kid parent partner hijo hija esposo esposa marido mamá mama papá papa
madre padre abuela abuelo nieto nieta hermano hermana bebé bebe`)
	careEvents = setOf(`treated admitted seen saw discharged examined operated cared patient tested test results
atendido atendida internado internada ingresado ingresada operado operada dado dada alta paciente hospitalizado
hospitalizada`)
	digitWords = map[string]bool{"zero": true, "oh": true, "one": true, "two": true, "three": true, "four": true,
		"five": true, "six": true, "seven": true, "eight": true, "nine": true, "cero": true, "uno": true, "dos": true,
		"tres": true, "cuatro": true, "cinco": true, "seis": true, "siete": true, "ocho": true, "nueve": true}
	dotWords = setOf(`dot punto .`)
	atWords  = setOf(`at arroba @`)
	tlds     = setOf(`com org net edu gov es mx co io us uk info ar cl pe ca`)
	// nameStop are words that follow a relative but are not a surname.
	nameStop = setOf(`is was has had got says said swears wants asks always from in at on and the a an to for with
who that es fue está esta tiene se lo la el de del y en con que por para if asks by`)
	// predicates follow a name in a sentence about the person.
	predicates = setOf(`is was has had got gets getting went fue está esta estuvo tiene tuvo recibe sigue lleva`)
)

// findColloquial runs the readings described at the top of this file.
func findColloquial(s *scan) {
	ws := splitWords(s.text, s.lower)
	if len(ws) == 0 {
		return
	}
	// One look-up per word says which readings it can start; most words start none.
	bits := make([]uint16, len(ws))
	care := make([]int, len(ws)+1)
	for i, w := range ws {
		bits[i] = triggers[w.low]
		care[i+1] = care[i]
		if bits[i]&tCare != 0 {
			care[i+1]++
		}
	}
	careNear := func(i, k int) bool { return care[min(len(ws), i+k+1)]-care[max(0, i-k)] > 0 }
	for i := range ws {
		b := bits[i]
		if b == 0 && (i == 0 || bits[i-1]&tRel == 0) {
			continue
		}
		colloquialName(s, ws, i, careNear)
		if b&tDigit != 0 {
			spelledDigits(s, ws, i)
		}
		if b&tOver89 != 0 {
			spelledAge(s, ws, i)
		}
		if b&tAt != 0 {
			obfuscatedEmail(s, ws, i)
		}
		if b&tYour != 0 {
			relationCare(s, ws, i)
		}
		if b&tRoom != 0 {
			roomOrBed(s, ws, i)
		}
		if b&tStreet != 0 {
			spanishStreet(s, ws, i)
		}
		if b&tCareDated != 0 {
			careDate(s, ws, i)
		}
	}
	brokenPhone(s)
}

// colloquialName: a relative ("my neighbour", "mi tía", "doña"), then a known given
// name and a surname in any case, with a clinical word within twelve words.
func colloquialName(s *scan, ws []word, i int, careNear func(int, int) bool) {
	if i == 0 || i+1 >= len(ws) || !careNear(i, 12) {
		return
	}
	if !firstNames[ws[i].low] {
		// A given name the list lacks: "my dad ernesto vega is ...", read only right
		// after a relative and before a verb.
		if !relationTies[ws[i-1].low] && !relatives[ws[i-1].low] || ws[i-1].low == "my" || ws[i-1].low == "mi" || ws[i-1].low == "su" ||
			i+2 >= len(ws) || !predicates[ws[i+2].low] || !isLetters(ws[i].low) || nameStop[ws[i].low] || careWords[ws[i].low] || relatives[ws[i].low] {
			return
		}
	}
	rel := false
	for k := max(0, i-3); k < min(len(ws), i+5); k++ {
		if k == i || k == i+1 {
			continue
		}
		if relatives[ws[k].low] {
			rel = true
		}
	}
	sur := ws[i+1]
	if !rel || nameStop[sur.low] || careWords[sur.low] || relatives[sur.low] || !isLetters(sur.low) || sur.start-ws[i].end > 2 {
		return
	}
	key := ws[i].low + " " + sur.low
	if s.g.names[key] || s.g.names[sur.low] {
		return // staff and public figures named in factdesk.yaml
	}
	s.add(Name, ws[i].start, sur.end, 0.8)
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}

// spelledDigits: seven or more digits spelled out in words, a phone number.
func spelledDigits(s *scan, ws []word, i int) {
	if !digitWords[ws[i].low] || (i > 0 && digitWords[ws[i-1].low] && gapOK(s.text, ws[i-1].end, ws[i].start)) {
		return // not the first of a run
	}
	j := i
	for j+1 < len(ws) && digitWords[ws[j+1].low] && gapOK(s.text, ws[j].end, ws[j+1].start) {
		j++
	}
	if j-i+1 >= 7 {
		s.add(Phone, ws[i].start, ws[j].end, 0.85)
	}
}

// gapOK: the words are separated only by spaces, commas or hyphens.
func gapOK(text string, a, b int) bool {
	return b-a <= 3 && strings.Trim(text[a:b], " ,-") == ""
}

var (
	over89   = setOf(`ninety ninety-one ninety-two ninety-three ninety-four ninety-five ninety-six ninety-seven ninety-eight ninety-nine hundred noventa cien ciento`)
	ageVerbs = setOf(`is turned turns aged age tiene cumplió cumplio cumple was`)
)

// spelledAge: an age over 89 spelled out ("is ninety-three", "tiene noventa y dos
// años", "a hundred and one").
func spelledAge(s *scan, ws []word, i int) {
	if !over89[ws[i].low] {
		return
	}
	verb := false
	for k := max(0, i-3); k < i; k++ {
		if ageVerbs[ws[k].low] {
			verb = true
		}
	}
	for k := i + 1; k < min(len(ws), i+5); k++ {
		if ws[k].low == "years" || ws[k].low == "años" || ws[k].low == "yrs" {
			verb = true
		}
	}
	if verb {
		s.add(Age, ws[i].start, ws[i].end, 0.8)
	}
}

// obfuscatedEmail: "maria dot lopez at gmail dot com", "pat.k (at) example.org",
// "lucia punto fernandez arroba gmail punto com". The address is allowed as the
// organisation's own when its plain form is.
func obfuscatedEmail(s *scan, ws []word, i int) {
	if !atWords[ws[i].low] || i == 0 || i+1 >= len(ws) {
		return
	}
	if ws[i].low == "@" && s.text[ws[i-1].end:ws[i].start] == "" && s.text[ws[i].end:ws[i+1].start] == "" {
		return // a plain address: the e-mail recognizer has it
	}
	// The host: words joined by dots or "dot", ending in a top-level domain.
	dotWord := false // "dot" or "punto" written out
	var host []string
	end := -1
	k := i + 1
	for k < len(ws) && len(host) < 6 {
		w := ws[k].low
		if !hostWord(w) {
			break
		}
		host = append(host, w)
		if parts := strings.Split(w, "."); len(host) > 1 || len(parts) > 1 {
			if tlds[parts[len(parts)-1]] {
				end = k
			}
		}
		if k+2 < len(ws) && dotWords[ws[k+1].low] {
			dotWord = dotWord || ws[k+1].low != "."
			k += 2
			continue
		}
		break
	}
	if end < 0 {
		return
	}
	// The local part: one word, or words joined by "dot"/"underscore".
	start := i - 1
	if !hostWord(ws[start].low) && !strings.ContainsAny(ws[start].low, "_%+") {
		return
	}
	local := ws[start].low
	for start >= 2 && start > i-9 && (dotWords[ws[start-1].low] || ws[start-1].low == "underscore") && hostWord(ws[start-2].low) && !nameStop[ws[start-2].low] && !relatives[ws[start-2].low] {
		local = ws[start-2].low + "." + local
		start -= 2
		dotWord = true
	}
	// "chat at 988lifeline.org" is prose with a web address: a plain lower-case "at"
	// between a plain word and a plain domain is not an address.
	bracketed := ws[i].start > 0 && strings.ContainsRune("([{", rune(s.text[ws[i].start-1]))
	if s.text[ws[i].start:ws[i].end] == "at" && !bracketed && !dotWord && isLetters(local) {
		return
	}
	hostName := strings.Join(hostTrim(host, ws, i+1, end), ".")
	addr := local + "@" + hostName
	if s.g.allowEmails[addr] || s.g.allowHosts[hostName] {
		return
	}
	s.add(Email, ws[start].start, ws[end].end, 0.9)
}

func hostTrim(host []string, ws []word, from, end int) []string {
	n := 0
	for k := from; k <= end; k += 2 {
		n++
	}
	if n < len(host) {
		return host[:n]
	}
	return host
}

func hostWord(w string) bool {
	if w == "" || dotWords[w] || atWords[w] {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("._-%+", r)) {
			return false
		}
	}
	return true
}

// relationCare: "we treated your son", "your mother was seen", "su hijo fue
// atendido": the organisation speaking of the reader's relative with a care event.
func relationCare(s *scan, ws []word, i int) {
	if (ws[i].low != "your" && ws[i].low != "su") || i+1 >= len(ws) || !relationTies[strings.TrimSuffix(strings.TrimSuffix(ws[i+1].low, "'s"), "’s")] {
		return
	}
	from, to := ws[i].start, ws[i+1].end
	hit := false
	for k := max(0, i-3); k < i; k++ {
		if careEvents[ws[k].low] {
			hit, from = true, ws[k].start
		}
	}
	for k := i + 2; k < min(len(ws), i+6); k++ {
		if ws[k].low == "can" || ws[k].low == "puede" || ws[k].low == "if" || ws[k].low == "si" {
			break // a question or advice, not a confirmation
		}
		if careEvents[ws[k].low] || careWords[ws[k].low] && ws[k].low != "care" {
			hit, to = true, ws[k].end
			break
		}
	}
	if hit && !(i > 0 && (ws[i-1].low == "can" || ws[i-1].low == "puede")) {
		s.add(Confirmation, from, to, 0.8)
	}
}

var roomWords = setOf(`room bed cama habitación habitacion cuarto`)

// roomOrBed: a room or bed ("room 418", "cama 3", "in 4B") with a relative or a
// title (Mrs., señora) near it.
func roomOrBed(s *scan, ws []word, i int) {
	w := ws[i].low
	var at int
	switch {
	case roomWords[w] && i+1 < len(ws) && hasDigit(ws[i+1].low) && len(ws[i+1].low) <= 5:
		at = i + 1
	case w == "in" && i+1 < len(ws) && roomCode(ws[i+1].low):
		at = i + 1
	default:
		return
	}
	person := false
	for k := max(0, i-6); k < min(len(ws), at+8); k++ {
		if relatives[ws[k].low] && ws[k].low != "su" && ws[k].low != "patient" && ws[k].low != "paciente" {
			person = true
		}
	}
	if person {
		s.add(Confirmation, ws[i].start, ws[at].end, 0.75)
	}
}

func hasDigit(w string) bool { return strings.IndexFunc(w, unicode.IsDigit) >= 0 }

// roomCode: one to three digits and one letter, or a letter and digits ("4b", "b12").
func roomCode(w string) bool {
	if len(w) < 2 || len(w) > 4 {
		return false
	}
	d, l := 0, 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			d++
		case r >= 'a' && r <= 'z':
			l++
		default:
			return false
		}
	}
	return l == 1 && d >= 1 && (w[0] >= 'a' || w[len(w)-1] >= 'a')
}

// brokenPhone: ten digits (eleven with a leading 1) in groups split by anything but
// letters, digits and commas (spaces, dots, underscores, emoji), no gap longer than
// eight bytes nor a sentence end.
func brokenPhone(s *scan) {
	t := s.text
	i := 0
	for i < len(t) {
		if !isDigit(t[i]) || (i > 0 && isAlnum(t[i-1])) {
			i++
			continue
		}
		start, end, n, groups := i, i, 0, 0
		j := i
		for j < len(t) {
			g := j
			for j < len(t) && isDigit(t[j]) {
				j++
			}
			if j == g {
				break
			}
			n += j - g
			groups++
			end = j
			if n > 11 {
				break
			}
			k := j
			for k < len(t) && k-j <= 8 && !isAlnum(t[k]) && t[k] != '\n' {
				k++
			}
			if k == j || k-j > 8 || k >= len(t) || !isDigit(t[k]) || strings.Contains(t[j:k], ",") || strings.Contains(t[j:k], ". ") {
				break // "250,000" and "in 2010. 650" are figures, not a phone number
			}
			j = k
		}
		if groups >= 2 && (n == 10 || n == 11 && t[start] == '1') && (end >= len(t) || !isAlnum(t[end])) && !tollFree(digitsOnly(t[start:end])) {
			s.add(Phone, start, end, 0.85)
		}
		if end > i {
			i = end
		} else {
			i++
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var (
	streetWords = setOf(`calle avenida av avda calzada carrera cra pasaje callejón callejon camino`)
	weekdays    = setOf(`monday tuesday wednesday thursday friday saturday sunday lunes martes miércoles miercoles jueves viernes sábado sabado domingo`)
	careDated   = setOf(`admitted admited discharged hospitalised hospitalized internada internado ingresada ingresado operaron operado operada surgery cirugía cirugia seen atendido atendida`)
)

// spanishStreet: "calle de los olivos 45", "av. libertad 300": a street word, then a
// house number within five words.
func spanishStreet(s *scan, ws []word, i int) {
	if !streetWords[ws[i].low] {
		return
	}
	for k := i + 1; k < min(len(ws), i+6); k++ {
		w := ws[k].low
		if len(w) <= 5 && strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
			s.add(Address, ws[i].start, ws[k].end, 0.8)
			return
		}
	}
}

// careDate: a clinical event followed by a weekday or a day of the month ("admitted
// last Tuesday the 14th", "internada el martes 14").
func careDate(s *scan, ws []word, i int) {
	if !careDated[ws[i].low] {
		return
	}
	for k := i + 1; k < min(len(ws), i+5); k++ {
		w := ws[k].low
		if weekdays[w] || ordinalDay(w) {
			s.add(Date, ws[k].start, ws[k].end, 0.75)
			return
		}
	}
}

func ordinalDay(w string) bool {
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 {
		return false
	}
	switch w[n:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// tollFree: a toll-free number (800, 888, ...) is a public helpline, not a person's.
func tollFree(d string) bool {
	if len(d) == 11 {
		d = d[1:]
	}
	switch d[:3] {
	case "800", "833", "844", "855", "866", "877", "888":
		return true
	}
	return false
}

const (
	tCare uint16 = 1 << iota
	tRel
	tFirst
	tDigit
	tOver89
	tAt
	tYour
	tRoom
	tStreet
	tCareDated
)

// triggers maps each word to the readings it takes part in.
var triggers = func() map[string]uint16 {
	m := map[string]uint16{}
	for bit, set := range map[uint16]map[string]bool{
		tCare: careWords, tRel: relatives, tFirst: firstNames, tDigit: digitWords, tOver89: over89,
		tAt: atWords, tYour: {"your": true, "su": true}, tRoom: roomWords, tStreet: streetWords, tCareDated: careDated,
	} {
		for w := range set {
			m[w] |= bit
		}
	}
	for w := range relationTies {
		m[w] |= tRel
	}
	m["in"] |= tRoom
	return m
}()
