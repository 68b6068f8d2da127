package publish

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/factdesk/factdesk/tools/testonly/fakeplatform"
)

// TestImageUploadRefusesUnsafeFiles: an image that is a link to a device or a FIFO is
// not sent (Outcome NotSent, so a retry is safe), with a message naming it, instead of
// streaming /dev/zero to the platform or waiting on the FIFO.
func TestImageUploadRefusesUnsafeFiles(t *testing.T) {
	srv := fakeplatform.NewT(t)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	channels := map[string]Channel{
		"mastodon": NewMastodon(client, srv.URLFor("mastodon"), srv.Tokens["mastodon"]),
		"bluesky":  NewBluesky(client, srv.URLFor("bluesky"), "riversidehealth.example", srv.Tokens["bluesky"], ""),
	}
	files := map[string]func(p string) error{
		"link to /dev/zero": func(p string) error { return os.Symlink("/dev/zero", p) },
		"fifo":              func(p string) error { return syscall.Mkfifo(p, 0o644) },
	}
	for platform, ch := range channels {
		for name, make := range files {
			t.Run(platform+"/"+name, func(t *testing.T) {
				img := filepath.Join(t.TempDir(), "chart.png")
				if err := make(img); err != nil {
					t.Fatal(err)
				}
				m := &Message{Post: "p-img", Account: platform + "-main", Platform: platform, Text: "[p-img] Hello",
					PublishAt: time.Date(2027, 4, 24, 14, 0, 0, 0, time.UTC), Key: Key("p-img", platform+"-main"),
					Images: []Image{{Path: img, Alt: "A chart"}}}
				_, err := ch.Send(context.Background(), m)
				var ce *CallError
				if !errors.As(err, &ce) || ce.Outcome != NotSent || !strings.Contains(err.Error(), img) || !strings.Contains(err.Error(), "not a regular file") {
					t.Fatalf("Send = %v, want NotSent naming %s as not a regular file", err, img)
				}
			})
		}
	}
}
