// Package noun counts things in the English of factdesk's messages.
package noun

import "strconv"

// Count returns n followed by word, with an "s" unless n is 1: "1 file", "3 files",
// "0 files". It is for words whose plural takes a plain "s".
func Count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
