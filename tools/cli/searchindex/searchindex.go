// Package searchindex implements `factdesk search-index`.
package searchindex

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/calendar"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/noun"
	"github.com/factdesk/factdesk/tools/searchindex"
	"github.com/factdesk/factdesk/tools/words"
)

// Options are the parsed flags of `factdesk search-index`.
type Options struct {
	Factory *factory.Factory
	// Site is the folder Hugo built the site into.
	Site string
	// Watch keeps indexing whenever Hugo writes the site again, every Interval.
	Watch    bool
	Interval time.Duration
}

// NewCmdSearchIndex returns the search-index command. runF replaces the run function in tests.
func NewCmdSearchIndex(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "search-index",
		Short: "Write the site's search index after Hugo has built it",
		Long: `search-index writes the static search index of the public site into the folder Hugo
built it into, for the search page to read: term files split by the first two letters of
each word, and document files of 25 fact-checks. Hugo writes what the index needs to
search/docs.json beside each language's search page; this command reads those files,
writes the index under search/<lang>/, removes files a previous index left, and removes
the documents files, which are not for readers.

It also writes the site's subscribable calendar feed, calendar/index.ics, from what the
calendar page leaves in calendar/events.json, with the same iCalendar writer as
'factdesk calendar --export ics', and removes that file.

Run it after every build ('go tool hugo build' then 'factdesk search-index'). With --watch
it keeps running beside 'hugo server --destination DIR' and indexes again each time Hugo
rewrites the site; scripts/serve.sh does this for you.`,
		Example: `  go tool hugo build && factdesk search-index
  factdesk search-index --site /tmp/preview
  factdesk search-index --site public --watch`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return factory.UsageErrorf("search-index takes no arguments; give the site's folder with --site %s", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Interval <= 0 {
				return factory.UsageErrorf("--interval must be positive, like 500ms")
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", "public", "folder the site was built into")
	cmd.Flags().BoolVar(&opts.Watch, "watch", false, "keep indexing whenever Hugo rewrites the site (stop with Ctrl-C)")
	cmd.Flags().DurationVar(&opts.Interval, "interval", 500*time.Millisecond, "with --watch, how often to look for a new build")
	return cmd
}

// Run indexes the site once, or keeps indexing it with --watch until ctx ends.
func Run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	if ctx == nil {
		ctx = context.Background()
	}
	root, err := f.Root()
	if err != nil {
		return err
	}
	an, err := words.Load(root)
	if err != nil {
		return err
	}
	if opts.Watch {
		fmt.Fprintf(f.IO.ErrOut, "Indexing %s for search whenever Hugo writes it (Ctrl-C stops)\n", opts.Site)
		return searchindex.Watch(ctx, opts.Site, an, opts.Interval, func(langs []searchindex.Language, err error) {
			if err != nil {
				fmt.Fprintf(f.IO.ErrOut, "%s search index not updated: %v\n", f.Now().Format("15:04:05"), err)
				return
			}
			for _, l := range langs {
				fmt.Fprintf(f.IO.ErrOut, "%s %s\n", f.Now().Format("15:04:05"), summary(l))
			}
			if _, err := calendar.WriteSiteFeed(opts.Site); err != nil {
				fmt.Fprintf(f.IO.ErrOut, "%s calendar feed not updated: %v\n", f.Now().Format("15:04:05"), err)
			}
		})
	}
	if info, err := os.Stat(opts.Site); errors.Is(err, fs.ErrNotExist) {
		return factory.UsageErrorf("--site %s: no such folder; build the site first (go tool hugo build) or pass the folder it was built into", opts.Site)
	} else if err == nil && !info.IsDir() {
		return factory.UsageErrorf("--site %s is a file; pass the folder the site was built into", opts.Site)
	}
	start := time.Now()
	langs, err := searchindex.Index(opts.Site, an)
	if err != nil {
		return err
	}
	for _, l := range langs {
		fmt.Fprintln(f.IO.Out, summary(l))
	}
	fmt.Fprintf(f.IO.Out, "Search index written in %s\n", time.Since(start).Round(time.Millisecond))
	if ok, err := calendar.WriteSiteFeed(opts.Site); err != nil {
		return err
	} else if ok {
		fmt.Fprintf(f.IO.Out, "Calendar feed written to %s\n", calendar.SiteFeed)
	}
	return nil
}

// summary describes what indexing one language wrote.
func summary(l searchindex.Language) string {
	s := fmt.Sprintf("%s: %d fact-checks, %d words in %s (%s, %s, %.1f KB)", l.Lang, l.Docs, l.Terms, l.Dir,
		noun.Count(l.TermFiles, "term file"), noun.Count(l.DocFiles, "document file"), float64(l.Bytes)/1024)
	if l.Stale > 0 {
		s += fmt.Sprintf("; %s of the previous index removed", noun.Count(l.Stale, "file"))
	}
	return s
}
