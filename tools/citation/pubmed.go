package citation

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// PubMed reads PubMed records through NCBI E-utilities efetch (XML), which carries both
// retraction signals: the "Retracted Publication" publication type and the
// CommentsCorrections links (RetractionIn, ExpressionOfConcernIn, ErratumIn).
// API docs: https://www.ncbi.nlm.nih.gov/books/NBK25497/
type PubMed struct {
	Base    string
	Contact string
	// APIKey is NCBI_API_KEY; it is sent but never shown.
	APIKey  string
	Fetcher *Fetcher
	Gate    *Gate
}

type pubmedSet struct {
	Articles []pubmedArticle `xml:"PubmedArticle"`
}

type pubmedArticle struct {
	Citation struct {
		PMID    string `xml:"PMID"`
		Article struct {
			Title   innerText `xml:"ArticleTitle"`
			Journal struct {
				Title   string `xml:"Title"`
				ISOAbbr string `xml:"ISOAbbreviation"`
				Issue   struct {
					PubDate struct {
						Year        string `xml:"Year"`
						MedlineDate string `xml:"MedlineDate"`
					} `xml:"PubDate"`
				} `xml:"JournalIssue"`
			} `xml:"Journal"`
			Authors []struct {
				LastName       string `xml:"LastName"`
				Initials       string `xml:"Initials"`
				CollectiveName string `xml:"CollectiveName"`
			} `xml:"AuthorList>Author"`
			PubTypes  []string `xml:"PublicationTypeList>PublicationType"`
			ELocation []struct {
				Type  string `xml:"EIdType,attr"`
				Value string `xml:",chardata"`
			} `xml:"ELocationID"`
		} `xml:"Article"`
		Comments []struct {
			RefType   string `xml:"RefType,attr"`
			RefSource string `xml:"RefSource"`
			PMID      string `xml:"PMID"`
		} `xml:"CommentsCorrectionsList>CommentsCorrections"`
	} `xml:"MedlineCitation"`
	IDs []struct {
		Type  string `xml:"IdType,attr"`
		Value string `xml:",chardata"`
	} `xml:"PubmedData>ArticleIdList>ArticleId"`
}

// innerText collects the text of an element, dropping inline markup such as <i>.
type innerText string

func (t *innerText) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch x := tok.(type) {
		case xml.CharData:
			b.Write(x)
		case xml.EndElement:
			if x.Name == start.Name {
				*t = innerText(b.String())
				return nil
			}
		}
	}
}

// FetchURL returns the efetch address for pmid (with the API key, when set).
func (p *PubMed) FetchURL(pmid string) string {
	q := url.Values{"db": {"pubmed"}, "id": {pmid}, "retmode": {"xml"}, "tool": {"factdesk"}}
	if p.Contact != "" {
		q.Set("email", p.Contact)
	}
	if p.APIKey != "" {
		q.Set("api_key", p.APIKey)
	}
	return strings.TrimRight(p.Base, "/") + "/efetch.fcgi?" + q.Encode()
}

// Article fetches pmid.
func (p *PubMed) Article(ctx context.Context, pmid string) Record {
	rec := Record{PMID: pmid, Source: "pubmed"}
	var lastReason string
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := p.Fetcher.Fetch(ctx, p.Gate, http.MethodGet, p.FetchURL(pmid), nil)
		if err != nil {
			rec.Status, rec.Reason = Unverified, "PubMed could not be reached: "+describe(err)
			return rec
		}
		switch {
		case resp.Status == http.StatusNotFound:
			rec.Status, rec.Reason = NotFound, "PubMed holds no record with this ID"
			return rec
		case resp.Status != http.StatusOK:
			rec.Status, rec.Reason = Unverified, fmt.Sprintf("PubMed answered %d %s", resp.Status, http.StatusText(resp.Status))
			return rec
		}
		var set pubmedSet
		if err := xml.NewDecoder(bytes.NewReader(resp.Body)).Decode(&set); err != nil {
			lastReason = "PubMed's answer could not be read (incomplete or malformed XML)"
			continue
		}
		for _, a := range set.Articles {
			if strings.TrimSpace(a.Citation.PMID) == pmid {
				return fromPubMed(pmid, a)
			}
		}
		rec.Status, rec.Reason = NotFound, "PubMed holds no record with this ID"
		return rec
	}
	rec.Status, rec.Reason = Unverified, lastReason
	return rec
}

func fromPubMed(pmid string, a pubmedArticle) Record {
	art := a.Citation.Article
	rec := Record{Status: OK, Source: "pubmed", PMID: pmid, Title: cleanTitle(string(art.Title)),
		Journal: strings.TrimSpace(art.Journal.Title), PubTypes: art.PubTypes}
	if art.Journal.ISOAbbr != "" {
		rec.Journals = append(rec.Journals, art.Journal.ISOAbbr)
	}
	y := art.Journal.Issue.PubDate.Year
	if y == "" && len(art.Journal.Issue.PubDate.MedlineDate) >= 4 {
		y = art.Journal.Issue.PubDate.MedlineDate[:4]
	}
	if n, err := strconv.Atoi(y); err == nil {
		rec.Years = []int{n}
	}
	for _, au := range art.Authors {
		if n := firstNonEmpty(au.LastName, au.CollectiveName); n != "" {
			rec.Authors = append(rec.Authors, n)
			rec.Names = append(rec.Names, strings.TrimSpace(n+" "+strings.TrimSpace(au.Initials)))
		}
	}
	for _, id := range a.IDs {
		if id.Type == "doi" {
			rec.DOI = strings.ToLower(strings.TrimSpace(id.Value))
		}
	}
	if rec.DOI == "" {
		for _, e := range art.ELocation {
			if e.Type == "doi" {
				rec.DOI = strings.ToLower(strings.TrimSpace(e.Value))
			}
		}
	}
	var ns []Notice
	retracted := false
	for _, pt := range art.PubTypes {
		switch pt {
		case "Retracted Publication":
			retracted = true
		case "Retraction of Publication":
			rec.Type = "notice"
		}
	}
	for _, c := range a.Citation.Comments {
		kind := ""
		switch c.RefType {
		case "RetractionIn":
			kind = "retraction"
		case "PartialRetractionIn":
			kind = "partial_retraction"
		case "ExpressionOfConcernIn":
			kind = "expression_of_concern"
		case "ErratumIn":
			kind = "correction"
		}
		if kind == "" {
			continue
		}
		ns = append(ns, Notice{Kind: kind, PMID: strings.TrimSpace(c.PMID), Date: refSourceDate(c.RefSource), Sources: []string{"pubmed"}})
	}
	if retracted {
		has := false
		for _, n := range ns {
			has = has || n.Kind == "retraction"
		}
		if !has {
			ns = append(ns, Notice{Kind: "retraction", Sources: []string{"pubmed"}})
		}
	}
	rec.Notices = dedupeNotices(ns, "")
	return rec
}

// refSourceDate reads the year of a RefSource such as "Lancet. 2010 Feb 6;375(9713):445.".
func refSourceDate(s string) string {
	for _, f := range strings.Fields(s) {
		if len(f) == 4 {
			if n, err := strconv.Atoi(f); err == nil && n > 1800 && n < 2200 {
				return f
			}
		}
	}
	return ""
}
