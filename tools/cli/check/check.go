// Package check implements `factdesk check`.
package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
	"github.com/factdesk/factdesk/tools/report"
)

// Options are the parsed flags and arguments of `factdesk check`.
type Options struct {
	Factory *factory.Factory
	Paths   []string
	Format  string
	Strict  bool
	Online  bool
	Today   string
	Rules   []string
	// Formatters maps a --format name to its writer; other packages add SARIF and the like.
	Formatters map[string]Formatter
}

// Formatter writes findings in one output format.
type Formatter func(w io.Writer, fs []check.Finding) error

// Formats are the output formats every build has; Register adds more.
var Formats = map[string]Formatter{
	"text": writeText,
	"json": writeJSON,
}

// SARIF and GitHub Actions annotations come from package report.
func init() {
	for name, w := range report.Formats {
		Formats[name] = w
	}
}

// NewCmdCheck returns the check command. runF replaces the run function in tests.
func NewCmdCheck(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f, Formatters: Formats}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check fact-checks and campaign posts for problems",
		Long: `Check validates fact-checks, campaign posts, the reviewer registry and factdesk.yaml
without the network: required fields, allowed values, dates, time zones, citation keys and
identifiers, reviewers, links between posts and fact-checks, and unknown fields.

Findings are printed as path:line:col: severity: message [rule]. The exit code is 0 when
there are no errors (warnings allowed, unless --strict), 1 when there are, and 2 when the
check could not run.`,
		Example: `  factdesk check
  factdesk check factchecks/mmr-autism.md
  factdesk check --format json campaigns/2027
  factdesk check - < reply.txt       # the privacy guard over text typed outside Git`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if _, ok := opts.Formatters[opts.Format]; !ok {
				return factory.UsageErrorf("--format %q is not supported; use %s", opts.Format, formatNames(opts.Formatters))
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: "+formatNames(opts.Formatters))
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	cmd.Flags().BoolVar(&opts.Online, "online", false, "also check citations and links over the network")
	cmd.Flags().StringVar(&opts.Today, "today", "", "date that date-dependent checks compare with, YYYY-MM-DD (default: today)")
	cmd.Flags().StringSliceVar(&opts.Rules, "rule", nil, "run only these rules (repeatable; see 'factdesk check --list-rules')")
	var list bool
	cmd.Flags().BoolVar(&list, "list-rules", false, "list the rules and exit")
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		if list {
			for _, r := range check.Rules() {
				online := ""
				if r.Online {
					online = " (online)"
				}
				fmt.Fprintf(f.IO.Out, "%-22s %s%s\n", r.ID, r.Description, online)
			}
			return factory.Silent(0)
		}
		return nil
	}
	return cmd
}

func formatNames(m map[string]Formatter) string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Run performs the check.
func Run(cmd *cobra.Command, opts *Options) error {
	if len(opts.Paths) == 1 && opts.Paths[0] == "-" {
		return runStdin(opts) // stdin.go: the privacy guard over typed text
	}
	f := opts.Factory
	today, err := f.Today(opts.Today)
	if err != nil {
		return err
	}
	root, err := f.Root()
	if err != nil {
		return err
	}
	only, err := relPaths(root, opts.Paths)
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	added, err := check.AddedDates(cmd.Context(), root, content.CampaignsDir)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	checkOpts := check.Options{Today: today, Online: opts.Online, Only: only, Rules: opts.Rules, Added: added,
		Getenv: f.Getenv, Progress: f.IO.ErrOut, Terminal: f.IO.Terminal}
	if f.HTTPClient != nil {
		checkOpts.HTTPClient = f.HTTPClient()
	}
	run := check.NewRun(repo, cfg, checkOpts)
	findings := run.Execute(cmd.Context())
	for _, err := range run.Warnings() {
		fmt.Fprintf(f.IO.ErrOut, "factdesk: %v (the results are not affected)\n", err)
	}
	if err := opts.Formatters[opts.Format](f.IO.Out, findings); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	errs, warns, _ := check.Count(findings)
	if opts.Format == "text" {
		files := 0
		for _, d := range repo.FactChecks {
			if run.Selected(d.Path) {
				files++
			}
		}
		for _, d := range repo.Posts {
			if run.Selected(d.Path) {
				files++
			}
		}
		fmt.Fprintf(f.IO.ErrOut, "%s, %s in %s\n", noun.Count(errs, "error"), noun.Count(warns, "warning"), noun.Count(files, "file"))
	}
	if errs > 0 || (opts.Strict && warns > 0) {
		return factory.Silent(1)
	}
	return nil
}

// relPaths converts command-line paths to paths relative to root, checking they exist.
func relPaths(root string, paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			// A relative path may also be meant from the repository root (with --root).
			inRoot := filepath.Join(root, p)
			if filepath.IsAbs(p) || !exists(inRoot) {
				return nil, factory.UsageErrorf("%s: no such file or folder", p)
			}
			p = inRoot
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, factory.UsageErrorf("%s: %v", p, err)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, factory.UsageErrorf("%s is outside the repository %s", p, root)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func writeText(w io.Writer, fs []check.Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
	}
	return nil
}

// JSONReport is the document written by --format json.
type JSONReport struct {
	Findings []check.Finding `json:"findings"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Notes    int             `json:"notes"`
	Time     string          `json:"generated"`
}

func writeJSON(w io.Writer, fs []check.Finding) error {
	return writeJSONAt(w, fs, time.Now())
}

// writeJSONAt writes the report as encoding/json would indent a JSONReport, one finding
// at a time through a buffer: a page full of findings (tens of thousands of them) is
// then written in time and memory proportional to each finding, not to the whole
// document twice over. The strings that repeat — paths, rules, messages — are encoded
// once.
func writeJSONAt(w io.Writer, fs []check.Finding, now time.Time) error {
	e, wa, n := check.Count(fs)
	bw := bufio.NewWriterSize(w, 64<<10)
	encoded := map[string][]byte{}
	str := func(s string) []byte {
		if b, ok := encoded[s]; ok {
			return b
		}
		b, _ := json.Marshal(s) // a string always encodes
		if len(encoded) < 4096 {
			encoded[s] = b
		}
		return b
	}
	var buf []byte
	buf = append(buf, "{\n  \"findings\": ["...)
	if len(fs) > 0 {
		buf = append(buf, '\n')
	}
	for i, f := range fs {
		buf = append(buf, "    {\n      \"path\": "...)
		buf = append(buf, str(f.Path)...)
		buf = append(buf, ",\n      \"line\": "...)
		buf = strconv.AppendInt(buf, int64(f.Line), 10)
		buf = append(buf, ",\n      \"column\": "...)
		buf = strconv.AppendInt(buf, int64(f.Col), 10)
		buf = append(buf, ",\n      \"severity\": "...)
		buf = append(buf, str(f.Level)...)
		buf = append(buf, ",\n      \"rule\": "...)
		buf = append(buf, str(f.Rule)...)
		buf = append(buf, ",\n      \"message\": "...)
		buf = append(buf, str(f.Message)...)
		if len(f.Detail) > 0 {
			buf = append(buf, ",\n      \"detail\": [\n"...)
			for j, d := range f.Detail {
				buf = append(buf, "        "...)
				buf = append(buf, str(d)...)
				if j < len(f.Detail)-1 {
					buf = append(buf, ',')
				}
				buf = append(buf, '\n')
			}
			buf = append(buf, "      ]"...)
		}
		buf = append(buf, "\n    }"...)
		if i < len(fs)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		if len(buf) >= 32<<10 {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(fs) > 0 {
		buf = append(buf, "  "...)
	}
	buf = append(buf, "],\n  \"errors\": "...)
	buf = strconv.AppendInt(buf, int64(e), 10)
	buf = append(buf, ",\n  \"warnings\": "...)
	buf = strconv.AppendInt(buf, int64(wa), 10)
	buf = append(buf, ",\n  \"notes\": "...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, ",\n  \"generated\": "...)
	buf = append(buf, str(now.UTC().Format(time.RFC3339))...)
	buf = append(buf, "\n}\n"...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}
