package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goodFactCheck and goodPost are the passing fixtures every case starts from.
const (
	goodFactCheck = "factchecks/mmr-vaccine-autism.md"
	goodPost      = "campaigns/2027/mmr-myth-week.md"
)

func readBase(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "base", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit returns the base file at path with each old string replaced by its new one.
func edit(t *testing.T, path string, pairs ...string) string {
	t.Helper()
	s := readBase(t, path)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s does not contain %q", path, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// TestRules runs each rule over a passing and a failing fixture and asserts every
// finding: path, line, column, severity and rule id, and a part of the message.
func TestRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		rule  string
		files func(t *testing.T) map[string]string
		// want lists findings as "path:line:col: severity [rule]".
		want []string
		// msgs are texts that must each appear in some finding's message.
		msgs []string
	}{
		{name: "base repo passes every rule", rule: "", files: func(*testing.T) map[string]string { return nil }},
		{
			name: "load: typo, wrong type, duplicate key",
			rule: "load",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"campaigns/2027/load-bad.md": fixture(t, "load-bad.md")}
			},
			want: []string{
				"campaigns/2027/load-bad.md:2:1: error [required-field]",
				"campaigns/2027/load-bad.md:6:1: error [unknown-key]",
				"campaigns/2027/load-bad.md:9:8: error [field-type]",
				"campaigns/2027/load-bad.md:10:1: error [duplicate-key]",
			},
			msgs: []string{`unknown field "chanels"; did you mean "channels"?`, "channels is required", "draft must be true or false", "draft is given twice (first on line 9)"},
		},
		{
			name: "load: binary and empty files",
			rule: "load",
			files: func(*testing.T) map[string]string {
				return map[string]string{"factchecks/photo.md": "\x89PNG\r\n\x1a\n\x00\x00", "campaigns/2027/empty.md": "\n"}
			},
			want: []string{
				"campaigns/2027/empty.md:1:1: error [file-empty]",
				"factchecks/photo.md:1:1: error [file-binary]",
			},
		},
		{
			name: "load: a file that is not read is said so",
			rule: "load",
			files: func(*testing.T) map[string]string {
				return map[string]string{"factchecks/flu-shot.md.bak": "---\ntitle: x\n---\n", "factchecks/.gitkeep": "\n"}
			},
			want: []string{"factchecks/flu-shot.md.bak:1:1: warning [file-ignored]"},
			msgs: []string{"read only .md files"},
		},
		{
			name: "citations: every kind of mistake",
			rule: "citations",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: fixture(t, "citations-bad.md")}
			},
			want: []string{
				goodFactCheck + ":16:10: error [citation-key]",
				goodFactCheck + ":18:9: error [doi-syntax]",
				goodFactCheck + ":22:17: error [study-type]",
				goodFactCheck + ":24:11: error [citation-kind]",
				goodFactCheck + ":28:11: error [citation-year]",
				goodFactCheck + ":30:11: error [citation-role]",
				goodFactCheck + ":31:10: error [citation-key-duplicate]",
				goodFactCheck + ":33:9: error [pmid-syntax]",
				goodFactCheck + ":41:9: error [url-syntax]",
				goodFactCheck + ":46:10: error [url-syntax]",
				goodFactCheck + ":49:9: warning [doi-syntax]",
			},
			msgs: []string{"write the bare DOI starting with 10.", "must be digits only", "outside Crossref's recommended pattern"},
		},
		{
			name: "citations: only the myth's own source",
			rule: "citations",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: fixture(t, "citations-subject-only.md")}
			},
			want: []string{goodFactCheck + ":15:1: error [citation-evidence]"},
		},
		{
			name: "positions and citation records: every kind of mistake",
			rule: "positions,citations",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: edit(t, goodFactCheck,
					"    study_type: systematic-review\n", "    study_type: systematic-review\n    authors: [Taylor LE, \"\"]\n    retrieved: 2026-03-01\n",
					"translationKey: mmr-vaccine-autism\n", `translationKey: mmr-vaccine-autism
positions:
  - authority: Centers for Disease Control and Prevention
    kind: changed
    date: 2025-11-20
    text: CDC rewrote its page.
    citations: [taylor2014]
  - authority: Some Agency
    kind: reversed
    date: 2099-01-01
    text: Said otherwise.
    citations: [taylor2041]
`)}
			},
			want: []string{
				goodFactCheck + ":30:26: error [citation-authors]",
				goodFactCheck + ":31:16: error [citation-page-record]",
				goodFactCheck + ":48:11: error [position-kind]",
				goodFactCheck + ":49:11: error [position-date]",
				goodFactCheck + ":51:17: error [position-citation]",
			},
			msgs: []string{`kind "reversed" is unknown; use changed`, `names citation "taylor2041"`, `did you mean "taylor2014"?`, "retrieved is recorded only for web and guideline citations", "author 2 is empty"},
		},
		{
			name: "cite-keys: undefined and unused keys",
			rule: "cite-keys",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: fixture(t, "cite-keys-bad.md")}
			},
			want: []string{
				goodFactCheck + ":16:10: warning [citation-unused]",
				goodFactCheck + ":23:10: warning [citation-unused]",
				goodFactCheck + ":33:18: error [citation-undefined]",
				goodFactCheck + ":37:17: error [citation-undefined]",
			},
			msgs: []string{`did you mean "taylor2014"?`, `"madsen2002", which is not defined under citations; add it under citations`},
		},
		{
			name: "factcheck-fields: values off the model",
			rule: "factcheck-fields",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"factchecks/Fields Bad.md": fixture(t, "Fields Bad.md")}
			},
			want: []string{
				"factchecks/Fields Bad.md:1:1: error [slug-format]",
				"factchecks/Fields Bad.md:4:14: error [claim-short-length]",
				"factchecks/Fields Bad.md:4:14: error [claim-short-verdict]",
				"factchecks/Fields Bad.md:5:10: error [verdict-unknown]",
				"factchecks/Fields Bad.md:6:14: warning [bottom-line-sentences]",
				"factchecks/Fields Bad.md:8:10: error [appearance-url]",
				"factchecks/Fields Bad.md:10:10: error [topic-format]",
				"factchecks/Fields Bad.md:10:20: error [topic-format]",
				"factchecks/Fields Bad.md:11:7: error [lang-unknown]",
				"factchecks/Fields Bad.md:19:11: error [correction-kind]",
			},
			msgs: []string{`rename it to lower-case words joined by hyphens, e.g. "fields-bad.md"`, "claim_short has 85 characters", `verdict word "False"`, `"child-health"`},
		},
		{
			name: "factcheck-dates: dates out of order",
			rule: "factcheck-dates",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: fixture(t, "dates-bad.md")}
			},
			want: []string{
				goodFactCheck + ":13:16: error [date-order]",
				goodFactCheck + ":14:14: error [date-order]",
				goodFactCheck + ":16:11: error [date-order]",
				goodFactCheck + ":20:9: error [date-order]",
			},
		},
		{
			name: "factcheck-dates: published after today is only a note",
			rule: "factcheck-dates",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: edit(t, goodFactCheck, "published: 2026-04-01", "published: 2027-02-01", "last_reviewed: 2026-04-01", "last_reviewed: 2027-02-01", "next_review: 2027-04-01", "next_review: 2028-02-01")}
			},
			want: []string{goodFactCheck + ":19:12: note [published-future]"},
		},
		{
			name: "review-due: overdue review is a warning",
			rule: "review-due",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: fixture(t, "future-and-due.md")}
			},
			want: []string{goodFactCheck + ":14:14: warning [review-due]"},
			msgs: []string{"clinical review was due on 2026-01-10"},
		},
		{
			name: "review-due: a withdrawn check is never due",
			rule: "review-due",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: strings.Replace(fixture(t, "future-and-due.md"), "citations:", "withdrawn:\n  date: 2026-02-01\n  reason: Superseded.\ncitations:", 1)}
			},
		},
		{
			name: "reviewers: unknown, wrong role, author, duplicate",
			rule: "reviewers",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: fixture(t, "reviewers-bad.md")}
			},
			want: []string{
				goodFactCheck + ":12:5: error [reviewer-is-author]",
				goodFactCheck + ":13:5: error [reviewer-unknown]",
				goodFactCheck + ":14:5: error [reviewer-role]",
				goodFactCheck + ":16:5: error [reviewer-duplicate]",
			},
		},
		{
			name: "registry: unknown role and a handle listed twice",
			rule: "registry,load",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"data/reviewers.yaml": fixture(t, "registry-bad.yaml")}
			},
			want: []string{
				"data/reviewers.yaml:5:22: error [registry-role]",
				"data/reviewers.yaml:8:1: error [duplicate-key]",
			},
			msgs: []string{`unknown role "reviewer"`, "dr-ana-lima is given twice in the reviewer registry (first on line 1)"},
		},
		{
			name: "registry: e-mails that are not addresses or belong to two people",
			rule: "registry",
			files: func(t *testing.T) map[string]string {
				reg := readBase(t, "data/reviewers.yaml")
				reg = strings.Replace(reg, "dr-ana-lima:\n", "dr-ana-lima:\n  emails: [ana@riverside.example, \"Ana <ana>\"]\n", 1)
				reg = strings.Replace(reg, "dr-james-okafor:\n", "dr-james-okafor:\n  emails: [Ana@Riverside.example]\n", 1)
				return map[string]string{"data/reviewers.yaml": reg}
			},
			want: []string{
				"data/reviewers.yaml:5:35: error [registry-email]",
				"data/reviewers.yaml:13:12: error [registry-email]",
			},
			msgs: []string{`"Ana <ana>" is not an e-mail address`, `Ana@Riverside.example is already registered for "dr-ana-lima"`},
		},
		{
			name: "content-location: a folder hugo.toml mounts into the fact-check section",
			rule: "content-location",
			files: func(t *testing.T) map[string]string {
				return map[string]string{
					"hugo.toml":        "[module]\n[[module.mounts]]\nsource = 'factchecks'\ntarget = 'content/factchecks'\n[[module.mounts]]\nsource = 'drafts'\ntarget = 'content/factchecks/drafts'\n",
					"drafts/x.md":      readBase(t, goodFactCheck),
					"drafts/notes.txt": "not a page",
					"elsewhere/y.md":   readBase(t, goodFactCheck),
				}
			},
			want: []string{"drafts/x.md:1:1: error [content-location]"},
			msgs: []string{"at /factchecks/drafts/x/"},
		},
		{
			name:  "registry: missing file",
			rule:  "registry",
			files: func(t *testing.T) map[string]string { return map[string]string{"data/reviewers.yaml": ""} },
			want:  []string{"data/reviewers.yaml:1:1: error [registry-missing]"},
		},
		{
			name: "slugs: a translation pair passes",
			rule: "slugs",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"factchecks/es/mmr-vaccine-autism.md": edit(t, goodFactCheck, "title: Does the MMR vaccine cause autism?", "title: ¿La vacuna triple vírica causa autismo?")}
			},
		},
		{
			name: "slugs: duplicates and broken translations",
			rule: "slugs",
			files: func(t *testing.T) map[string]string {
				fc := readBase(t, goodFactCheck)
				return map[string]string{
					"factchecks/archive/mmr-vaccine-autism.md": fc,
					"factchecks/es/mmr-vacuna.md":              fc,
					"factchecks/es/mmr-otra.md":                fc,
					"factchecks/es/solo.md":                    strings.Replace(fc, "translationKey: mmr-vaccine-autism", "translationKey: no-english-version", 1),
					"campaigns/2028/mmr-myth-week.md":          readBase(t, goodPost),
				}
			},
			want: []string{
				"campaigns/2028/mmr-myth-week.md:1:1: error [slug-duplicate]",
				"factchecks/es/mmr-vacuna.md:38:17: error [translation-duplicate]",
				"factchecks/es/solo.md:38:17: error [translation-orphan]",
				"factchecks/mmr-vaccine-autism.md:1:1: error [slug-duplicate]",
				"factchecks/mmr-vaccine-autism.md:38:17: error [translation-duplicate]",
			},
		},
		{
			name: "readability: a bottom line and a Spanish summary above grade 8",
			rule: "readability",
			files: func(t *testing.T) map[string]string {
				return map[string]string{
					goodFactCheck: edit(t, goodFactCheck, "bottom_line: Large studies of more than a million children found no link between vaccines and autism.",
						"bottom_line: Epidemiological investigations demonstrate no statistically significant association between immunization and neurodevelopmental disorders."),
					"factchecks/es/mmr-vaccine-autism.md": edit(t, goodFactCheck,
						"bottom_line: Large studies of more than a million children found no link between vaccines and autism.", "bottom_line: La vacuna triple vírica no causa autismo.",
						"summary: The idea came from a small 1998 paper that was later retracted. Studies of over a million children found no link.",
						"summary: La evidencia científica disponible no demuestra ninguna relación epidemiológica entre la vacunación sistemática y los trastornos neurológicos."),
				}
			},
			want: []string{
				"factchecks/es/mmr-vaccine-autism.md:8:10: warning [reading-grade]",
				goodFactCheck + ":7:14: warning [reading-grade]",
			},
			msgs: []string{"bottom_line reads at grade 37.3 (Flesch–Kincaid), above the limit of 8", "summary reads at grade 16.4 (Fernández Huerta)"},
		},
		{
			name: "readability: check.max_grade lowers the limit",
			rule: "readability",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"factdesk.yaml": strings.Replace(readBase(t, "factdesk.yaml"), "max_grade: 8", "max_grade: 7", 1)}
			},
			want: []string{goodFactCheck + ":7:14: warning [reading-grade]"},
			msgs: []string{"grade 7.6 (Flesch–Kincaid), above the limit of 7"},
		},
		{
			name: "posts: every kind of mistake",
			rule: "posts",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"campaigns/2027/posts-bad.md": fixture(t, "posts-bad.md")}
			},
			want: []string{
				"campaigns/2027/posts-bad.md:4:13: error [post-time]",
				"campaigns/2027/posts-bad.md:6:27: error [channel-unknown]",
				"campaigns/2027/posts-bad.md:7:1: error [copy-missing]",
				"campaigns/2027/posts-bad.md:7:1: error [copy-missing]",
				"campaigns/2027/posts-bad.md:9:3: error [copy-channel]",
				"campaigns/2027/posts-bad.md:10:12: error [factcheck-missing]",
				"campaigns/2027/posts-bad.md:11:7: error [url-syntax]",
				"campaigns/2027/posts-bad.md:12:12: error [hashtag-format]",
				"campaigns/2027/posts-bad.md:12:29: error [hashtag-format]",
				"campaigns/2027/posts-bad.md:14:5: error [image-alt]",
				"campaigns/2027/posts-bad.md:16:13: error [image-consent]",
				"campaigns/2027/posts-bad.md:18:3: error [exported-channel]",
			},
			msgs: []string{"2027-03-14T02:30 does not exist in America/New_York", `channel "tiktok-main" is not an account`},
		},
		{
			name: "posts: a time that occurs twice",
			rule: "posts",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodPost: edit(t, goodPost, "publish_at: 2027-04-26T09:00", "publish_at: 2027-11-07T01:30")}
			},
			want: []string{goodPost + ":4:13: error [post-time]"},
			msgs: []string{"occurs twice in America/New_York"},
		},
		{
			name: "posts: an unknown zone points at timezone",
			rule: "posts",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodPost: edit(t, goodPost, "timezone: America/New_York", "timezone: Eastern Time")}
			},
			want: []string{goodPost + ":5:11: error [post-time]"},
		},
		{
			name: "posts: a link to a draft fact-check",
			rule: "posts",
			files: func(t *testing.T) map[string]string {
				return map[string]string{goodFactCheck: edit(t, goodFactCheck, "translationKey: mmr-vaccine-autism", "translationKey: mmr-vaccine-autism\ndraft: true")}
			},
			want: []string{goodPost + ":9:12: error [factcheck-draft]"},
		},
		{
			name: "content-location: pages Hugo would publish in the fact-check and campaign sections from elsewhere",
			rule: "content-location",
			files: func(t *testing.T) map[string]string {
				fc := readBase(t, goodFactCheck)
				return map[string]string{
					"content/factchecks/x.md":             fc,
					"factchecks/X.MD":                     fc,
					"factchecks/y.markdown":               fc,
					"factchecks/_index-z.md":              fc,
					"factchecks/_content.gotmpl":          "{{ .AddPage (dict \"path\" \"w\") }}",
					"factchecks/en/v.md":                  fc,
					"static/factchecks/u/index.html":      "<h1>True</h1>",
					"static/es/factchecks/t/index.html":   "<h1>Verdadero</h1>",
					"themes/site/content/factchecks/s.md": fc,
					"campaigns/2027/_index.md":            "---\ncascade:\n  build:\n    render: always\n---\n",
					"campaigns/2027/r.MD":                 "---\ntitle: r\n---\n",
					"content/about.md":                    "---\ntitle: About\n---\n",
					"factchecks/notes.txt":                "not a page",
				}
			},
			want: []string{
				"campaigns/2027/_index.md:1:1: error [content-location]",
				"campaigns/2027/r.MD:1:1: error [content-location]",
				"content/factchecks/x.md:1:1: error [content-location]",
				"factchecks/X.MD:1:1: error [content-location]",
				"factchecks/_content.gotmpl:1:1: error [content-location]",
				"factchecks/_index-z.md:1:1: error [content-location]",
				"factchecks/en/v.md:1:1: error [content-location]",
				"factchecks/y.markdown:1:1: error [content-location]",
				"static/es/factchecks/t/index.html:1:1: error [content-location]",
				"static/factchecks/u/index.html:1:1: error [content-location]",
				"themes/site/content/factchecks/s.md:1:1: error [content-location]",
			},
			msgs: []string{
				"factchecks/X.MD:1:1: error: the site would publish this file at /factchecks/x/ without the review its section needs; a fact-check belongs in factchecks/SLUG.md",
				"such as factchecks/x.md;",
				"at /es/factchecks/t/index.html",
				"such as factchecks/t.md;",
				"a campaign post belongs in campaigns/YEAR/SLUG.md",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := newRepo(t, tt.files(t))
			var rules []string
			if tt.rule != "" {
				rules = strings.Split(tt.rule, ",")
			}
			findings := runCheck(t, root, rules...)
			var got []string
			for _, f := range findings {
				got = append(got, fmt.Sprintf("%s:%d:%d: %s [%s]", f.Path, f.Line, f.Col, f.Severity, f.Rule))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s\nmessages:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), messages(findings))
			}
			for _, m := range tt.msgs {
				if !strings.Contains(messages(findings), m) {
					t.Errorf("no finding says %q:\n%s", m, messages(findings))
				}
			}
		})
	}
}

func messages(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestContentLinks: a fact-check or post that is a symbolic link is refused, since what
// it points to can change without a review of the file.
func TestContentLinks(t *testing.T) {
	t.Parallel()
	root := newRepo(t, map[string]string{"docs/post.md": readBase(t, goodPost), goodPost: ""})
	if err := os.Symlink("../../docs/post.md", filepath.Join(root, filepath.FromSlash(goodPost))); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range runCheck(t, root, "content-location") {
		got = append(got, f.String())
	}
	want := goodPost + ":1:1: error: this is a symbolic link: what it points to can change without a review of this file; replace it with the file itself [content-link]"
	if strings.Join(got, "\n") != want {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
