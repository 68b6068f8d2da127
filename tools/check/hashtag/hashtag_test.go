package hashtag

import (
	"strings"
	"testing"
)

func TestWordList(t *testing.T) {
	loadOnce.Do(load)
	if len(english) < 30000 {
		t.Fatalf("the embedded word list has %d words; want the ~40,000 of SCOWL 10-35", len(english))
	}
}

func TestLowerMultiWord(t *testing.T) {
	tests := []struct {
		tag, copy string
		want      string // the split, "" when the tag is not reported
		camel     string
	}{
		{"flushot", "", "flu shot", "FluShot"},
		{"vaccineswork", "", "vaccines work", "VaccinesWork"},
		{"hearthealth", "", "heart health", "HeartHealth"},
		{"wearredday", "", "wear red day", "WearRedDay"},
		{"worldaidsday2027", "", "world aids day", "WorldAidsDay2027"},
		{"getvaccinated", "", "get vaccinated", "GetVaccinated"},
		// One word, long or short: nothing to capitalise.
		{"immunisation", "", "", ""},
		{"antibiotics", "", "", ""},
		{"vaccines", "", "", ""},
		{"flu", "", "", ""},
		// Already CamelCase, or capitals anywhere.
		{"FluShot", "", "", ""},
		{"HIV", "", "", ""},
		// An unknown word is not cut into fragments.
		{"covid19", "", "", ""},
		{"uequalsu", "", "", ""},
		// Words of the post itself, in any language, with or without accents.
		{"saludpublica", "La salud pública empieza en casa", "salud publica", "SaludPublica"},
		{"saludpública", "La salud pública empieza en casa", "salud publica", "SaludPública"},
		{"autismawareness", "Vaccines do not cause autism", "autism awareness", "AutismAwareness"},
		{"autismawareness", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.copy, func(t *testing.T) {
			words, ok := LowerMultiWord(tt.tag, Words(tt.copy))
			got := ""
			if ok {
				got = strings.Join(words, " ")
			}
			if got != tt.want {
				t.Fatalf("LowerMultiWord(%q) = %q; want %q", tt.tag, got, tt.want)
			}
			if ok {
				if c := CamelCase(tt.tag, words); c != tt.camel {
					t.Errorf("CamelCase = %q; want %q", c, tt.camel)
				}
			}
		})
	}
}

// A long tag of one letter is split in time linear in its length: it ends, and
// is not reported.
func TestLongTagEnds(t *testing.T) {
	if _, ok := LowerMultiWord(strings.Repeat("q", 200000), nil); ok {
		t.Fatal("a run of q was read as words")
	}
}
