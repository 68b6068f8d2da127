package check

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Rules added later only warn on content merged before them, so that a post approved
// last week is not refused (or held on its observance day) by a rule that did not exist
// then. A rule's findings name the day it was added with Grandfather; Options.Added says
// when each file first entered the branch's history (AddedDates reads it from Git).

var (
	sinceMu sync.Mutex
	since   = map[string]time.Time{}
)

// Grandfather records that findings of rule (a finding's rule ID) exist since day
// (YYYY-MM-DD): on files added before that day they are warnings, not errors.
func Grandfather(rule, day string) {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(fmt.Sprintf("check.Grandfather(%q, %q): %v", rule, day, err))
	}
	sinceMu.Lock()
	defer sinceMu.Unlock()
	since[rule] = t
}

// RuleSince returns the day rule was added, if it was recorded.
func RuleSince(rule string) (time.Time, bool) {
	sinceMu.Lock()
	defer sinceMu.Unlock()
	t, ok := since[rule]
	return t, ok
}

// grandfathered reports whether an error of rule in path is only a warning, and why.
func (r *Run) grandfathered(path, rule string) (string, bool) {
	day, ok := RuleSince(rule)
	if !ok || r.Added == nil {
		return "", false
	}
	added, ok := r.Added[path]
	if !ok || !added.Before(day) {
		return "", false
	}
	return fmt.Sprintf(" (a warning only: this rule exists since %s and this file was merged on %s)", day.Format("2006-01-02"), added.UTC().Format("2006-01-02")), true
}

// AddedDates returns when each file under dirs first appeared in the history of the
// repository at root (the commit time of the commit that added it), with paths relative
// to root. Outside a Git repository it returns an empty map: every file counts as new.
func AddedDates(ctx context.Context, root string, dirs ...string) (map[string]time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	args := append([]string{"-C", root, "log", "--diff-filter=A", "--no-renames", "--format=%x00%cI", "--name-only", "--"}, dirs...)
	out, err := exec.CommandContext(ctx, "git", args...).Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("reading when files were added from git: %w", ctx.Err())
		}
		return map[string]time.Time{}, nil
	}
	added := map[string]time.Time{}
	var at time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x00") {
			at, _ = time.Parse(time.RFC3339, strings.TrimPrefix(line, "\x00"))
			continue
		}
		if line == "" || at.IsZero() {
			continue
		}
		// git log lists newest first: the last time seen is the first addition.
		added[line] = at
	}
	return added, nil
}
