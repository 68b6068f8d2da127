package review

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/factdesk/factdesk/tools/outfile"

	"github.com/factdesk/factdesk/tools/github"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// GatherOptions control Gather.
type GatherOptions struct {
	// Root is a checkout of the base branch; its content fills the tree in which the
	// pull request's files are checked, so that links between files resolve. Empty
	// checks the pull request's files alone.
	Root string
	// Today is the date the check compares dates with.
	Today time.Time
	// Parallel is how many files are fetched at once (default 4).
	Parallel int
	// Mounts are Hugo's mounts on the base branch (ParseMounts of `hugo config
	// mounts` run in a base checkout). They are required: without them the gate cannot
	// tell what the site would publish.
	Mounts []Mount
}

// BaseDataFiles are read from the base commit when there is no base checkout.
var BaseDataFiles = []string{content.VerdictsFile, "data/observances.yaml"}

// Gather reads pull request n through the API: its files, reviews and commits, the
// reviewer registry and factdesk.yaml at the BASE commit (never the pull request's
// own), and each changed fact-check or post at the base and head commits. It then
// runs the offline check over the pull request's versions of those files.
func Gather(ctx context.Context, c *github.Client, pr *github.PullRequest, opts GatherOptions) (*Snapshot, error) {
	n := pr.GetNumber()
	if pr.ChangedFiles == nil || pr.Commits == nil {
		// Lists of pull requests (open ones, those of a commit) leave out the totals
		// of files and commits that the gate compares its lists with: read it whole.
		full, err := c.PullRequest(ctx, n)
		if err != nil {
			return nil, err
		}
		pr = full
	}
	s := &Snapshot{
		Repo:     c.FullName(),
		Number:   n,
		URL:      pr.GetHTMLURL(),
		Author:   pr.GetUser().GetLogin(),
		HeadSHA:  pr.GetHead().GetSHA(),
		BaseSHA:  pr.GetBase().GetSHA(),
		HeadRepo: pr.GetHead().GetRepo().GetFullName(),
	}
	if s.HeadSHA == "" || s.BaseSHA == "" {
		return nil, fmt.Errorf("pull request #%d: GitHub did not give its head and base commits", n)
	}
	if len(opts.Mounts) == 0 {
		return nil, fmt.Errorf("pull request #%d: Hugo's mounts of the base branch are unknown, so the gate cannot tell what the site would publish; run the gate in a checkout of the base branch with Hugo available", n)
	}
	s.Mounts = opts.Mounts
	s.ChangedFiles = pr.GetChangedFiles()
	s.CommitCount = pr.GetCommits()
	files, err := c.Files(ctx, n)
	if err != nil {
		return nil, err
	}
	reviews, err := c.Reviews(ctx, n)
	if err != nil {
		return nil, err
	}
	for _, r := range reviews {
		s.Reviews = append(s.Reviews, Review{User: r.GetUser().GetLogin(), State: r.GetState(), CommitID: r.GetCommitID()})
	}
	commits, err := c.Commits(ctx, n)
	if err != nil {
		return nil, err
	}
	for _, cm := range commits {
		s.CommitAuthors = append(s.CommitAuthors, cm.GetAuthor().GetLogin())
		s.CommitAuthors = append(s.CommitAuthors, CoAuthors(cm.GetCommit().GetMessage())...)
		s.Commits = append(s.Commits, commitOf(cm))
	}

	tree, err := os.MkdirTemp("", "factdesk-review-")
	if err != nil {
		return nil, fmt.Errorf("making a folder for the check: %w", err)
	}
	defer os.RemoveAll(tree)
	if opts.Root != "" {
		if err := copyContent(opts.Root, tree); err != nil {
			return nil, err
		}
	}
	// The registry and the policy always come from the base commit; without a base
	// checkout, so do the data files the check reads.
	fromBase := []string{content.ReviewersFile, config.File}
	if opts.Root == "" {
		fromBase = append(fromBase, BaseDataFiles...)
	}
	for _, p := range fromBase {
		data, found, err := c.File(ctx, p, s.BaseSHA)
		if err != nil {
			return nil, err
		}
		if err := place(tree, p, data, found); err != nil {
			return nil, err
		}
	}
	cfg, err := config.Load(tree)
	if err != nil {
		return nil, fmt.Errorf("reading %s of the base branch: %w", config.File, err)
	}
	if cfg.Doc != nil && len(cfg.Doc.Problems) > 0 {
		p := cfg.Doc.Problems[0]
		return nil, fmt.Errorf("%s on the base branch, line %d: %s; fix it on the base branch first", config.File, p.Line, p.Message)
	}
	s.Config = cfg

	for _, f := range files {
		ch := &Change{Path: f.GetFilename(), Previous: f.GetPreviousFilename(), Status: f.GetStatus()}
		ch.Class = Classify(ch.Path, cfg.Review, s.Mounts)
		ch.Kind = ch.Class.Kind
		s.Changes = append(s.Changes, ch)
	}
	for _, ch := range s.Changes {
		if ch.Status != "removed" && (ch.Kind == FactCheck || ch.Kind == Post || ch.Kind == Image) {
			modes, _, err := c.Modes(ctx, s.HeadSHA)
			if err != nil {
				return nil, err
			}
			// A path a truncated tree leaves out is refused by Evaluate.
			s.Modes = modes
			break
		}
	}
	if s.Modes == nil {
		s.Modes = map[string]string{}
	}
	if err := fetchVersions(ctx, c, s, tree, opts.Parallel); err != nil {
		return nil, err
	}
	if err := fetchImages(ctx, c, s, tree); err != nil {
		return nil, err
	}

	repo, err := content.LoadRepo(tree)
	if err != nil {
		return nil, fmt.Errorf("loading the pull request's files: %w", err)
	}
	s.Registry = repo.Reviewers
	if repo.ReviewersDoc != nil && len(repo.ReviewersDoc.Problems) > 0 {
		p := repo.ReviewersDoc.Problems[0]
		return nil, fmt.Errorf("%s on the base branch, line %d: %s; fix it on the base branch first", content.ReviewersFile, p.Line, p.Message)
	}
	s.Verdicts = repo.Verdicts
	var only []string
	for _, ch := range s.Changes {
		if (ch.Kind == FactCheck || ch.Kind == Post) && ch.Status != "removed" {
			only = append(only, ch.Path)
		}
	}
	if len(only) > 0 {
		today := opts.Today
		if today.IsZero() {
			today = time.Now()
		}
		run := check.NewRun(repo, cfg, check.Options{Today: today, Only: only})
		s.Findings = run.Execute(ctx)
	}
	return s, nil
}

// commitOf lists who a commit credits: its author and committer, with the accounts
// GitHub tied their e-mails to, and every Co-authored-by trailer.
func commitOf(cm *github.RepositoryCommit) Commit {
	c := Commit{SHA: cm.GetSHA()}
	c.People = append(c.People,
		Person{As: "author", Login: cm.GetAuthor().GetLogin(), Email: cm.GetCommit().GetAuthor().GetEmail()},
		Person{As: "committer", Login: cm.GetCommitter().GetLogin(), Email: cm.GetCommit().GetCommitter().GetEmail()})
	for _, e := range CoAuthorEmails(cm.GetCommit().GetMessage()) {
		c.People = append(c.People, Person{As: "co-author", Email: e})
	}
	return c
}

var trailerRe = regexp.MustCompile(`(?im)^[ \t]*co-authored-by:[^<\n]*<([^>\n]*)>`)

// CoAuthorEmails returns the e-mail of every Co-authored-by trailer of a commit
// message, whatever the address.
func CoAuthorEmails(message string) []string {
	var out []string
	for _, m := range trailerRe.FindAllStringSubmatch(message, -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

var coAuthorRe = regexp.MustCompile(`(?im)^co-authored-by:[^<\n]*<(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com>`)

// CoAuthors returns the GitHub accounts credited in a commit message's
// Co-authored-by trailers with their GitHub no-reply address (as GitHub's editor writes
// them), so that a co-author cannot approve the commit either.
func CoAuthors(message string) []string {
	var out []string
	for _, m := range coAuthorRe.FindAllStringSubmatch(message, -1) {
		out = append(out, m[1])
	}
	return out
}

// fetchVersions reads each changed fact-check and post at the base and head commits,
// a few at a time, and writes the head versions into tree.
func fetchVersions(ctx context.Context, c *github.Client, s *Snapshot, tree string, parallel int) error {
	if parallel <= 0 {
		parallel = 4
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
	}
	for _, ch := range s.Changes {
		if ch.Kind != FactCheck && ch.Kind != Post {
			continue
		}
		wg.Add(1)
		go func(ch *Change) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ch.Previous != "" {
				mu.Lock()
				err := place(tree, ch.Previous, nil, false)
				mu.Unlock()
				if err != nil {
					fail(err)
					return
				}
			}
			if ch.Status == "removed" {
				mu.Lock()
				err := place(tree, ch.Path, nil, false)
				mu.Unlock()
				if err != nil {
					fail(err)
				}
				return
			}
			head, found, err := c.File(ctx, ch.Path, s.HeadSHA)
			if err != nil {
				fail(err)
				return
			}
			if !found {
				fail(fmt.Errorf("%s is listed as changed but GitHub has no such file at the head commit %s", ch.Path, short(s.HeadSHA)))
				return
			}
			mu.Lock()
			err = place(tree, ch.Path, head, true)
			mu.Unlock()
			if err != nil {
				fail(err)
				return
			}
			if ch.Kind == Post {
				ch.HeadPost = content.ParsePost(ch.Path, head)
				return
			}
			ch.Head = content.ParseFactCheck(ch.Path, head)
			if ch.Status == "added" {
				return
			}
			basePath := ch.Path
			if ch.Previous != "" {
				basePath = ch.Previous
			}
			base, found, err := c.File(ctx, basePath, s.BaseSHA)
			if err != nil {
				fail(err)
				return
			}
			if found {
				ch.Base = content.ParseFactCheck(basePath, base)
			}
		}(ch)
	}
	wg.Wait()
	return firstErr
}

// fetchImages places the images that changed posts attach and that the pull request
// adds or changes, so that the check sees the files the post will publish.
func fetchImages(ctx context.Context, c *github.Client, s *Snapshot, tree string) error {
	changed := map[string]string{}
	for _, ch := range s.Changes {
		if strings.HasPrefix(ch.Path, "static/") {
			changed[ch.Path] = ch.Status
		}
	}
	for _, ch := range s.Changes {
		if ch.HeadPost == nil || !ch.HeadPost.OK {
			continue
		}
		for _, img := range ch.HeadPost.Images {
			p := "static/" + strings.TrimPrefix(img.Src, "/")
			st, ok := changed[p]
			if !ok {
				continue
			}
			delete(changed, p)
			if st == "removed" {
				if err := place(tree, p, nil, false); err != nil {
					return err
				}
				continue
			}
			data, found, err := c.File(ctx, p, s.HeadSHA)
			if err != nil {
				return err
			}
			if err := place(tree, p, data, found); err != nil {
				return err
			}
		}
	}
	return nil
}

// place writes data to rel under tree, or removes rel when found is false. rel comes
// from GitHub, so it is refused if it would leave the tree.
func place(tree, rel string, data []byte, found bool) error {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("refusing the path %q, which leaves the repository", rel)
	}
	p := filepath.Join(tree, clean)
	if !found {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing %s from the check folder: %w", rel, err)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("writing %s to the check folder: %w", rel, err)
	}
	if err := outfile.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s to the check folder: %w", rel, err)
	}
	return nil
}

// copyContent copies the content folders, data and settings of the base checkout.
func copyContent(root, tree string) error {
	for _, dir := range []string{content.FactChecksDir, content.CampaignsDir, "data", "static"} {
		src := filepath.Join(root, dir)
		if _, err := os.Stat(src); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			// Within the data limit, and only regular files inside the repository.
			data, err := repofile.Read(root, p, repofile.DefaultDataLimit)
			if err != nil {
				return err
			}
			return place(tree, filepath.ToSlash(rel), data, true)
		})
		if err != nil {
			return fmt.Errorf("copying %s of the base checkout: %w", dir, err)
		}
	}
	return nil
}
