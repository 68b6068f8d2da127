package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Generate writes a repository with n fact-checks to dst: the project's factdesk.yaml
// and data files, a Hugo configuration that mounts factchecks/ like the real site, and
// a bare-bones theme that prints each page's title and content only.
func Generate(project, dst string, n int) error {
	for _, d := range []string{"factchecks", "data", "themes/bare/layouts/_markup"} {
		if err := os.MkdirAll(filepath.Join(dst, d), 0o755); err != nil {
			return err
		}
	}
	data, _ := filepath.Glob(filepath.Join(project, "data", "*.yaml"))
	for _, p := range append(data, filepath.Join(project, "factdesk.yaml")) {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(project, p)
		if err := os.WriteFile(filepath.Join(dst, rel), b, 0o644); err != nil {
			return err
		}
	}
	for name, body := range bareSite {
		if err := os.WriteFile(filepath.Join(dst, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		name := filepath.Join(dst, "factchecks", fmt.Sprintf("claim-%05d.md", i+1))
		if err := os.WriteFile(name, []byte(FactCheck(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// bareSite is the Hugo configuration and the bare-bones theme.
var bareSite = map[string]string{
	"hugo.toml": `baseURL = "http://localhost:1313/"
title = "Benchmark"
theme = "bare"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[module]
  [[module.mounts]]
    source = "factchecks"
    target = "content/factchecks"
`,
	"themes/bare/layouts/single.html": `<!doctype html><html lang="en"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>` + "\n",
	"themes/bare/layouts/list.html":   `<!doctype html><html lang="en"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>` + "\n",
}

// claims vary the generated fact-checks: title, claim, short claim, verdict, topic.
var claims = []struct{ title, claim, short, verdict, topic string }{
	{"Does the MMR vaccine cause autism?", "The MMR vaccine given to toddlers causes autism.", "The MMR vaccine causes autism", `"false"`, "vaccines"},
	{"Can the flu shot give you the flu?", "Getting the flu shot gives you the flu.", "The flu shot gives you the flu", `"false"`, "influenza"},
	{"Do antibiotics cure a cold?", "Antibiotics help you get over a cold faster.", "Antibiotics cure colds", `"false"`, "antibiotics"},
	{"Does vitamin C prevent colds?", "Taking vitamin C every day stops you catching colds.", "Vitamin C prevents colds", "unsupported", "nutrition"},
	{"Are heart attacks a men's problem?", "Heart attacks mostly happen to men.", "Heart attacks are a men's problem", "misleading", "heart-health"},
}

// FactCheck returns the i-th generated fact-check: about 4 KB, shaped like the sample
// content, with citations, appearances, replies and a body that cites them in
// paragraphs, lists and a table.
func FactCheck(i int) string {
	c := claims[i%len(claims)]
	var b strings.Builder
	fmt.Fprintf(&b, `---
title: "%s (edition %s)"
claim: %s
claim_short: %s
claimant: Posts on social media
verdict: %s
bottom_line: Large studies of more than a million children found no link between vaccines and autism.
summary: The idea came from a small paper that was later retracted. Studies of over a million children found no link.
appearances:
  - url: https://www.texashealth.org/baby-care/Toddler/vaccines-and-autism
    platform: web
    date: 2026-03-02
  - url: https://www.texashealth.org/baby-care/Toddler/vaccines-and-autism
    platform: facebook
    date: 2026-04-11
phrasings:
  - %s
  - people say %s
  - my friend told me %s
topics: [%s, myths]
author: dr-james-okafor
reviewers: [dr-ana-lima, dr-mei-chen]
published: 2026-04-01
last_reviewed: 2026-06-01
next_review: 2027-06-01
citations:
  - key: taylor2014
    kind: doi
    id: 10.1016/j.vaccine.2014.04.085
    title: "Vaccines are not associated with autism: an evidence-based meta-analysis of case-control and cohort studies"
    publisher: Vaccine
    year: 2014
    study_type: systematic-review
  - key: taylor2014pm
    kind: pmid
    id: "24814559"
    title: "Vaccines are not associated with autism: an evidence-based meta-analysis of case-control and cohort studies"
    publisher: Vaccine
    year: 2014
    study_type: systematic-review
  - key: wakefield1998
    kind: doi
    id: 10.1016/S0140-6736(97)11096-0
    title: "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children"
    publisher: The Lancet
    year: 1998
    study_type: case-report
    role: subject
  - key: texas
    kind: web
    id: https://www.texashealth.org/baby-care/Toddler/vaccines-and-autism
    title: Vaccines and Autism
    publisher: Texas Health Resources
    year: 2024
    study_type: other
corrections:
  - date: 2026-06-01
    kind: clarification
    note: Made the first paragraph clearer.
replies:
  - label: Short answer
    text: Studies of more than a million children found no link.
  - label: Where it came from
    text: The claim started with a small paper that was later retracted.
---

## Where the claim comes from

The claim started with a small paper about 12 children[](cite:wakefield1998). The paper was
retracted, and its lead author lost his licence to practise medicine.

## What the evidence shows

Since then, researchers have looked for a link in millions of children:

- A meta-analysis of more than a million children found no link[](cite:taylor2014).
- The same review is indexed in PubMed[](cite:taylor2014pm), where readers can find
  related studies.
- Hospitals explain the evidence in plain words[](cite:texas).

| question | answer |
|---|---|
| Is there a link? | No[](cite:taylor2014) |
| Where did it start? | A retracted paper[](cite:wakefield1998) |

## What to tell people

*Vaccines protect children* from serious diseases. Talk to your doctor or nurse if you
have questions about any vaccine.
`, c.title, letters(i), c.claim, c.short, c.verdict, strings.ToLower(c.short), strings.ToLower(c.short), strings.ToLower(c.short), c.topic)
	return b.String()
}

// letters writes i in base 26 with the letters a to z, so that titles differ without
// numbers that could read as record numbers.
func letters(i int) string {
	var b []byte
	for {
		b = append([]byte{byte('a' + i%26)}, b...)
		i /= 26
		if i == 0 {
			return string(b)
		}
	}
}
