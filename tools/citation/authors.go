package citation

import (
	"slices"
	"strings"
	"unicode"
)

// CitedAuthors is how many authors `factdesk cite` writes and a citation lists: the first
// three identify a work well enough to tell it from an invented one.
const CitedAuthors = 3

// Initials turns given names into initials as PubMed writes them: "Luke E." → "LE",
// "Jean-Paul" → "JP".
func Initials(given string) string {
	var b strings.Builder
	start := true
	for _, r := range given {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToUpper(r))
			}
			start = false
			continue
		}
		start = true
	}
	return b.String()
}

// FamilyName returns the family name of an author written "Family Initials": the
// trailing initials (one to four capitals) are dropped; a group name is kept whole.
func FamilyName(author string) string {
	f := strings.Fields(author)
	if len(f) < 2 {
		return strings.TrimSpace(author)
	}
	last := f[len(f)-1]
	if len([]rune(last)) <= 4 && isCapitals(last) {
		return strings.Join(f[:len(f)-1], " ")
	}
	return strings.Join(f, " ")
}

func isCapitals(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) && r != '.' {
			return false
		}
	}
	return s != ""
}

// AuthorsMatch reports whether the cited authors are the first authors of the record,
// in order, comparing family names without accents, case or punctuation. A record
// without authors cannot confirm any.
func AuthorsMatch(cited []string, rec Record) bool {
	if len(cited) == 0 {
		return true
	}
	if len(rec.Authors) < len(cited) {
		return false
	}
	for i, a := range cited {
		c, r := Normalise(FamilyName(a)), Normalise(rec.Authors[i])
		// "van der Berg" and "Berg" name the same person in indexes that split names
		// differently; anything else must be equal.
		if c != r && !strings.HasSuffix(c, " "+r) && !strings.HasSuffix(r, " "+c) {
			return false
		}
	}
	return true
}

// FirstNames returns up to CitedAuthors of the record's authors written as citations
// list them.
func FirstNames(rec Record) []string {
	names := rec.Names
	if len(names) == 0 {
		names = rec.Authors
	}
	if len(names) > CitedAuthors {
		names = names[:CitedAuthors]
	}
	return append([]string(nil), names...)
}

// Mismatches returns the fields of a citation a registry's record disagrees with, in
// the order title, authors, year, journal. A field the record does not give is not
// compared.
func Mismatches(title string, authors []string, year int, journal string, rec Record) []string {
	var out []string
	if rec.Title != "" && title != "" && !TitlesMatch(title, rec.Title) {
		out = append(out, "title")
	}
	if len(authors) > 0 && len(rec.Authors) > 0 && !AuthorsMatch(authors, rec) {
		out = append(out, "authors")
	}
	if year != 0 && len(rec.Years) > 0 && !slices.Contains(rec.Years, year) {
		out = append(out, "year")
	}
	names := append([]string{rec.Journal}, rec.Journals...)
	names = append(names, rec.Publisher)
	if journal != "" && rec.Journal != "" && !JournalsMatch(journal, names...) {
		out = append(out, "journal")
	}
	return out
}
