package check

import (
	"context"

	"github.com/factdesk/factdesk/tools/content"
)

func init() {
	Register(Rule{
		ID:          "slugs",
		Description: "page addresses are unique, and translations link to an existing version in another language",
		Check:       checkSlugs,
	})
}

func checkSlugs(_ context.Context, r *Run) {
	type key struct{ lang, slug string }
	first := map[key]string{}
	for _, f := range r.Repo.FactChecks {
		k := key{f.Lang, f.Slug}
		if prev, dup := first[k]; dup {
			r.ReportDoc(f.Doc, content.Pos{Line: 1, Col: 1}, content.Error, "slug-duplicate", "the slug %q is already used by %s; posts link to fact-checks by slug, so rename one of the files", f.Slug, prev)
			continue
		}
		first[k] = f.Path
	}
	posts := map[string]string{}
	for _, p := range r.Repo.Posts {
		if prev, dup := posts[p.Slug]; dup {
			r.ReportDoc(p.Doc, content.Pos{Line: 1, Col: 1}, content.Error, "slug-duplicate", "campaign post name %q is already used by %s; rename one of the files", p.Slug, prev)
			continue
		}
		posts[p.Slug] = p.Path
	}
	// Translations: each translation_key must group versions in different languages.
	groups := map[string][]*content.FactCheckDoc{}
	for _, f := range r.Repo.FactChecks {
		if f.OK && f.TranslationKey != "" {
			groups[f.TranslationKey] = append(groups[f.TranslationKey], f)
		}
	}
	for tk, fs := range groups {
		langs := map[string]string{}
		for _, f := range fs {
			if prev, dup := langs[f.Lang]; dup {
				r.ReportDoc(f.Doc, f.At("translationKey"), content.Error, "translation-duplicate", "translationKey %q is already used by %s in the same language (%s)", tk, prev, f.Lang)
			}
			langs[f.Lang] = f.Path
		}
		if len(fs) == 1 && fs[0].Lang != "en" {
			r.ReportDoc(fs[0].Doc, fs[0].At("translationKey"), content.Error, "translation-orphan", "translationKey %q matches no English fact-check; use the key of the version this translates", tk)
		}
	}
}
