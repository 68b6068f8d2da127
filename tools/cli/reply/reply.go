// Package reply implements `factdesk reply`: fill in a reply template for a platform.
package reply

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/cli/factory"
	"github.com/factdesk/factdesk/tools/reply"
	"github.com/factdesk/factdesk/tools/social"
)

// Options are the parsed flags and arguments of `factdesk reply`.
type Options struct {
	Factory  *factory.Factory
	Template string
	Platform string
	Vars     map[string]string
	// Publish writes the site pages of the templates when privacy.publish_replies is
	// true, and removes them when it is false.
	Publish bool
}

// NewCmdReply returns the reply command. runF replaces the run function in tests.
func NewCmdReply(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	var vars []string
	cmd := &cobra.Command{
		Use:   "reply [TEMPLATE]",
		Short: "Fill in a reply template: private channel, no confirmation, emergency, crisis, complaint",
		Long: `Reply prints a ready answer from data/reply-templates.yaml, filled in with the values
under privacy.replies in factdesk.yaml and any --var. The answer is checked by the privacy
guard and, with --platform, against the platform's limit; it is refused when either fails.
Without a template name, reply lists the templates and when to use each.`,
		Example: `  factdesk reply
  factdesk reply private-channel --platform x
  factdesk reply complaint --platform facebook --var portal=https://portal.example.org/feedback`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Template = args[0]
			}
			opts.Vars = map[string]string{}
			for _, v := range vars {
				k, val, ok := strings.Cut(v, "=")
				if !ok || strings.TrimSpace(k) == "" {
					return factory.UsageErrorf("--var %q: write it as name=value", v)
				}
				opts.Vars[strings.TrimSpace(k)] = val
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Platform, "platform", "p", "", "platform or account the reply is for (x, bluesky, mastodon, threads, linkedin, facebook, or an account name)")
	cmd.Flags().StringArrayVar(&vars, "var", nil, "set a template variable, name=value (repeatable)")
	cmd.Flags().BoolVar(&opts.Publish, "publish", false, "write (or, when privacy.publish_replies is false, remove) the site pages content/replies.md and content/replies.es.md")
	return cmd
}

func run(opts *Options) error {
	f := opts.Factory
	root, err := f.Root()
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	set, err := reply.Load(root)
	if err != nil {
		return &factory.ExitError{Code: 2, Err: err}
	}
	if opts.Publish {
		return publish(opts, root, set)
	}
	if opts.Template == "" {
		for _, t := range set.Templates {
			fmt.Fprintf(f.IO.Out, "%-20s %s\n", t.ID, t.Situation)
		}
		return nil
	}
	t, ok := set.Get(opts.Template)
	if !ok {
		return factory.UsageErrorf("no reply template %q; use one of %s", opts.Template, strings.Join(set.IDs(), ", "))
	}
	platform, err := reply.Platform(cfg, opts.Platform)
	if err != nil {
		return factory.UsageErrorf("--platform: %v", err)
	}
	vars := reply.Defaults(cfg)
	for k, v := range opts.Vars {
		vars[k] = v
	}
	var unused []string
	for k := range opts.Vars {
		if !strings.Contains(t.Text, "{"+k+"}") {
			unused = append(unused, k)
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return factory.UsageErrorf("template %q does not use %s; it uses %s", t.ID, strings.Join(unused, ", "), strings.Join(t.Vars(), ", "))
	}
	text, err := reply.Fill(t, vars)
	if err != nil {
		return factory.UsageErrorf("%v", err)
	}
	repo, _ := f.Repo()
	if problems := reply.Vet(text, platform, check.PrivacyGuard(cfg, repo)); len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(f.IO.ErrOut, "reply %s: %s\n", t.ID, p)
		}
		fmt.Fprintln(f.IO.ErrOut, "the reply was not printed")
		return factory.Silent(1)
	}
	fmt.Fprintln(f.IO.Out, text)
	if platform != "" {
		fmt.Fprintf(f.IO.ErrOut, "%s: %s\n", platform, social.Measure(platform, text))
	}
	return nil
}

// publish writes or removes the templates' site pages according to
// privacy.publish_replies.
func publish(opts *Options, root string, set *reply.Set) error {
	f := opts.Factory
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	dir := filepath.Join(root, check.PagesDir)
	if !cfg.Privacy.PublishReplies {
		removed, err := reply.Unpublish(dir)
		if err != nil {
			return err
		}
		for _, p := range removed {
			fmt.Fprintf(f.IO.ErrOut, "removed %s\n", p)
		}
		fmt.Fprintln(f.IO.ErrOut, "reply templates are not on the public site (privacy.publish_replies is false)")
		return nil
	}
	vars := reply.Defaults(cfg)
	for k, v := range opts.Vars {
		vars[k] = v
	}
	repo, _ := f.Repo()
	written, err := reply.Publish(dir, set, vars, check.PrivacyGuard(cfg, repo))
	for _, p := range written {
		fmt.Fprintf(f.IO.ErrOut, "wrote %s\n", p)
	}
	if err != nil {
		return fmt.Errorf("publishing the reply templates: %w", err)
	}
	return nil
}
