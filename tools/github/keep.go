package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	gogithub "github.com/google/go-github/v60/github"
)

// The jobs that report to people through GitHub (the review comment, the audit's
// issues, the provenance issue, the publishing issue) each keep one comment or issue
// per fingerprint up to date: they find the one they wrote before by a fingerprint in
// its body, change it only when what it says changed, and open a new one only when
// there is none.

// kept picks, for each fingerprint, the item a job keeps: of the items fingerprint
// finds a fingerprint in ("" for none), the first listed unless a later one is better.
func kept[T any](items []T, fingerprint func(T) string, better func(a, b T) bool) map[string]T {
	out := map[string]T{}
	for _, it := range items {
		fp := fingerprint(it)
		if fp == "" {
			continue
		}
		if cur, ok := out[fp]; !ok || better(it, cur) {
			out[fp] = it
		}
	}
	return out
}

// KeptIssues picks, for each fingerprint that fingerprint finds in an issue's body, the
// issue a job keeps for it: an open one over a closed one, and among equals the oldest.
func KeptIssues(issues []*Issue, fingerprint func(body string) string) map[string]*Issue {
	sorted := append([]*Issue(nil), issues...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].GetNumber() < sorted[j].GetNumber() })
	return kept(sorted, func(is *Issue) string { return fingerprint(is.GetBody()) },
		func(a, b *Issue) bool { return a.GetState() == "open" && b.GetState() != "open" })
}

// WantIssue is what a kept issue should say.
type WantIssue struct {
	Title, Body string
	// Labels are given to a new issue.
	Labels []string
	// Assignees, when any, replace the issue's; GitHub may refuse people without access
	// to the repository, and then a new issue is opened unassigned.
	Assignees []string
}

// Change is what KeepIssue did, or in a dry run would do, to an issue.
type Change int

// The changes KeepIssue makes; Reopened may also carry a new title, body or assignees,
// Updated a new title or body and perhaps assignees.
const (
	Unchanged Change = iota
	Opened
	Reopened
	Updated
	Reassigned
)

// KeepIssue makes is (nil when there is none yet) say what want says: it opens the
// issue, or reopens it, or edits its title, body and assignees where they differ, and
// leaves it alone when nothing changed. With dryRun it only says what it would do.
// It returns the issue as GitHub has it after the change (is itself when unchanged or
// in a dry run, nil for an issue a dry run would open).
func (c *Client) KeepIssue(ctx context.Context, is *Issue, want WantIssue, dryRun bool) (*Issue, Change, error) {
	if is == nil {
		if dryRun {
			return nil, Opened, nil
		}
		created, err := c.openIssue(ctx, want)
		return created, Opened, err
	}
	req := &IssueRequest{}
	change := Unchanged
	if is.GetState() != "open" {
		req.State = String("open")
		change = Reopened
	}
	if is.GetTitle() != want.Title || is.GetBody() != want.Body {
		req.Title, req.Body = String(want.Title), String(want.Body)
		if change == Unchanged {
			change = Updated
		}
	}
	if len(want.Assignees) > 0 && !sameLogins(is.Assignees, want.Assignees) {
		a := want.Assignees
		req.Assignees = &a
		if change == Unchanged {
			change = Reassigned
		}
	}
	if change == Unchanged || dryRun {
		return is, change, nil
	}
	ed, err := c.EditIssue(ctx, is.GetNumber(), req)
	return ed, change, err
}

// openIssue opens an issue; when GitHub refuses the assignees (people without access
// to the repository, 422), it opens it unassigned.
func (c *Client) openIssue(ctx context.Context, want WantIssue) (*Issue, error) {
	req := &IssueRequest{Title: String(want.Title), Body: String(want.Body)}
	if len(want.Labels) > 0 {
		l := want.Labels
		req.Labels = &l
	}
	if len(want.Assignees) > 0 {
		a := want.Assignees
		req.Assignees = &a
	}
	is, err := c.CreateIssue(ctx, req)
	var er *ErrorResponse
	if err != nil && req.Assignees != nil && errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusUnprocessableEntity {
		req.Assignees = nil
		return c.CreateIssue(ctx, req)
	}
	return is, err
}

// CloseIssue says why in a comment, then closes issue n as completed.
func (c *Client) CloseIssue(ctx context.Context, n int, why string) error {
	if err := c.Comment(ctx, n, why); err != nil {
		return err
	}
	_, err := c.EditIssue(ctx, n, &IssueRequest{State: String("closed"), StateReason: String("completed")})
	return err
}

func sameLogins(users []*gogithub.User, want []string) bool {
	have := make([]string, 0, len(users))
	for _, u := range users {
		have = append(have, strings.ToLower(u.GetLogin()))
	}
	w := make([]string, len(want))
	for i, x := range want {
		w[i] = strings.ToLower(x)
	}
	sort.Strings(have)
	sort.Strings(w)
	return strings.Join(have, ",") == strings.Join(w, ",")
}

// UpsertComment edits the comment on #n that carries marker, or creates one, and
// returns its address. Only one comment per marker is ever kept up to date: the
// first one written by a bot, else the first one carrying the marker.
func (c *Client) UpsertComment(ctx context.Context, n int, marker, body string) (string, error) {
	cs, err := c.Comments(ctx, n)
	if err != nil {
		return "", err
	}
	found := kept(cs, func(cm *IssueComment) string {
		if strings.Contains(cm.GetBody(), marker) {
			return marker
		}
		return ""
	}, func(a, b *IssueComment) bool { return a.GetUser().GetType() == "Bot" && b.GetUser().GetType() != "Bot" })[marker]
	if found != nil {
		if found.GetBody() == body {
			return found.GetHTMLURL(), nil
		}
		cm, _, err := c.gh.Issues.EditComment(ctx, c.Owner, c.Name, found.GetID(), &gogithub.IssueComment{Body: &body})
		if err != nil {
			return "", apiError(fmt.Sprintf("updating the review comment on #%d", n), err)
		}
		return cm.GetHTMLURL(), nil
	}
	cm, _, err := c.gh.Issues.CreateComment(ctx, c.Owner, c.Name, n, &gogithub.IssueComment{Body: &body})
	if err != nil {
		return "", apiError(fmt.Sprintf("commenting on #%d", n), err)
	}
	return cm.GetHTMLURL(), nil
}
