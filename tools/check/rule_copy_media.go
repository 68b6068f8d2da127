package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/social"
)

func init() {
	Register(Rule{
		ID:          "copy-media",
		Description: "post images exist under static/, and their number, file size and alt text fit every channel's platform",
		Check:       checkCopyMedia,
	})
}

func checkCopyMedia(_ context.Context, r *Run) {
	for _, p := range r.Repo.Posts {
		if !p.OK || len(p.Images) == 0 {
			continue
		}
		sizes := make([]int64, len(p.Images))
		for i, img := range p.Images {
			path := filepath.Join(r.Repo.Root, "static", filepath.FromSlash(strings.TrimPrefix(img.Src, "/")))
			st, err := os.Stat(path)
			if err != nil {
				r.ReportDoc(p.Doc, p.At("images", i, "src"), content.Error, "image-missing", "image %q is not in static/; add the file or fix src", img.Src)
				sizes[i] = -1
				continue
			}
			sizes[i] = st.Size()
		}
		for _, ch := range p.Channels {
			platform, l, ok := channelLimit(r.Config, ch)
			if !ok {
				continue
			}
			if l.MaxImages > 0 && len(p.Images) > l.MaxImages {
				r.ReportDoc(p.Doc, p.KeyAt("images"), content.Error, "image-count", "%s: %s takes at most %d images per post; this post has %d", ch, platform, l.MaxImages, len(p.Images))
			}
			for i, img := range p.Images {
				if sizes[i] > 0 && l.MaxImageBytes > 0 && sizes[i] > l.MaxImageBytes {
					r.ReportDoc(p.Doc, p.At("images", i, "src"), content.Error, "image-size", "%s: image %q is %s; %s accepts at most %s; make it smaller", ch, img.Src, size(sizes[i]), platform, size(l.MaxImageBytes))
				}
				if n := social.Graphemes(img.Alt); l.MaxAlt > 0 && n > l.MaxAlt {
					r.ReportDoc(p.Doc, p.At("images", i, "alt"), content.Error, "image-alt-length", "%s: alt text of %q has %d characters; %s accepts at most %d", ch, img.Src, n, platform, l.MaxAlt)
				}
			}
		}
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1000:
		return fmt.Sprintf("%.0f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%d bytes", n)
}
