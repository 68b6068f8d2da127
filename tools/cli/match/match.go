// Package match implements `factdesk match`: the fact-checks that answer a comment,
// ranked, with a ready reply for the chosen platform.
package match

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/match"
	"github.com/factdesk/factdesk/tools/reply"
	"github.com/factdesk/factdesk/tools/social"
)

// Options are the parsed flags and arguments of `factdesk match`.
type Options struct {
	Factory  *factory.Factory
	Comment  string
	Platform string
	Limit    int
	Format   string
}

// NewCmdMatch returns the match command. runF replaces the run function in tests.
func NewCmdMatch(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "match [COMMENT]",
		Short: "Find the fact-checks that answer a comment, with a ready reply",
		Long: `Match ranks the fact-checks that answer a comment (BM25 over each fact-check's title,
claim and other phrasings of the myth, with English and Spanish stemming) and prints a
ready reply for the chosen platform: the fact-check's short answer with the link to its
page, within the platform's limit. The comment is read from the argument, or from
standard input when there is none or it is "-". The comment itself is never printed.`,
		Example: `  factdesk match "the flu shot gave me the flu" --platform x
  pbpaste | factdesk match --platform bluesky-main
  factdesk match --format json "la vacuna de la gripe me enfermó"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && args[0] != "-" {
				opts.Comment = args[0]
			} else {
				b, err := io.ReadAll(io.LimitReader(f.IO.In, 1<<20))
				if err != nil {
					return fmt.Errorf("reading the comment from standard input: %w", err)
				}
				opts.Comment = string(b)
			}
			if strings.TrimSpace(opts.Comment) == "" {
				return factory.UsageErrorf("give the comment as an argument or on standard input")
			}
			if opts.Format != "text" && opts.Format != "json" {
				return factory.UsageErrorf("--format %q is not supported; use text or json", opts.Format)
			}
			if opts.Limit < 1 {
				return factory.UsageErrorf("--limit must be at least 1")
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Platform, "platform", "p", "", "platform or account the reply is for (x, bluesky, mastodon, threads, linkedin, facebook, or an account name)")
	cmd.Flags().IntVar(&opts.Limit, "limit", 3, "how many fact-checks to list")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

// Match is one ranked fact-check in the JSON output.
type Match struct {
	Slug  string  `json:"slug"`
	Lang  string  `json:"lang"`
	Title string  `json:"title"`
	URL   string  `json:"url"`
	Score float64 `json:"score"`
}

// Output is the JSON document `factdesk match --format json` writes.
type Output struct {
	// Kind is what the comment does: myth, supportive, question or offtopic. Only a
	// myth gets a rebuttal.
	Kind     string  `json:"kind"`
	Matches  []Match `json:"matches"`
	Platform string  `json:"platform,omitempty"`
	Reply    string  `json:"reply,omitempty"`
	Count    string  `json:"count,omitempty"`
}

func run(opts *Options) error {
	f := opts.Factory
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	repo, err := f.Repo()
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	platform, err := reply.Platform(cfg, opts.Platform)
	if err != nil {
		return factory.UsageErrorf("--platform: %v", err)
	}
	root, err := f.Root()
	if err != nil {
		return err
	}
	lx, err := match.LoadLexicon(root)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	kind, results := match.New(repo.FactChecks, match.Options{Lexicon: lx}).Answer(opts.Comment)
	if kind == match.OffTopic || len(results) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "no fact-check answers this comment (it is off-topic, or repeats no myth we have checked). For a general answer: factdesk reply misinformation")
		return factory.Silent(1)
	}
	if kind != match.Myth {
		return noRebuttal(opts, root, cfg, repo, platform, kind)
	}
	out := Output{Platform: platform, Kind: string(kind)}
	for i, r := range results {
		if i >= opts.Limit {
			break
		}
		slug := r.FactCheck.Slug
		if r.FactCheck.Lang != "en" {
			slug = r.FactCheck.Lang + "/" + slug
		}
		out.Matches = append(out.Matches, Match{Slug: r.FactCheck.Slug, Lang: r.FactCheck.Lang, Title: r.FactCheck.Title, URL: social.FactCheckURL(cfg.Organisation.Site, slug), Score: r.Score})
	}
	text, fits := reply.ForFactCheck(results[0].FactCheck, cfg.Organisation.Site, platform)
	problems := reply.Vet(text, platform, check.PrivacyGuard(cfg, repo))
	if fits && len(problems) == 0 {
		out.Reply = text
		if platform != "" {
			out.Count = social.Measure(platform, text).String()
		}
	}
	if opts.Format == "json" {
		if err := writeJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else {
		for i, m := range out.Matches {
			fmt.Fprintf(f.IO.Out, "%d. %s [%s, score %.2f]\n   %s\n", i+1, m.Title, m.Lang, m.Score, m.URL)
		}
		if out.Reply != "" {
			label := "Reply"
			if platform != "" {
				label = fmt.Sprintf("Reply for %s (%s)", platform, out.Count)
			}
			fmt.Fprintf(f.IO.Out, "\n%s:\n%s\n", label, out.Reply)
		}
	}
	for _, p := range problems {
		fmt.Fprintf(f.IO.ErrOut, "the ready reply of %s cannot be used: %s\n", results[0].FactCheck.Path, p)
	}
	if !fits {
		fmt.Fprintf(f.IO.ErrOut, "no reply of %s fits %s; add a shorter reply to its replies field\n", results[0].FactCheck.Path, platform)
	}
	if !fits || len(problems) > 0 {
		return factory.Silent(1)
	}
	return nil
}

// thanksTemplate is the reply template for a comment that supports the evidence, used
// when data/reply-templates.yaml has one ("thanks", or "thanks-es" for Spanish).
const thanksTemplate = "thanks"

// noRebuttal reports a comment that gets no rebuttal, with the thank-you template for a
// supportive comment when the templates have one.
func noRebuttal(opts *Options, root string, cfg *config.Config, repo *content.Repo, platform string, kind match.Kind) error {
	f := opts.Factory
	out := Output{Kind: string(kind), Matches: []Match{}, Platform: platform}
	why := map[match.Kind]string{
		match.Supportive: "this comment supports the evidence: no rebuttal",
		match.Question:   "this comment asks a practical question: no rebuttal; answer it or point to the right service",
	}[kind]
	if kind == match.Supportive {
		if set, err := reply.Load(root); err == nil {
			id := thanksTemplate
			if match.DetectLanguage(opts.Comment) == "es" {
				if _, ok := set.Get(id + "-es"); ok {
					id += "-es"
				}
			}
			if t, ok := set.Get(id); ok {
				if text, err := reply.Fill(t, reply.Defaults(cfg)); err == nil && len(reply.Vet(text, platform, check.PrivacyGuard(cfg, repo))) == 0 {
					out.Reply = text
					if platform != "" {
						out.Count = social.Measure(platform, text).String()
					}
				}
			}
		}
	}
	if opts.Format == "json" {
		return writeJSON(f.IO.Out, out)
	}
	fmt.Fprintln(f.IO.Out, why)
	if out.Reply != "" {
		fmt.Fprintf(f.IO.Out, "\nThank-you reply:\n%s\n", out.Reply)
	}
	return nil
}

// writeJSON writes what match found as indented JSON.
func writeJSON(w io.Writer, out Output) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing the matches: %w", err)
	}
	return nil
}
