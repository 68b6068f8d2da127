// Package privacy is factdesk's PHI guard: it finds the HIPAA Safe Harbor identifiers
// that social copy, fact-checks and replies can carry — names of people in a patient
// context, dates tied to a person, ages over 89, phone and fax numbers, emails, street
// addresses, ZIP codes, SSNs, medical record, health plan, account, licence and device
// numbers, URLs and IP addresses that identify a person — and statements that confirm
// someone is a patient.
//
// Each identifier has its own recognizer (one file each). A recognizer proposes spans
// with a base score; validation (SSN ranges, Luhn, NPI and DEA check digits, NANP
// rules) and the words around a span raise or lower it, in the manner of Microsoft
// Presidio. Spans scoring below the threshold are dropped.
//
// A Finding holds the identifier's type and byte offsets, never the matched text, so
// that what reports it cannot repeat it by accident.
package privacy

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Type is a kind of identifier.
type Type string

// The identifier types the guard recognizes.
const (
	Name          Type = "name"
	Date          Type = "date"
	Age           Type = "age"
	Phone         Type = "phone"
	Email         Type = "email"
	Address       Type = "address"
	ZIP           Type = "zip"
	SSN           Type = "ssn"
	MedicalRecord Type = "medical-record"
	HealthPlan    Type = "health-plan"
	Account       Type = "account"
	Licence       Type = "licence"
	Device        Type = "device"
	URL           Type = "url"
	IP            Type = "ip"
	Confirmation  Type = "confirmation"
)

// Types lists every Type in a stable order.
var Types = []Type{Name, Date, Age, Phone, Email, Address, ZIP, SSN, MedicalRecord, HealthPlan, Account, Licence, Device, URL, IP, Confirmation}

// FixedFormat lists the types whose identifiers have a fixed, checkable format.
var FixedFormat = []Type{Phone, Email, SSN, ZIP, IP}

var descriptions = map[Type]string{
	Name:          "a person's name in a patient context",
	Date:          "a date tied to a person, more specific than the year",
	Age:           "an age over 89",
	Phone:         "a phone or fax number",
	Email:         "an email address",
	Address:       "a street address",
	ZIP:           "a ZIP code beyond its first three digits",
	SSN:           "a Social Security number",
	MedicalRecord: "a medical record number",
	HealthPlan:    "a health plan or member number",
	Account:       "an account or card number",
	Licence:       "a licence or certificate number",
	Device:        "a device identifier or serial number",
	URL:           "a web address that identifies a person",
	IP:            "an IP address",
	Confirmation:  "a statement that confirms someone is or was a patient",
}

// Describe returns a short English description of t, for messages.
func (t Type) Describe() string {
	if d, ok := descriptions[t]; ok {
		return d
	}
	return string(t)
}

// Finding is a span of text that holds an identifier. It never carries the text itself.
type Finding struct {
	Type Type `json:"type"`
	// Start and End are byte offsets into the scanned text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Score is the confidence, from 0 to 1.
	Score float64 `json:"score"`
}

// Options configure a Guard.
type Options struct {
	// Allow lists the organisation's own public contact details — phone numbers, email
	// addresses, street addresses, web addresses or domains — that may appear anywhere.
	Allow []string
	// Names lists people whose names are public in health copy (staff, reviewers, public
	// figures) in addition to the built-in list of well-known figures.
	Names []string
	// Threshold is the lowest score reported; 0 means DefaultThreshold.
	Threshold float64
}

// DefaultThreshold is the lowest score a finding needs to be reported.
const DefaultThreshold = 0.5

// ErrorScore is the score from which a finding blocks rather than warns.
const ErrorScore = 0.8

// Guard scans text for identifiers. It is safe for concurrent use.
type Guard struct {
	threshold   float64
	allowDigits map[string]bool
	allowText   []string
	allowHosts  map[string]bool
	allowEmails map[string]bool
	names       map[string]bool
}

// New returns a Guard configured by opts.
func New(opts Options) *Guard {
	g := &Guard{threshold: opts.Threshold, allowDigits: map[string]bool{}, allowHosts: map[string]bool{}, allowEmails: map[string]bool{}, names: map[string]bool{}}
	if g.threshold <= 0 {
		g.threshold = DefaultThreshold
	}
	for _, a := range opts.Allow {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		la := strings.ToLower(a)
		switch {
		case strings.Contains(la, "://") || (strings.Contains(la, ".") && !strings.ContainsAny(la, " @") && !hasDigitRun(la, 3)):
			if u, err := url.Parse(withScheme(la)); err == nil && u.Host != "" {
				g.allowHosts[strings.TrimPrefix(u.Hostname(), "www.")] = true
			}
		case strings.HasPrefix(la, "@") && strings.Contains(la, "."):
			g.allowHosts[strings.TrimPrefix(la, "@")] = true // every address at a domain
		case strings.Contains(la, "@") && !strings.HasPrefix(la, "@"):
			g.allowEmails[la] = true
		}
		if d := digitsOnly(a); len(d) >= 7 && len(d) <= 11 && !strings.ContainsAny(la, "abcdefghijklmnopqrstuvwxyz") {
			g.allowDigits[lastN(d, 10)] = true
		}
		g.allowText = append(g.allowText, normSpace(la))
	}
	for _, n := range append(append([]string(nil), publicFigures...), opts.Names...) {
		for _, part := range nameKeys(n) {
			g.names[part] = true
		}
	}
	return g
}

// nameKeys returns the lower-case forms under which a name is allowed: the full name
// and the surname with the given name.
func nameKeys(n string) []string {
	n = strings.ToLower(normSpace(strings.NewReplacer(".", " ", ",", " ").Replace(n)))
	f := strings.Fields(n)
	var out []string
	if len(f) > 0 {
		out = append(out, strings.Join(f, " "))
	}
	if len(f) > 2 {
		out = append(out, f[0]+" "+f[len(f)-1])
	}
	return out
}

type recognizer func(s *scan)

// recognizers run in this order; each lives in the file named for its identifier.
var recognizers = []recognizer{
	findEmails, findURLs, findIPs, findSSNs, findPhones, findZIPs, findAddresses,
	findMedicalRecords, findHealthPlans, findAccounts, findLicences, findDevices,
	findDates, findAges, findConfirmations, findNames, findColloquial, // names read the confirmations
}

// Scan returns the identifiers found in text, in order of position.
func (g *Guard) Scan(text string) []Finding {
	s := newScan(g, text)
	for _, r := range recognizers {
		r(s)
	}
	var out []Finding
	for _, f := range s.out {
		if f.Score >= g.threshold && !g.allowed(text, f) {
			out = append(out, f)
		}
	}
	return resolve(out)
}

// resolve drops findings that overlap a stronger finding of another type, except
// confirmations, which are statements and may contain other identifiers.
func resolve(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Start != fs[j].Start {
			return fs[i].Start < fs[j].Start
		}
		return fs[i].End > fs[j].End
	})
	keep := make([]bool, len(fs))
	for i := range fs {
		keep[i] = true
	}
	for i := range fs {
		if !keep[i] {
			continue
		}
		for j := i + 1; j < len(fs) && fs[j].Start < fs[i].End; j++ {
			if !keep[j] {
				continue
			}
			a, b := &fs[i], &fs[j]
			if a.Type == b.Type {
				a.End = max(a.End, b.End)
				a.Score = max(a.Score, b.Score)
				keep[j] = false
				continue
			}
			if a.Type == Confirmation || b.Type == Confirmation {
				continue
			}
			if b.Score > a.Score || (b.Score == a.Score && b.End-b.Start > a.End-a.Start) {
				keep[i] = false
				break
			}
			keep[j] = false
		}
	}
	var out []Finding
	for i, f := range fs {
		if keep[i] {
			out = append(out, f)
		}
	}
	return out
}

// allowed reports whether a finding is one of the organisation's own contact details.
func (g *Guard) allowed(text string, f Finding) bool {
	m := text[f.Start:f.End]
	lm := strings.ToLower(m)
	switch f.Type {
	case Phone:
		return g.allowDigits[lastN(digitsOnly(m), 10)] || g.allowDigits[digitsOnly(m)]
	case Email:
		if g.allowEmails[lm] {
			return true
		}
		if i := strings.LastIndexByte(lm, '@'); i >= 0 {
			return g.allowHosts[lm[i+1:]]
		}
	case URL:
		if u, err := url.Parse(withScheme(strings.TrimRight(lm, ".,;:!?"))); err == nil {
			h := strings.TrimPrefix(u.Hostname(), "www.")
			if g.allowHosts[h] {
				return true
			}
			// The organisation's own profile: the path is one of its handles.
			if seg, _, _ := strings.Cut(strings.Trim(u.Path, "/"), "/"); seg != "" {
				for _, a := range g.allowText {
					if strings.HasPrefix(a, "@") && strings.TrimPrefix(seg, "@") == strings.SplitN(a[1:], "@", 2)[0] {
						return true
					}
				}
			}
			for _, a := range g.allowText {
				if strings.Contains(a, "/") && strings.HasPrefix(strings.TrimPrefix(strings.TrimPrefix(withScheme(lm), "https://"), "www."), strings.TrimPrefix(strings.TrimPrefix(withScheme(a), "https://"), "www.")) {
					return true
				}
			}
		}
	}
	n := normSpace(lm)
	for _, a := range g.allowText {
		if n == a || (len(a) >= 8 && strings.Contains(a, n)) {
			return true
		}
	}
	return false
}

func withScheme(s string) string {
	if strings.Contains(s, "://") {
		return strings.Replace(s, "http://", "https://", 1)
	}
	return "https://" + s
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lastN(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func hasDigitRun(s string, n int) bool {
	run := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

var spaceRun = regexp.MustCompile(`\s+`)

// normSpace trims s and turns each run of spaces in it into one space. Most spans hold
// single spaces only and are just trimmed.
func normSpace(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && isSpace(c) || c == ' ' && i+1 < len(s) && isSpace(s[i+1]) {
			return strings.TrimSpace(spaceRun.ReplaceAllString(s, " "))
		}
	}
	return strings.TrimSpace(s)
}

// Redact returns text with each finding's span replaced by its type in brackets, for
// showing a reviewer where the guard found something without showing what.
func Redact(text string, fs []Finding) string {
	sorted := append([]Finding(nil), fs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var b strings.Builder
	last := 0
	for _, f := range sorted {
		if f.Start < last {
			if f.End > last {
				last = f.End
			}
			continue
		}
		b.WriteString(text[last:f.Start])
		b.WriteString("[" + string(f.Type) + "]")
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}
