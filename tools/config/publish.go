package config

import (
	"fmt"
	"time"
)

// Publish holds the settings of `factdesk publish` and `factdesk unpublish`, the
// `publish:` section of factdesk.yaml. Durations are written like 90m, 2h or 500ms.
type Publish struct {
	// Branch is the default branch; publishing refuses to run on any other. Default main.
	Branch string `yaml:"branch"`
	// Grace is how late a post may go out before it counts as missed. Default 2h.
	Grace string `yaml:"grace"`
	// Site is the base address checked for a post's fact-check page before sending;
	// default organisation.site. FACTDESK_SITE_URL overrides it.
	Site string `yaml:"site"`
	// Ledger is the ledger file, relative to the repository root. Default data/ledger.json.
	Ledger string `yaml:"ledger"`
	// LedgerBranch is the branch of the Git remote that holds the ledger, so that the
	// default branch can require pull requests. Default factdesk-ledger.
	LedgerBranch string `yaml:"ledger_branch"`
	// TurnLease is how long a run's turn to publish lasts unless renewed (it renews it
	// with every push); a run that was killed blocks others no longer. Default 5m.
	TurnLease string `yaml:"turn_lease"`
	// TurnWait is how long a run waits for another run's turn to end. Default 10m.
	TurnWait string `yaml:"turn_wait"`
	// Timeout bounds each network call. Default 30s.
	Timeout string `yaml:"timeout"`
	// Backoff is the first wait before retrying a server error; it doubles each time. Default 2s.
	Backoff string `yaml:"backoff"`
	// Retries is how many times one call is retried after a server error or 429. Default 3.
	Retries int `yaml:"retries"`
	// MaxWait is the longest a run waits for a rate limit to clear. Default 2m.
	MaxWait string `yaml:"max_wait"`
	// ExpiryWarning is how long before a token's expiry people are warned. Default 14 days (336h).
	ExpiryWarning string `yaml:"expiry_warning"`
	// IssueLabel is the label of the one GitHub issue that reports problems. Default factdesk-publish.
	IssueLabel string `yaml:"issue_label"`
	// Costs are the prices per post and the monthly cap (costs.go).
	Costs Costs `yaml:"costs"`
}

// PublishDefaults are the values used for settings left out of the publish section.
var PublishDefaults = Publish{
	Branch:        "main",
	Grace:         "2h",
	Ledger:        "data/ledger.json",
	LedgerBranch:  "factdesk-ledger",
	TurnLease:     "5m",
	TurnWait:      "10m",
	Timeout:       "30s",
	Backoff:       "2s",
	Retries:       3,
	MaxWait:       "2m",
	ExpiryWarning: "336h",
	IssueLabel:    "factdesk-publish",
}

// WithDefaults returns p with every empty setting filled in from PublishDefaults.
func (p Publish) WithDefaults() Publish {
	d := PublishDefaults
	if p.Branch == "" {
		p.Branch = d.Branch
	}
	if p.Grace == "" {
		p.Grace = d.Grace
	}
	if p.Ledger == "" {
		p.Ledger = d.Ledger
	}
	if p.LedgerBranch == "" {
		p.LedgerBranch = d.LedgerBranch
	}
	if p.TurnLease == "" {
		p.TurnLease = d.TurnLease
	}
	if p.TurnWait == "" {
		p.TurnWait = d.TurnWait
	}
	if p.Timeout == "" {
		p.Timeout = d.Timeout
	}
	if p.Backoff == "" {
		p.Backoff = d.Backoff
	}
	if p.Retries == 0 {
		p.Retries = d.Retries
	}
	if p.MaxWait == "" {
		p.MaxWait = d.MaxWait
	}
	if p.ExpiryWarning == "" {
		p.ExpiryWarning = d.ExpiryWarning
	}
	if p.IssueLabel == "" {
		p.IssueLabel = d.IssueLabel
	}
	return p
}

// Duration parses one of the section's duration settings, naming it in the error.
func (p Publish) Duration(name, value string) (time.Duration, error) {
	d, err := time.ParseDuration(value)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s: publish.%s %q is not a duration; write it like 90m, 2h or 500ms", File, name, value)
	}
	return d, nil
}
