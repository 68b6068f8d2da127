package github

import (
	"context"
	"errors"

	gogithub "github.com/google/go-github/v60/github"
)

// The repository settings doctor reads. Each method's error unwraps to go-github's, so
// a caller can tell a 404 (the setting is off) or a 403 (the token may not read it).

// BranchProtection reads branch's classic protection; it returns nil and no error for
// a branch without any.
func (c *Client) BranchProtection(ctx context.Context, branch string) (*Protection, error) {
	p, _, err := c.gh.Repositories.GetBranchProtection(ctx, c.Owner, c.Name, branch)
	if errors.Is(err, gogithub.ErrBranchNotProtected) {
		return nil, nil
	}
	if err != nil {
		return nil, apiError("reading the protection of "+branch, err)
	}
	return p, nil
}

// BranchRules counts the ruleset rules that apply to branch.
func (c *Client) BranchRules(ctx context.Context, branch string) (int, error) {
	rules, _, err := c.gh.Repositories.GetRulesForBranch(ctx, c.Owner, c.Name, branch)
	if err != nil {
		return 0, apiError("reading the rules of "+branch, err)
	}
	return len(rules), nil
}

// WorkflowPermissions reads what the workflow token may do by default.
func (c *Client) WorkflowPermissions(ctx context.Context) (*WorkflowPermissions, error) {
	p, _, err := c.gh.Repositories.GetDefaultWorkflowPermissions(ctx, c.Owner, c.Name)
	if err != nil {
		return nil, apiError("reading the workflow permissions", err)
	}
	return p, nil
}

// SecretNames lists the names of the repository-level Actions secrets.
func (c *Client) SecretNames(ctx context.Context) ([]string, error) {
	secrets, err := list("listing the repository's secrets", func(opt *gogithub.ListOptions) ([]*gogithub.Secret, *gogithub.Response, error) {
		s, resp, err := c.gh.Actions.ListRepoSecrets(ctx, c.Owner, c.Name, opt)
		if err != nil {
			return nil, resp, err
		}
		return s.Secrets, resp, nil
	})
	names := make([]string, 0, len(secrets))
	for _, s := range secrets {
		names = append(names, s.Name)
	}
	return names, err
}

// Environment reads the deployment environment name.
func (c *Client) Environment(ctx context.Context, name string) (*Environment, error) {
	e, _, err := c.gh.Repositories.GetEnvironment(ctx, c.Owner, c.Name, name)
	if err != nil {
		return nil, apiError("reading the "+name+" environment", err)
	}
	return e, nil
}

// DeploymentBranches lists the branch rules of environment env.
func (c *Client) DeploymentBranches(ctx context.Context, env string) ([]*DeploymentBranchPolicy, error) {
	ps, _, err := c.gh.Repositories.ListDeploymentBranchPolicies(ctx, c.Owner, c.Name, env)
	if err != nil {
		return nil, apiError("listing the deployment branches of "+env, err)
	}
	return ps.BranchPolicies, nil
}

// Pages reads the GitHub Pages settings.
func (c *Client) Pages(ctx context.Context) (*Pages, error) {
	p, _, err := c.gh.Repositories.GetPagesInfo(ctx, c.Owner, c.Name)
	if err != nil {
		return nil, apiError("reading the GitHub Pages settings", err)
	}
	return p, nil
}

// Variable reads the repository's Actions variable name.
func (c *Client) Variable(ctx context.Context, name string) (string, error) {
	v, _, err := c.gh.Actions.GetRepoVariable(ctx, c.Owner, c.Name, name)
	if err != nil {
		return "", apiError("reading the variable "+name, err)
	}
	return v.Value, nil
}

// CompareStatus says how head stands to base: ahead, behind, diverged or identical.
func (c *Client) CompareStatus(ctx context.Context, base, head string) (string, error) {
	cmp, _, err := c.gh.Repositories.CompareCommits(ctx, c.Owner, c.Name, base, head, &ListOptions{PerPage: 1})
	if err != nil {
		return "", apiError("comparing "+short(base)+" with "+short(head), err)
	}
	return cmp.GetStatus(), nil
}

// NotFound reports whether err is GitHub's 404.
func NotFound(err error) bool {
	var er *ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == 404
}
