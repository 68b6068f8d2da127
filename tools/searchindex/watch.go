package searchindex

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/words"
)

// Watch indexes the site built in site whenever Hugo writes a documents file there (as
// `hugo server --destination DIR` does after each change), checking every interval, until ctx
// ends; then it returns nil. A documents file is indexed once it has stayed the same for one
// interval, so a file Hugo is still writing is left alone. report receives every run's
// result or error; an error does not stop the watch, and the same broken file is reported
// once. The index is in the terms of the analyser an, as Index writes it.
func Watch(ctx context.Context, site string, an *words.Analyser, interval time.Duration, report func([]Language, error)) error {
	if interval <= 0 {
		return fmt.Errorf("watching %s: the interval must be positive, not %s", site, interval)
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var seen, failed string
	for {
		if sig := signature(site); sig == "" {
			seen = ""
		} else if sig != seen {
			seen = sig // changed since the last look: wait until Hugo has finished
		} else if sig != failed {
			langs, err := Index(site, an)
			if err != nil {
				failed = sig
			} else {
				seen, failed = "", ""
			}
			report(langs, err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// signature identifies the documents files in site by name, size and time of change, or is
// empty when there are none (or no site yet).
func signature(site string) string {
	files, err := FindDocs(site)
	if err != nil || len(files) == 0 {
		return ""
	}
	var b strings.Builder
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			return ""
		}
		fmt.Fprintf(&b, "%s %d %d\n", f, info.Size(), info.ModTime().UnixNano())
	}
	return b.String()
}
