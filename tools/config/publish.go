package config

import (
	"fmt"
	"strings"
	"time"
)

// Publish holds the settings of `factdesk publish` and `factdesk unpublish`, the
// `publish:` section of factdesk.yaml. Durations are written like 90m, 2h or 500ms and
// read when the file is loaded: a value that is not one is a located error.
type Publish struct {
	// Branch is the default branch; publishing refuses to run on any other. Default main.
	Branch string `yaml:"branch"`
	// Grace is how late a post may go out before it counts as missed. Default 2h; at
	// least 90m.
	Grace time.Duration `yaml:"grace"`
	// Site is the base address checked for a post's fact-check page before sending;
	// default organisation.site. FACTDESK_SITE_URL overrides it.
	Site string `yaml:"site"`
	// Ledger is the ledger file, relative to the repository root. Default data/ledger.json.
	Ledger string `yaml:"ledger"`
	// LedgerBranch is the branch of the Git remote that holds the ledger, so that the
	// default branch can require pull requests. Default factdesk-ledger.
	LedgerBranch string `yaml:"ledger_branch"`
	// TurnLease is how long a run's turn to publish lasts unless renewed (it renews it
	// with every push); a run that was killed blocks others no longer. Default 5m; at
	// least 1s.
	TurnLease time.Duration `yaml:"turn_lease"`
	// TurnWait is how long a run waits for another run's turn to end. Default 10m.
	TurnWait time.Duration `yaml:"turn_wait"`
	// Timeout bounds each network call. Default 30s.
	Timeout time.Duration `yaml:"timeout"`
	// Backoff is the first wait before retrying a server error; it doubles each time. Default 2s.
	Backoff time.Duration `yaml:"backoff"`
	// Retries is how many times one call is retried after a server error or 429. Default 3.
	Retries int `yaml:"retries"`
	// MaxWait is the longest a run waits for a rate limit to clear. Default 2m.
	MaxWait time.Duration `yaml:"max_wait"`
	// ExpiryWarning is how long before a token's expiry people are warned. Default 14 days (336h).
	ExpiryWarning time.Duration `yaml:"expiry_warning"`
	// IssueLabel is the label of the one GitHub issue that reports problems. Default factdesk-publish.
	IssueLabel string `yaml:"issue_label"`
	// Costs are the prices per post and the monthly cap (costs.go).
	Costs Costs `yaml:"costs"`
}

// PublishDefaults are the values used for settings left out of the publish section.
var PublishDefaults = Publish{
	Branch:        "main",
	Grace:         2 * time.Hour,
	Ledger:        "data/ledger.json",
	LedgerBranch:  "factdesk-ledger",
	TurnLease:     5 * time.Minute,
	TurnWait:      10 * time.Minute,
	Timeout:       30 * time.Second,
	Backoff:       2 * time.Second,
	Retries:       3,
	MaxWait:       2 * time.Minute,
	ExpiryWarning: 14 * 24 * time.Hour,
	IssueLabel:    "factdesk-publish",
}

// defaults fills in, from PublishDefaults, the settings the file left empty. The
// durations need no filling: the file is read over PublishDefaults, so a duration it
// leaves out keeps its default and one it sets, even to 0, is kept.
func (p *Publish) defaults() {
	d := PublishDefaults
	str := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	str(&p.Branch, d.Branch)
	str(&p.Ledger, d.Ledger)
	str(&p.LedgerBranch, d.LedgerBranch)
	str(&p.IssueLabel, d.IssueLabel)
	if p.Retries == 0 {
		p.Retries = d.Retries
	}
	p.Costs.defaults()
}

// checkPublish records the publish settings no run could work with.
func (c *Config) checkPublish() {
	p := c.Publish
	if p.Grace < 90*time.Minute {
		c.problem("config-publish", fmt.Sprintf("publish.grace is %s, but a scheduled workflow can start an hour late; use at least 90m", Written(p.Grace)), "publish", "grace")
	}
	if p.TurnLease < time.Second {
		c.problem("config-publish", fmt.Sprintf("publish.turn_lease is %s; use at least 1s (the default is 5m)", Written(p.TurnLease)), "publish", "turn_lease")
	}
}

// Written writes d as factdesk.yaml would: 90m, 2h, 1h30m, 500ms.
func Written(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
