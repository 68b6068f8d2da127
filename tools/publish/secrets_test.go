package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A token with characters that change when a request carries it: in a query or form
// (Facebook, Threads), in a path, in a JSON string (Bluesky's password).
const awkwardSecret = "s3cr+t/t0k=n&x y<42>"

// secretLeaks returns the forms of secret that msg shows.
func secretLeaks(msg, secret string) []string {
	j, _ := json.Marshal(secret)
	var out []string
	for _, form := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret), string(j[1 : len(j)-1]),
		strings.ReplaceAll(url.QueryEscape(secret), "+", "%20")} {
		if strings.Contains(msg, form) {
			out = append(out, form)
		}
	}
	return out
}

// No message of any adapter shows its credentials, in any form a request carries them,
// whether the request cannot be built, cannot connect, or meets a platform that echoes
// what it was sent in its error answer.
func TestNoMessageShowsACredential(t *testing.T) {
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		status := http.StatusBadRequest
		if strings.Contains(r.URL.Path, "5xx") {
			status = http.StatusBadGateway
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":"bad request %s %s","auth":%q,"body":%q}`, r.Method, r.URL.String(), r.Header.Get("Authorization"), body)
	}))
	defer echo.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String()
	closed.Close()
	bases := map[string]string{
		"cannot be built":       "http://127.0.0.1:1/\x7f",
		"cannot connect":        refused,
		"echoes the request":    echo.URL,
		"echoes a server fault": echo.URL + "/5xx",
	}
	client := &http.Client{Timeout: 5 * time.Second}
	oauth := func() *OAuth1 {
		return &OAuth1{ConsumerKey: awkwardSecret + "ck", ConsumerSecret: awkwardSecret + "cs", Token: awkwardSecret, TokenSecret: awkwardSecret + "ts"}
	}
	for what, base := range bases {
		channels := map[string]Channel{
			"mastodon":    NewMastodon(client, base, awkwardSecret),
			"bluesky":     NewBluesky(client, base, "riversidehealth.example", awkwardSecret, ""),
			"x":           NewX(client, base, awkwardSecret, "@RiversideHealth"),
			"x (OAuth 1)": NewXOAuth1(client, base, oauth(), "@RiversideHealth"),
			"linkedin":    NewLinkedIn(client, base, awkwardSecret, "urn:li:organization:1", DefaultLinkedInVer),
			"facebook":    NewFacebook(client, base, awkwardSecret, "4242"),
			"threads":     NewThreads(client, base, awkwardSecret, "17841400000000000"),
			"webhook":     NewWebhook(client, base+"/hook", awkwardSecret),
		}
		for platform, ch := range channels {
			t.Run(what+"/"+platform, func(t *testing.T) {
				ctx := context.Background()
				m := &Message{Post: "p", Account: "a", Platform: platform, Text: "The flu shot cannot give you the flu https://example.org/x",
					Link: "https://example.org/x", PublishAt: time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC), Key: Key("p", "a")}
				var msgs []string
				note := func(call string, err error) {
					if err != nil {
						msgs = append(msgs, call+": "+err.Error())
					}
				}
				_, err := ch.Send(ctx, m)
				if err == nil {
					t.Fatalf("Send against a platform that %s succeeded", what)
				}
				note("Send", err)
				note("Delete", ch.Delete(ctx, Receipt{RemoteID: "1", URL: base + "/1"}))
				if f, ok := ch.(Finder); ok {
					_, _, err := f.Find(ctx, m)
					note("Find", err)
				}
				if v, ok := ch.(Verifier); ok {
					st, err := v.Verify(ctx)
					note("Verify", err)
					msgs = append(msgs, "Verify: "+st.Detail)
				}
				if r, ok := ch.(Refresher); ok {
					_, err := r.Refresh(ctx, time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC))
					note("Refresh", err)
				}
				for _, msg := range msgs {
					secrets := []string{awkwardSecret}
					if platform == "x (OAuth 1)" {
						secrets = append(secrets, awkwardSecret+"ck", awkwardSecret+"cs", awkwardSecret+"ts")
					}
					for _, s := range secrets {
						if leaks := secretLeaks(msg, s); len(leaks) > 0 {
							t.Errorf("%s shows the credential as %q", msg, leaks)
						}
					}
				}
			})
		}
	}
}
