package searchindex

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"capitals and punctuation", "MMR: vaccine-autism?!", []string{"mmr", "vaccin", "autism"}},
		{"accents folded", "Vacunación, AUTÍSMO, pingüino", []string{"vacunacion", "autismo", "pinguino"}},
		{"ñ folds to n", "niño Ñandú", []string{"nino", "nandu"}},
		{"stop words dropped", "the flu and the shot are not for you", []string{"flu", "shot"}},
		{"Spanish stop words dropped", "la vacuna de la gripe con el virus", []string{"vacuna", "grip", "virus"}},
		{"-ies becomes -y", "studies allergies flies", []string{"study", "allergy", "fly"}},
		{"ies alone is kept", "ies", []string{"ies"}},
		{"-ss, -us, -is keep their s", "glass virus diagnosis", []string{"glass", "virus", "diagnosis"}},
		{"plural s dropped when three letters remain", "cats dogs bus gas", []string{"cat", "dog", "bus", "gas"}},
		{"final e dropped when four letters remain", "vaccines vaccine cure care", []string{"vaccin", "vaccin", "cure", "care"}},
		{"one-letter words dropped", "a b c vitamin C", []string{"vitamin"}},
		{"digits kept", "COVID-19 in 2020s", []string{"covid", "19", "in", "2020"}},
		{"a stop word only before the rules", "cans thes", []string{"can", "the"}},
		{"repeats kept in order", "flu flu shot flu", []string{"flu", "flu", "shot", "flu"}},
		{"no words", " ¿¡ — … ", nil},
		{"non-Latin letters separate words", "covidвакцина19", []string{"covid", "19"}},
		{"Kelvin sign is a k", "\u212Aidney", []string{"kidney"}},
		{"dotted capital I folds to i", "İnfluenza", []string{"influenza"}},
		{"ligatures separate", "ﬁbre", []string{"bre"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// trickyTexts are texts where a tokeniser slips: accents, ñ, plurals and their exceptions,
// digits, punctuation, scripts without a–z, and characters whose lower case or decomposition
// is unusual.
var trickyTexts = []string{
	"Does the MMR vaccine cause autism?",
	"¿La vacuna triple viral (MMR) causa AUTISMO?",
	"Vacunación, inmunización, niños, Ñandú, pingüino, corazón, acción",
	"studies allergies ies flies lies pies series species",
	"glass grass virus bonus diagnosis analysis status crisis",
	"cats dogs bus gas yes its his has was as us is",
	"vaccines vaccine cure care rare the these those one ones",
	"COVID-19, H1N1, 5G, 2020s, 1990's, 3rd-dose, 10mg/kg, 0.5%",
	"don't, it's, e-cigarettes, anti-vax, self-care, Emergen-C",
	"İstanbul ı ß ẞ Σίσυφος ΣΑΣ Ǆemal ǅ ǆ",
	"\u212Aelvin \u212Bngström ﬁbre ﬀ ½ ² ⅷ Ⅷ",
	"e\u0301 a\u0308b o\u0323\u0302 n\u0303 a\u20d7b a\u05b0\u0301b",
	"Ça va? Où est l'hôpital? Größe Ærø Łódź Ørsted",
	"Vitamin D3 & omega-3s: <b>not</b> a cure-all…",
	"Köln, São Paulo, Curaçao, Zürich, Málaga, Bogotá",
	"日本語のテキスト and 한국어 text, עברית, العربية",
	"emoji 👍🏽 vaccines 💉 work",
	"  multiple   spaces\tand\nnewlines  ",
	"a b c d e f",
	"cans thes ands fors",
	"",
}

// TestTermsMatchSearchJS runs fold and terms of themes/factdesk/assets/js/search.js through
// Node over tricky texts and requires the same terms from Go: a reader's query finds a
// fact-check only if both agree.
func TestTermsMatchSearchJS(t *testing.T) {
	node, err := exec.LookPath("node")
	testenv.Require(t, err)
	root, err := config.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "themes", "factdesk", "assets", "js", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	funcs := regexp.MustCompile(`(?s)\n\s*function fold\(s\) \{.*?\n  \}\n\s*function terms\(s\) \{.*?\n  \}\n`).Find(src)
	if funcs == nil {
		t.Fatal("search.js has no functions fold(s) and terms(s) one after the other; update this test with the script")
	}
	// The query path of search.js: terms(fold(query).trim().split(" ").join(" ")).
	script := string(funcs) + `
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((s) => terms(fold(s).trim().split(" ").join(" ")));
  process.stdout.write(JSON.stringify(out));
});
`
	in, err := json.Marshal(trickyTexts)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("node: %v\n%s", err, stderr.Bytes())
		}
		t.Fatal(err)
	}
	var js [][]string
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatalf("reading node's output %q: %v", out, err)
	}
	if len(js) != len(trickyTexts) {
		t.Fatalf("node returned %d results for %d texts", len(js), len(trickyTexts))
	}
	for i, s := range trickyTexts {
		want := js[i]
		if len(want) == 0 {
			want = nil
		}
		if got := Terms(s); !slices.Equal(got, want) {
			t.Errorf("Terms(%q)\n  Go:        %q\n  search.js: %q", s, got, want)
		}
	}
}
