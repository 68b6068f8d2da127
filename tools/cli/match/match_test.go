package match_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/cli/clitest"
	"github.com/factdesk/factdesk/tools/cli/match"
	"github.com/factdesk/factdesk/tools/social"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	return clitest.Run(context.Background(), stdin, time.Time{}, append([]string{"--root", filepath.Join("..", "..", "..")}, args...)...)
}

func TestMatchPrintsReplyWithinLimit(t *testing.T) {
	for _, platform := range []string{"x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "x-main"} {
		out, errOut, code := run(t, "", "match", "--format", "json", "--platform", platform, "my doctor wouldn't give me antibiotics for this head cold")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", platform, code, errOut)
		}
		var o match.Output
		if err := json.Unmarshal([]byte(out), &o); err != nil {
			t.Fatalf("%s: %v\n%s", platform, err, out)
		}
		if len(o.Matches) == 0 || o.Matches[0].Slug != "antibiotics-common-cold" {
			t.Fatalf("%s: first match %+v", platform, o.Matches)
		}
		if !strings.HasSuffix(o.Reply, "https://factdesk.example.org/factchecks/antibiotics-common-cold/") {
			t.Errorf("%s: reply does not end with the fact-check's link: %q", platform, o.Reply)
		}
		if c := social.Measure(o.Platform, o.Reply); c.Over() {
			t.Errorf("%s: reply over the limit: %s", platform, c)
		}
	}
}

func TestMatchReadsStdinAndNeverEchoesComment(t *testing.T) {
	comment := "Maria Lopez here, the flu shot at your pharmacy gave me the flu"
	out, errOut, code := run(t, comment, "match", "--platform", "x")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "/factchecks/flu-shot-gives-flu/") || !strings.Contains(out, "Reply for x (") {
		t.Errorf("output lacks the match or the reply:\n%s", out)
	}
	if strings.Contains(out+errOut, "Maria") {
		t.Errorf("the comment was echoed:\n%s", out)
	}
}

func TestMatchErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"match", "--platform", "myspace", "flu shot gave me flu"}, 2, "unknown platform"},
		{[]string{"match", ""}, 2, "give the comment"},
		{[]string{"match", "qwerty zxcvb"}, 1, "no fact-check answers this comment"},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
		if strings.Contains(errOut, "goroutine") {
			t.Errorf("%v: a stack trace reached the user", tt.args)
		}
	}
}

// TestMatchGivesNoRebuttalToSupportiveOrQuestions: a comment that supports the evidence
// or asks a practical question gets no fact-check and no reply, and exits 0.
func TestMatchGivesNoRebuttalToSupportiveOrQuestions(t *testing.T) {
	tests := []struct {
		comment, kind, want, reply string
	}{
		{"Got my flu shot today, feeling fine!", "supportive", "supports the evidence", "Thank you for helping share"},
		{"ya me puse la vacuna de la gripa, cero síntomas", "supportive", "supports the evidence", "Gracias por ayudar"},
		{"where can i get the flu jab this weekend?", "question", "practical question", ""},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, "", "match", "--platform", "x", tt.comment)
		if code != 0 || !strings.Contains(out, tt.want) || strings.Contains(out, "/factchecks/") {
			t.Errorf("%q: exit %d, out %q, stderr %q; want 0, %q and no fact-check", tt.comment, code, out, errOut, tt.want)
		}
		js, _, code := run(t, "", "match", "--format", "json", tt.comment)
		var o match.Output
		if err := json.Unmarshal([]byte(js), &o); err != nil || code != 0 {
			t.Fatalf("%q: exit %d, %v\n%s", tt.comment, code, err, js)
		}
		if o.Kind != tt.kind || len(o.Matches) != 0 {
			t.Errorf("%q: kind %q, %d matches; want %s and none", tt.comment, o.Kind, len(o.Matches), tt.kind)
		}
		// A supportive comment gets the thank-you template in its language, which repeats
		// none of the comment's health details; a question gets no reply.
		switch {
		case tt.reply == "" && o.Reply != "":
			t.Errorf("%q: reply %q; want none", tt.comment, o.Reply)
		case tt.reply != "" && !strings.HasPrefix(o.Reply, tt.reply):
			t.Errorf("%q: reply %q; want the thank-you template starting %q", tt.comment, o.Reply, tt.reply)
		case tt.reply != "" && (strings.Contains(o.Reply, "flu") || strings.Contains(o.Reply, "gripa")):
			t.Errorf("%q: the thank-you reply repeats the comment's health details: %q", tt.comment, o.Reply)
		}
	}
}
