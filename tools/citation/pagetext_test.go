package citation

import (
	"fmt"
	"strings"
	"testing"
)

// cdcPage is a cited page with the parts that change without changing what it says:
// navigation, a review date, a session token, a footer.
const cdcPage = `<!doctype html><html><head><title>Autism and Vaccines</title><script>var sid="%[2]s";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/vaccines">Vaccines</a> %[3]s</nav></header>
<div role="banner">Sign up for updates</div>
<main><h1>Autism and Vaccines</h1>
<p>%[4]s</p>
<p>Page last reviewed: %[1]s</p><p>Ref %[2]s</p>
</main><aside>Related pages</aside><footer>Contact us %[3]s</footer></body></html>`

const noLink = "Studies have shown that there is no link between receiving vaccines and developing autism spectrum disorder."

func TestFingerprint(t *testing.T) {
	t.Parallel()
	base := Fingerprint(MainText([]byte(fmt.Sprintf(cdcPage, "April 24, 2024", "a8f3c9e1d2b4f6a7c0", "Flu", noLink))))
	tests := []struct {
		name    string
		page    string
		changed bool
	}{
		{"another review date, written another way", fmt.Sprintf(cdcPage, "20 November 2025", "a8f3c9e1d2b4f6a7c0", "Flu", noLink), false},
		{"another session token", fmt.Sprintf(cdcPage, "April 24, 2024", "77e1b2c3d4e5f6a7b8", "Flu", noLink), false},
		{"other navigation and footer", fmt.Sprintf(cdcPage, "April 24, 2024", "a8f3c9e1d2b4f6a7c0", "Measles COVID-19", noLink), false},
		{"ISO date and a time", fmt.Sprintf(cdcPage, "2025-11-20 10:42 AM", "a8f3c9e1d2b4f6a7c0", "Flu", noLink), false},
		{"the sentence reversed", fmt.Sprintf(cdcPage, "April 24, 2024", "a8f3c9e1d2b4f6a7c0", "Flu",
			"The claim that vaccines do not cause autism is not an evidence-based claim."), true},
		{"one word changed", fmt.Sprintf(cdcPage, "April 24, 2024", "a8f3c9e1d2b4f6a7c0", "Flu", strings.Replace(noLink, "no link", "a link", 1)), true},
	}
	for _, tt := range tests {
		got := Fingerprint(MainText([]byte(tt.page)))
		if (got != base) != tt.changed {
			t.Errorf("%s: changed = %v, want %v", tt.name, got != base, tt.changed)
		}
	}
	if !fingerprintShape(base) {
		t.Errorf("fingerprint %q is not sha256:<64 hex>", base)
	}
	text := MainText([]byte(fmt.Sprintf(cdcPage, "April 24, 2024", "x", "Flu", noLink)))
	joined := strings.Join(text, "\n")
	if !strings.Contains(joined, noLink) || strings.Contains(joined, "Home") || strings.Contains(joined, "Contact us") || strings.Contains(joined, "Sign up") {
		t.Errorf("main text = %q", text)
	}
}

func fingerprintShape(s string) bool {
	h, ok := strings.CutPrefix(s, "sha256:")
	return ok && len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

func TestRawArchiveAddress(t *testing.T) {
	t.Parallel()
	got, ok := Raw("https://web.archive.org/web/20251121093000/https://www.cdc.gov/vaccine-safety/about/autism.html")
	if want := "https://web.archive.org/web/20251121093000id_/https://www.cdc.gov/vaccine-safety/about/autism.html"; !ok || got != want {
		t.Errorf("Raw = %q, %v; want %q", got, ok, want)
	}
	if _, ok := Raw("https://archive.today/abc"); ok {
		t.Error("a non-Wayback address was read as one")
	}
}
