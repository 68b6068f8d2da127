package content

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestResolveLocal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		wall, zone string
		// want is the instant in UTC, RFC 3339; empty when an error is expected.
		want  string
		field string
		msg   string
	}{
		{wall: "2027-02-01T09:00", zone: "America/New_York", want: "2027-02-01T14:00:00Z"},
		{wall: "2027-07-01 09:00", zone: "America/New_York", want: "2027-07-01T13:00:00Z"},
		{wall: "2027-07-01T09:00:30", zone: "Europe/London", want: "2027-07-01T08:00:30Z"},
		// US spring forward, 14 March 2027: 02:00–02:59 do not exist.
		{wall: "2027-03-14T02:30", zone: "America/New_York", field: "publish_at", msg: "does not exist in America/New_York"},
		{wall: "2027-03-14T01:59", zone: "America/New_York", want: "2027-03-14T06:59:00Z"},
		{wall: "2027-03-14T03:00", zone: "America/New_York", want: "2027-03-14T07:00:00Z"},
		// US fall back, 7 November 2027: 01:00–01:59 happen twice.
		{wall: "2027-11-07T01:30", zone: "America/New_York", field: "publish_at", msg: "occurs twice in America/New_York"},
		{wall: "2027-11-07T00:59", zone: "America/New_York", want: "2027-11-07T04:59:00Z"},
		{wall: "2027-11-07T02:00", zone: "America/New_York", want: "2027-11-07T07:00:00Z"},
		// Lord Howe Island moves its clocks by 30 minutes.
		{wall: "2027-04-04T01:45", zone: "Australia/Lord_Howe", field: "publish_at", msg: "occurs twice"},
		{wall: "2027-10-03T02:15", zone: "Australia/Lord_Howe", field: "publish_at", msg: "does not exist"},
		{wall: "2027-04-04T02:15", zone: "Australia/Lord_Howe", want: "2027-04-03T15:45:00Z"},
		{wall: "2027-03-28T01:30", zone: "Europe/London", field: "publish_at", msg: "does not exist"},
		{wall: "2027-10-31T01:30", zone: "Europe/London", field: "publish_at", msg: "occurs twice"},
		{wall: "2027-02-01T09:00Z", zone: "UTC", field: "publish_at", msg: "is not a local time"},
		{wall: "2027-02-01T09:00:00-05:00", zone: "UTC", field: "publish_at", msg: "carries a UTC offset"},
		{wall: "2027-02-30T09:00", zone: "UTC", field: "publish_at", msg: "is not a local time"},
		{wall: "tomorrow", zone: "UTC", field: "publish_at", msg: "YYYY-MM-DDTHH:MM"},
		{wall: "2027-02-01T09:00", zone: "", field: "timezone", msg: "timezone is empty"},
		{wall: "2027-02-01T09:00", zone: "Local", field: "timezone", msg: "depends on the machine"},
		{wall: "2027-02-01T09:00", zone: "Eastern", field: "timezone", msg: "not an IANA zone"},
	}
	for _, tt := range tests {
		got, err := ResolveLocal(tt.wall, tt.zone)
		if tt.want != "" {
			if err != nil {
				t.Errorf("ResolveLocal(%q, %q) error %v; want %s", tt.wall, tt.zone, err, tt.want)
			} else if s := got.UTC().Format(time.RFC3339); s != tt.want {
				t.Errorf("ResolveLocal(%q, %q) = %s; want %s", tt.wall, tt.zone, s, tt.want)
			}
			continue
		}
		var te *TimeError
		if !errors.As(err, &te) {
			t.Errorf("ResolveLocal(%q, %q) = %v, %v; want a TimeError", tt.wall, tt.zone, got, err)
			continue
		}
		if te.Field != tt.field || !strings.Contains(te.Msg, tt.msg) {
			t.Errorf("ResolveLocal(%q, %q) error {%s %q}; want field %s and %q", tt.wall, tt.zone, te.Field, te.Msg, tt.field, tt.msg)
		}
	}
}
