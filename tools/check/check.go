// Package check runs factdesk's rules over a repository's content and reports findings
// that point at a file, line and column. Each rule lives in its own file and registers
// itself with Register.
package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/observance"
)

// Finding is one thing wrong with the content.
type Finding struct {
	Path     string           `json:"path"`
	Line     int              `json:"line"`
	Col      int              `json:"column"`
	Severity content.Severity `json:"-"`
	Level    string           `json:"severity"`
	Rule     string           `json:"rule"`
	Message  string           `json:"message"`
	// Detail holds lines that show the finding at length, such as what changed on a
	// cited page; the audit quotes them in its issue.
	Detail []string `json:"detail,omitempty"`
}

// String formats a finding as path:line:col: severity: message [rule].
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.Path, f.Line, f.Col, f.Severity, f.Message, f.Rule)
}

// Rule is one check. Rules report through the Run they are given.
type Rule struct {
	// ID names the rule in findings, e.g. "citation-undefined".
	ID string
	// Description says in one line what the rule checks.
	Description string
	// Online rules reach the network and run only with --online.
	Online bool
	Check  func(ctx context.Context, r *Run)
}

var (
	registryMu sync.Mutex
	registry   []Rule
)

// Register adds a rule to those every Run applies. Rule files call it from init.
func Register(r Rule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, r)
}

// Rules returns the registered rules sorted by ID.
func Rules() []Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	out := append([]Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Options control a Run.
type Options struct {
	// Today is the date that date-dependent rules compare with.
	Today time.Time
	// Online enables rules that reach the network.
	Online bool
	// Only limits findings to these paths (files or folders, relative to the root).
	// Empty means every file.
	Only []string
	// Rules limits the run to these rule IDs. Empty means every rule.
	Rules []string
	// Added says when each file (relative path) first entered the branch's history; an
	// error of a rule added later is only a warning there (grandfather.go). Nil: every
	// file counts as new.
	Added map[string]time.Time

	// What online rules use. Getenv reads the environment (API keys); nil means
	// os.Getenv. HTTPClient makes their requests; nil means a plain http.Client.
	Getenv     func(string) string
	HTTPClient *http.Client
	// Progress, when set, receives online rules' progress lines; Terminal says it is a
	// terminal, where a line is redrawn in place.
	Progress io.Writer
	Terminal bool

	// Panicked, when set, is told of every rule that panics, with the value and the
	// stack, besides the plain finding users see. The fuzzers set it: a panic is a bug
	// they must fail on, not a finding to read past.
	Panicked func(rule string, value any, stack []byte)
}

// Run is one application of the rules to a repository.
type Run struct {
	Repo   *content.Repo
	Config *config.Config
	Options

	mu       sync.Mutex
	findings []Finding
	warnings []error

	// What rules load once per run and share.
	citations    *citation.Verifier
	observances  *observance.Set
	policy       *citation.Policy
	policyLoaded bool
}

// NewRun prepares a run over repo.
func NewRun(repo *content.Repo, cfg *config.Config, opts Options) *Run {
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	return &Run{Repo: repo, Config: cfg, Options: opts}
}

// warn records something that went wrong beside the content (a cache not saved) and does
// not change the findings; the caller decides whether to show it.
// settings returns the configuration the run checks with: Config, or the defaults.
func (r *Run) settings() *config.Config {
	if r.Config != nil {
		return r.Config
	}
	return config.Default()
}

func (r *Run) warn(err error) {
	r.mu.Lock()
	r.warnings = append(r.warnings, err)
	r.mu.Unlock()
}

// Warnings returns what went wrong beside the content during the run, such as a cache
// that could not be saved. They do not affect the findings.
func (r *Run) Warnings() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.warnings...)
}

// Report records a finding at pos in path.
func (r *Run) Report(path string, pos content.Pos, sev content.Severity, rule, format string, args ...any) {
	r.report(path, pos, sev, rule, nil, fmt.Sprintf(format, args...))
}

func (r *Run) report(path string, pos content.Pos, sev content.Severity, rule string, detail []string, msg string) {
	if !r.selected(path) {
		return
	}
	if pos.Line < 1 {
		pos.Line = 1
	}
	if pos.Col < 1 {
		pos.Col = 1
	}
	if sev == content.Error {
		if why, ok := r.grandfathered(path, rule); ok {
			sev, msg = content.Warning, msg+why
		}
	}
	f := Finding{Path: path, Line: pos.Line, Col: pos.Col, Severity: sev, Level: sev.String(), Rule: rule, Message: msg, Detail: detail}
	r.mu.Lock()
	r.findings = append(r.findings, f)
	r.mu.Unlock()
}

// ReportDetail records a finding in doc at pos with lines of detail.
func (r *Run) ReportDetail(d *content.Doc, pos content.Pos, sev content.Severity, rule string, detail []string, format string, args ...any) {
	r.report(d.Path, pos, sev, rule, detail, fmt.Sprintf(format, args...))
}

// ReportDoc records a finding in doc at pos.
func (r *Run) ReportDoc(d *content.Doc, pos content.Pos, sev content.Severity, rule, format string, args ...any) {
	r.Report(d.Path, pos, sev, rule, format, args...)
}

// Selected reports whether findings in path are reported in this run (see Options.Only).
func (r *Run) Selected(path string) bool { return r.selected(path) }

func (r *Run) selected(path string) bool {
	if len(r.Only) == 0 {
		return true
	}
	for _, o := range r.Only {
		o = strings.TrimSuffix(o, "/")
		if o == "." || o == "" || path == o || strings.HasPrefix(path, o+"/") {
			return true
		}
	}
	return false
}

// Execute applies every registered rule and returns the findings sorted by file and
// position.
func (r *Run) Execute(ctx context.Context) []Finding {
	want := map[string]bool{}
	for _, id := range r.Rules {
		want[id] = true
	}
	for _, rule := range Rules() {
		if rule.Online && !r.Online {
			continue
		}
		if len(want) > 0 && !want[rule.ID] {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		r.apply(ctx, rule)
	}
	return r.Findings()
}

// InternalPath is the path of findings that report a bug in factdesk rather than in
// the content, such as a rule that crashed.
const InternalPath = "(factdesk)"

// apply runs one rule. A rule that panics becomes an error finding, so that the check
// fails plainly and the other rules still run.
func (r *Run) apply(ctx context.Context, rule Rule) {
	defer func() {
		if p := recover(); p != nil {
			if r.Panicked != nil {
				r.Panicked(rule.ID, p, debug.Stack())
			}
			f := Finding{Path: InternalPath, Line: 1, Col: 1, Severity: content.Error, Level: content.Error.String(), Rule: rule.ID,
				Message: fmt.Sprintf("internal error in rule %s: %v; this is a bug in factdesk, not in your content: please report it", rule.ID, p)}
			r.mu.Lock()
			r.findings = append(r.findings, f)
			r.mu.Unlock()
		}
	}()
	rule.Check(ctx, r)
}

// Findings returns what has been reported so far, sorted.
func (r *Run) Findings() []Finding {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Finding(nil), r.findings...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Rule < b.Rule
	})
	return out
}

// Count returns the number of findings at each severity.
func Count(fs []Finding) (errors, warnings, notes int) {
	for _, f := range fs {
		switch f.Severity {
		case content.Error:
			errors++
		case content.Warning:
			warnings++
		default:
			notes++
		}
	}
	return
}

// docs returns every loaded document of the repository, for rules over all files.
func (r *Run) docs() []*content.Doc {
	var ds []*content.Doc
	for _, f := range r.Repo.FactChecks {
		ds = append(ds, f.Doc)
	}
	for _, p := range r.Repo.Posts {
		ds = append(ds, p.Doc)
	}
	ds = append(ds, r.Repo.Other...)
	for _, d := range []*content.Doc{r.Repo.ReviewersDoc, r.Repo.VerdictsDoc} {
		if d != nil {
			ds = append(ds, d)
		}
	}
	if r.Config != nil && r.Config.Doc != nil {
		ds = append(ds, r.Config.Doc)
	}
	return ds
}

// Published returns the fact-checks that decoded, are not drafts.
func (r *Run) Published() []*content.FactCheckDoc {
	var out []*content.FactCheckDoc
	for _, f := range r.Repo.FactChecks {
		if f.OK && !f.Draft {
			out = append(out, f)
		}
	}
	return out
}
