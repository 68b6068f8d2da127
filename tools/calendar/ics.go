package calendar

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// ICSOptions name the calendar and its events.
type ICSOptions struct {
	// Name is the calendar's name shown by calendar apps.
	Name string
	// Domain makes event UIDs globally unique, e.g. factdesk.example.org.
	Domain string
	// Stamp is the DTSTAMP of every event (when the export was made).
	Stamp time.Time
	// Public leaves out what is for the team: a post's event is named for its observance
	// (Item.Title holds the observance's name) and describes only the post's public copy
	// (its first message), without the file or the text of each channel.
	Public bool
}

// WriteICS writes items as an iCalendar (RFC 5545) calendar: observances as all-day
// events (DTEND is the day after the last day, as RFC 5545 requires), posts as events at
// their publish instant, in UTC, with the channels and the text each receives.
func WriteICS(w io.Writer, items []Item, o ICSOptions) error {
	cal := ics.NewCalendarFor("factdesk")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	if o.Name != "" {
		cal.SetName(o.Name)
		cal.SetXWRCalName(o.Name)
	}
	domain := o.Domain
	if domain == "" {
		domain = "factdesk.invalid"
	}
	for _, it := range items {
		var ev *ics.VEvent
		switch it.Kind {
		case KindObservance:
			ev = cal.AddEvent(fmt.Sprintf("observance-%s-%d@%s", it.Slug, it.Start.Year(), domain))
			ev.SetAllDayStartAt(it.Start)
			ev.SetAllDayEndAt(it.End.AddDate(0, 0, 1))
			// A date not confirmed says so where every calendar shows it, in the title,
			// and as RFC 5545's STATUS:TENTATIVE for those that read it.
			if why := it.Unconfirmed(); why != "" {
				ev.SetSummary(it.Title + " (" + why + ")")
				ev.SetStatus(ics.ObjectStatusTentative)
				ev.SetDescription("Not confirmed: " + why + ". Check the sponsor's announcement before planning around it.")
			} else {
				ev.SetSummary(it.Title)
				ev.SetStatus(ics.ObjectStatusConfirmed)
			}
			ev.SetTimeTransparency(ics.TransparencyTransparent)
			ev.AddCategory("Health observance")
			if it.URL != "" {
				ev.SetURL(it.URL)
			}
		case KindPost:
			ev = cal.AddEvent(fmt.Sprintf("post-%s@%s", it.Slug, domain))
			ev.SetStartAt(it.Start)
			ev.SetEndAt(it.Start.Add(15 * time.Minute))
			summary := "Post: " + it.Title
			if it.Draft {
				summary = "Draft post: " + it.Title
			}
			ev.SetSummary(summary)
			ev.AddCategory("Campaign post")
			if o.Public {
				if len(it.Messages) > 0 && it.Messages[0].Text != "" {
					ev.SetDescription(it.Messages[0].Text)
				}
				if it.URL != "" {
					ev.SetURL(it.URL)
				}
				break
			}
			var desc strings.Builder
			fmt.Fprintf(&desc, "Observance: %s\nFile: %s\n", it.Observance, it.Path)
			for _, m := range it.Messages {
				tool := ""
				if t, ok := it.Exported[m.Channel]; ok {
					tool = " (exported to " + t + ")"
				}
				fmt.Fprintf(&desc, "\n%s%s:\n%s\n", m.Channel, tool, m.Text)
			}
			ev.SetDescription(strings.TrimSpace(desc.String()))
			if it.URL != "" {
				ev.SetURL(it.URL)
			}
		default:
			continue
		}
		ev.SetDtStampTime(o.Stamp)
	}
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}
