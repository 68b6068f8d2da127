package citation

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/factdesk/factdesk/tools/config"
)

// Options configure a Verifier.
type Options struct {
	// Config is the citations section of factdesk.yaml (defaults are applied).
	Config config.Citations
	// Contact is used when Config.Contact is empty (the organisation's address).
	Contact string
	// Project is a web address naming the software in the User-Agent.
	Project string
	// HTTPClient makes the requests; its redirect policy and timeout are replaced.
	HTTPClient *http.Client
	// Getenv reads NCBI_API_KEY and the FACTDESK_* overrides; nil means none.
	Getenv func(string) string
	// CachePath is the cache file; empty means no persistent cache.
	CachePath string
	Now       func() time.Time
}

// Verifier resolves DOIs, PubMed IDs and links, each at most once per run, through the
// persistent cache.
type Verifier struct {
	Crossref *Crossref
	Handles  *Handles
	PubMed   *PubMed
	OpenAlex *OpenAlex
	Web      *Web
	Archive  *Archive
	// OpenAlexKeyMissing reports that OPENALEX_API_KEY is not set: OpenAlex is asked
	// without a key, within its smaller keyless daily budget.
	OpenAlexKeyMissing bool
	Cache              *Cache

	lifetimes config.CacheLifetimes
	group     singleflight.Group
	memo      sync.Map
	lookups   atomic.Int64
}

// Environment variables read by New.
const (
	EnvContact     = "FACTDESK_CITATIONS_CONTACT"
	EnvCrossrefURL = "FACTDESK_CROSSREF_URL"
	EnvDOIURL      = "FACTDESK_DOI_URL"
	EnvEUtilsURL   = "FACTDESK_EUTILS_URL"
	EnvNCBIKey     = "NCBI_API_KEY"
	EnvOpenAlexURL = "FACTDESK_OPENALEX_URL"
	EnvOpenAlexKey = "OPENALEX_API_KEY"
	EnvArchiveURL  = "FACTDESK_ARCHIVE_URL"
)

// New builds a Verifier from o.
func New(o Options) *Verifier {
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	c := o.Config
	override := func(field *string, env string) {
		if v := strings.TrimSpace(getenv(env)); v != "" {
			*field = v
		}
	}
	override(&c.Contact, EnvContact)
	override(&c.CrossrefURL, EnvCrossrefURL)
	override(&c.DOIURL, EnvDOIURL)
	override(&c.EUtilsURL, EnvEUtilsURL)
	override(&c.OpenAlexURL, EnvOpenAlexURL)
	override(&c.Archive.URL, EnvArchiveURL)
	c = c.WithDefaults()
	if c.Contact == "" {
		c.Contact = o.Contact
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	ua := "factdesk/1.0"
	if o.Project != "" {
		ua += " (+" + o.Project
		if c.Contact != "" {
			ua += "; mailto:" + c.Contact
		}
		ua += ")"
	} else if c.Contact != "" {
		ua += " (mailto:" + c.Contact + ")"
	}
	f := NewFetcher(o.HTTPClient, ua)
	f.Retries = c.Retries
	f.Timeout = c.Timeout()
	f.MaxRetryAfter = time.Duration(c.MaxRetryAfterSeconds * float64(time.Second))
	key := strings.TrimSpace(getenv(EnvNCBIKey))
	ncbi := c.NCBI
	if key != "" {
		ncbi = c.NCBIWithKey
	}
	web := NewWeb(f, c.Web.PerSecond, c.Web.InFlight)
	oaKey := strings.TrimSpace(getenv(EnvOpenAlexKey))
	return &Verifier{
		Crossref: &Crossref{Base: c.CrossrefURL, Contact: c.Contact, Fetcher: f, Gate: NewGate(c.Crossref.PerSecond, c.Crossref.InFlight)},
		Handles:  &Handles{Base: c.DOIURL, Fetcher: f, Gate: NewGate(c.DOIOrg.PerSecond, c.DOIOrg.InFlight)},
		PubMed:   &PubMed{Base: c.EUtilsURL, Contact: c.Contact, APIKey: key, Fetcher: f, Gate: NewGate(ncbi.PerSecond, ncbi.InFlight)},
		OpenAlex: &OpenAlex{Base: c.OpenAlexURL, APIKey: oaKey, Contact: c.Contact, Fetcher: f, Gate: NewGate(c.OpenAlex.PerSecond, c.OpenAlex.InFlight)},
		Web:      web,
		Archive:  &Archive{Base: c.Archive.URL, Enabled: c.Archive.Saving(), Fetcher: f, Gate: NewGate(0.2, 1), Now: now},

		OpenAlexKeyMissing: oaKey == "",
		Cache:              OpenCache(o.CachePath, now),
		lifetimes:          c.Cache,
	}
}

// Lookups returns how many identifiers and links were fetched from the network (not
// from the cache or from earlier in the run).
func (v *Verifier) Lookups() int64 { return v.lookups.Load() }

func (v *Verifier) ttl(ok bool, resolved time.Duration) time.Duration {
	if ok {
		return resolved
	}
	return time.Duration(v.lifetimes.FailureMinutes * float64(time.Minute))
}

func hours(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// once runs fetch for key at most once per run, and not at all when the cache holds an
// unexpired answer.
func once[T any](v *Verifier, key string, fetch func() (T, bool, time.Duration)) T {
	if r, ok := v.memo.Load(key); ok {
		return r.(T)
	}
	r, _, _ := v.group.Do(key, func() (any, error) {
		if r, ok := v.memo.Load(key); ok {
			return r, nil
		}
		var cached T
		if v.Cache.Get(key, &cached) {
			v.memo.Store(key, cached)
			return cached, nil
		}
		v.lookups.Add(1)
		res, ok, resolvedTTL := fetch()
		v.Cache.Put(key, res, v.ttl(ok, resolvedTTL))
		v.memo.Store(key, res)
		return res, nil
	})
	return r.(T)
}

// DOI resolves doi through Crossref and, for DOIs Crossref does not hold, doi.org.
func (v *Verifier) DOI(ctx context.Context, doi string) Record {
	doi = strings.TrimSpace(doi)
	return once(v, "doi:"+strings.ToLower(doi), func() (Record, bool, time.Duration) {
		rec := v.Crossref.Work(ctx, doi)
		if rec.Status == NotFound {
			// Crossref holds only its members' DOIs; doi.org knows them all.
			rec = v.Handles.Resolve(ctx, doi)
		}
		return rec, rec.Status == OK && ctx.Err() == nil, hours(v.lifetimes.ResolvedHours)
	})
}

// PMID resolves a PubMed ID.
func (v *Verifier) PMID(ctx context.Context, pmid string) Record {
	pmid = strings.TrimSpace(pmid)
	return once(v, "pmid:"+pmid, func() (Record, bool, time.Duration) {
		rec := v.PubMed.Article(ctx, pmid)
		return rec, rec.Status == OK && ctx.Err() == nil, hours(v.lifetimes.ResolvedHours)
	})
}

// OpenAlexWork looks a work up in OpenAlex by "doi:…" or "pmid:…".
func (v *Verifier) OpenAlexWork(ctx context.Context, id string) Record {
	id = strings.ToLower(strings.TrimSpace(id))
	return once(v, "openalex:"+id, func() (Record, bool, time.Duration) {
		rec := v.OpenAlex.Work(ctx, id)
		return rec, rec.Status == OK && ctx.Err() == nil, hours(v.lifetimes.ResolvedHours)
	})
}

// Link checks a web address.
func (v *Verifier) Link(ctx context.Context, rawURL string) Link {
	rawURL = strings.TrimSpace(rawURL)
	return once(v, "url:"+rawURL, func() (Link, bool, time.Duration) {
		l := v.Web.Check(ctx, rawURL)
		return l, l.Status == OK && ctx.Err() == nil, hours(v.lifetimes.LinkHours)
	})
}

// PageText is what reading a cited page found: its main text and fingerprint.
type PageText struct {
	Status Status `json:"status"`
	// Final is the address after redirects.
	Final       string   `json:"final,omitempty"`
	Code        int      `json:"code,omitempty"`
	Fingerprint string   `json:"fingerprint,omitempty"`
	Text        []string `json:"text,omitempty"`
	Reason      string   `json:"reason,omitempty"`
}

// Page reads a cited page and fingerprints its main text.
func (v *Verifier) Page(ctx context.Context, rawURL string) PageText {
	rawURL = strings.TrimSpace(rawURL)
	return once(v, "page:"+rawURL, func() (PageText, bool, time.Duration) {
		p := PageText{}
		final, resp, err := v.Web.Page(ctx, rawURL)
		switch {
		case err != nil:
			p.Status, p.Reason = Unverified, err.Error()
		default:
			p.Final, p.Code = final, resp.Status
			p.Status, p.Reason = classify(resp)
			if p.Status == OK {
				p.Text = MainText(resp.Body)
				p.Fingerprint = Fingerprint(p.Text)
			}
		}
		return p, p.Status == OK && ctx.Err() == nil, hours(v.lifetimes.LinkHours)
	})
}

// Save writes the cache.
func (v *Verifier) Save() error { return v.Cache.Save() }
