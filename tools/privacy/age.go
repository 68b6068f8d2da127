package privacy

import (
	"strings"
	"unicode/utf8"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

var (
	ageStrong = fastre.Compile(`\b(?:9\d|1[01]\d|120)(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old\b|\b(?:9\d|1[01]\d|120)-?(?:year|yr)-old\b|\b(?:9\d|1[01]\d|120)\s*(?:yo|y/o|y\.o\.)(?:$|[^\p{L}])|\b(?:9\d|1[01]\d|120)(?:st|nd|rd|th)\s+birthday\b|\b(?:9\d|1[01]\d|120)\s+años\b|\bage[ds]?\s+(?:9\d|1[01]\d|120)\b`)
	ageWeak   = fastre.Compile(`\b(?:she's|he's|she’s|he’s|is|was|turned|turns|turning|at|of|reached|cumplió|tiene)\s+(?:9\d|1[01]\d|120)\b`).WithQuick(func(str string, s int) bool {
		// A word without spaces (eight bytes at most: "cumplió"), spaces, then a 9 or a 1.
		i := s
		for i < len(str) && i-s <= 8 && !isSpace(str[i]) {
			i++
		}
		j := i
		for j < len(str) && isSpace(str[j]) {
			j++
		}
		return j > i && j < len(str) && (str[j] == '9' || str[j] == '1')
	})
	// ageAppositive is an age set off by commas after a name: "Mrs. Castillo, 93, was".
	ageAppositive = fastre.Compile(`\p{Lu}[\p{Ll}'’-]+,\s*(9\d|1[01]\d|120),`).WithQuick(func(str string, s int) bool {
		// Lower-case letters, apostrophes or hyphens up to a comma, then spaces and an
		// age of 90 to 120 followed by a comma.
		_, size := utf8.DecodeRuneInString(str[s:])
		i := s + size
		for i < len(str) && str[i] != ',' {
			if c := str[i]; c < 0x80 && !(c >= 'a' && c <= 'z' || c == '\'' || c == '-') {
				return false
			}
			i++
		}
		for i++; i < len(str) && isSpace(str[i]); i++ {
		}
		r := str[min(i, len(str)):]
		digit := func(j int) bool { return j < len(r) && r[j] >= '0' && r[j] <= '9' }
		at := func(j int, c byte) bool { return j < len(r) && r[j] == c }
		return at(0, '9') && digit(1) && at(2, ',') || at(0, '1') && (at(1, '0') || at(1, '1')) && digit(2) && at(3, ',') || strings.HasPrefix(r, "120,")
	})
	ageGroup       = words(`and older`, `and over`, `or older`, `or over`, `\+`, `plus`, `people`, `adults`, `those`, `anyone`, `everyone`, `residents`, `seniors`, `americans`, `over`, `above`, `y mayores`, `o más`, `percent`, `%`, `per`, `mg`, `days`, `minutes`, `seconds`, `degrees`, `miles`, `pounds`, `lbs`)
	ageOrOlder     = words(`and older`, `and over`, `or older`, `or over`, `y mayores`, `o más`)
	ageGroupBefore = words(`over`, `above`, `adults`, `people`, `those`, `residents`, `mayores de`)
	agePerson      = words(`he`, `she`, `my`, `his`, `her`, `mom`, `dad`, `mother`, `father`, `grandma`, `grandpa`, `grandmother`, `grandfather`, `great-grandmother`, `great-grandfather`, `aunt`, `uncle`, `patient`, `mr\.?`, `mrs\.?`, `ms\.?`, `neighbor`, `abuel[oa]`, `mi`, `su`, `who`, `woman`, `man`, `nana`, `granny`, `gran`, `grandson`, `granddaughter`, `grandparent`, `auntie`, `she's`, `he's`, `she’s`, `he’s`)
)

// findAges finds ages over 89, which Safe Harbor requires to be grouped as "90 or
// older": "94-year-old", "aged 101", "my grandmother turned 96". Population groups
// ("adults 90 and older") and other quantities ("95 percent") are not reported.
func findAges(s *scan) {
	for _, m := range ageStrong.FindAll(s.li) {
		start, end := m[0], m[1]
		after := s.after(end, 15)
		if has(ageOrOlder, after) || has(ageGroupBefore, s.before(start, 12)) {
			continue
		}
		s.add(Age, start, end, 0.85)
	}
	for _, m := range ageAppositive.FindAll(s.ti) {
		s.add(Age, m[2], m[3], 0.8)
	}
	for _, m := range ageWeak.FindAll(s.li) {
		start, end := m[0], m[1]
		if has(ageGroup, s.after(end, 15)) || (end < len(s.text) && (s.text[end] == '%' || s.text[end] == '+' || s.text[end] == '.' && end+1 < len(s.text) && s.text[end+1] >= '0' && s.text[end+1] <= '9')) {
			continue
		}
		pronoun := strings.HasPrefix(s.lower[start:end], "she") || strings.HasPrefix(s.lower[start:end], "he")
		if pronoun || has(agePerson, s.before(start, 40)) {
			score := 0.75
			if has(patientContext, s.sentence(start, end, 100)) {
				score = 0.85
			}
			s.add(Age, start, end, score)
		}
	}
}
