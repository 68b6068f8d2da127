package publish

import (
	"fmt"
	"sort"
	"time"
)

// Holds keep due posts from going out while a person must act first: a post that breaks
// a rule of `factdesk check`, an account paused by a problem only a person can fix, a
// post that would take the month's spending over its cap. A held post is reported and
// makes the run fail; the next run sends it once the cause is gone.

// Hold says why an item must not be sent now, or "" to let it through.
type Hold func(it *Item) string

// ApplyHolds marks each due item that a hold stops as held, asking the holds in order.
// It changes nothing else, so the engine sends exactly the items still due.
func ApplyHolds(items []*Item, holds ...Hold) {
	for _, it := range items {
		if it.State != StateDue {
			continue
		}
		for _, h := range holds {
			if why := h(it); why != "" {
				it.State, it.Reason = StateHeld, why
				break
			}
		}
	}
}

// Pause is an account that stopped posting until a person acts.
type Pause struct {
	Account string `json:"account"`
	// Kind is the account problem: credits, api-version, token or permissions.
	Kind   string    `json:"kind"`
	Reason string    `json:"reason"`
	Since  time.Time `json:"since"`
}

// PauseAccount records that account stopped posting, keeping the first record.
func (l *Ledger) PauseAccount(account, kind, reason string, t time.Time) {
	if l.PausedAccount(account) != nil {
		return
	}
	l.Paused = append(l.Paused, &Pause{Account: account, Kind: kind, Reason: reason, Since: t.UTC().Truncate(time.Second)})
	sort.Slice(l.Paused, func(i, j int) bool { return l.Paused[i].Account < l.Paused[j].Account })
}

// PausedAccount returns the pause of account, or nil.
func (l *Ledger) PausedAccount(account string) *Pause {
	for _, p := range l.Paused {
		if p.Account == account {
			return p
		}
	}
	return nil
}

// Resume lifts the pause of account; it reports whether there was one.
func (l *Ledger) Resume(account string) bool {
	for i, p := range l.Paused {
		if p.Account == account {
			l.Paused = append(l.Paused[:i], l.Paused[i+1:]...)
			return true
		}
	}
	return false
}

// PausedHold holds every post to an account the ledger lists as paused.
func PausedHold(l *Ledger) Hold {
	return func(it *Item) string {
		if p := l.PausedAccount(it.Account); p != nil {
			return fmt.Sprintf("not sent: the account %s is paused since %s: %s", it.Account, p.Since.Format("2006-01-02 15:04 UTC"), p.Reason)
		}
		return ""
	}
}

// PauseProblems lists each paused account for the run's report.
func PauseProblems(l *Ledger) []Problem {
	var out []Problem
	for _, p := range l.Paused {
		out = append(out, Problem{Kind: "paused", Label: p.Account, Detail: fmt.Sprintf("paused since %s: %s", p.Since.Format("2006-01-02 15:04 UTC"), p.Reason)})
	}
	return out
}
