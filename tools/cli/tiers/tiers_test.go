package tiers_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/citation"
	"github.com/factdesk/factdesk/tools/cli/clitest"
)

func run(t *testing.T, root string, args ...string) (string, string, int) {
	t.Helper()
	return clitest.Exec(context.Background(), clitest.Options{}, append([]string{"--root", root, "tiers"}, args...)...)
}

// The site shows each source's tier from data/citation_tiers.json; the committed file
// must match what the policy gives the shipped fact-checks.
func TestShippedTiersFileIsUpToDate(t *testing.T) {
	_, errb, code := run(t, "../../..", "--check")
	if code != 0 {
		t.Fatalf("factdesk tiers --check on the repository exited %d: %s", code, errb)
	}
}

func TestWriteAndCheck(t *testing.T) {
	root := t.TempDir()
	write := func(rel, body string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	policy, err := os.ReadFile("../../../data/source-policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write("data/source-policy.yaml", string(policy))
	write("factdesk.yaml", "organisation: {name: T, site: https://t.example/}\ntimezone: UTC\naccounts: {outbox: {platform: outbox}}\neditors: [e]\n")
	write("factchecks/a.md", `---
title: A
citations:
  - {key: rev, kind: doi, id: 10.1000/x1, title: R, publisher: J, year: 2020, study_type: systematic-review}
  - {key: blog, kind: web, id: "https://unknown-blog.example/post", title: B, publisher: B, year: 2021, study_type: systematic-review}
  - {key: cdc, kind: guideline, id: "https://www.cdc.gov/flu/", title: C, publisher: CDC, year: 2024, study_type: guideline}
  - {key: op, kind: doi, id: 10.1000/x2, title: O, publisher: J, year: 2019, study_type: expert-opinion}
---
`)
	if _, errb, code := run(t, root, "--check"); code != 1 || !strings.Contains(errb, "out of date") {
		t.Fatalf("--check before --write: exit %d, stderr %q; want 1 and 'out of date'", code, errb)
	}
	if _, errb, code := run(t, root, "--write"); code != 0 {
		t.Fatalf("--write: exit %d: %s", code, errb)
	}
	b, err := os.ReadFile(filepath.Join(root, citation.TiersFile))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]map[string]map[string]citation.SiteTier
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s is not JSON: %v", citation.TiersFile, err)
	}
	tests := []struct {
		key  string
		want int
	}{
		{"rev", 1},  // a registered systematic review
		{"blog", 4}, // an unknown site is weak whatever the author calls it
		{"cdc", 1},  // a national public-health body's guideline
		{"op", 3},   // expert opinion, even with a DOI
	}
	for _, tt := range tests {
		if g := got["en"]["a"][tt.key]; g.Tier != tt.want || g.Label == "" {
			t.Errorf("tier of %s = %+v; want tier %d with a label", tt.key, g, tt.want)
		}
	}
	if _, errb, code := run(t, root, "--check"); code != 0 {
		t.Fatalf("--check after --write: exit %d: %s", code, errb)
	}
	out, _, code := run(t, root)
	if code != 0 || !strings.Contains(out, "factchecks/a.md") || !strings.Contains(out, "blog") {
		t.Fatalf("listing: exit %d, output %q", code, out)
	}
	if _, _, code := run(t, root, "--write", "--check"); code != 2 {
		t.Errorf("--write --check exited %d; want 2", code)
	}
}
