package review

import (
	"strings"
	"testing"
)

const fcPath = "factchecks/vaccines-autism.md"

func TestGateScenarios(t *testing.T) {
	t.Parallel()
	two := []string{"dr-ana-lima", "dr-james-okafor"}
	tests := []struct {
		name string
		spec func(t *testing.T) prSpec
		pass bool
		// want are substrings of the "still missing" lines, all of which must appear.
		want []string
		// inComment are other substrings the comment must hold.
		inComment []string
	}{
		{
			name: "new fact-check approved by both named clinicians at the head commit",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
			},
			pass: true,
		},
		{
			name: "approval of an earlier commit does not count",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", olderSHA), approve("dr-james-okafor", headSHA)}}
			},
			want: []string{"@dr-ana-lima approved an earlier commit (ccccccc)"},
		},
		{
			name: "the pull request's author approving their own work",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "dr-ana-lima", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
			},
			want: []string{"@dr-ana-lima opened this pull request"},
		},
		{
			name: "a commit author cannot review",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", commits: []string{"dr-james-okafor"}, headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
			},
			want: []string{"@dr-james-okafor wrote or co-wrote commits in this pull request"},
		},
		{
			name: "a co-author named in a commit trailer cannot review",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", coAuthored: "Fix dose\n\nCo-authored-by: Ana Lima <4821+dr-ana-lima@users.noreply.github.com>\n",
					headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews:  []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
			},
			want: []string{"@dr-ana-lima wrote or co-wrote commits in this pull request"},
		},
		{
			name: "approval by someone not in the registry",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima", "dr-nobody"}, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-nobody", headSHA)}}
			},
			want: []string{"@dr-nobody is not in the reviewer registry"},
		},
		{
			name: "a registered scheduler cannot review a fact-check",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima", "sched-leo-grant"}, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("sched-leo-grant", headSHA)}}
			},
			want: []string{"@sched-leo-grant is registered without the clinician role"},
		},
		{
			name: "a named reviewer who has not approved",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), {User: "dr-james-okafor", State: "COMMENTED", CommitID: headSHA}, approve("dr-mei-chen", headSHA)}}
			},
			want: []string{"@dr-james-okafor has not approved yet"},
		},
		{
			name: "a dismissed approval",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), {User: "dr-james-okafor", State: "DISMISSED", CommitID: headSHA}}}
			},
			want: []string{"@dr-james-okafor's approval was dismissed"},
		},
		{
			name: "changes requested after an approval cancel it",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA), {User: "dr-james-okafor", State: "CHANGES_REQUESTED", CommitID: headSHA}}}
			},
			want: []string{"@dr-james-okafor requested changes"},
		},
		{
			name: "an approval after changes requested counts, and a later comment does not cancel it",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{{User: "dr-ana-lima", State: "CHANGES_REQUESTED", CommitID: olderSHA}, approve("dr-ana-lima", headSHA),
						approve("dr-james-okafor", headSHA), {User: "dr-james-okafor", State: "COMMENTED", CommitID: headSHA}}}
			},
			pass: true,
		},
		{
			name: "a new fact-check needs two named reviewers",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA)}}
			},
			want: []string{"a new fact-check needs 2 clinician reviewers named under reviewers; it names 1"},
		},
		{
			name: "an edit that keeps the verdict needs one",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim",
					baseFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
					headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "A clearer sentence.")},
					reviews:  []Review{approve("dr-ana-lima", headSHA)}}
			},
			pass: true,
		},
		{
			name: "a verdict change needs two, read by comparing base and head front matter",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim",
					baseFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
					headFile: map[string]string{fcPath: factCheck(t, "misleading", []string{"dr-ana-lima"}, "")},
					reviews:  []Review{approve("dr-ana-lima", headSHA)}}
			},
			want: []string{"a verdict change: False → Misleading needs 2 clinician reviewers"},
		},
		{
			name: "a pull request that adds its own reviewer to the registry: the base registry is used and an editor must approve",
			spec: func(t *testing.T) prSpec {
				reg := readTestdata(t, "reviewers.yaml") + "dr-nobody:\n  name: No Body\n  specialty: None\n  roles: [clinician]\n  conflicts: None\n"
				return prSpec{author: "writer-kim",
					baseFile: map[string]string{"data/reviewers.yaml": readTestdata(t, "reviewers.yaml")},
					headFile: map[string]string{fcPath: factCheck(t, "false", []string{"dr-ana-lima", "dr-nobody"}, ""), "data/reviewers.yaml": reg},
					reviews:  []Review{approve("dr-ana-lima", headSHA), approve("dr-nobody", headSHA)}}
			},
			want: []string{"@dr-nobody is not in the reviewer registry", "an approval at the latest commit from an editor named in factdesk.yaml on the base branch (@editor-sam-rivera)"},
		},
		{
			name: "a registry change approved by an editor passes",
			spec: func(t *testing.T) prSpec {
				reg := readTestdata(t, "reviewers.yaml") + "dr-nobody:\n  name: No Body\n  specialty: None\n  roles: [clinician]\n  conflicts: None\n"
				return prSpec{author: "writer-kim",
					baseFile: map[string]string{"data/reviewers.yaml": readTestdata(t, "reviewers.yaml")},
					headFile: map[string]string{"data/reviewers.yaml": reg},
					reviews:  []Review{approve("editor-sam-rivera", headSHA)}}
			},
			pass: true,
		},
		{
			name: "a policy change that lowers the bar does not apply to itself and needs an editor",
			spec: func(t *testing.T) prSpec {
				cfg := readTestdata(t, "factdesk.yaml") + "review:\n  new_factcheck: 1\n"
				return prSpec{author: "writer-kim",
					baseFile: map[string]string{"factdesk.yaml": readTestdata(t, "factdesk.yaml")},
					headFile: map[string]string{"factdesk.yaml": cfg, fcPath: factCheck(t, "false", []string{"dr-ana-lima"}, "")},
					reviews:  []Review{approve("dr-ana-lima", headSHA)}}
			},
			want: []string{"needs 2 clinician reviewers", "from an editor named in factdesk.yaml"},
		},
		{
			name: "an editor who wrote the registry change cannot approve it",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "editor-sam-rivera",
					baseFile: map[string]string{"data/reviewers.yaml": readTestdata(t, "reviewers.yaml")},
					headFile: map[string]string{"data/reviewers.yaml": readTestdata(t, "reviewers.yaml") + "\n"},
					reviews:  []Review{approve("editor-sam-rivera", headSHA)}}
			},
			want: []string{"from an editor named in factdesk.yaml"},
		},
		{
			name: "a pull request from a fork is judged the same way",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "outside-writer", headRepo: "outside-writer/factdesk", headFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
			},
			pass:      true,
			inComment: []string{"This pull request comes from a fork (`outside-writer/factdesk`); its code was not run."},
		},
		{
			name: "a campaign post approved by a registered scheduler",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{"campaigns/2027/world-aids-day-uu.md": readTestdata(t, "post.md")},
					reviews: []Review{approve("sched-leo-grant", headSHA)}}
			},
			pass: true,
		},
		{
			name: "a campaign post approved by a clinician",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{"campaigns/2027/world-aids-day-uu.md": readTestdata(t, "post.md")},
					reviews: []Review{approve("dr-mei-chen", headSHA)}}
			},
			pass: true,
		},
		{
			name: "a campaign post with an image the pull request adds",
			spec: func(t *testing.T) prSpec {
				post := strings.Replace(readTestdata(t, "post.md"), "copy:", "images:\n  - src: /images/uu-testing.png\n    alt: \"A clinic sign that says free HIV testing\"\ncopy:", 1)
				return prSpec{author: "writer-kim", headFile: map[string]string{"campaigns/2027/world-aids-day-uu.md": post, "static/images/uu-testing.png": "\x89PNG\r\n\x1a\n"},
					reviews: []Review{approve("sched-leo-grant", headSHA)}}
			},
			pass: true,
		},
		{
			name: "a campaign post whose image is missing",
			spec: func(t *testing.T) prSpec {
				post := strings.Replace(readTestdata(t, "post.md"), "copy:", "images:\n  - src: /images/not-there.png\n    alt: \"A clinic sign\"\ncopy:", 1)
				return prSpec{author: "writer-kim", headFile: map[string]string{"campaigns/2027/world-aids-day-uu.md": post},
					reviews: []Review{approve("sched-leo-grant", headSHA)}}
			},
			want: []string{"fix 1 error found by factdesk check"},
		},
		{
			name: "a campaign post approved only by an unregistered account",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", headFile: map[string]string{"campaigns/2027/world-aids-day-uu.md": readTestdata(t, "post.md")},
					reviews: []Review{approve("someone-else", headSHA), approve("sched-leo-grant", olderSHA), approve("dr-ana-lima", olderSHA)}}
			},
			want: []string{"an approval at the latest commit from a registered scheduler or clinician"},
			inComment: []string{
				"| @sched-leo-grant (Leo Grant) | ❌ approved an earlier commit (ccccccc)",
				"| @someone-else | ❌ is not in the reviewer registry",
			},
		},
		{
			name: "check errors in the pull request's version block the merge",
			spec: func(t *testing.T) prSpec {
				bad := strings.Replace(factCheck(t, "false", two, ""), "verdict: false", "verdict: fake", 1)
				return prSpec{author: "writer-kim", headFile: map[string]string{fcPath: bad},
					reviews: []Review{approve("dr-ana-lima", headSHA), approve("dr-james-okafor", headSHA)}}
			},
			want: []string{"found by factdesk check"},
		},
		{
			name: "deleting a fact-check is refused unless an editor approves",
			spec: func(t *testing.T) prSpec {
				return prSpec{author: "writer-kim", baseFile: map[string]string{fcPath: factCheck(t, "false", two, "")},
					headFile: map[string]string{fcPath: ""}, status: map[string]string{fcPath: "removed"},
					reviews: []Review{approve("dr-ana-lima", headSHA)}}
			},
			want: []string{"mark it withdrawn"},
		},
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
			if rep.Passed() != tt.pass {
				t.Fatalf("Passed() = %v, want %v\n%s", rep.Passed(), tt.pass, Describe(rep))
			}
			var missing []string
			for _, fr := range rep.Files {
				missing = append(missing, fr.Missing...)
			}
			all := strings.Join(missing, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing lines do not mention %q:\n%s", w, all)
				}
			}
			// The verdict reaches GitHub: a status on the head commit and the comment.
			sts := f.fake.Statuses(repoName, headSHA)
			if len(sts) != 1 {
				t.Fatalf("statuses on head = %d, want 1", len(sts))
			}
			wantState := "failure"
			if tt.pass {
				wantState = "success"
			}
			if sts[0].State != wantState || sts[0].Context != "factdesk/review" {
				t.Errorf("status = %+v, want state %s, context factdesk/review", sts[0], wantState)
			}
			cs := f.fake.Comments(repoName, 7)
			if len(cs) != 1 || !strings.Contains(cs[0].Body, Marker) {
				t.Fatalf("comments = %+v, want one with the marker", cs)
			}
			for _, w := range tt.inComment {
				if !strings.Contains(cs[0].Body, w) {
					t.Errorf("comment does not say %q:\n%s", w, cs[0].Body)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(cs[0].Body, esc(w)) {
					t.Errorf("comment does not say %q:\n%s", w, cs[0].Body)
				}
			}
			if strings.Contains(cs[0].Body, token) {
				t.Error("the comment contains the token")
			}
			// Nothing is read from or written to a fork: everything goes through the base repository.
			for _, r := range f.fake.Requests() {
				if !strings.HasPrefix(r.Path, "repos/"+repoName+"/") {
					t.Errorf("request outside the base repository: %s %s", r.Method, r.Path)
				}
				if r.Method != "GET" && !strings.Contains(r.Path, "/statuses/") && !strings.Contains(r.Path, "/comments") {
					t.Errorf("unexpected write: %s %s", r.Method, r.Path)
				}
			}
		})
	}
}
