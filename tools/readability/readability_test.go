package readability

import (
	"math"
	"testing"
)

func TestSyllablesEN(t *testing.T) {
	t.Parallel()
	words := map[string]int{
		"cat": 1, "table": 2, "make": 1, "rated": 2, "jumped": 1, "wanted": 2, "boxes": 2, "studies": 2,
		"children": 2, "million": 2, "between": 2, "autism": 3, "retracted": 3, "cannot": 2,
		"inactivated": 5, "influenza": 4, "medicine": 3, "vaccination": 4, "association": 5,
		"misinformation": 5, "immunization": 5, "creation": 3, "beautiful": 3, "every": 3, "people": 2,
		"reliable": 4, "evidence": 3, "sunscreen": 2, "against": 2, "antibiotics": 5, "viruses": 3,
		"bacteria": 4, "hepatitis": 4, "undetectable": 5, "sexually": 4, "effective": 3,
		"preventable": 4, "communities": 4, "fluoridation": 5, "idea": 3, "women": 2, "daily": 2,
		"supplements": 3, "slightly": 2, "already": 3, "regularly": 4, "probably": 3, "matches": 2,
		"changes": 2, "causes": 2, "wishes": 2, "supplies": 2, "horses": 2, "sources": 2, "times": 1,
		"lines": 1, "types": 1, "rates": 1, "nurses": 2, "based": 1, "tested": 2, "healthy": 2,
		"everyday": 3, "rhythm": 2, "agree": 2, "guidance": 2, "scientists": 3, "dangerous": 3,
		"serious": 3, "previous": 3, "epidemiological": 8, "investigations": 5, "demonstrate": 3,
		"statistically": 5, "significant": 4, "neurodevelopmental": 7, "disorders": 3,
	}
	for w, want := range words {
		if got := SyllablesEN(w); got != want {
			t.Errorf("SyllablesEN(%q) = %d; want %d", w, got, want)
		}
	}
}

func TestSyllablesES(t *testing.T) {
	t.Parallel()
	words := map[string]int{
		"vacuna": 3, "autismo": 3, "día": 2, "ciudad": 2, "que": 1, "guerra": 2, "pingüino": 3,
		"país": 2, "hoy": 1, "muy": 1, "reyes": 2, "poeta": 3, "aéreo": 4, "niños": 2, "estudios": 3,
		"causa": 2, "gripe": 2, "triple": 2, "vírica": 3, "evidencia": 4, "información": 4,
		"científica": 4, "relación": 3, "ninguna": 3, "creer": 2, "leer": 2, "oír": 2, "actuar": 2,
		"huevo": 2, "buey": 1, "y": 1, "epidemiológica": 7, "neurológicos": 5, "sistemática": 5,
		"demuestra": 3, "disponible": 4, "vacunación": 4, "trastornos": 3,
	}
	for w, want := range words {
		if got := SyllablesES(w); got != want {
			t.Errorf("SyllablesES(%q) = %d; want %d", w, got, want)
		}
	}
}

// TestMeasure checks grades computed by hand from the formulas:
// Flesch–Kincaid = 0.39·words/sentences + 11.8·syllables/words − 15.59, and
// Fernández Huerta L = 206.84 − 60·syllables/words − 1.02·words/sentences.
func TestMeasure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, lang                string
		words, sentences, syllabs int
		grade                     float64
	}{
		// 8 words, 9 syllables: 0.39·8 + 11.8·9/8 − 15.59 = 0.805
		{"The flu shot cannot give you the flu.", "en", 8, 1, 9, 0.805},
		// 15 words, 22 syllables: 5.85 + 17.3067 − 15.59 = 7.5667
		{"Large studies of more than a million children found no link between vaccines and autism.", "en", 15, 1, 22, 7.5667},
		// 13 words in 2 sentences, 18 syllables: 2.535 + 16.3385 − 15.59 = 3.2835
		{"Vitamin C does not prevent colds. It may make them a little shorter.", "en", 13, 2, 18, 3.2835},
		// 12 words, 49 syllables: 4.68 + 48.1833 − 15.59 = 37.2733
		{"Epidemiological investigations demonstrate no statistically significant association between immunization and neurodevelopmental disorders.", "en", 12, 1, 49, 37.2733},
		// Abbreviations and decimals do not end sentences; numbers are not words.
		{"Dr. Lima, e.g. in 2014, saw 1.2 million children.", "en", 7, 1, 10, 0.39*7 + 11.8*10/7 - 15.59},
		// 7 words, 15 syllables: L = 206.84 − 128.5714 − 7.14 = 71.1286 → grade 6 − 0.11286 = 5.8871
		{"La vacuna triple vírica no causa autismo.", "es", 7, 1, 15, 5.8871},
		// 17 words, 52 syllables: L = 206.84 − 183.5294 − 17.34 = 5.9706 → grade 17 − 3·5.9706/30 = 16.4029
		{"La evidencia científica disponible no demuestra ninguna relación epidemiológica entre la vacunación sistemática y los trastornos neurológicos.", "es", 17, 1, 52, 16.4029},
	}
	for _, tt := range tests {
		s := Measure(tt.text, tt.lang)
		if s.Words != tt.words || s.Sentences != tt.sentences || s.Syllables != tt.syllabs {
			t.Errorf("Measure(%q) counted %d words, %d sentences, %d syllables; want %d, %d, %d", tt.text, s.Words, s.Sentences, s.Syllables, tt.words, tt.sentences, tt.syllabs)
		}
		if math.Abs(s.Grade-tt.grade) > 0.001 {
			t.Errorf("Measure(%q).Grade = %.4f; want %.4f", tt.text, s.Grade, tt.grade)
		}
	}
}

func TestHuertaGradeBands(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ l, grade float64 }{{120, 3}, {95, 3.5}, {90, 4}, {75, 5.5}, {65, 7}, {60, 8}, {55, 10}, {40, 13}, {15, 15.5}, {-20, 17}} {
		if got := huertaGrade(tt.l); math.Abs(got-tt.grade) > 1e-9 {
			t.Errorf("huertaGrade(%v) = %v; want %v", tt.l, got, tt.grade)
		}
	}
}

func TestMeasureEmpty(t *testing.T) {
	t.Parallel()
	if s := Measure("  2027 — ", "en"); s.Words != 0 || s.Grade != 0 {
		t.Errorf("Measure of no words = %+v; want zero", s)
	}
}
