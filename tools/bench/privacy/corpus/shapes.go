package corpus

import "strings"

// Shape is a kind of page the guard must scan in time linear in its size: the shapes a
// careless or hostile text takes (one long run of capitals, of digits, of '@'; a name
// in a patient context over and over) and ordinary prose to compare them with.
type Shape struct {
	Name string
	unit string
}

// Shapes lists the shapes the guard's benchmarks measure; prose comes first.
var Shapes = []Shape{
	{"prose", "The flu vaccine is updated every year, and most adults can get it at a pharmacy or clinic near them. "},
	{"capitals", "A"},
	{"digits", "7"},
	{"at-signs", "@"},
	{"names", "Maria Lopez was admitted. "},
}

// Page returns about size bytes of the shape, on one line for the runs.
func (s Shape) Page(size int) string {
	return strings.Repeat(s.unit, max(1, size/len(s.unit)))
}
