package review

import (
	"strings"
	"testing"
)

func TestCommentShowsSocialCopyRedactedAndCounted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.pr(prSpec{author: "writer-kim", headFile: map[string]string{"campaigns/2027/world-aids-day-uu.md": readTestdata(t, "post.md")},
		reviews: []Review{approve("sched-leo-grant", headSHA)}})
	// No base checkout: the observance list comes from the base commit through the API.
	repo := f.fake.Repo(repoName)
	obs := readTestdata(t, "observances.yaml")
	f.fake.Update(func() { repo.Files[baseSHA]["data/observances.yaml"] = obs })
	f.noRoot = true
	out, err := f.run(Options{Comment: true})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Report.Passed() {
		t.Fatalf("not passed:\n%s", Describe(out.Report))
	}
	body := out.Comment
	for _, want := range []string{
		"**mastodon-main** (mastodon): ",
		"/500 characters",
		"**x-main** (x): ",
		"/280 weighted characters",
		"Undetectable = untransmittable. Book a free HIV test today.",
		"The privacy guard flagged",
		"| @sched-leo-grant (Leo Grant) | ✅ approved this commit |",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
	for _, secret := range []string{"555-0100"} {
		if strings.Contains(body, secret) {
			t.Errorf("comment shows %q, which the privacy guard flags:\n%s", secret, body)
		}
	}
}

func TestEscapeKeepsCopyFromBecomingMarkup(t *testing.T) {
	t.Parallel()
	got := esc("a <script> | b & c\nd")
	if want := "a &lt;script&gt; \\| b &amp; c d"; got != want {
		t.Errorf("esc = %q, want %q", got, want)
	}
}

func TestLongCommentIsCut(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(Marker + "\n## ❌ Clinical review: not ready to merge\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("- `factchecks/some-long-file-name.md`: @dr-ana-lima has not approved yet\n")
	}
	got := fit(b.String(), "<sub>foot</sub>\n")
	if n := len([]rune(got)); n > MaxComment {
		t.Errorf("length = %d, want at most %d", n, MaxComment)
	}
	if !strings.HasPrefix(got, Marker) || !strings.HasSuffix(got, "<sub>foot</sub>\n") || !strings.Contains(got, "too long for one comment") {
		t.Errorf("cut comment lost its marker, its footer or the note:\n%s", got[len(got)-300:])
	}
}
