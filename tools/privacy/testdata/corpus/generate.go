// Command generate writes the labelled evaluation corpus of the PHI guard:
// social-media-style posts, replies and captions with planted identifiers, and clean
// health copy full of numbers, dates and names that are not PHI.
//
// Each template is filled several times with random values. Templates, not samples,
// are split between the development set (dev.jsonl) and the held-out set
// (heldout.jsonl), so no sentence shape seen while developing is measured. A second
// held-out set (fresh.jsonl) comes from templates written after a first round of
// development (and was then used to improve names), and a third (unseen.jsonl) from
// templates written after a second round (then used for a third), and a last one
// (final.jsonl) from templates written after every change, measured once.
//
//	go run ./tools/privacy/testdata/corpus
//
// In a template, {TYPE} is a labelled identifier drawn at random, [[...]] marks a
// labelled patient confirmation, <<type:text>> labels literal text, and {~kind} is an
// unlabelled filler that is not PHI.
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
)

// fills is how many samples each template yields.
const fills = 8

type span struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type sample struct {
	ID       string `json:"id"`
	Template string `json:"template"`
	Text     string `json:"text"`
	Spans    []span `json:"spans"`
}

var slot = regexp.MustCompile(`\{(~?[A-Za-z0-9]+)\}|\[\[|\]\]|<<([a-z-]+):([^>]*)>>`)

func main() {
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Dir(self)
	rng := rand.New(rand.NewSource(20261127))
	var dev, held []sample
	groups := make([]string, 0, len(templates))
	for g := range templates {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, group := range groups {
		for i, t := range templates[group] {
			id := fmt.Sprintf("%s-%02d", group, i+1)
			for n := 0; n < fills; n++ {
				s := fill(rng, t)
				s.ID = fmt.Sprintf("%s-%d", id, n+1)
				s.Template = id
				// Templates 1, 2, 3 of every 5 are for development; 4 and 5 are held out.
				if i%5 < 3 {
					dev = append(dev, s)
				} else {
					held = append(held, s)
				}
			}
		}
	}
	var fresh []sample
	groups = groups[:0]
	for g := range freshTemplates {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, group := range groups {
		for i, t := range freshTemplates[group] {
			id := fmt.Sprintf("fresh-%s-%02d", group, i+1)
			for n := 0; n < fills; n++ {
				s := fill(rng, t)
				s.ID = fmt.Sprintf("%s-%d", id, n+1)
				s.Template = id
				fresh = append(fresh, s)
			}
		}
	}
	var unseen []sample
	groups = groups[:0]
	for g := range unseenTemplates {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, group := range groups {
		for i, t := range unseenTemplates[group] {
			id := fmt.Sprintf("unseen-%s-%02d", group, i+1)
			for n := 0; n < fills; n++ {
				s := fill(rng, t)
				s.ID = fmt.Sprintf("%s-%d", id, n+1)
				s.Template = id
				unseen = append(unseen, s)
			}
		}
	}
	var final []sample
	groups = groups[:0]
	for g := range finalTemplates {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, group := range groups {
		for i, t := range finalTemplates[group] {
			id := fmt.Sprintf("final-%s-%02d", group, i+1)
			for n := 0; n < fills; n++ {
				s := fill(rng, t)
				s.ID = fmt.Sprintf("%s-%d", id, n+1)
				s.Template = id
				final = append(final, s)
			}
		}
	}
	sortSamples(dev)
	sortSamples(held)
	sortSamples(fresh)
	sortSamples(unseen)
	sortSamples(final)
	for name, set := range map[string][]sample{"dev.jsonl": dev, "heldout.jsonl": held, "fresh.jsonl": fresh, "unseen.jsonl": unseen, "final.jsonl": final} {
		var b strings.Builder
		for _, s := range set {
			j, _ := json.Marshal(s)
			b.Write(j)
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Printf("dev: %d samples, held-out: %d, fresh: %d, unseen: %d, final: %d\n", len(dev), len(held), len(fresh), len(unseen), len(final))
}

func sortSamples(s []sample) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].ID < s[j-1].ID; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func fill(rng *rand.Rand, t string) sample {
	var b strings.Builder
	var s sample
	confStart := -1
	last := 0
	for _, m := range slot.FindAllStringSubmatchIndex(t, -1) {
		b.WriteString(t[last:m[0]])
		last = m[1]
		tok := t[m[0]:m[1]]
		switch {
		case strings.HasPrefix(tok, "<<"):
			// <<type:text>> labels literal text, such as a name written into a template.
			start := b.Len()
			b.WriteString(t[m[6]:m[7]])
			s.Spans = append(s.Spans, span{t[m[4]:m[5]], start, b.Len()})
		case tok == "[[":
			confStart = b.Len()
		case tok == "]]":
			s.Spans = append(s.Spans, span{"confirmation", confStart, b.Len()})
		default:
			kind := t[m[2]:m[3]]
			if strings.HasPrefix(kind, "~") {
				b.WriteString(filler(rng, kind[1:]))
				continue
			}
			start := b.Len()
			b.WriteString(value(rng, kind))
			s.Spans = append(s.Spans, span{labelOf(kind), start, b.Len()})
		}
	}
	b.WriteString(t[last:])
	s.Text = b.String()
	return s
}

func labelOf(kind string) string {
	switch kind {
	case "NAME", "FIRST", "HANDLE":
		return "name"
	case "DATE":
		return "date"
	case "AGE":
		return "age"
	case "PHONE", "PHONEPLAIN":
		return "phone"
	case "EMAIL":
		return "email"
	case "ADDRESS":
		return "address"
	case "ZIP", "ZIP4":
		return "zip"
	case "SSN", "SSNPLAIN":
		return "ssn"
	case "MRN":
		return "medical-record"
	case "PLAN", "MBI":
		return "health-plan"
	case "ACCOUNT", "CARD":
		return "account"
	case "DEA", "NPI", "LICENCE", "PLATE":
		return "licence"
	case "SERIAL", "UDI", "IMEI":
		return "device"
	case "URL":
		return "url"
	case "IP", "IPV6":
		return "ip"
	}
	panic("unknown slot " + kind)
}

func pick(rng *rand.Rand, xs ...string) string { return xs[rng.Intn(len(xs))] }

func digits(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(byte('0' + rng.Intn(10)))
	}
	return b.String()
}

// givenNames mixes common names with names the guard's dictionary does not hold, so the
// corpus measures more than a dictionary look-up.
var givenNames = strings.Fields(`Maria James Emma Carlos Aisha Tobias Ximena Nkechi Dmitri Siobhan Oluwaseun Priyanka
Mateo Hannah Bao Keanu Ingrid Rafael Zainab Thiago Mirela Kwabena Lucia Declan Yesenia Anneliese Wen Fatou
Jasper Marisol Callum Noor Efua Lorenzo Greta Tamsin Dolores Beatriz Renata Hiroko Olusegun Marguerite Ezekiel`)

var surnames = strings.Fields(`Garcia Smith Johnson Nguyen Okonkwo Kowalski Haddad Fitzgerald Ramirez Lindqvist Adeyemi
Brennan Castillo Moreau Patel Tanaka Novak Mensah Dubois Ferreira Ivanova Oyelaran Whitfield Quintero Halvorsen`)

func value(rng *rand.Rand, kind string) string {
	switch kind {
	case "NAME":
		if rng.Intn(3) == 0 {
			return pick(rng, givenNames...)
		}
		return pick(rng, givenNames...) + " " + pick(rng, surnames...)
	case "FIRST":
		return pick(rng, givenNames...)
	case "HANDLE":
		return "@" + strings.ToLower(pick(rng, givenNames...)) + pick(rng, "_", "", ".") + strings.ToLower(pick(rng, surnames...))[:3] + digits(rng, 2)
	case "DATE":
		month := pick(rng, "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December")
		day := 1 + rng.Intn(28)
		switch rng.Intn(6) {
		case 0:
			return fmt.Sprintf("%s %d", month, day)
		case 1:
			return fmt.Sprintf("%s %d, %d", month, day, 2020+rng.Intn(6))
		case 2:
			return fmt.Sprintf("%d/%d/%d", 1+rng.Intn(12), day, 2020+rng.Intn(6))
		case 3:
			return fmt.Sprintf("%s. %d%s", month[:3], day, pick(rng, "th", "th"))
		case 4:
			return fmt.Sprintf("%d/%d", 1+rng.Intn(12), day)
		default:
			return fmt.Sprintf("%d-%02d-%02d", 2020+rng.Intn(6), 1+rng.Intn(12), day)
		}
	case "AGE":
		return fmt.Sprint(90 + rng.Intn(16))
	case "PHONE":
		a, e, l := nanp(rng)
		switch rng.Intn(5) {
		case 0:
			return fmt.Sprintf("(%s) %s-%s", a, e, l)
		case 1:
			return fmt.Sprintf("%s-%s-%s", a, e, l)
		case 2:
			return fmt.Sprintf("%s.%s.%s", a, e, l)
		case 3:
			return fmt.Sprintf("+1 %s %s %s", a, e, l)
		default:
			return fmt.Sprintf("1-%s-%s-%s", a, e, l)
		}
	case "PHONEPLAIN":
		a, e, l := nanp(rng)
		return a + e + l
	case "EMAIL":
		return strings.ToLower(pick(rng, givenNames...)) + pick(rng, ".", "_", "") + strings.ToLower(pick(rng, surnames...)) + pick(rng, "", digits(rng, 2)) + "@" + pick(rng, "gmail.com", "yahoo.com", "outlook.com", "example.com", "example.net", "icloud.com")
	case "ADDRESS":
		num := fmt.Sprint(1 + rng.Intn(9899))
		street := pick(rng, "Maple", "Oak", "Cedar Hill", "Washington", "Pine", "Elm", "Lakeview", "Sunset", "Jefferson", "Willow Creek", "3rd", "12th", "Highland")
		typ := pick(rng, "Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive", "Court", "Blvd", "Way", "Place")
		if rng.Intn(4) == 0 {
			return fmt.Sprintf("%s %s %s, Apt %d", num, street, typ, 1+rng.Intn(40))
		}
		return fmt.Sprintf("%s %s %s", num, street, typ)
	case "ZIP":
		return fmt.Sprintf("%05d", 1000+rng.Intn(98000))
	case "ZIP4":
		return fmt.Sprintf("%05d-%04d", 1000+rng.Intn(98000), rng.Intn(10000))
	case "SSN":
		return fmt.Sprintf("%03d-%02d-%04d", 1+rng.Intn(665), 1+rng.Intn(99), 1+rng.Intn(9999))
	case "SSNPLAIN":
		return fmt.Sprintf("%03d%02d%04d", 1+rng.Intn(665), 1+rng.Intn(99), 1+rng.Intn(9999))
	case "MRN":
		return pick(rng, "", "", "MR", "A", "H-") + digits(rng, 6+rng.Intn(4))
	case "MBI":
		return mbi(rng)
	case "PLAN":
		return pick(rng, "XZ", "W", "BCB", "", "MBR") + digits(rng, 7+rng.Intn(4))
	case "ACCOUNT":
		return digits(rng, 6+rng.Intn(6))
	case "CARD":
		return card(rng)
	case "DEA":
		return dea(rng)
	case "NPI":
		return npi(rng)
	case "LICENCE":
		return pick(rng, "A", "MD", "RN", "D", "") + digits(rng, 5+rng.Intn(4))
	case "PLATE":
		return fmt.Sprintf("%d%s%s", 1+rng.Intn(9), pick(rng, "ABC", "KTR", "XJM", "HLP"), digits(rng, 3))
	case "SERIAL":
		return pick(rng, "SN", "PX", "G", "", "MDT-") + digits(rng, 5+rng.Intn(5)) + pick(rng, "", "A", "-K")
	case "UDI":
		return "(01)" + digits(rng, 14) + "(17)" + digits(rng, 6)
	case "IMEI":
		return luhnComplete(digits(rng, 14))
	case "URL":
		g, s := strings.ToLower(pick(rng, givenNames...)), strings.ToLower(pick(rng, surnames...))
		switch rng.Intn(6) {
		case 0:
			return "https://www.facebook.com/" + g + "." + s + digits(rng, 2)
		case 1:
			return "https://instagram.com/" + g + "_" + s
		case 2:
			return "https://www.gofundme.com/f/help-" + g + "-" + s + "-recover"
		case 3:
			return "https://mastodon.example/@" + g + s
		case 4:
			return "https://portal.example.com/visit?patient=" + digits(rng, 7)
		default:
			return "https://x.com/" + g + s[:3] + digits(rng, 2)
		}
	case "IP":
		return fmt.Sprintf("%d.%d.%d.%d", 11+rng.Intn(200), rng.Intn(256), rng.Intn(256), 1+rng.Intn(254))
	case "IPV6":
		return fmt.Sprintf("2001:db8:%x:%x::%x", rng.Intn(65536), rng.Intn(65536), 1+rng.Intn(65535))
	}
	panic("unknown slot " + kind)
}

// filler returns values that look like identifiers but are not PHI.
func filler(rng *rand.Rand, kind string) string {
	switch kind {
	case "public":
		return pick(rng, "Jonas Salk", "Dr. Jonas Salk", "Edward Jenner", "Louis Pasteur", "Florence Nightingale", "Alexander Fleming", "Virginia Apgar", "Maurice Hilleman", "Henrietta Lacks")
	case "staff":
		return pick(rng, "Dr. Ana Lima", "Nurse Priya Nair", "Dr. James Okafor", "Dr. Mei Chen", "Dr. Rosa Martinez", "Dr. Hana Sato")
	case "obs":
		return pick(rng, "World AIDS Day is December 1", "World Health Day falls on April 7", "World Immunization Week runs April 24-30", "World AMR Awareness Week runs November 18-24", "National Wear Red Day is the first Friday of February")
	case "deadline":
		return pick(rng, "October 31", "November 15", "the end of October", "March 1")
	case "crisis":
		return pick(rng, "call or text 988", "call 988", "dial 911", "call 911 or go to the nearest emergency department", "text MHA to 741741", "chat at 988lifeline.org")
	case "tollfree":
		return pick(rng, "1-800-662-4357", "1-800-273-8255", "(800) 232-4636", "1-800-232-4636")
	case "orgphone":
		return "(212) 555-0147"
	case "orgemail":
		return "factcheck@example.org"
	case "orglink":
		return pick(rng, "https://factdesk.example.org/factchecks/flu-shot-gives-flu/", "https://factdesk.example.org/factchecks/mmr-vaccine-autism/", "https://factdesk.example.org/contact/", "factdesk.example.org/book")
	case "publink":
		return pick(rng, "https://988lifeline.org/", "988lifeline.org")
	case "pct":
		return pick(rng, "90%", "95 percent", "99%", "92 percent", "1 in 4", "97%")
	case "year":
		return pick(rng, "1955", "1998", "2010", "2021", "1796", "1928", "2024")
	case "count":
		return pick(rng, "10,000", "250,000", "1.2 million", "12,500", "40,000", "650,000")
	case "first":
		return pick(rng, "Maria", "James", "Emma", "Carlos", "Sofia", "Daniel")
	}
	panic("unknown filler " + kind)
}

func nanp(rng *rand.Rand) (string, string, string) {
	for {
		a := fmt.Sprintf("%d%d%d", 2+rng.Intn(8), rng.Intn(9), rng.Intn(10))
		e := fmt.Sprintf("%d%s", 2+rng.Intn(8), digits(rng, 2))
		if a[1:] == "11" || e[1:] == "11" || a == "555" {
			continue
		}
		switch a {
		case "800", "833", "844", "855", "866", "877", "888":
			continue
		}
		return a, e, digits(rng, 4)
	}
}

func mbi(rng *rand.Rand) string {
	letters := "ACDEFGHJKMNPQRTUVWXY"
	l := func() byte { return letters[rng.Intn(len(letters))] }
	d := func() byte { return byte('0' + rng.Intn(10)) }
	b := []byte{byte('1' + rng.Intn(9)), l(), d(), d(), l(), d(), d(), l(), l(), d(), d()}
	return string(b)
}

func luhnComplete(prefix string) string {
	for c := 0; c < 10; c++ {
		s := prefix + fmt.Sprint(c)
		if luhn(s) {
			return s
		}
	}
	return prefix + "0"
}

func luhn(s string) bool {
	sum, dbl := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if dbl {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		dbl = !dbl
	}
	return sum%10 == 0
}

func card(rng *rand.Rand) string {
	n := luhnComplete(pick(rng, "4", "51", "37") + digits(rng, 14))
	if len(n) > 16 {
		n = n[:15]
		n = luhnComplete(n)
	}
	if rng.Intn(2) == 0 && len(n) == 16 {
		return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
	}
	return n
}

func npi(rng *rand.Rand) string {
	for {
		p := pick(rng, "1", "2") + digits(rng, 8)
		for c := 0; c < 10; c++ {
			if luhn("80840" + p + fmt.Sprint(c)) {
				return p + fmt.Sprint(c)
			}
		}
	}
}

func dea(rng *rand.Rand) string {
	first := pick(rng, "A", "B", "F", "G", "M")
	second := pick(rng, "B", "C", "K", "L", "R", "S", "T")
	d := digits(rng, 6)
	n := func(i int) int { return int(d[i] - '0') }
	check := (n(0) + n(2) + n(4) + 2*(n(1)+n(3)+n(5))) % 10
	return first + second + d + fmt.Sprint(check)
}
