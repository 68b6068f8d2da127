package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/noun"
	"github.com/factdesk/factdesk/tools/retry"
	"github.com/factdesk/factdesk/tools/social"
)

// State is where one post on one account stands in a run.
type State string

// States of an item, in the order the summary lists them.
const (
	StateSent      State = "sent"
	StateFailed    State = "failed"
	StateUncertain State = "uncertain"
	StatePending   State = "pending" // outcome unknown on an exactly-once channel; the next run settles it
	StateWaiting   State = "waiting"
	StateMissed    State = "missed"
	StateDue       State = "due"
	StateRecover   State = "recover" // intent left by an interrupted run
	StateFuture    State = "future"
	StateHeld      State = "held" // stopped before sending until a person acts (holds.go)
	StateExported  State = "exported"
	StateDone      State = "done"
)

// Item is one post on one account.
type Item struct {
	Post     *content.PostDoc
	Account  string
	Platform string
	Due      time.Time
	State    State
	// Reason explains the state to people.
	Reason  string
	Message *Message
	Receipt Receipt
	// attempted is when the first attempt was made (from the ledger, for recovery).
	attempted time.Time
	// prev is the intent an earlier run left (nil for a fresh item): the new intent
	// replaces exactly that entry, and is never dropped, since the earlier attempt may
	// have gone out.
	prev *Entry
	// Carried marks a problem already recorded by an earlier run (an uncertain entry in
	// the ledger): still reported, but not a failure of this run.
	Carried bool
	// Problem is the kind of account problem that stopped this item (accountfail.go):
	// the account pauses until a person acts.
	Problem string
}

// Label names the item as "post → account".
func (it *Item) Label() string { return it.Post.Slug + " → " + it.Account }

// SiteChecker tells whether a page of the site is live.
type SiteChecker interface {
	Live(ctx context.Context, url string) (bool, error)
}

// Settings are the publisher's timings, read from factdesk.yaml's publish section.
type Settings struct {
	Grace   time.Duration
	Timeout time.Duration
	Backoff time.Duration
	Retries int
	MaxWait time.Duration
	// TurnLease and TurnWait bound the turn to publish (see Store).
	TurnLease, TurnWait time.Duration
	// Site is the base address checked for fact-check pages.
	Site string
}

// SettingsFrom reads the publish section, loaded and checked with the configuration.
func SettingsFrom(cfg *config.Config, getenv func(string) string) Settings {
	p := cfg.Publish
	s := Settings{Grace: p.Grace, Timeout: p.Timeout, Backoff: p.Backoff, Retries: p.Retries, MaxWait: p.MaxWait,
		TurnLease: p.TurnLease, TurnWait: p.TurnWait, Site: p.Site}
	if v := getenv("FACTDESK_SITE_URL"); v != "" {
		s.Site = v
	}
	if s.Site == "" {
		s.Site = cfg.Organisation.Site
	}
	return s
}

// Publisher decides what is due and sends it.
type Publisher struct {
	Repo   *content.Repo
	Config *config.Config
	// Ledger is the ledger as of the turn's start (Store.Begin); Send keeps it current.
	Ledger *Ledger
	// Store makes the ledger durable; Run names this run in the ledger's intents.
	Store    Store
	Run      string
	Settings Settings
	// Channel returns the channel of an account; it is called once per account.
	Channel func(account string) (Channel, error)
	Site    SiteChecker
	// Log receives progress lines.
	Log io.Writer
	// Now is the real clock (for the ledger and waits); the run's "now" is passed to Plan.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	mu       sync.Mutex
	channels map[string]Channel
	chErr    map[string]error

	bmu        sync.Mutex
	queue      []*commitReq
	committing bool
}

// Filter limits a run to some posts or accounts.
type Filter struct {
	// Only holds post slugs and account names; empty means everything.
	Only       []string
	SendMissed bool
}

func (f Filter) match(slug, account string) bool {
	if len(f.Only) == 0 {
		return true
	}
	for _, o := range f.Only {
		if o == slug || o == account {
			return true
		}
	}
	return false
}

// Plan classifies every post on every account as of at, without sending anything or
// changing the ledger.
func (p *Publisher) Plan(ctx context.Context, at time.Time, f Filter) []*Item {
	var items []*Item
	live := map[string]bool{}
	liveWhy := map[string]string{}
	for _, pd := range p.Repo.Posts {
		if pd == nil || !pd.OK || pd.Draft {
			continue
		}
		due, terr := pd.Time()
		for _, account := range pd.Channels {
			if !f.match(pd.Slug, account) {
				continue
			}
			it := &Item{Post: pd, Account: account, Due: due}
			items = append(items, it)
			acct, ok := p.Config.Accounts[account]
			it.Platform = acct.Platform
			if tool, ok := pd.Exported[account]; ok {
				it.State, it.Reason = StateExported, "handed to "+tool+"; factdesk never sends it"
				continue
			}
			if e := p.Ledger.Get(pd.Slug, account); e != nil {
				switch e.Status {
				case Sent, Deleted:
					it.State, it.Reason = StateDone, string(e.Status)
					it.Receipt = Receipt{RemoteID: e.RemoteID, URL: e.URL}
					continue
				case Uncertain:
					it.State, it.Reason, it.Carried = StateUncertain, uncertainAdvice(e), true
					continue
				case Sending:
					it.State, it.Reason = StateRecover, "an earlier run stopped before recording whether this went out"
					it.prev = e
					if e.Attempted != nil {
						it.attempted = *e.Attempted
					} else {
						it.attempted = e.Time
					}
					it.Message = p.message(pd, account, acct.Platform, due)
					continue
				}
			}
			switch {
			case !ok:
				it.State, it.Reason = StateFailed, fmt.Sprintf("%s: channel %q is not an account in %s", pd.Path, account, config.File)
				continue
			case terr != nil:
				it.State, it.Reason = StateFailed, fmt.Sprintf("%s: %v", pd.Path, terr)
				continue
			case due.After(at):
				it.State = StateFuture
				continue
			case at.Sub(due) > p.Settings.Grace && !f.SendMissed:
				it.State, it.Reason = StateMissed, fmt.Sprintf("was due %s, %s ago, past the grace window of %s; to send it late: factdesk publish --send-missed --only %s",
					localTime(due, pd.Timezone), roundDur(at.Sub(due)), roundDur(p.Settings.Grace), pd.Slug)
				continue
			}
			it.Message = p.message(pd, account, acct.Platform, due)
			if pd.FactCheck != "" && p.Site != nil {
				u := social.FactCheckURL(p.Settings.Site, pd.FactCheck)
				if _, seen := live[u]; !seen {
					ok, err := p.Site.Live(ctx, u)
					live[u] = ok
					if err != nil {
						liveWhy[u] = err.Error()
					}
				}
				if !live[u] {
					why := ""
					if liveWhy[u] != "" {
						why = " (" + liveWhy[u] + ")"
					}
					it.State, it.Reason = StateWaiting, "the fact-check page "+u+" is not live yet"+why+"; it goes out once the site shows it"
					continue
				}
			}
			it.State = StateDue
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].Due.Equal(items[j].Due) {
			return items[i].Due.Before(items[j].Due)
		}
		return items[i].Label() < items[j].Label()
	})
	return items
}

// localTime writes t in zone for people, e.g. 2027-02-01 09:00 EST.
func localTime(t time.Time, zone string) string {
	if loc, err := time.LoadLocation(zone); err == nil {
		t = t.In(loc)
	}
	return t.Format("2006-01-02 15:04 MST")
}

func uncertainAdvice(e *Entry) string {
	s := "may or may not have gone out"
	if e.Note != "" {
		s = e.Note
	}
	return s + "; look at the account: if the post is there, set its status to \"sent\" (with its url) in the ledger, if not, delete the entry so the next run sends it"
}

// roundDur writes a duration for people: "45 minutes", "3 hours 10 minutes", "12 days".
func roundDur(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return noun.Count(int(d.Hours()/24), "day")
	case d >= time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		if m == 0 {
			return noun.Count(h, "hour")
		}
		return noun.Count(h, "hour") + " " + noun.Count(m, "minute")
	case d >= time.Minute:
		return noun.Count(int(d.Minutes()), "minute")
	}
	return noun.Count(int(d.Seconds()), "second")
}

// message composes what account receives for a post.
func (p *Publisher) message(pd *content.PostDoc, account, platform string, due time.Time) *Message {
	// The same composition as factdesk check counts: copy, link (with tracking), hashtags.
	c := social.Compose(pd.Post, account, platform, social.OptionsFrom(p.Config))
	m := &Message{Post: pd.Slug, Account: account, Platform: platform, Text: c.Text, Link: c.Link, Hashtags: c.Hashtags,
		PublishAt: due, Key: Key(pd.Slug, account)}
	if fc := p.Repo.FactCheck(pd.FactCheck); pd.FactCheck != "" && fc != nil {
		m.Title, m.Description = fc.Title, fc.BottomLine
	}
	if m.Title == "" {
		m.Title = pd.Title
	}
	site := strings.TrimSuffix(p.Config.Organisation.Site, "/")
	for _, img := range pd.Images {
		src := strings.TrimPrefix(img.Src, "/")
		m.Images = append(m.Images, Image{Path: filepath.Join(p.Repo.Root, "static", filepath.FromSlash(src)), URL: site + "/" + src, Alt: img.Alt})
	}
	return m
}

func (p *Publisher) channel(account string) (Channel, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.channels == nil {
		p.channels, p.chErr = map[string]Channel{}, map[string]error{}
	}
	if c, ok := p.channels[account]; ok {
		return c, p.chErr[account]
	}
	c, err := p.Channel(account)
	p.channels[account], p.chErr[account] = c, err
	return c, err
}

// Send sends every due item and settles the ones left by an interrupted run. Before each
// send it makes durable, through the Store, an intent for that one post on that one
// account (together with the result of the account's previous send), so a run killed at
// any moment leaves at most one send per account in doubt. Accounts send in parallel and
// their records share commits. When ctx ends (Ctrl-C, SIGTERM) no new send starts, and
// the results of the sends in flight are recorded before Send returns. It returns an
// error only when the ledger could not be made durable; failures of single posts are in
// the items.
func (p *Publisher) Send(ctx context.Context, items []*Item) error {
	now := p.Now()
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	// Settle what an interrupted run left behind.
	var settle []*Item
	var changes []Change
	for _, it := range items {
		if it.State != StateRecover {
			continue
		}
		ch, err := p.channel(it.Account)
		if err != nil {
			it.State, it.Reason = StateFailed, err.Error()
			continue
		}
		g := ch.Guarantee()
		if f, ok := ch.(Finder); ok {
			r, found, err := f.Find(ctx, it.Message)
			switch {
			case err != nil:
				it.State, it.Reason = StateFailed, "could not look up whether it went out: "+err.Error()
			case found:
				it.State, it.Receipt, it.Reason = StateSent, r, "found on the platform after an interrupted run"
				settle = append(settle, it)
				changes = append(changes, Change{Post: it.Post.Slug, Account: it.Account, If: it.prev, Then: p.sentEntry(it, now)})
			default:
				it.State = StateDue
			}
			continue
		}
		if g.ExactlyOnce && (g.KeyWindow == 0 || now.Sub(it.attempted) < g.KeyWindow) {
			it.State = StateDue
			continue
		}
		it.State = StateUncertain
		it.Reason = fmt.Sprintf("a run started sending this at %s and stopped before recording the result; %s", it.attempted.UTC().Format(time.RFC3339), g.How)
		settle = append(settle, it)
		att := it.attempted
		changes = append(changes, Change{Post: it.Post.Slug, Account: it.Account, If: it.prev, Then: &Entry{Post: it.Post.Slug, Account: it.Account, Platform: it.Platform,
			Status: Uncertain, Time: now, Attempted: &att, Run: it.prev.Run, Note: "the run that sent this stopped before recording the result"}})
	}
	if len(changes) > 0 {
		applied, err := p.durable(runCtx, changes)
		if err != nil {
			return fmt.Errorf("recording what an interrupted run left: %w; nothing was sent", err)
		}
		for i, it := range settle {
			if !applied[i] {
				p.overtaken(it)
			}
		}
	}
	byAccount := map[string][]*Item{}
	var accounts []string
	for _, it := range items {
		if it.State != StateDue {
			continue
		}
		if _, err := p.channel(it.Account); err != nil {
			it.State, it.Reason = StateFailed, err.Error()
			continue
		}
		if byAccount[it.Account] == nil {
			accounts = append(accounts, it.Account)
		}
		byAccount[it.Account] = append(byAccount[it.Account], it)
	}
	var wg sync.WaitGroup
	var errMu sync.Mutex
	var firstErr error
	for _, account := range accounts {
		its := byAccount[account]
		ch, _ := p.channel(account)
		lim := p.limiter(account, its[0].Platform, now)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := p.sendAccount(runCtx, ch, lim, its); err != nil {
				errMu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				errMu.Unlock()
				stopRun()
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// sendAccount sends one account's items in order, one at a time.
func (p *Publisher) sendAccount(ctx context.Context, ch Channel, lim *rate.Limiter, its []*Item) error {
	var pending []Change // the result of the previous send, made durable with the next intent
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		// Results are recorded even when the run is being stopped.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		_, err := p.durable(rctx, pending)
		pending = nil
		if err != nil {
			return fmt.Errorf("recording what was sent: %w; the next run settles it from the recorded intents", err)
		}
		return nil
	}
	stopRest := func(from int, why string) {
		for _, it := range its[from:] {
			if it.State == StateDue {
				it.State, it.Reason = StateFailed, why
			}
		}
	}
	for i, it := range its {
		if ctx.Err() != nil {
			stopRest(i, "not sent: publishing was stopped before its turn; the next run sends it")
			break
		}
		if i > 0 && its[i-1].Problem != "" {
			// The account cannot post until a person acts (holds.go): record the pause and
			// hold the rest.
			stop := its[i-1]
			pending = append(pending, Change{Pause: &Pause{Account: stop.Account, Kind: stop.Problem, Reason: strings.TrimPrefix(stop.Reason, "not sent: "), Since: p.Now().UTC().Truncate(time.Second)}})
			for _, rest := range its[i:] {
				if rest.State == StateDue {
					rest.State, rest.Reason = StateHeld, "not sent: the account stopped posting in this run ("+stop.Post.Slug+"): "+strings.TrimPrefix(stop.Reason, "not sent: ")
				}
			}
			break
		}
		// Wait for the posting limit before recording the intent, so that a run killed
		// while it waits leaves no intent behind.
		r := lim.ReserveN(p.Now(), 1)
		if d := r.DelayFrom(p.Now()); d > p.Settings.MaxWait {
			r.CancelAt(p.Now())
			it.State, it.Reason = StateFailed, fmt.Sprintf("not sent: %s's posting limit for this account is used up for now; the next run sends it", it.Platform)
			continue
		} else if d > 0 {
			if err := flush(); err != nil {
				stopRest(i, "not sent: "+err.Error())
				return err
			}
			if err := p.wait(ctx, d); err != nil {
				stopRest(i, "not sent: publishing was stopped before its turn; the next run sends it")
				break
			}
		}
		attempted := p.Now()
		if !it.attempted.IsZero() {
			attempted = it.attempted
		}
		intent := &Entry{Post: it.Post.Slug, Account: it.Account, Platform: it.Platform, Status: Sending, Time: p.Now(), Attempted: &attempted, Run: p.Run}
		batch := append(pending, Change{Post: it.Post.Slug, Account: it.Account, If: it.prev, Then: intent})
		pending = nil
		applied, err := p.durable(context.WithoutCancel(ctx), batch)
		if err != nil {
			stopRest(i, "not sent: the intent could not be recorded")
			return fmt.Errorf("recording what is about to be sent: %w; %s was not sent", err, it.Label())
		}
		if !applied[len(applied)-1] {
			p.overtaken(it)
			continue
		}
		mine := &Entry{Status: Sending, Run: p.Run}
		p.sendOne(ctx, ch, it)
		switch it.State {
		case StateSent:
			e := p.sentEntry(it, p.Now())
			e.Attempted = &attempted
			pending = append(pending, Change{Post: it.Post.Slug, Account: it.Account, If: mine, Then: e})
		case StateFailed:
			if it.prev == nil {
				// Certainly not sent: drop the intent so the next run tries again.
				pending = append(pending, Change{Post: it.Post.Slug, Account: it.Account, If: mine})
			}
		case StateUncertain:
			pending = append(pending, Change{Post: it.Post.Slug, Account: it.Account, If: mine, Then: &Entry{Post: it.Post.Slug, Account: it.Account,
				Platform: it.Platform, Status: Uncertain, Time: p.Now(), Attempted: &attempted, Run: p.Run, Note: it.Reason}})
		}
		// StatePending keeps the intent: the next run looks it up or resends with its key.
	}
	if last := its[len(its)-1]; last.Problem != "" && last.State == StateFailed {
		pending = append(pending, Change{Pause: &Pause{Account: last.Account, Kind: last.Problem, Reason: strings.TrimPrefix(last.Reason, "not sent: "), Since: p.Now().UTC().Truncate(time.Second)}})
	}
	return flush()
}

// overtaken reports an item whose entry changed since the plan: another run or a person
// settled it, and this run leaves it alone.
func (p *Publisher) overtaken(it *Item) {
	p.mu.Lock()
	e := p.Ledger.Get(it.Post.Slug, it.Account)
	p.mu.Unlock()
	it.State, it.Reason = StateDone, "settled meanwhile by another run or by hand; left as it is"
	if e != nil {
		it.Reason = "settled meanwhile by another run or by hand (now " + string(e.Status) + "); left as it is"
		it.Receipt = Receipt{RemoteID: e.RemoteID, URL: e.URL}
	}
}

func (p *Publisher) sentEntry(it *Item, t time.Time) *Entry {
	e := &Entry{Post: it.Post.Slug, Account: it.Account, Platform: it.Platform, Status: Sent, RemoteID: it.Receipt.RemoteID, URL: it.Receipt.URL, Time: t.UTC(), Run: p.Run}
	if it.prev != nil {
		e.Attempted = it.prev.Attempted
	}
	return e
}

// durable makes changes durable. Calls made while a commit is under way are gathered
// into the next commit (one push for every account's intent and result), and each
// caller learns which of its changes applied.
func (p *Publisher) durable(ctx context.Context, changes []Change) ([]bool, error) {
	r := &commitReq{changes: changes, done: make(chan struct{})}
	p.bmu.Lock()
	p.queue = append(p.queue, r)
	if p.committing {
		p.bmu.Unlock()
		<-r.done
		return r.applied, r.err
	}
	p.committing = true
	for len(p.queue) > 0 {
		batch := p.queue
		p.queue = nil
		p.bmu.Unlock()
		var all []Change
		intents, results := 0, 0
		for _, b := range batch {
			all = append(all, b.changes...)
			for _, c := range b.changes {
				if c.Then != nil && c.Then.Status == Sending {
					intents++
				} else {
					results++
				}
			}
		}
		applied, l, err := p.Store.Commit(ctx, fmt.Sprintf("publish: %s, %s", noun.Count(intents, "intent"), noun.Count(results, "result")), all)
		if err == nil {
			p.mu.Lock()
			p.Ledger = l
			p.mu.Unlock()
		}
		n := 0
		for _, b := range batch {
			b.err = err
			if err == nil {
				b.applied = applied[n : n+len(b.changes)]
			}
			n += len(b.changes)
			if b != r {
				close(b.done)
			}
		}
		p.bmu.Lock()
	}
	p.committing = false
	p.bmu.Unlock()
	return r.applied, r.err
}

type commitReq struct {
	changes []Change
	applied []bool
	err     error
	done    chan struct{}
}

// limiter returns the account's posting budget, less what the ledger shows it already
// sent within the budget's window.
func (p *Publisher) limiter(account, platform string, now time.Time) *rate.Limiter {
	l, ok := Limits[platform]
	if !ok {
		l = Limit{60, time.Minute}
	}
	lim := rate.NewLimiter(rate.Every(l.Per/time.Duration(l.Posts)), l.Posts)
	used := 0
	for _, e := range p.Ledger.Entries {
		if e.Account == account && (e.Status == Sent || e.Status == Deleted) && now.Sub(e.Time) < l.Per {
			used++
		}
	}
	if used > l.Posts {
		used = l.Posts
	}
	lim.AllowN(now, used)
	return lim
}

// sendOne sends one item, retrying what is safe to retry for the channel's guarantee.
func (p *Publisher) sendOne(ctx context.Context, ch Channel, it *Item) {
	g := ch.Guarantee()
	finder, _ := ch.(Finder)
	unknown := false
	var last *CallError
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			break
		}
		if unknown && finder != nil {
			rec, found, err := finder.Find(ctx, it.Message)
			if err == nil && found {
				it.State, it.Receipt = StateSent, rec
				return
			}
			if err != nil {
				last = AsCallError(err)
				if attempt > p.Settings.Retries {
					break
				}
				if p.wait(ctx, retry.Backoff(p.Settings.Backoff, attempt)) != nil {
					break
				}
				continue
			}
		}
		rec, err := ch.Send(ctx, it.Message)
		if err == nil {
			it.State, it.Receipt = StateSent, rec
			return
		}
		last = AsCallError(err)
		if last.Outcome == Unknown {
			if !g.ExactlyOnce {
				it.State = StateUncertain
				it.Reason = "may have gone out: " + last.Msg + "; not resent because " + it.Platform + " offers no way to recognise a repeat"
				return
			}
			unknown = true
		}
		if !last.Retry || attempt >= p.Settings.Retries {
			break
		}
		wait := last.RetryAfter
		if wait == 0 {
			wait = retry.Backoff(p.Settings.Backoff, attempt)
		}
		if wait > p.Settings.MaxWait {
			break
		}
		if p.wait(ctx, wait) != nil {
			break
		}
	}
	msg := "publishing was stopped"
	if last != nil {
		msg = last.Msg
	}
	if unknown {
		it.State, it.Reason = StatePending, "outcome unknown ("+msg+"); the next run checks and finishes it without duplicating ("+g.How+")"
		return
	}
	it.State, it.Reason = StateFailed, "not sent: "+msg
	if last != nil && last.Account != "" {
		it.Problem = last.Account
		it.Reason += resumeHint(it.Account)
	}
}

func (p *Publisher) wait(ctx context.Context, d time.Duration) error {
	if p.Sleep != nil {
		return p.Sleep(ctx, d)
	}
	return Sleep(ctx, d)
}

// Sleep waits for d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error { return retry.Sleep(ctx, d) }

// Count tallies items by state.
func Count(items []*Item) map[State]int {
	c := map[State]int{}
	for _, it := range items {
		c[it.State]++
	}
	return c
}

// Failed reports whether anything failed in this run: a post not sent, sent with an
// unknown outcome, or flagged as uncertain now (not in an earlier run).
func Failed(items []*Item) bool {
	for _, it := range items {
		switch it.State {
		case StateFailed, StatePending, StateHeld:
			return true
		case StateUncertain:
			if !it.Carried {
				return true
			}
		}
	}
	return false
}

func resultLine(items []*Item) string {
	c := Count(items)
	var parts []string
	for _, s := range []State{StateSent, StateFailed, StateHeld, StateUncertain, StatePending} {
		if c[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
		}
	}
	if len(parts) == 0 {
		return "ledger updated"
	}
	return strings.Join(parts, ", ")
}

// HTTPSite checks pages with GET requests: a page is live when it answers 200.
type HTTPSite struct{ Client *http.Client }

// Live implements SiteChecker.
func (s HTTPSite) Live(ctx context.Context, u string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false, fmt.Errorf("checking %s: %w", u, err)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) {
			return false, fmt.Errorf("the site did not answer: %v", ue.Unwrap())
		}
		return false, fmt.Errorf("the site did not answer: %v", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Errorf("it answers %d", resp.StatusCode)
	}
	return true, nil
}
