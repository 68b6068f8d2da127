package config

import "time"

// Citations holds the settings of the online citation checks (`factdesk check --online`)
// and of `factdesk cite`: where the scholarly APIs are, how politely to call them, how
// long answers are kept, and the source-tier policy.
type Citations struct {
	// Contact is the e-mail address sent to Crossref (polite pool) and NCBI; it defaults
	// to organisation.contact. FACTDESK_CITATIONS_CONTACT overrides it.
	Contact string `yaml:"contact"`
	// CrossrefURL is the Crossref REST API base (FACTDESK_CROSSREF_URL overrides it).
	CrossrefURL string `yaml:"crossref_url"`
	// DOIURL is the doi.org handle API base (FACTDESK_DOI_URL overrides it).
	DOIURL string `yaml:"doi_url"`
	// EUtilsURL is the NCBI E-utilities base (FACTDESK_EUTILS_URL overrides it).
	EUtilsURL string `yaml:"eutils_url"`
	// OpenAlexURL is the OpenAlex API base (FACTDESK_OPENALEX_URL overrides it). OpenAlex is
	// asked when Crossref or PubMed miss a work or disagree with the citation; its API key,
	// when there is one, is read from OPENALEX_API_KEY.
	OpenAlexURL string `yaml:"openalex_url"`
	// Archive is where cited pages' archived copies are requested.
	Archive Archive `yaml:"archive"`
	// Crossref limits calls to Crossref.
	Crossref RateLimit `yaml:"crossref"`
	// OpenAlex limits calls to OpenAlex.
	OpenAlex RateLimit `yaml:"openalex"`
	// NCBI limits calls to E-utilities without an API key; NCBIWithKey with NCBI_API_KEY set.
	NCBI        RateLimit `yaml:"ncbi"`
	NCBIWithKey RateLimit `yaml:"ncbi_with_key"`
	// DOIOrg limits calls to the doi.org handle API.
	DOIOrg RateLimit `yaml:"doi_org"`
	// Web limits calls to each web host.
	Web RateLimit `yaml:"web"`
	// Retries is how many times a failed or rate-limited request is tried again.
	Retries int `yaml:"retries"`
	// TimeoutSeconds bounds one request.
	TimeoutSeconds float64 `yaml:"timeout_seconds"`
	// MaxRetryAfterSeconds is the longest Retry-After factdesk waits for; a host asking
	// for longer is reported as unverified.
	MaxRetryAfterSeconds float64 `yaml:"max_retry_after_seconds"`
	// CacheDir holds answers between runs, relative to the repository root.
	CacheDir string `yaml:"cache_dir"`
	// Cache sets how long each kind of answer is kept.
	Cache CacheLifetimes `yaml:"cache"`
	// Policy is the source-tier policy file, relative to the repository root.
	Policy string `yaml:"policy"`
	// GuidelineMaxAgeYears is the age past which a cited guideline draws a warning.
	GuidelineMaxAgeYears int `yaml:"guideline_max_age_years"`
}

// Archive sets how archived copies of cited pages are requested from the Internet
// Archive's Save Page Now.
type Archive struct {
	// Save requests an archived copy of each cited page when it is recorded; false turns
	// it off (the organisation may not want its reading list made public).
	Save *bool `yaml:"save"`
	// URL is the Wayback Machine's base (FACTDESK_ARCHIVE_URL overrides it).
	URL string `yaml:"url"`
}

// Saving reports whether archived copies are requested (the default).
func (a Archive) Saving() bool { return a.Save == nil || *a.Save }

// RateLimit bounds the calls to one service or host.
type RateLimit struct {
	// PerSecond is the most requests started per second.
	PerSecond float64 `yaml:"per_second"`
	// InFlight is the most requests open at once.
	InFlight int `yaml:"in_flight"`
}

// CacheLifetimes set how long answers are kept in the cache.
type CacheLifetimes struct {
	// ResolvedHours keeps a resolved DOI or PubMed record.
	ResolvedHours float64 `yaml:"resolved_hours"`
	// LinkHours keeps a link that answered.
	LinkHours float64 `yaml:"link_hours"`
	// FailureMinutes keeps anything that failed, was dead or could not be verified.
	FailureMinutes float64 `yaml:"failure_minutes"`
}

// Default addresses of the services the citation checks call.
const (
	DefaultCrossrefURL = "https://api.crossref.org"
	DefaultDOIURL      = "https://doi.org/api/handles"
	DefaultEUtilsURL   = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
	DefaultOpenAlexURL = "https://api.openalex.org"
	DefaultArchiveURL  = "https://web.archive.org"
	DefaultPolicyFile  = "data/source-policy.yaml"
	DefaultCacheDir    = ".factdesk-cache"
)

// WithDefaults returns c with every unset field at its default (Load applies it once;
// the policy file is read through PolicyFile): Crossref's polite pool
// (10 requests/s, 3 in flight), NCBI's 3/s without a key and 10/s with one, and per web
// host 2 in flight with 100 ms between requests.
func (c Citations) WithDefaults() Citations {
	str := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	lim := func(l *RateLimit, perSecond float64, inFlight int) {
		if l.PerSecond <= 0 {
			l.PerSecond = perSecond
		}
		if l.InFlight <= 0 {
			l.InFlight = inFlight
		}
	}
	str(&c.CrossrefURL, DefaultCrossrefURL)
	str(&c.DOIURL, DefaultDOIURL)
	str(&c.EUtilsURL, DefaultEUtilsURL)
	str(&c.OpenAlexURL, DefaultOpenAlexURL)
	str(&c.Archive.URL, DefaultArchiveURL)
	str(&c.CacheDir, DefaultCacheDir)
	lim(&c.Crossref, 10, 3)
	lim(&c.NCBI, 3, 3)
	lim(&c.NCBIWithKey, 10, 3)
	lim(&c.DOIOrg, 10, 2)
	lim(&c.OpenAlex, 10, 2)
	lim(&c.Web, 10, 2)
	if c.Retries <= 0 {
		c.Retries = 3
	}
	if c.TimeoutSeconds <= 0 {
		c.TimeoutSeconds = 20
	}
	if c.MaxRetryAfterSeconds <= 0 {
		c.MaxRetryAfterSeconds = 60
	}
	if c.Cache.ResolvedHours <= 0 {
		c.Cache.ResolvedHours = 14 * 24
	}
	if c.Cache.LinkHours <= 0 {
		c.Cache.LinkHours = 3 * 24
	}
	if c.Cache.FailureMinutes <= 0 {
		c.Cache.FailureMinutes = 60
	}
	if c.GuidelineMaxAgeYears <= 0 {
		c.GuidelineMaxAgeYears = 5
	}
	return c
}

// PolicyFile returns the source-tier policy file: Policy, or DefaultPolicyFile when the
// file names none (a missing default policy is no error; a missing named one is).
func (c Citations) PolicyFile() string {
	if c.Policy == "" {
		return DefaultPolicyFile
	}
	return c.Policy
}

// Timeout returns TimeoutSeconds as a duration.
func (c Citations) Timeout() time.Duration {
	return time.Duration(c.TimeoutSeconds * float64(time.Second))
}
