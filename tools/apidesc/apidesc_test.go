package apidesc_test

import (
	"strings"
	"testing"

	"github.com/factdesk/factdesk/tools/apidesc"
)

// A field the description does not declare fails, so a misspelling cannot pass.
func TestMisspelledFieldsFail(t *testing.T) {
	m, err := apidesc.Mastodon()
	if err != nil {
		t.Fatal(err)
	}
	lex, err := apidesc.Bluesky()
	if err != nil {
		t.Fatal(err)
	}
	form := "application/x-www-form-urlencoded"
	record := `{"repo":"did:plc:x","collection":"app.bsky.feed.post","rkey":"3kabc2def3ghi","record":{"$type":"app.bsky.feed.post","text":"hi","createdAt":"2027-04-24T14:00:00Z"%s}}`
	tests := []struct {
		name  string
		check func() []error
		bad   string // "" when it must pass
	}{
		{"Mastodon status as sent", func() []error {
			return []error{m.CheckRequest("POST", "/api/v1/statuses", form, []byte("status=Hello&visibility=public"))}
		}, ""},
		{"Mastodon status with a misspelled field", func() []error {
			return []error{m.CheckRequest("POST", "/api/v1/statuses", form, []byte("status=Hello&visibilty=public"))}
		}, "visibilty"},
		{"Mastodon answer with a misspelled field", func() []error {
			return []error{m.CheckResponse("DELETE", "/api/v1/statuses/1", 404, []byte(`{"eror":"Record not found"}`))}
		}, "eror"},
		{"Mastodon answer as documented", func() []error {
			return []error{m.CheckResponse("DELETE", "/api/v1/statuses/1", 404, []byte(`{"error":"Record not found"}`))}
		}, ""},
		{"Mastodon status undocumented", func() []error {
			return []error{m.CheckResponse("POST", "/api/v1/statuses", 418, []byte(`{"error":"teapot"}`))}
		}, "documents no 418"},
		{"Bluesky post as sent", func() []error {
			return lex.CheckCall("POST", "com.atproto.repo.createRecord", nil, "application/json", []byte(strings.Replace(record, "%s", "", 1)), 200, []byte(`{"uri":"at://did:plc:x/app.bsky.feed.post/3kabc2def3ghi","cid":"bafy"}`))
		}, ""},
		{"Bluesky record with a misspelled field", func() []error {
			return lex.CheckCall("POST", "com.atproto.repo.createRecord", nil, "application/json", []byte(strings.Replace(record, "%s", `,"lang":["en"]`, 1)), 200, []byte(`{"uri":"at://x","cid":"bafy"}`))
		}, "lang"},
		{"Bluesky output with a misspelled field", func() []error {
			return lex.CheckCall("POST", "com.atproto.repo.createRecord", nil, "application/json", []byte(strings.Replace(record, "%s", "", 1)), 200, []byte(`{"url":"at://x","cid":"bafy"}`))
		}, "url"},
		{"Bluesky record text over 300 graphemes", func() []error {
			return lex.CheckCall("POST", "com.atproto.repo.createRecord", nil, "application/json", []byte(strings.Replace(strings.Replace(record, `"hi"`, `"`+strings.Repeat("a", 301)+`"`, 1), "%s", "", 1)), 200, []byte(`{"uri":"at://x","cid":"bafy"}`))
		}, "graphemes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var msgs []string
			for _, e := range tt.check() {
				if e != nil {
					msgs = append(msgs, e.Error())
				}
			}
			got := strings.Join(msgs, "\n")
			switch {
			case tt.bad == "" && got != "":
				t.Errorf("a valid exchange was refused:\n%s", got)
			case tt.bad != "" && !strings.Contains(got, tt.bad):
				t.Errorf("the check did not name %q; got:\n%s", tt.bad, got)
			}
		})
	}
}

func TestDocumentedFields(t *testing.T) {
	f := apidesc.Fields{"data": "p", "data.id": "p"}
	if got := f.Check(map[string]any{"data": map[string]any{"id": "1"}}, "x"); len(got) != 0 {
		t.Errorf("documented fields refused: %v", got)
	}
	if got := f.Check(map[string]any{"data": map[string]any{"idd": "1"}}, "x"); len(got) != 1 || !strings.Contains(got[0], "data.idd") {
		t.Errorf("a misspelled field passed: %v", got)
	}
}
