package check

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
)

// maxStdin is the most text `factdesk check -` reads.
const maxStdin = 10 << 20

// runStdin runs the privacy guard over text read from standard input — a reply typed
// outside Git, or a file piped in — with the repository's allow-list when run inside
// one. Findings are reported at "-" with line and column.
func runStdin(opts *Options) error {
	f := opts.Factory
	src, err := io.ReadAll(io.LimitReader(f.IO.In, maxStdin+1))
	if err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	if len(src) > maxStdin {
		return factory.UsageErrorf("standard input is larger than %d MB; check files by path instead", maxStdin>>20)
	}
	if !utf8.Valid(src) {
		return factory.UsageErrorf("standard input is not UTF-8 text; save or paste it as UTF-8")
	}
	cfg := config.Default()
	var repo *content.Repo
	if _, err := f.Root(); err == nil {
		if c, err := f.Config(); err == nil {
			cfg = c
		}
		if r, err := f.Repo(); err == nil {
			repo = r
		}
	}
	var doc *content.Doc
	if bytes.HasPrefix(bytes.TrimLeft(src, "\r\n\t "), []byte("---")) {
		doc = content.ParseDoc("-", src)
	} else {
		doc = &content.Doc{Path: "-", Source: src, FrontLine: 1, Body: src, BodyLine: 1}
	}
	findings := check.PrivacyFindings(doc, check.PrivacyGuard(cfg, repo))
	if err := opts.Formatters[opts.Format](f.IO.Out, findings); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	errs, warns, _ := check.Count(findings)
	if opts.Format == "text" {
		if errs+warns == 0 {
			fmt.Fprintln(f.IO.ErrOut, "no patient information found in standard input")
		} else {
			fmt.Fprintf(f.IO.ErrOut, "%s, %s in standard input\n", noun.Count(errs, "error"), noun.Count(warns, "warning"))
		}
	}
	if errs > 0 || (opts.Strict && warns > 0) {
		return factory.Silent(1)
	}
	return nil
}
