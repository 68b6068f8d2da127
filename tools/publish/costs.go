package publish

import (
	"fmt"
	"time"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
)

// Cost is what some posts cost on the platforms that charge per post (X).
type Cost struct {
	Posts    int
	WithLink int
	Dollars  float64
}

// String writes the cost for people: "$0.40 (2 posts on X, 2 with a link)".
func (c Cost) String() string {
	return fmt.Sprintf("$%.2f (%s on X, %d with a link)", c.Dollars, noun.Count(c.Posts, "post"), c.WithLink)
}

func (c *Cost) add(price float64, link bool) {
	c.Posts++
	if link {
		c.WithLink++
	}
	c.Dollars += price
}

// price returns what m costs, and whether its platform charges at all.
func (p *Publisher) price(m *Message) (float64, bool) {
	if m == nil {
		return 0, false
	}
	return p.Config.Publish.Costs.Price(m.Platform, m.Link != "")
}

// RunCost is the expected cost of sending the items that are due (or being settled).
func (p *Publisher) RunCost(items []*Item) Cost {
	var c Cost
	for _, it := range items {
		if it.State != StateDue && it.State != StateRecover {
			continue
		}
		if v, ok := p.price(it.Message); ok {
			c.add(v, it.Message.Link != "")
		}
	}
	return c
}

// UpcomingCost is the expected cost of the posts the calendar schedules after at and up
// to at+within, that are not sent yet and not handed to an outside tool.
func (p *Publisher) UpcomingCost(at time.Time, within time.Duration) Cost {
	var c Cost
	for _, pd := range p.Repo.Posts {
		if pd == nil || !pd.OK || pd.Draft {
			continue
		}
		due, err := pd.Time()
		if err != nil || !due.After(at) || due.After(at.Add(within)) {
			continue
		}
		for _, account := range pd.Channels {
			acct, ok := p.Config.Accounts[account]
			if _, exported := pd.Exported[account]; !ok || exported || p.Ledger.Get(pd.Slug, account) != nil {
				continue
			}
			m := p.message(pd, account, acct.Platform, due)
			if v, ok := p.price(m); ok {
				c.add(v, m.Link != "")
			}
		}
	}
	return c
}

// MonthSpent is what the ledger shows was spent (or may have been: sending and uncertain
// entries count) on posts in at's calendar month, in UTC.
func (p *Publisher) MonthSpent(at time.Time) Cost {
	var c Cost
	y, mo, _ := at.UTC().Date()
	for _, e := range p.Ledger.Entries {
		t := e.Time
		if e.Attempted != nil {
			t = *e.Attempted
		}
		if ey, em, _ := t.UTC().Date(); ey != y || em != mo {
			continue
		}
		link := true // a post no longer in the calendar counts at the higher price
		if pd := p.post(e.Post); pd != nil {
			due, _ := pd.Time()
			link = p.message(pd, e.Account, e.Platform, due).Link != ""
		}
		if v, ok := p.Config.Publish.Costs.Price(e.Platform, link); ok {
			c.add(v, link)
		}
	}
	return c
}

func (p *Publisher) post(slug string) *content.PostDoc {
	for _, pd := range p.Repo.Posts {
		if pd != nil && pd.OK && pd.Slug == slug {
			return pd
		}
	}
	return nil
}

// CapHold holds each post that would take the month's spending over the monthly cap
// (publish.costs.monthly_cap), counting what the ledger shows was spent this month and
// the posts let through before it in this run.
func (p *Publisher) CapHold(at time.Time) Hold {
	costs := p.Config.Publish.Costs
	limit := costs.MonthlyCap
	if limit <= 0 {
		return func(*Item) string { return "" }
	}
	spent := p.MonthSpent(at).Dollars
	return func(it *Item) string {
		v, ok := p.price(it.Message)
		if !ok {
			return ""
		}
		// A cent of tolerance keeps float rounding from holding a post that fits exactly.
		if spent+v > limit+0.005 {
			return fmt.Sprintf("not sent: it would cost $%.2f on %s and $%.2f is spent this month, over the monthly cap of $%.2f (publish.costs.monthly_cap in %s); raise the cap or send it next month with --send-missed",
				v, it.Platform, spent, limit, config.File)
		}
		spent += v
		return ""
	}
}
