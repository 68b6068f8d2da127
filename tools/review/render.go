package review

import (
	"fmt"
	"strings"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
	"github.com/factdesk/factdesk/tools/privacy"
	"github.com/factdesk/factdesk/tools/social"
)

// Marker is the hidden line that identifies the gate's comment on a pull request.
const Marker = "<!-- factdesk:review -->"

// Preview is a campaign post's copy as one channel will show it.
type Preview struct {
	Channel  string
	Platform string
	Text     string
	// Count is the length as the platform counts it, e.g. "212/280 weighted characters".
	Count string
	Over  bool
}

// Previewer composes what a channel will publish for a post and counts it as the
// platform does. The command wires in tools/social; PlainPreview is the fallback.
type Previewer func(cfg *config.Config, p *content.PostDoc, channel string) Preview

// Redactor hides the spans of a text that the privacy guard flags (names, phone
// numbers, dates of birth…) and reports how many it hid.
type Redactor interface {
	Redact(text string) (string, int)
}

// SocialPreview composes the text a channel will publish for a post (tools/social:
// copy, fact-check link, hashtags) and counts it as the channel's platform does.
func SocialPreview(cfg *config.Config, p *content.PostDoc, channel string) Preview {
	platform := channel
	limit, known := social.LimitFor(platform, 0)
	if cfg != nil {
		if a, ok := cfg.Accounts[channel]; ok {
			platform = a.Platform
			limit, known = social.AccountLimit(a)
		}
	}
	m := social.Compose(p.Post, channel, platform, social.OptionsFrom(cfg))
	c := social.Measure(platform, m.Text)
	if known {
		c = social.MeasureWith(limit, m.Text)
	}
	return Preview{Channel: channel, Platform: platform, Text: m.Text, Count: c.String(), Over: c.Over()}
}

// GuardRedactor hides what the privacy guard (tools/privacy) flags, showing the kind
// of identifier in its place.
type GuardRedactor struct{ Guard *privacy.Guard }

// NewGuardRedactor returns a redactor configured exactly as `factdesk check` configures
// the guard: the organisation's own contact details, handles and privacy.allow list,
// and the registered reviewers' names, are allowed.
func NewGuardRedactor(cfg *config.Config, registry map[string]content.Reviewer) GuardRedactor {
	return GuardRedactor{Guard: check.PrivacyGuard(cfg, &content.Repo{Reviewers: registry})}
}

// Redact implements Redactor.
func (g GuardRedactor) Redact(text string) (string, int) {
	fs := g.Guard.Scan(text)
	if len(fs) == 0 {
		return text, 0
	}
	return privacy.Redact(text, fs), len(fs)
}

// RenderOptions control Render.
type RenderOptions struct {
	Preview Previewer
	// Redact hides personal details in the copy; nil means the privacy guard.
	Redact Redactor
	// RunURL links to the workflow run, when known.
	RunURL string
}

// Render writes the pull-request comment for a report, in GitHub-flavoured Markdown.
func Render(r *Report, opts RenderOptions) string {
	s := r.Snapshot
	preview := opts.Preview
	if preview == nil {
		preview = SocialPreview
	}
	redact := opts.Redact
	if redact == nil {
		redact = NewGuardRedactor(s.Config, s.Registry)
	}
	var b strings.Builder
	b.WriteString(Marker + "\n")
	if r.Passed() {
		b.WriteString("## ✅ Clinical review: ready to merge\n\n")
	} else {
		b.WriteString("## ❌ Clinical review: not ready to merge\n\n")
	}
	fmt.Fprintf(&b, "Checked commit `%s`. The reviewer registry and the review policy were read from the base branch (`%s`), not from this pull request.", short(s.HeadSHA), short(s.BaseSHA))
	if s.Fork() {
		fmt.Fprintf(&b, " This pull request comes from a fork (`%s`); its code was not run.", esc(s.HeadRepo))
	}
	b.WriteString("\n\n")
	if len(r.Files) == 0 {
		b.WriteString("Every file this pull request changes is on the review policy's list of paths that need no review (see docs/review.md), so no review is needed.\n")
	}
	if blocking := r.Blocking(); len(blocking) > 0 {
		b.WriteString("### Still missing\n\n")
		for _, f := range blocking {
			for _, m := range f.Missing {
				fmt.Fprintf(&b, "- `%s`: %s\n", esc(f.Path), esc(m))
			}
		}
		b.WriteString("\n")
	}
	for _, f := range r.Files {
		icon := "✅"
		if !f.OK() {
			icon = "❌"
		}
		fmt.Fprintf(&b, "### %s `%s`\n\n", icon, esc(f.Path))
		need := ""
		switch f.Kind {
		case FactCheck:
			need = fmt.Sprintf("needs %s named in its front matter, each approving this commit", noun.Count(f.Required, "clinician reviewer"))
		case Post:
			need = "needs an approval of this commit from a registered " + strings.Join(s.Config.Review.PostApproverRoles(), " or ")
		case Governed:
			need = "needs an approval of this commit from an editor named in factdesk.yaml"
		case Image:
			need = "needs an approval of this commit from a registered " + strings.Join(s.Config.Review.PostApproverRoles(), " or ")
		case Misplaced:
			need = "no approval clears it; move it where it belongs"
		}
		if f.Required == 0 && f.Kind != Misplaced {
			need = ""
		}
		fmt.Fprintf(&b, "**%s**", esc(f.Change))
		if need != "" {
			fmt.Fprintf(&b, ": %s", need)
		}
		b.WriteString(".\n\n")
		if len(f.Reviewers) > 0 {
			b.WriteString("| Reviewer | Status |\n|---|---|\n")
			for _, rv := range f.Reviewers {
				who := "@" + esc(rv.Handle)
				if rv.Name != "" {
					who += " (" + esc(rv.Name) + ")"
				}
				fmt.Fprintf(&b, "| %s | %s |\n", who, standingText(rv))
			}
			b.WriteString("\n")
		}
		if len(f.Findings) > 0 {
			b.WriteString("<details open><summary>factdesk check</summary>\n\n")
			for _, fd := range f.Findings {
				fmt.Fprintf(&b, "- line %d: **%s**: %s `%s`\n", fd.Line, fd.Severity, esc(fd.Message), fd.Rule)
			}
			b.WriteString("\n</details>\n\n")
		}
		if f.Post != nil && f.Post.OK {
			writePreviews(&b, s.Config, f.Post, preview, redact)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "_%s_\n\n", esc(n))
	}
	var foot strings.Builder
	foot.WriteString("<sub>Updated by `factdesk review` on every push and review; see docs/review.md.")
	if opts.RunURL != "" {
		fmt.Fprintf(&foot, " [Workflow run](%s).", opts.RunURL)
	}
	foot.WriteString("</sub>\n")
	return fit(b.String(), foot.String())
}

// MaxComment is the longest comment the gate writes; GitHub refuses more than 65,536
// characters.
const MaxComment = 60000

// fit cuts an overlong comment at a line boundary, keeping its beginning (the outcome
// and what is still missing) and the footer.
func fit(body, foot string) string {
	if len([]rune(body))+len([]rune(foot)) <= MaxComment {
		return body + foot
	}
	r := []rune(body)
	cut := string(r[:MaxComment-len([]rune(foot))-200])
	if i := strings.LastIndex(cut, "\n"); i > 0 {
		cut = cut[:i+1]
	}
	return cut + "\n_The rest of this report is too long for one comment; the workflow log has it in full._\n\n" + foot
}

func writePreviews(b *strings.Builder, cfg *config.Config, p *content.PostDoc, preview Previewer, redact Redactor) {
	b.WriteString("<details><summary>Social copy as each channel will show it</summary>\n\n")
	hidden := 0
	for _, ch := range p.Channels {
		pv := preview(cfg, p, ch)
		text := pv.Text
		if redact != nil {
			var n int
			text, n = redact.Redact(text)
			hidden += n
		}
		over := ""
		if pv.Over {
			over = " ⚠️ too long"
		}
		fmt.Fprintf(b, "**%s** (%s): %s%s\n\n", esc(pv.Channel), esc(pv.Platform), esc(pv.Count), over)
		fence := "```"
		for strings.Contains(text, fence) {
			fence += "`"
		}
		fmt.Fprintf(b, "%stext\n%s\n%s\n\n", fence, text, fence)
	}
	if hidden > 0 {
		fmt.Fprintf(b, "_⚠️ The privacy guard flagged %s, hidden above by the kind of detail found. Remove personal details from the copy before it is published._\n\n", noun.Count(hidden, "span"))
	}
	b.WriteString("</details>\n\n")
}

func standingText(rv ReviewerStatus) string {
	if rv.OK {
		return "✅ approved this commit"
	}
	return "❌ " + esc(strings.TrimPrefix(rv.Why, "@"+rv.Handle+" "))
}

// esc keeps text from becoming markup in a comment: HTML, table pipes and mentions.
func esc(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "\\|", "\n", " ")
	return r.Replace(s)
}
