package config

// Costs is the costs section of factdesk.yaml: what platforms charge per post, and the
// most the organisation will spend on posts in a calendar month.
type Costs struct {
	// X is X's pay-per-use price per post.
	X PostPrice `yaml:"x"`
	// MonthlyCap is the most to spend on posts in one calendar month (UTC), in US
	// dollars; a post that would go over it is held and reported. 0 means no cap.
	MonthlyCap float64 `yaml:"monthly_cap"`
}

// PostPrice is what one post costs on a platform, in US dollars.
type PostPrice struct {
	// Post is the price of a post without a link.
	Post float64 `yaml:"post"`
	// PostWithLink is the price of a post that carries a URL.
	PostWithLink float64 `yaml:"post_with_link"`
	// AsOf is the date the prices were read from the platform's pricing page (YYYY-MM-DD).
	AsOf string `yaml:"as_of"`
	// Source is the pricing page.
	Source string `yaml:"source"`
}

// XPriceDefaults are X's pay-per-use prices as published when pay-per-use replaced the
// free tier for new developers (docs.x.com, "Pricing").
var XPriceDefaults = PostPrice{Post: 0.015, PostWithLink: 0.20, AsOf: "2026-02-06", Source: "https://docs.x.com/x-api/getting-started/pricing"}

// defaults fills in X's prices from XPriceDefaults when none are set.
func (c *Costs) defaults() {
	if c.X.Post == 0 && c.X.PostWithLink == 0 {
		as, src := c.X.AsOf, c.X.Source
		c.X = XPriceDefaults
		if as != "" {
			c.X.AsOf = as
		}
		if src != "" {
			c.X.Source = src
		}
	}
}

// Price returns what one post costs on platform, with or without a link; ok is false for
// platforms that do not charge per post.
func (c Costs) Price(platform string, link bool) (price float64, ok bool) {
	if platform != "x" {
		return 0, false
	}
	if link {
		return c.X.PostWithLink, true
	}
	return c.X.Post, true
}
