package cite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// RunRecord records what a reviewer sees today of each web and guideline citation in the
// fact-checks at opts.Paths that has no record yet: it reads the page, asks for an
// archived copy and writes retrieved, fingerprint and archived lines into the citation.
// Citations already recorded are left alone: check --online compares them. The changed
// files go through review like any other change.
func RunRecord(ctx context.Context, opts *Options) error {
	f := opts.Factory
	root, err := f.Root()
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	v := citation.New(citation.Options{Config: cfg.Citations, Contact: cfg.Organisation.Contact, Getenv: f.Getenv, HTTPClient: f.HTTPClient(), Now: f.Now})
	failed := 0
	for _, p := range opts.Paths {
		n, err := recordFile(ctx, f, v, root, p)
		if err != nil {
			return err
		}
		failed += n
	}
	if failed > 0 {
		return fmt.Errorf("%d cited page(s) could not be recorded (see above); the others were written", failed)
	}
	return nil
}

// recordFile records the unrecorded web citations of one fact-check and returns how many
// could not be recorded.
func recordFile(ctx context.Context, f *factory.Factory, v *citation.Verifier, root, path string) (int, error) {
	abs := path
	if _, err := os.Stat(abs); err != nil {
		abs = filepath.Join(root, path)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return 0, factory.UsageErrorf("%s: no such file", path)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return 0, factory.UsageErrorf("%s is outside the repository %s", path, root)
	}
	rel = filepath.ToSlash(rel)
	src, err := repofile.Read(root, abs, repofile.DefaultContentLimit)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", rel, err)
	}
	fc := content.ParseFactCheck(rel, src)
	if fc.Front == nil {
		return 0, fmt.Errorf("%s: the front matter could not be read; run factdesk check %s and fix it first", rel, rel)
	}
	lines := strings.SplitAfter(string(src), "\n")
	type insert struct {
		after int // index of the line to insert after
		text  string
	}
	var inserts []insert
	var recorded []int
	failed := 0
	say := func(format string, args ...any) { fmt.Fprintf(f.IO.Out, rel+": "+format+"\n", args...) }
	for i, c := range fc.Citations {
		if (c.Kind != "web" && c.Kind != "guideline") || c.Fingerprint != "" {
			continue
		}
		at := fc.KeyAt("citations", i, "key")
		if !c.Retrieved.IsZero() || c.Archived != "" {
			say("citation %q (line %d) has retrieved or archived but no fingerprint; remove those lines and run again", c.Key, at.Line)
			failed++
			continue
		}
		if at.Line < 1 || at.Line > len(lines) || strings.Contains(lines[at.Line-1], "{") {
			say("citation %q (line %d) is written on one line; write it as a block to have it recorded", c.Key, at.Line)
			failed++
			continue
		}
		p := v.Page(ctx, c.ID)
		if p.Status != citation.OK {
			say("citation %q (line %d): %s could not be read (%s); nothing recorded for it", c.Key, at.Line, citation.Redact(c.ID), p.Reason)
			failed++
			continue
		}
		rec := c
		notes := recordText(ctx, v, &rec, p.Text, f.Now())
		indent := strings.Repeat(" ", at.Col-1)
		text := fmt.Sprintf("%sretrieved: %s\n%sfingerprint: %q\n", indent, rec.Retrieved.String(), indent, rec.Fingerprint)
		if rec.Archived != "" {
			text += fmt.Sprintf("%sarchived: %q\n", indent, rec.Archived)
		}
		inserts = append(inserts, insert{after: blockEnd(lines, at), text: text})
		recorded = append(recorded, i)
		what := "archived at " + rec.Archived
		if rec.Archived == "" {
			what = strings.Join(notes, "; ")
		}
		say("citation %q: recorded what the page reads on %s (%s)", c.Key, rec.Retrieved.String(), what)
	}
	if len(inserts) == 0 {
		return failed, nil
	}
	for k := len(inserts) - 1; k >= 0; k-- {
		in := inserts[k]
		if !strings.HasSuffix(lines[in.after], "\n") {
			lines[in.after] += "\n"
		}
		lines = append(lines[:in.after+1], append([]string{in.text}, lines[in.after+1:]...)...)
	}
	out := strings.Join(lines, "")
	// Write only what reads back as the same fact-check with the records added.
	back := content.ParseFactCheck(rel, []byte(out))
	if len(back.Citations) != len(fc.Citations) {
		return failed, fmt.Errorf("%s: recording would change the citation list; nothing written", rel)
	}
	for _, i := range recorded {
		if back.Citations[i].Fingerprint == "" || back.Citations[i].Key != fc.Citations[i].Key {
			return failed, fmt.Errorf("%s: the record of citation %q did not read back; nothing written", rel, fc.Citations[i].Key)
		}
	}
	if err := os.WriteFile(abs, []byte(out), info.Mode().Perm()); err != nil {
		return failed, fmt.Errorf("writing %s: %w", rel, err)
	}
	return failed, nil
}

// blockEnd returns the index of the last line of the citation whose key is at at: the
// citation goes on while lines are blank or indented at least as far as its fields.
func blockEnd(lines []string, at content.Pos) int {
	field := at.Col - 1
	last := at.Line - 1
	for j := at.Line; j < len(lines); j++ {
		l := strings.TrimRight(lines[j], "\r\n")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(l)-len(strings.TrimLeft(l, " ")) < field {
			break
		}
		last = j
	}
	return last
}
