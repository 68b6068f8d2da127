package calendar

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/factdesk/factdesk/tools/content"
)

// MaxRows is the most posts Hootsuite and Sprout Social accept in one bulk upload.
const MaxRows = 350

// Tools that posts can be exported to.
const (
	ToolHootsuite = "hootsuite"
	ToolSprout    = "sprout"
)

// DateOrder is how dates are written in a bulk-upload file: month first (US) or day first.
type DateOrder string

// Date orders, as chosen in the scheduler's import settings.
const (
	MonthFirst DateOrder = "mdy"
	DayFirst   DateOrder = "dmy"
)

// Row is one post-channel in a bulk-upload file.
type Row struct {
	Channel string
	Slug    string
	Path    string
	// Local is the publish time in the zone the scheduler is set to.
	Local time.Time
	// Text is the message; Link the link Hootsuite takes in its own column.
	Text string
	Link string
}

// File is one CSV file to write: a channel's rows, at most MaxRows.
type File struct {
	Name string
	Data []byte
	Rows []Row
}

// Rows returns one row per post and channel, for posts that are not drafts, with times
// converted to zone. A channel already exported to another tool is left out: it must go
// out once.
func Rows(items []Item, tool string, zone *time.Location) []Row {
	var rows []Row
	for _, it := range items {
		if it.Kind != KindPost || it.Draft {
			continue
		}
		for _, m := range it.Messages {
			if t, ok := it.Exported[m.Channel]; ok && t != tool {
				continue
			}
			rows = append(rows, Row{Channel: m.Channel, Slug: it.Slug, Path: it.Path, Local: it.Start.In(zone), Text: m.Text, Link: m.Link})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Local.Before(rows[j].Local) })
	return rows
}

// Hootsuite builds Bulk Composer files: no header row; column A the date and time
// (mm/dd/yyyy hh:mm or dd/mm/yyyy hh:mm, 24-hour), B the message, C the link (which
// Hootsuite shortens). One file per channel (a file applies to the profiles chosen at
// upload), split every MaxRows rows.
func Hootsuite(rows []Row, order DateOrder) ([]File, error) {
	layout := "01/02/2006 15:04"
	if order == DayFirst {
		layout = "02/01/2006 15:04"
	}
	return perChannel(rows, ToolHootsuite, nil, func(r Row) []string {
		// A link the composer appended moves to column C; a link the copy holds stays in it.
		text, link := r.Text, ""
		if r.Link != "" && strings.Contains(text, "\n\n"+r.Link) {
			text, link = strings.TrimSpace(strings.Replace(text, "\n\n"+r.Link, "", 1)), r.Link
		}
		return []string{r.Local.Format(layout), text, link}
	})
}

// Sprout builds Bulk Scheduling files: a header row with the case-sensitive columns
// date (mm/dd/yyyy or dd/mm/yyyy), time_24hr and message_text; the link stays in the
// message. One file per channel, split every MaxRows rows.
func Sprout(rows []Row, order DateOrder) ([]File, error) {
	layout := "01/02/2006"
	if order == DayFirst {
		layout = "02/01/2006"
	}
	return perChannel(rows, ToolSprout, []string{"date", "time_24hr", "message_text"}, func(r Row) []string {
		return []string{r.Local.Format(layout), r.Local.Format("15:04"), r.Text}
	})
}

func perChannel(rows []Row, tool string, header []string, record func(Row) []string) ([]File, error) {
	by := map[string][]Row{}
	var channels []string
	for _, r := range rows {
		if _, ok := by[r.Channel]; !ok {
			channels = append(channels, r.Channel)
		}
		by[r.Channel] = append(by[r.Channel], r)
	}
	sort.Strings(channels)
	var files []File
	for _, ch := range channels {
		list := by[ch]
		parts := (len(list) + MaxRows - 1) / MaxRows
		for p := 0; p < parts; p++ {
			chunk := list[p*MaxRows : min((p+1)*MaxRows, len(list))]
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			if header != nil {
				if err := w.Write(header); err != nil {
					return nil, fmt.Errorf("writing %s CSV: %w", tool, err)
				}
			}
			for _, r := range chunk {
				if err := w.Write(record(r)); err != nil {
					return nil, fmt.Errorf("writing %s CSV: %w", tool, err)
				}
			}
			w.Flush()
			if err := w.Error(); err != nil {
				return nil, fmt.Errorf("writing %s CSV: %w", tool, err)
			}
			name := fmt.Sprintf("%s-%s.csv", tool, ch)
			if parts > 1 {
				name = fmt.Sprintf("%s-%s-%d.csv", tool, ch, p+1)
			}
			files = append(files, File{Name: name, Data: b.Bytes(), Rows: chunk})
		}
	}
	return files, nil
}

// Schedulable splits rows into those a scheduler can still take (at least lead after
// now) and those already too late, which it would refuse.
func Schedulable(rows []Row, now time.Time, lead time.Duration) (ok, late []Row) {
	for _, r := range rows {
		if r.Local.Before(now.Add(lead)) {
			late = append(late, r)
		} else {
			ok = append(ok, r)
		}
	}
	return ok, late
}

// Warnings lists what the scheduler is documented to refuse in rows: Sprout Social wants
// the messages of a channel at least 10 minutes apart; Hootsuite wants times on a multiple
// of 5 minutes and no repeated message on a channel.
func Warnings(rows []Row, tool string) []string {
	var out []string
	last := map[string]Row{}
	seen := map[string]Row{}
	for _, r := range rows {
		switch tool {
		case ToolSprout:
			if p, ok := last[r.Channel]; ok && r.Local.Sub(p.Local) < 10*time.Minute {
				out = append(out, fmt.Sprintf("%s: %s and %s go out less than 10 minutes apart on %s; Sprout Social refuses that", r.Path, p.Slug, r.Slug, r.Channel))
			}
		case ToolHootsuite:
			if r.Local.Minute()%5 != 0 {
				out = append(out, fmt.Sprintf("%s: %s at %s is not on a multiple of 5 minutes; Hootsuite may refuse it", r.Path, r.Channel, r.Local.Format("15:04")))
			}
			key := r.Channel + "\x00" + r.Text
			if p, ok := seen[key]; ok {
				out = append(out, fmt.Sprintf("%s: the message to %s repeats %s word for word; Hootsuite refuses duplicates", r.Path, r.Channel, p.Path))
			}
			seen[key] = r
		}
		last[r.Channel] = r
	}
	return out
}

// Unresolved lists the posts whose publish time cannot be read, with the reason; the
// calendar leaves them out.
func Unresolved(posts []*content.PostDoc) []string {
	var out []string
	for _, p := range posts {
		if !p.OK {
			out = append(out, p.Path+": the front matter has problems")
			continue
		}
		if _, err := p.Time(); err != nil {
			out = append(out, p.Path+": "+err.Error())
		}
	}
	return out
}
