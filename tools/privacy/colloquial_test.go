package privacy_test

import (
	"testing"

	"github.com/factdesk/factdesk/tools/bench/privacy/corpus"
	"github.com/factdesk/factdesk/tools/privacy"
)

func TestColloquial(t *testing.T) {
	g := privacy.New(corpus.GuardOptions())
	tests := []struct {
		text string
		want privacy.Type // "" when the text must stay clean
	}{
		{"my neighbour dolores ramirez was admitted last week", privacy.Name},
		{"mi tía carmen hernández está internada desde el lunes", privacy.Name},
		{"call me at five five five, oh one two three", privacy.Phone},
		{"my grandmother is ninety-three years old", privacy.Age},
		{"maria dot lopez at gmail dot com", privacy.Email},
		{"write to sue_h @ example . org", privacy.Email},
		{"📞 917📞555📞7788", privacy.Phone},
		{"we treated your son last night", privacy.Confirmation},
		{"Mrs. Gonzalez in 4B needs her meds", privacy.Confirmation},
		{"vivo en calle de los olivos 45, piso 2", privacy.Address},
		{"she was admitted last Tuesday the 14th", privacy.Date},
		{"thanks dr. ana lima for the talk on vaccines", ""},
		{"send questions to factcheck at example dot org", ""},
		{"If you are in crisis, chat at 988lifeline.org.", ""},
		{"your son can get the hpv vaccine from age nine", ""},
		{"the workshop is in room 4B on the second floor", ""},
		{"vaccination drive on Tuesday the 14th from 9am", ""},
		{"ninety percent of adults here got their shot", ""},
		{"Call the helpline at 1-800-662-4357.", ""},
		{"In 1928, 250,000 people were hospitalized with the flu.", ""},
	}
	for _, tt := range tests {
		fs := g.Scan(tt.text)
		if tt.want == "" {
			if len(fs) > 0 {
				t.Errorf("Scan(%q) = %v, want nothing", tt.text, fs)
			}
			continue
		}
		found := false
		for _, f := range fs {
			found = found || f.Type == tt.want
		}
		if !found {
			t.Errorf("Scan(%q) = %v, want a %s", tt.text, fs, tt.want)
		}
	}
}
