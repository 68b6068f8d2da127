package config

import (
	"fmt"

	"github.com/factdesk/factdesk/tools/content"
	"github.com/factdesk/factdesk/tools/repofile"
)

// Limits is the `limits:` section of factdesk.yaml: the most factdesk reads of one
// file, in megabytes. A file past its limit is a located error, never read whole.
type Limits struct {
	// ContentMB bounds a fact-check, campaign post or other content file (default 1).
	ContentMB int `yaml:"content_mb"`
	// DataMB bounds a data file such as the ledger of published posts (default 64).
	DataMB int `yaml:"data_mb"`
}

// ReadLimits returns the limits in bytes, the defaults where none is set.
func (c *Config) ReadLimits() content.Limits {
	lim := content.DefaultLimits()
	if c.Limits.ContentMB > 0 {
		lim.Content = int64(c.Limits.ContentMB) << 20
	}
	if c.Limits.DataMB > 0 {
		lim.Data = int64(c.Limits.DataMB) << 20
	}
	return lim
}

func (c *Config) checkLimits() {
	for key, v := range map[string]int{"content_mb": c.Limits.ContentMB, "data_mb": c.Limits.DataMB} {
		if v < 0 {
			c.Doc.Problems = append(c.Doc.Problems, content.Problem{Pos: c.Doc.At("limits", key), Severity: content.Error, Rule: "config-limits",
				Message: fmt.Sprintf("limits.%s is %d; give a number of megabytes above 0, or leave it out for the default (%s)", key, v, defaultSize(key))})
		}
	}
}

func defaultSize(key string) string {
	if key == "content_mb" {
		return repofile.Size(repofile.DefaultContentLimit)
	}
	return repofile.Size(repofile.DefaultDataLimit)
}
