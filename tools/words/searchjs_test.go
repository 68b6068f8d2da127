package words

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/testonly/testenv"
)

// crossTexts are texts where two analysers slip apart: English and Spanish inflections,
// accents written both ways, plurals and their exceptions, synonyms, stop words, digits,
// apostrophes, scripts other than Latin and characters whose case or decomposition is
// unusual.
var crossTexts = []struct{ text, lang string }{
	{"Does the MMR vaccine cause autism? Vaccines, vaccinated, vaccination, vaccinating", "en"},
	{"¿La vacuna triple viral (MMR) causa AUTISMO? vacunas vacunación vacunaciones vacunado", "es"},
	{"Vacunación vacunacio\u0301n VACUNACIÓN inmunización niños Ñandú pingüino corazón acción", "es"},
	{"studies allergies flies lies dying lying tying skies skis news atlas cosmos bias andes", "en"},
	{"inning innings outing canning herring earring proceed exceed succeeded generously communism arsenal", "en"},
	{"glass grass virus bonus diagnosis analysis status crisis caresses ponies ties cats", "en"},
	{"hopping hoped hoping fizzed filing failing conditional rational valency hesitancy digitizer", "en"},
	{"sensational conformably radically differently vileness analogously vietnamization predication", "en"},
	{"operator feudalism decisiveness hopefulness callousness formality sensitivity sensibility", "en"},
	{"triplicate formative formalize electricity electrical hopeful goodness revival allowance", "en"},
	{"inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent", "en"},
	{"adoption homologou communism activate angulariti homologous effective bowdlerize yesterday", "en"},
	{"people's women's men's the patient's doctors' it's don't won't o'clock", "en"},
	{"jab jabs vax vaxxed shots booster Z-pak z-pack u=u emergen-c influenza-like cold-eeze men's", "en"},
	{"gripa antigripal sarampión sarampion vírica srp flúor fluor antibióticos resfrío resfriás señores", "es"},
	{"las infecciones bacterianas y los antibióticos; el protector solar causa cáncer", "es"},
	{"chicas chicos niñas enfermedades medicamentos tratamientos diarrea dolorosísimo rápidamente", "es"},
	{"lo que dicen de la vacuna contra la gripe no es verdad, porque también protege a los niños", "es"},
	{"cantaría cantaríamos comeréis vivieron hablábamos bebiendo escribiendo poniéndose", "es"},
	{"COVID-19, H1N1, 5G, 2020s, 1990's, 3rd-dose, 10mg/kg, 0.5%, omega-3s, B12, D3", "en"},
	{"İstanbul ı ß ẞ Σίσυφος ΣΑΣ Ǆemal ǅ ǆ \u212Aelvin \u212Bngström ﬁbre ½ ² ⅷ Ⅷ", "en"},
	{"e\u0301 a\u0308b o\u0323\u0302 n\u0303 a\u20d7b a\u05b0\u0301b café naïve façade", "en"},
	{"Ça va? Où est l'hôpital? Größe Ærø Łódź Ørsted Köln São Paulo Málaga Bogotá", "es"},
	{"日本語のテキスト and 한국어 text, עברית, العربية, emoji 👍🏽 vaccines 💉 work ✅", "en"},
	{"--vaccine-- 'quoted' ''' --- === u=u= a-b-c x'y c C a I", "en"},
	{"  multiple   spaces\tand\nnewlines  ", "es"},
	{"", "en"},
}

// TestSameTermsAsSearchJS runs themes/factdesk/assets/js/words.js, bundled by esbuild (as
// Hugo bundles it for the search page) with the stemmer of each language, through Node, over
// the same texts and rules as Go, and requires the same terms: a reader's query finds a
// fact-check only if the browser and the index agree word for word. Besides crossTexts it
// feeds every word of the fact-checks and of the synonym file, in both languages.
func TestSameTermsAsSearchJS(t *testing.T) {
	node, err := exec.LookPath("node")
	testenv.Require(t, err)
	root, err := config.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	an, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		Text string `json:"text"`
		Lang string `json:"lang"`
	}
	var in []input
	for _, c := range crossTexts {
		in = append(in, input{c.text, c.lang})
	}
	corpus := corpusWords(t, root, an)
	if len(corpus) < 500 {
		t.Fatalf("found only %d distinct words in the fact-checks and synonyms; the test reads the wrong folder", len(corpus))
	}
	for _, lang := range Languages {
		for _, w := range corpus {
			in = append(in, input{w, lang})
		}
	}
	rules := map[string]Rules{}
	for _, lang := range Languages {
		rules[lang] = an.Rules(lang)
	}
	js := filepath.Join(root, "themes", "factdesk", "assets", "js")
	// The stemmers as search-en.js and search-es.js give them to search.js.
	entry := `import { analyser } from ` + jsString(filepath.Join(js, "words.js")) + `;
import porter2 from ` + jsString(filepath.Join(js, "vendor", "wink-porter2-stemmer.js")) + `;
import { stemmer as spanish } from ` + jsString(filepath.Join(js, "vendor", "orama-stemmers-spanish.js")) + `;
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const { rules, texts } = JSON.parse(input);
  const an = {};
  for (const lang of Object.keys(rules)) an[lang] = analyser(rules[lang], lang === "es" ? spanish : porter2);
  process.stdout.write(JSON.stringify(texts.map((x) => an[x.lang](x.text).flat())));
});
`
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: entry, ResolveDir: root, Sourcefile: "entry.js"},
		Bundle:   true,
		Platform: api.PlatformNode,
		Format:   api.FormatCommonJS,
		Write:    false,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("bundling words.js: %v", res.Errors)
	}
	script := filepath.Join(t.TempDir(), "words.cjs")
	if err := os.WriteFile(script, res.OutputFiles[0].Contents, 0o644); err != nil {
		t.Fatal(err)
	}
	stdin, err := json.Marshal(map[string]any{"rules": rules, "texts": in})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var fromJS [][]string
	if err := json.Unmarshal(out, &fromJS); err != nil {
		t.Fatalf("reading node's output: %v", err)
	}
	if len(fromJS) != len(in) {
		t.Fatalf("node returned %d results for %d texts", len(fromJS), len(in))
	}
	bad := 0
	for i, x := range in {
		want := fromJS[i]
		if len(want) == 0 {
			want = nil
		}
		if got := an.Terms(x.Text, x.Lang); !slices.Equal(got, want) {
			if bad++; bad <= 40 {
				t.Errorf("%s %q\n  Go:       %q\n  words.js: %q", x.Lang, x.Text, got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d texts give different terms in Go and words.js", bad, len(in))
	}
	t.Logf("%d texts (%d distinct words of the content, in both languages) give the same terms", len(in), len(corpus))
}

// corpusWords returns the distinct tokens of the fact-checks and of the synonym file.
func corpusWords(t *testing.T, root string, an *Analyser) []string {
	t.Helper()
	seen := map[string]bool{}
	add := func(s string) {
		for _, w := range Tokens(s) {
			seen[w] = true
		}
	}
	err := filepath.WalkDir(filepath.Join(root, "factchecks"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		add(string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range an.synonyms {
		add(k)
		add(strings.Join(v, " "))
	}
	out := make([]string, 0, len(seen))
	for w := range seen {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestVendoredStemmersAreNpms requires the stemmers the site bundles to be the npm packages
// package.json pins, unchanged.
func TestVendoredStemmersAreNpms(t *testing.T) {
	root, err := config.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	for vendored, pkg := range map[string]string{
		"wink-porter2-stemmer.js":   filepath.Join("wink-porter2-stemmer", "src", "wink-porter2-stemmer.js"),
		"orama-stemmers-spanish.js": filepath.Join("@orama", "stemmers", "dist", "es.js"),
	} {
		want, err := os.ReadFile(filepath.Join(root, "node_modules", pkg))
		testenv.Require(t, err)
		got, err := os.ReadFile(filepath.Join(root, "themes", "factdesk", "assets", "js", "vendor", vendored))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("themes/factdesk/assets/js/vendor/%s differs from node_modules/%s; copy the installed package's file there (see vendor/README.md)", vendored, filepath.ToSlash(pkg))
		}
	}
}
