package provenance

import (
	"fmt"
	"regexp"
	"sort"
	"testing"
)

// TestProvenanceCost counts the API requests a full re-verification makes per merged
// pull request (docs/review.md states the cost against GitHub's limits) and those of a
// run with nothing new.
func TestProvenanceCost(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	const n = 20
	for i := range n {
		w.merge(10+i, "writer-kim", map[string]string{fmt.Sprintf("factchecks/check-%02d.md", i): factCheck(t, two, "")}, two...)
	}
	st := &State{}
	before := len(w.fake.Requests())
	res := Verify2(t, w, st, Options{})
	if !res.OK() || res.Gates != n {
		t.Fatalf("%s", Describe(res))
	}
	reqs := w.fake.Requests()[before:]
	kinds := map[string]int{}
	num := regexp.MustCompile(`[0-9a-f]{40}|/\d+(/|$)`)
	for _, r := range reqs {
		kinds[r.Method+" "+num.ReplaceAllString(r.Path, "{n}$1")]++
	}
	var lines []string
	for k, v := range kinds {
		lines = append(lines, fmt.Sprintf("%5d %s", v, k))
	}
	sort.Strings(lines)
	per := float64(len(reqs)) / n
	t.Logf("full verification of %d pull requests (%d commits): %d requests, %.1f per pull request\n%s", n, res.Checked, len(reqs), per, fmt.Sprint(lines))
	if per > 13 {
		t.Errorf("%.1f requests per pull request; docs/review.md says about 12 (and its figures for a day and for 1,000 fact-checks follow from that)", per)
	}
	before = len(w.fake.Requests())
	res = Verify2(t, w, st, Options{Head: w.tip()})
	if got := len(w.fake.Requests()) - before; !res.OK() || got != 0 {
		t.Errorf("a run with nothing new made %d requests, want 0", got)
	}
	before = len(w.fake.Requests())
	Verify2(t, w, st, Options{})
	if got := len(w.fake.Requests()) - before; got != 1 {
		t.Errorf("a run without the head commit given made %d requests, want 1 (the branch)", got)
	}
}
