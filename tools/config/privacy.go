package config

// Privacy is the `privacy:` section of factdesk.yaml: what the PHI guard lets through
// and how reply templates are filled in.
type Privacy struct {
	// Allow lists the organisation's own public contact details — phone numbers, email
	// addresses, street addresses, web addresses or domains ("@example.org" allows every
	// address at that domain) — that may appear in copy and replies. The organisation's
	// contact address and site, and the accounts' handles, are always allowed.
	Allow []string `yaml:"allow"`
	// Names lists people whose names may appear near care words: staff who speak for the
	// organisation and public figures. Reviewers in data/reviewers.yaml are always allowed.
	Names []string `yaml:"names"`
	// Threshold is the lowest confidence, from 0 to 1, at which the guard reports a
	// finding (default 0.5). Findings from 0.8 are errors; below, warnings.
	Threshold float64 `yaml:"threshold"`
	// PublishReplies puts the reply templates on the public site when true (default false:
	// they stay in the team's toolkit).
	PublishReplies bool `yaml:"publish_replies"`
	// Replies are the values reply templates fill in, such as phone, portal and hours.
	Replies map[string]string `yaml:"replies"`
	// Officer is who to tell when identifiers were pushed: a name or role and a way to
	// reach them.
	Officer string `yaml:"officer"`
}

// PrivacyAllow returns every contact detail the guard lets through: the configured
// list, the organisation's contact address and site, and the accounts' handles.
func (c *Config) PrivacyAllow() []string {
	out := append([]string(nil), c.Privacy.Allow...)
	if c.Organisation.Contact != "" {
		out = append(out, c.Organisation.Contact)
	}
	if c.Organisation.Site != "" {
		out = append(out, c.Organisation.Site)
	}
	for _, a := range c.Accounts {
		if a.Handle != "" {
			out = append(out, a.Handle)
		}
		if inst := a.Options["instance"]; inst != "" {
			out = append(out, inst)
		}
	}
	for _, v := range c.Privacy.Replies {
		out = append(out, v)
	}
	return out
}
