package check

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// calendarRules are the rules of the content calendar.
var calendarRules = []string{"observance", "copy-length", "copy-media", "copy-links", "copy-placeholder"}

const calendarConfigYAML = `organisation:
  name: Test Clinic
  site: https://factdesk.example.org/
timezone: America/New_York
editors: [editor-sam-rivera]
accounts:
  mastodon-main:
    platform: mastodon
  bluesky-main:
    platform: bluesky
  x-main:
    platform: x
  threads-main:
    platform: threads
  big-mastodon:
    platform: mastodon
    options:
      max_characters: "1000"
calendar:
  tracking:
    utm_source: "{platform}"
    utm_medium: social
  max_hashtags: 2
  lead_days: 7
`

func calendarRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	obs, err := os.ReadFile("../../data/observances.yaml")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{"data/observances.yaml": string(obs), "factdesk.yaml": calendarConfigYAML}
	for k, v := range files {
		all[k] = v
	}
	return newRepo(t, all)
}

func post(fields, copyText string) string {
	return "---\ntitle: Test post\n" + fields + "copy:\n  default: " + copyText + "\n---\n"
}

func TestCalendarRules(t *testing.T) {
	t.Parallel()
	const mmr = "campaigns/2027/mmr-myth-week.md"
	long := strings.Repeat("Vaccines are safe. ", 15) // 285 characters
	tests := []struct {
		name  string
		files map[string]string
		want  []string // "path:line: severity [rule]"
		msgs  []string
	}{
		{name: "base post passes", files: nil},
		{
			name:  "unknown observance",
			files: map[string]string{mmr: strings.Replace(readBase(t, mmr), "world-immunization-week", "world-immunisation-week", 1)},
			want:  []string{mmr + ":3: error [observance-unknown]"},
			msgs:  []string{`"world-immunisation-week" is not in data/observances.yaml`},
		},
		{
			name:  "outside the observance",
			files: map[string]string{mmr: strings.Replace(readBase(t, mmr), "2027-04-26T09:00", "2027-06-01T09:00", 1)},
			want:  []string{mmr + ":4: error [post-outside-observance]"},
			msgs:  []string{"outside World Immunization Week (2027-04-24 to 2027-04-30"},
		},
		{
			name:  "within the lead time",
			files: map[string]string{mmr: strings.Replace(readBase(t, mmr), "2027-04-26T09:00", "2027-04-17T09:00", 1)},
		},
		{
			name:  "before the lead time",
			files: map[string]string{mmr: strings.Replace(readBase(t, mmr), "2027-04-26T09:00", "2027-04-16T09:00", 1)},
			want:  []string{mmr + ":4: error [post-outside-observance]"},
		},
		{
			name:  "before the fact-check is published",
			files: map[string]string{"factchecks/mmr-vaccine-autism.md": strings.Replace(readBase(t, "factchecks/mmr-vaccine-autism.md"), "published: 2026-04-01", "published: 2027-04-27", 1)},

			want: []string{mmr + ":4: error [post-before-factcheck]"},
			msgs: []string{"published on 2027-04-27"},
		},
		{
			name: "lead_days: 0 allows no post before the observance",
			files: map[string]string{
				"factdesk.yaml": strings.Replace(calendarConfigYAML, "lead_days: 7", "lead_days: 0", 1),
				mmr:             strings.Replace(readBase(t, mmr), "2027-04-26T09:00", "2027-04-23T09:00", 1),
			},
			want: []string{mmr + ":4: error [post-outside-observance]"},
			msgs: []string{"posts allowed from 0 days before"},
		},
		{
			name:  "an observance not checked for over a year",
			files: map[string]string{"data/observances.yaml": "world-immunization-week:\n  name: World Immunization Week\n  scope: global\n  kind: week\n  rule: days April 24-30\n  sponsor: https://www.who.int\n  source: https://www.who.int\n  verified: 2025-11-01\n  confidence: confirmed\n"},
			want:  []string{"data/observances.yaml:8: warning [observance-verified]"},
			msgs:  []string{"World Immunization Week was last checked against its source on 2025-11-01"},
		},
		{
			name:  "sponsor-set dates not entered",
			files: map[string]string{mmr: strings.Replace(readBase(t, mmr), "world-immunization-week", "national-infant-immunization-week", 1)},
			want:  []string{mmr + ":3: warning [observance-dates]"},
		},
		{
			name:  "fact-check names an unknown observance",
			files: map[string]string{"factchecks/mmr-vaccine-autism.md": strings.Replace(readBase(t, "factchecks/mmr-vaccine-autism.md"), "observances: [world-immunization-week]", "observances: [vaccine-day]", 1)},
			want:  []string{"factchecks/mmr-vaccine-autism.md:16: error [observance-unknown]"},
			msgs:  []string{`observance "vaccine-day" is not in data/observances.yaml`},
		},
		{
			name:  "impossible rule in the data file",
			files: map[string]string{"data/observances.yaml": "leap-day:\n  name: Leap\n  scope: us\n  kind: day\n  rule: day February 30\n  sponsor: https://example.org\n  source: https://example.org\n  verified: 2026-11-27\n  confidence: likely\n"},
			want:  []string{mmr + ":3: error [observance-unknown]", "data/observances.yaml:5: error [observance-data]", "factchecks/mmr-vaccine-autism.md:16: error [observance-unknown]"},
			msgs:  []string{"February 30 has no such day"},
		},
		{
			name:  "too long for Bluesky with the link appended, fine on a 1000-character Mastodon",
			files: map[string]string{"campaigns/2027/long.md": post("observance: world-immunization-week\npublish_at: 2027-04-26T10:00\ntimezone: America/New_York\nchannels: [bluesky-main, big-mastodon]\nfactcheck: mmr-vaccine-autism\n", long)},
			want:  []string{"campaigns/2027/long.md:9: error [copy-length]"},
			msgs:  []string{"bluesky-main: the text is too long for bluesky: 382/300 characters, 382/3000 bytes (counting the link and hashtags"},
		},
		{
			name:  "CJK weighs double on X",
			files: map[string]string{"campaigns/2027/cjk.md": post("observance: world-immunization-week\npublish_at: 2027-04-26T10:00\ntimezone: America/New_York\nchannels: [x-main, threads-main]\n", strings.Repeat("疫苗", 70)+"a")},
			want:  []string{"campaigns/2027/cjk.md:8: error [copy-length]"},
			msgs:  []string{"x-main: the text is too long for x: 281/280 weighted characters"},
		},
		{
			name:  "own-site link without tracking, too many hashtags",
			files: map[string]string{"campaigns/2027/track.md": post("observance: world-immunization-week\npublish_at: 2027-04-26T10:00\ntimezone: America/New_York\nchannels: [mastodon-main]\nhashtags: [VaccinesWork, Measles]\n", `"Read https://factdesk.example.org/factchecks/mmr-vaccine-autism/?utm_source=mastodon #MMR"`)},
			want:  []string{"campaigns/2027/track.md:9: error [copy-hashtags]", "campaigns/2027/track.md:9: error [copy-tracking]"},
			msgs:  []string{"without the tracking parameters utm_medium", "carries 3 hashtags"},
		},
		{
			name:  "plan's placeholder copy left in a post out of draft",
			files: map[string]string{"campaigns/2027/ph.md": post("observance: world-immunization-week\npublish_at: 2027-04-26T10:00\ntimezone: America/New_York\nchannels: [mastodon-main]\n", "Write the post for World Immunization Week here.")},
			want:  []string{"campaigns/2027/ph.md:8: error [copy-placeholder]"},
		},
		{
			name:  "plan's placeholder copy in a draft is fine",
			files: map[string]string{"campaigns/2027/ph.md": post("observance: world-immunization-week\npublish_at: 2027-04-26T10:00\ntimezone: America/New_York\nchannels: [mastodon-main]\ndraft: true\n", "Write the post for World Immunization Week here.")},
		},
		{
			name: "images: missing, too many, too large",
			files: map[string]string{
				"static/img/big.png": strings.Repeat("x", 1100000),
				"static/img/a.png":   "png",
				"campaigns/2027/img.md": post("observance: world-immunization-week\npublish_at: 2027-04-26T10:00\ntimezone: America/New_York\nchannels: [bluesky-main]\nimages:\n"+
					"  - {src: img/big.png, alt: A nurse's gloved hands hold a vaccine vial}\n"+
					"  - {src: img/a.png, alt: Chart}\n  - {src: img/a.png, alt: Chart}\n  - {src: img/a.png, alt: Chart}\n  - {src: img/none.png, alt: Chart}\n", "Vaccines work."),
			},
			want: []string{"campaigns/2027/img.md:7: error [image-count]", "campaigns/2027/img.md:8: error [image-size]", "campaigns/2027/img.md:12: error [image-missing]"},
			msgs: []string{"bluesky accepts at most 1000 kB", "at most 4 images"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := calendarRepo(t, tt.files)
			fs := runCheck(t, root, calendarRules...)
			var got []string
			for _, f := range fs {
				got = append(got, f.Path+":"+strconv.Itoa(f.Line)+": "+f.Level+" ["+f.Rule+"]")
			}
			if tt.want != nil || tt.msgs == nil {
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("findings:\n%s\nwant:\n%s\nmessages:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), messages(fs))
				}
			}
			for _, m := range tt.msgs {
				if !strings.Contains(messages(fs), m) {
					t.Errorf("no finding says %q; got:\n%s", m, messages(fs))
				}
			}
		})
	}
}
