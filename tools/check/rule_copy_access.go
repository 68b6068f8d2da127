package check

import (
	"context"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"

	"github.com/factdesk/factdesk/tools/check/hashtag"
	"github.com/factdesk/factdesk/tools/content"
)

// The accessibility rules of posts (docs/calendar.md, "Accessible posts"): WCAG 2.1 AA
// reaches an organisation's own social posts. Placeholder alt text is an error; the rest
// are warnings a person weighs. Rules added on AccessRulesSince only warn on posts merged
// before that day (see Grandfather).

// AccessRulesSince is the day the accessibility rules were added.
const AccessRulesSince = "2026-12-06"

func init() {
	Register(Rule{
		ID:          "copy-accessibility",
		Description: "post images have real alt text; hashtags of several words are CamelCase; copy is not mostly emoji and says more than its image",
		Check:       checkCopyAccess,
	})
	Grandfather("image-alt-placeholder", AccessRulesSince)
}

// placeholderAlts are alt texts that describe nothing, compared in lower case without
// punctuation.
var placeholderAlts = map[string]bool{
	"image": true, "photo": true, "picture": true, "img": true, "graphic": true, "alt": true, "alt text": true,
	"screenshot": true, "untitled": true, "placeholder": true, "image of": true, "photo of": true, "picture of": true,
	"logo": true, "icon": true, "banner": true, "todo": true, "tbd": true, "description": true, "an image": true, "a photo": true,
	"a picture": true, "the image": true, "the photo": true, "infographic": true, "graphic image": true, "stock photo": true,
}

var fileNameAlt = regexp.MustCompile(`(?i)^[\w.\-/ ]*\.(png|jpe?g|gif|webp|svg|avif|heic|tiff?|bmp)$`)

// PlaceholderAlt reports whether alt says nothing about an image called src: a file name,
// the file's own name without extension, or a word like "image" or "photo".
func PlaceholderAlt(alt, src string) bool {
	a := strings.TrimSpace(alt)
	if fileNameAlt.MatchString(a) {
		return true
	}
	norm := strings.ToLower(strings.Join(strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " "))
	if placeholderAlts[norm] {
		return true
	}
	base := strings.TrimSuffix(path.Base(src), path.Ext(src))
	base = strings.ToLower(strings.Join(strings.FieldsFunc(base, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " "))
	return base != "" && norm == base
}

var inlineTag = regexp.MustCompile(`(?:^|\s)#(\p{L}[\p{L}\p{N}_]*)`)

// lowerMultiWord reports whether tag is all lower case and long enough to join words
// (#hearthealth); screen readers read such a tag as one long word.
// emojiShare counts the emoji among the visible characters of text, leaving out links
// and hashtags.
func emojiShare(text string) (emoji, visible int) {
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "#") {
			continue
		}
		g := uniseg.NewGraphemes(w)
		for g.Next() {
			visible++
			for _, r := range g.Runes() {
				if unicode.Is(unicode.So, r) || (r >= 0x1F000 && r <= 0x1FAFF) {
					emoji++
					break
				}
			}
		}
	}
	return emoji, visible
}

// words counts the words of text, leaving out links, hashtags and emoji.
func words(text string) int {
	n := 0
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "http") || strings.HasPrefix(w, "#") {
			continue
		}
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

func checkCopyAccess(_ context.Context, r *Run) {
	for _, p := range r.Repo.Posts {
		if !p.OK || p.Draft {
			continue
		}
		for i, img := range p.Images {
			if PlaceholderAlt(img.Alt, img.Src) {
				r.ReportDoc(p.Doc, p.At("images", i, "alt"), content.Error, "image-alt-placeholder",
					"alt text %q of %q describes nothing; say what the image shows and what it tells, as you would over the phone (docs/calendar.md, \"Accessible posts\")", img.Alt, img.Src)
			}
		}
		texts := []string{p.Title}
		for _, text := range p.Copy {
			texts = append(texts, text)
		}
		vocab := hashtag.Words(texts...)
		for i, tag := range p.Hashtags {
			if words, ok := hashtag.LowerMultiWord(tag, vocab); ok {
				r.ReportDoc(p.Doc, p.At("hashtags", i), content.Warning, "hashtag-camelcase",
					"hashtag #%s joins the words %s in lower case; write #%s so screen readers read them as words", tag, strings.Join(words, ", "), hashtag.CamelCase(tag, words))
			}
		}
		for key, text := range p.Copy {
			for _, m := range inlineTag.FindAllStringSubmatch(text, -1) {
				if words, ok := hashtag.LowerMultiWord(m[1], vocab); ok {
					r.ReportDoc(p.Doc, p.KeyAt("copy", key), content.Warning, "hashtag-camelcase",
						"copy.%s: hashtag #%s joins the words %s in lower case; write #%s so screen readers read them as words", key, m[1], strings.Join(words, ", "), hashtag.CamelCase(m[1], words))
				}
			}
			if e, v := emojiShare(text); e >= 3 && e*2 > v {
				r.ReportDoc(p.Doc, p.KeyAt("copy", key), content.Warning, "copy-mostly-emoji",
					"copy.%s is mostly emoji (%d of %d characters); screen readers read out each one by name, so say it in words and keep one or two emoji", key, e, v)
			}
			if len(p.Images) > 0 && words(text) < 4 {
				r.ReportDoc(p.Doc, p.KeyAt("copy", key), content.Warning, "copy-image-only",
					"copy.%s says almost nothing and leaves the message to the image; write it in the copy too, for people who get only the alt text or no images", key)
			}
		}
	}
}
