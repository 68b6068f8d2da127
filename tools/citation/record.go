package citation

import (
	"slices"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/tools/content"
)

// Status is what a check of a DOI, PubMed ID or link concluded.
type Status string

// Statuses of a Record or a Link.
const (
	// OK: the identifier resolved, or the link answered.
	OK Status = "ok"
	// NotFound: the registry answered that the DOI or PubMed ID does not exist.
	NotFound Status = "not-found"
	// Dead: the link answered 404 or 410, or its host name does not exist.
	Dead Status = "dead"
	// Unverified: no definite answer (rate limits, bot walls, outages).
	Unverified Status = "unverified"
)

// Record is what a registry holds about a DOI or a PubMed ID.
type Record struct {
	Status Status `json:"status"`
	// Source is the registry that answered: crossref, doi.org or pubmed.
	Source  string `json:"source,omitempty"`
	DOI     string `json:"doi,omitempty"`
	PMID    string `json:"pmid,omitempty"`
	Title   string `json:"title,omitempty"`
	Journal string `json:"journal,omitempty"`
	// Journals are other names of the journal (abbreviations, short titles).
	Journals  []string `json:"journals,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	// Years are the publication years the registry gives (print, online, issued).
	Years []int  `json:"years,omitempty"`
	Type  string `json:"type,omitempty"`
	// Authors are the authors' family names (a group by its name), in order.
	Authors []string `json:"authors,omitempty"`
	// Names are the same authors written "Family Initials", as citations list them.
	Names []string `json:"names,omitempty"`
	// PubTypes are PubMed publication types.
	PubTypes []string `json:"pub_types,omitempty"`
	// URL is where the identifier resolves to (doi.org handle API).
	URL     string   `json:"url,omitempty"`
	Notices []Notice `json:"notices,omitempty"`
	// Reason says why the status is not ok.
	Reason string `json:"reason,omitempty"`
}

// Year returns the earliest publication year, or 0.
func (r Record) Year() int {
	if len(r.Years) == 0 {
		return 0
	}
	return r.Years[0]
}

// Notice is an editorial notice about a work: a retraction, withdrawal, removal,
// expression of concern, partial retraction, correction and the like.
type Notice struct {
	// Kind is the notice type in Crossref's spelling: retraction, withdrawal, removal,
	// partial_retraction, expression_of_concern, correction, erratum, …
	Kind string `json:"kind"`
	// DOI or PMID identifies the notice itself, when known.
	DOI  string `json:"doi,omitempty"`
	PMID string `json:"pmid,omitempty"`
	// Date is when the notice was issued (YYYY-MM-DD), when known.
	Date string `json:"date,omitempty"`
	// Sources are where it was reported: publisher, retraction-watch, pubmed, title.
	Sources []string `json:"sources,omitempty"`
}

// Severity ranks a notice kind: retraction, withdrawal and removal are errors;
// expressions of concern and partial retractions warnings; the rest notes.
func (n Notice) Severity() content.Severity {
	switch n.Kind {
	case "retraction", "withdrawal", "removal":
		return content.Error
	case "expression_of_concern", "partial_retraction":
		return content.Warning
	}
	return content.Note
}

// Label is the notice kind in words.
func (n Notice) Label() string {
	switch n.Kind {
	case "expression_of_concern":
		return "an expression of concern"
	case "partial_retraction":
		return "a partial retraction"
	case "retraction":
		return "a retraction"
	case "withdrawal":
		return "a withdrawal"
	case "removal":
		return "a removal"
	case "erratum", "corrigendum", "correction":
		return "a correction"
	}
	return "an update (" + strings.ReplaceAll(n.Kind, "_", " ") + ")"
}

// normaliseKind maps Crossref's and PubMed's spellings to one.
func normaliseKind(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	k = strings.NewReplacer("-", "_", " ", "_").Replace(k)
	switch k {
	case "expressionofconcern":
		return "expression_of_concern"
	case "partialretraction":
		return "partial_retraction"
	}
	return k
}

// dedupeNotices merges notices with the same notice DOI (or PMID), keeping the most
// severe kind and every source, and sorts the result most severe first.
func dedupeNotices(ns []Notice, self string) []Notice {
	var out []Notice
	index := map[string]int{}
	for _, n := range ns {
		n.Kind = normaliseKind(n.Kind)
		n.DOI = strings.ToLower(n.DOI)
		if n.DOI != "" && strings.EqualFold(n.DOI, self) {
			// Some publishers point the notice at the work itself; keep the event, not the DOI.
			n.DOI = ""
		}
		key := ""
		switch {
		case n.DOI != "":
			key = "doi:" + n.DOI
		case n.PMID != "":
			key = "pmid:" + n.PMID
		default:
			key = "kind:" + n.Kind
		}
		if i, ok := index[key]; ok {
			m := &out[i]
			if n.Severity() > m.Severity() {
				m.Kind = n.Kind
			}
			if m.Date == "" {
				m.Date = n.Date
			}
			m.Sources = mergeStrings(m.Sources, n.Sources)
			continue
		}
		index[key] = len(out)
		out = append(out, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity() > out[j].Severity() })
	return out
}

func mergeStrings(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// Link is what checking a web address found.
type Link struct {
	URL    string `json:"url"`
	Status Status `json:"status"`
	// Code is the final HTTP status, 0 when there was none.
	Code int `json:"code,omitempty"`
	// Final is the address after redirects.
	Final string `json:"final,omitempty"`
	// Redirects are the hops followed, each "301 https://…".
	Redirects []string `json:"redirects,omitempty"`
	// Permanent reports whether every redirect was permanent (301/308).
	Permanent bool   `json:"permanent,omitempty"`
	Reason    string `json:"reason,omitempty"`
}
