// Command hugoallocs runs the Hugo pinned in go.mod with the given arguments, as the hugo
// command would, and then prints on standard error how many memory allocations the run
// made:
//
//	hugoallocs: 18615135 allocations, 1086070048 bytes
//
// CPU time swings by a third from build to build on a shared machine; the number of
// allocations of the same build stays within a fraction of a percent, so sitebudget uses it
// as a second, steady measure of what a theme costs.
package main

import (
	"fmt"
	"log"
	"os"
	"runtime"

	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/loggers"
)

// main is Hugo's own main function with the count added.
func main() {
	log.SetFlags(0)
	err := commands.Execute(os.Args[1:])
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if err != nil {
		for _, e := range herrors.Errors(err) {
			loggers.Log().Errorf("%s", e)
		}
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "hugoallocs: %d allocations, %d bytes\n", m.Mallocs, m.TotalAlloc)
}
