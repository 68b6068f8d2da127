package scholarfake

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
)

// SampleRecord is one work the sample content cites, as the registries hold it. The
// records are in testdata/sample-records.json; testdata/README.md says where each was
// confirmed.
type SampleRecord struct {
	// DOI or PMID (or both) identify the work as the sample content cites it.
	DOI  string `json:"doi,omitempty"`
	PMID string `json:"pmid,omitempty"`
	// CitedAs is the key the sample content cites the work under.
	CitedAs string `json:"cited_as"`
	// Title is the registered title.
	Title string `json:"title"`
	// Authors are the first authors in order, each a family name and initials.
	Authors []SampleAuthor `json:"authors"`
	// Organisation is the author of a work registered under a body's name rather than
	// people's.
	Organisation string `json:"organisation,omitempty"`
	Year         int    `json:"year"`
	// Journal is the journal (Crossref's container-title, PubMed's journal title), or
	// empty for a report registered without one.
	Journal   string `json:"journal,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	// Type is Crossref's work type; empty means journal-article.
	Type string `json:"type,omitempty"`
	// Found says where the record was confirmed.
	Found string `json:"found"`
}

// SampleAuthor is an author as a registry lists them.
type SampleAuthor struct {
	Family   string `json:"family"`
	Initials string `json:"initials"`
}

// SampleRecords returns the records of the works the sample content cites.
func SampleRecords() []SampleRecord {
	var recs []SampleRecord
	if err := json.Unmarshal(Fixture("sample-records.json"), &recs); err != nil {
		panic("scholarfake: sample-records.json: " + err.Error())
	}
	return recs
}

// holdSample makes the fake answer for every sample record: Crossref and OpenAlex by
// DOI, E-utilities and OpenAlex by PubMed ID.
func (s *Server) holdSample() {
	for _, r := range SampleRecords() {
		if r.DOI != "" {
			doi := strings.ToLower(r.DOI)
			s.Set("doi:"+doi, r.crossref())
			s.Set("openalex:doi:"+doi, r.openAlex())
		}
		if r.PMID != "" {
			s.Set("pmid:"+r.PMID, r.efetch())
			s.Set("openalex:pmid:"+r.PMID, r.openAlex())
		}
	}
}

func (r SampleRecord) crossref() []byte {
	type author struct {
		Given    string `json:"given,omitempty"`
		Family   string `json:"family,omitempty"`
		Name     string `json:"name,omitempty"`
		Sequence string `json:"sequence"`
	}
	var authors []author
	for i, a := range r.Authors {
		seq := "additional"
		if i == 0 {
			seq = "first"
		}
		authors = append(authors, author{Given: spacedInitials(a.Initials), Family: a.Family, Sequence: seq})
	}
	if r.Organisation != "" {
		authors = append(authors, author{Name: r.Organisation, Sequence: "first"})
	}
	typ := r.Type
	if typ == "" {
		typ = "journal-article"
	}
	msg := map[string]any{
		"DOI":       r.DOI,
		"type":      typ,
		"title":     []string{r.Title},
		"publisher": r.Publisher,
		"issued":    map[string]any{"date-parts": [][]int{{r.Year}}},
		"source":    "Crossref",
		"URL":       "https://doi.org/" + r.DOI,
	}
	if authors != nil {
		msg["author"] = authors
	}
	if r.Journal != "" {
		msg["container-title"] = []string{r.Journal}
	}
	return mustJSON(map[string]any{"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": msg})
}

func (r SampleRecord) openAlex() []byte {
	type authorship struct {
		Position string `json:"author_position"`
		Author   struct {
			DisplayName string `json:"display_name"`
		} `json:"author"`
		RawAuthorName string `json:"raw_author_name"`
	}
	var authorships []authorship
	for i, a := range r.Authors {
		var as authorship
		as.Position = "middle"
		if i == 0 {
			as.Position = "first"
		}
		// OpenAlex writes "Given Family".
		as.Author.DisplayName = strings.TrimSpace(spacedInitials(a.Initials) + " " + a.Family)
		as.RawAuthorName = as.Author.DisplayName
		authorships = append(authorships, as)
	}
	w := map[string]any{
		"id":               "https://openalex.org/W0000000000",
		"title":            r.Title,
		"display_name":     r.Title,
		"publication_year": r.Year,
		"type":             "article",
		"authorships":      authorships,
		"is_retracted":     false,
	}
	ids := map[string]string{"openalex": "https://openalex.org/W0000000000"}
	if r.DOI != "" {
		w["doi"] = "https://doi.org/" + strings.ToLower(r.DOI)
		ids["doi"] = w["doi"].(string)
	}
	if r.PMID != "" {
		ids["pmid"] = "https://pubmed.ncbi.nlm.nih.gov/" + r.PMID
	}
	w["ids"] = ids
	if r.Journal != "" {
		w["primary_location"] = map[string]any{"source": map[string]any{"id": "https://openalex.org/S0000000000", "display_name": r.Journal, "type": "journal"}}
	}
	return mustJSON(w)
}

func (r SampleRecord) efetch() []byte {
	var b strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString(`<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">` + r.PMID + `</PMID>
`)
	fmt.Fprintf(&b, `<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print"><PubDate><Year>%d</Year></PubDate></JournalIssue><Title>%s</Title></Journal>
<ArticleTitle>%s</ArticleTitle>
<AuthorList CompleteYN="N">`, r.Year, esc(r.Journal), esc(r.Title))
	for _, a := range r.Authors {
		fmt.Fprintf(&b, `<Author ValidYN="Y"><LastName>%s</LastName><Initials>%s</Initials></Author>`, esc(a.Family), esc(a.Initials))
	}
	b.WriteString(`</AuthorList>
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
</Article>
</MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="pubmed">` + r.PMID + `</ArticleId>`)
	if r.DOI != "" {
		b.WriteString(`<ArticleId IdType="doi">` + esc(r.DOI) + `</ArticleId>`)
	}
	b.WriteString("</ArticleIdList></PubmedData>\n</PubmedArticle>\n</PubmedArticleSet>\n")
	return []byte(b.String())
}

// spacedInitials writes "JV" as "J. V.", as a given name reduced to initials reads.
func spacedInitials(initials string) string {
	if initials == "" {
		return ""
	}
	return strings.Join(strings.Split(initials, ""), ". ") + "."
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
