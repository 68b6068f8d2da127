// Command sitebudget measures the public site against its budgets and prints each figure
// with its target:
//
//   - page weight: each fact-check page of the repository's site over the wire (HTML, CSS
//     and scripts, gzip; the share image excluded) ≤ 35 KB, with no render-blocking script;
//   - build cost: a generated corpus of -n fact-checks built with the factdesk theme takes
//     at most 0.5× the CPU of the same corpus built with PaperMod, the theme a site like
//     this one would most likely pick instead (a snapshot outside the repository, named by
//     -papermod). A bare-bones theme (title and content only) built in the same run guards
//     against regressions: the factdesk build may take at most 2.45× its CPU (the ratio
//     measured when the PaperMod comparison replaced it, plus 10 %). All builds have a warm
//     image cache; ratios are taken on the CPU time (user + system) of the Hugo process,
//     which stays meaningful on a machine shared with other jobs; wall-clock times and
//     memory allocations are printed beside them. The search index is written after Hugo
//     by `factdesk search-index`; its time is measured the same way and printed too;
//   - search: each typical query on that corpus, run on the search page in headless Chromium,
//     downloads ≤ 100 KB (script, term files and document files of the search index).
//
// Run it from the repository root (it is not part of `go test`):
//
//	go run ./tools/bench/sitebudget                       # 2,000 fact-checks, every budget
//	go run ./tools/bench/sitebudget -papermod DIR         # PaperMod checked out elsewhere
//	go run ./tools/bench/sitebudget -n 300 -budgets page,search   # what CI runs
//
// It exits 1 when a budget is missed, and 2 when it cannot measure one (for example when
// the PaperMod folder is missing).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/factdesk/factdesk/tools/config"
	"github.com/factdesk/factdesk/tools/testonly/site"
)

// Budgets.
const (
	maxPageBytes = 35 * 1024
	// maxPeerRatio is the most CPU the factdesk theme may take to build the corpus, as a
	// share of what PaperMod takes.
	maxPeerRatio = 0.5
	// maxBareRatio guards against regressions: the factdesk build against a bare-bones
	// theme, the ratio measured when the PaperMod comparison replaced it (2.22× at 1,000
	// fact-checks, 2.19× at 10,000) plus 10 %.
	maxBareRatio   = 2.45
	maxSearchBytes = 100 * 1024
)

func main() {
	n := flag.Int("n", 2000, "fact-checks in the generated corpus")
	runs := flag.Int("runs", 3, "timed builds per theme; the fastest counts")
	query := flag.String("query", "antibiotics,flu vaccine", "typical search queries, separated by commas")
	keep := flag.String("keep", "", "keep the generated corpus and builds in this folder")
	budgets := flag.String("budgets", "page,build,search", "budgets to measure (page, build, search); a miss of any makes the command fail")
	papermod := flag.String("papermod", "", "folder of the PaperMod theme the build is compared with (default ../shared/peers/hugo-PaperMod beside the repository)")
	flag.Parse()
	ctx := context.Background()
	measure := map[string]bool{}
	for _, b := range strings.Split(*budgets, ",") {
		switch b = strings.TrimSpace(b); b {
		case "page", "build", "search":
			measure[b] = true
		default:
			fmt.Fprintf(os.Stderr, "sitebudget: unknown budget %q in -budgets; the budgets are page, build and search\n", b)
			os.Exit(2)
		}
	}
	ok, err := run(ctx, options{n: *n, runs: *runs, queries: strings.Split(*query, ","), keep: *keep, measure: measure, papermod: *papermod})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitebudget:", err)
		os.Exit(2)
	}
	if !ok {
		fmt.Println("FAIL: a budget was missed")
		os.Exit(1)
	}
	fmt.Println("ok: every budget measured was met")
}

// options are the command's flags.
type options struct {
	n, runs  int
	queries  []string
	keep     string
	measure  map[string]bool // budgets to measure
	papermod string
}

// verdict prints whether a budget was met and returns whether it was.
func verdict(budget string, met bool) bool {
	if met {
		fmt.Printf("  -> %s budget: met\n", budget)
	} else {
		fmt.Printf("  -> %s budget: MISSED\n", budget)
	}
	return met
}

// findPaperMod returns the PaperMod folder to compare with, or an error saying where it
// was looked for and how to name another.
func findPaperMod(root, dir string) (string, error) {
	if dir == "" {
		dir = filepath.Join(root, "..", "shared", "peers", "hugo-PaperMod")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(abs, "layouts", "baseof.html")); err != nil {
		return "", fmt.Errorf("the build budget compares with the PaperMod theme, which is not in %s: check out https://github.com/adityatelange/hugo-PaperMod there or name its folder with -papermod DIR (or measure only -budgets page,search)", abs)
	}
	return abs, nil
}

func run(ctx context.Context, o options) (bool, error) {
	root, err := config.FindRoot(".")
	if err != nil {
		return false, err
	}
	papermod := ""
	if o.measure["build"] {
		// Before anything slow: a missing peer theme is said at once.
		if papermod, err = findPaperMod(root, o.papermod); err != nil {
			return false, err
		}
	}
	n := o.n
	tmp := o.keep
	if tmp == "" {
		if tmp, err = os.MkdirTemp("", "sitebudget-"); err != nil {
			return false, err
		}
		defer os.RemoveAll(tmp)
	}
	ok := true

	// 1. Page weight of the repository's own fact-checks.
	if o.measure["page"] {
		pub := filepath.Join(tmp, "repo-public")
		if _, err := site.Build(ctx, root, pub, "http://127.0.0.1/"); err != nil {
			return false, err
		}
		pageOK, err := pageWeight(pub)
		if err != nil {
			return false, err
		}
		ok = ok && pageOK
	}
	if !o.measure["build"] && !o.measure["search"] {
		return ok, nil
	}
	corpus := filepath.Join(tmp, "corpus")
	if err := generate(root, corpus, n, papermod); err != nil {
		return false, err
	}

	// 2. Build cost against PaperMod and the bare-bones theme.
	if o.measure["build"] {
		buildOK, err := buildCost(ctx, tmp, corpus, o.runs, n)
		if err != nil {
			return false, err
		}
		ok = ok && buildOK
	}

	// 3. Bytes a query downloads.
	if o.measure["search"] {
		searchOK, err := searchBytes(ctx, corpus, o.queries, n)
		if err != nil {
			return false, err
		}
		ok = ok && searchOK
	}
	return ok, nil
}

// buildCost builds factdesk and the Hugo that counts allocations, then times the builds of
// the corpus with each theme.
func buildCost(ctx context.Context, tmp, corpus string, runs, n int) (bool, error) {
	factdesk := filepath.Join(tmp, "factdesk")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", factdesk, "./tools/cmd/factdesk").CombinedOutput(); err != nil {
		return false, fmt.Errorf("building factdesk: %w\n%s", err, out)
	}
	// The timed builds run the pinned Hugo through hugoallocs, which also counts its
	// memory allocations.
	hugoBin := filepath.Join(tmp, "hugoallocs")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", hugoBin, "./tools/bench/hugoallocs").CombinedOutput(); err != nil {
		return false, fmt.Errorf("building hugoallocs: %w\n%s", err, out)
	}
	return buildRatio(ctx, corpus, runs, hugoBin, factdesk, n)
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}

// pageWeight prints the gzip weight of every fact-check page with the CSS and scripts it
// loads, and whether any script blocks rendering.
func pageWeight(pub string) (bool, error) {
	pages, _ := filepath.Glob(filepath.Join(pub, "factchecks", "*", "index.html"))
	es, _ := filepath.Glob(filepath.Join(pub, "es", "factchecks", "*", "index.html"))
	pages = append(pages, es...)
	if len(pages) == 0 {
		return false, fmt.Errorf("the site has no fact-check pages")
	}
	ok := true
	worst, worstPage := 0, ""
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return false, err
		}
		total := gzipSize(b)
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return false, fmt.Errorf("parsing %s: %w", p, err)
		}
		var blocking []string
		for _, n := range site.Find(doc, func(n *html.Node) bool { return n.Data == "link" || n.Data == "script" }) {
			ref := ""
			switch {
			case n.Data == "link" && site.Attr(n, "rel") == "stylesheet":
				ref = site.Attr(n, "href")
			case n.Data == "script" && site.Attr(n, "src") != "":
				ref = site.Attr(n, "src")
				if !site.HasAttr(n, "defer") && !site.HasAttr(n, "async") && site.Attr(n, "type") != "module" {
					blocking = append(blocking, ref)
				}
			}
			if ref != "" && strings.HasPrefix(ref, "/") {
				if a, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(ref))); err == nil {
					total += gzipSize(a)
				}
			}
		}
		rel, _ := filepath.Rel(pub, filepath.Dir(p))
		if len(blocking) > 0 {
			ok = false
			fmt.Printf("FAIL render-blocking scripts on /%s/: %v\n", rel, blocking)
		}
		if total > worst {
			worst, worstPage = total, rel
		}
	}
	fmt.Printf("page weight: heaviest fact-check /%s/ is %.1f KB gzip (HTML+CSS+JS) of %d pages; budget %d KB; %.0f%% of budget; render-blocking scripts: %v\n",
		worstPage, float64(worst)/1024, len(pages), maxPageBytes/1024, 100*float64(worst)/maxPageBytes, !ok)
	return verdict("page", ok && worst <= maxPageBytes), nil
}

// generate writes a Hugo project of n fact-checks made from the repository's sample
// fact-checks (each with a new slug and title), with the repository's config, data and
// pages, the factdesk theme, a bare-bones theme and, when papermod names it, the PaperMod
// theme with the settings its documentation recommends (papermod.toml), committed to Git
// as the real site is.
func generate(root, dst string, n int, papermod string) error {
	samples, _ := filepath.Glob(filepath.Join(root, "factchecks", "*.md"))
	if len(samples) == 0 {
		return fmt.Errorf("no sample fact-checks in %s/factchecks to generate from", root)
	}
	sort.Strings(samples)
	type sample struct {
		front map[string]any
		body  string
	}
	var ss []sample
	for _, p := range samples {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		parts := strings.SplitN(string(b), "\n---\n", 2)
		if len(parts) != 2 || !strings.HasPrefix(parts[0], "---\n") {
			return fmt.Errorf("%s: no front matter", p)
		}
		var front map[string]any
		if err := yaml.Unmarshal([]byte(strings.TrimPrefix(parts[0], "---\n")), &front); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		ss = append(ss, sample{front, parts[1]})
	}
	for _, d := range []string{"factchecks", "data", "content", "themes/bare/layouts"} {
		if err := os.MkdirAll(filepath.Join(dst, d), 0o755); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		s := ss[i%len(ss)]
		front := map[string]any{}
		for k, v := range s.front {
			front[k] = v
		}
		delete(front, "translationKey")
		front["title"] = fmt.Sprintf("%s (case %d)", front["title"], i+1)
		y, err := yaml.Marshal(front)
		if err != nil {
			return err
		}
		file := filepath.Join(dst, "factchecks", fmt.Sprintf("generated-%05d.md", i+1))
		if err := os.WriteFile(file, []byte("---\n"+string(y)+"---\n"+s.body), 0o644); err != nil {
			return err
		}
	}
	if err := os.CopyFS(filepath.Join(dst, "data"), os.DirFS(filepath.Join(root, "data"))); err != nil {
		return err
	}
	// The site's own pages come along; the sections other features generate (observances,
	// calendar, kits) do not: the corpus is about fact-checks.
	pages, _ := filepath.Glob(filepath.Join(root, "content", "*.md"))
	for _, p := range pages {
		if err := copyFile(p, filepath.Join(dst, "content", filepath.Base(p))); err != nil {
			return err
		}
	}
	if err := copyFile(filepath.Join(root, "hugo.toml"), filepath.Join(dst, "hugo.toml")); err != nil {
		return err
	}
	if err := os.Symlink(filepath.Join(root, "themes", "factdesk"), filepath.Join(dst, "themes", "factdesk")); err != nil && !os.IsExist(err) {
		return err
	}
	if papermod != "" {
		if err := os.Symlink(papermod, filepath.Join(dst, "themes", "PaperMod")); err != nil && !os.IsExist(err) {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, "papermod.toml"), []byte(paperModConfig), 0o644); err != nil {
			return err
		}
	}
	for name, body := range bareTheme {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, "themes", "bare", name)), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, "themes", "bare", name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "-q", "-m", "Generated corpus"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dst
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %w\n%s", args[0], err, out)
		}
	}
	fmt.Printf("corpus: %d fact-checks generated from %d samples\n", n, len(ss))
	return nil
}

// bareTheme prints a page's title and content and nothing else; the citation hook and any
// shortcode are Hugo's defaults (the corpus uses no shortcodes).
var bareTheme = map[string]string{
	"layouts/single.html":           `<!doctype html><html lang="{{ site.Language.Lang }}"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>`,
	"layouts/list.html":             `<!doctype html><html lang="{{ site.Language.Lang }}"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>`,
	"layouts/home.rss.xml":          `<rss version="2.0"><channel><title>{{ .Title }}</title></channel></rss>`,
	"layouts/list.rss.xml":          `<rss version="2.0"><channel><title>{{ .Title }}</title></channel></rss>`,
	"layouts/home.jsonfeed.json":    `{}`,
	"layouts/home.claimreview.json": `{}`,
}

// paperModConfig is laid over hugo.toml for the PaperMod builds: its recommended home
// outputs (the JSON one feeds its search page) and the page features its documentation
// shows switched on, so that its pages show about as much as the factdesk theme's.
const paperModConfig = `[outputs]
  home = ["html", "rss", "json"]
[params]
  ShowReadingTime = true
  ShowShareButtons = true
  ShowPostNavLinks = true
  ShowBreadCrumbs = true
  ShowToc = true
  ShowWordCount = true
`

// themeArgs are the Hugo flags that build the corpus with a theme. PaperMod uses template
// functions this Hugo calls deprecated, so its builds do not turn warnings into errors.
func themeArgs(theme string) []string {
	if theme == "PaperMod" {
		return []string{"--theme", theme, "--config", "hugo.toml,papermod.toml"}
	}
	return append([]string{"--theme", theme}, site.BuildFlags...)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// buildRatio builds the corpus once per theme to warm the caches, then times runs builds
// of each, alternating, and compares the fastest of each: the factdesk theme against
// PaperMod (the budget) and against the bare-bones theme (the regression guard). bin is Hugo as built by
// hugoallocs, so each build also reports its memory allocations, which vary far less than
// CPU time and are compared too. After each build with the factdesk theme it times
// `factdesk search-index` (the program factdesk) on the result.
func buildRatio(ctx context.Context, corpus string, runs int, bin, factdesk string, n int) (bool, error) {
	allocs := map[string]buildAllocs{}
	// build runs one Hugo build and returns its wall-clock and CPU time.
	build := func(theme string) (wall, cpu time.Duration, err error) {
		args := append([]string{"build", "--destination", filepath.Join(corpus, "public-"+theme), "--baseURL", "http://127.0.0.1/", "--quiet"}, themeArgs(theme)...)
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir = corpus
		start := time.Now()
		out, err := cmd.CombinedOutput()
		wall = time.Since(start)
		if err != nil {
			return 0, 0, fmt.Errorf("building the corpus with the %s theme: %w\n%s", theme, err, out)
		}
		a, err := parseAllocs(out)
		if err != nil {
			return 0, 0, err
		}
		allocs[theme] = a
		return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
	}
	themes := []string{"bare", "factdesk", "PaperMod"}
	for _, theme := range themes {
		wall, cpu, err := build(theme)
		if err != nil {
			return false, err
		}
		fmt.Printf("warm-up build with the %s theme: %s wall, %s CPU\n", theme, wall.Round(time.Millisecond), cpu.Round(time.Millisecond))
	}
	// index writes the search index of the factdesk build as the deploy workflow does and
	// returns its wall-clock and CPU time.
	index := func() (wall, cpu time.Duration, err error) {
		cmd := exec.CommandContext(ctx, factdesk, "search-index", "--site", filepath.Join(corpus, "public-factdesk"))
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			return 0, 0, fmt.Errorf("indexing the corpus: %w\n%s", err, out)
		}
		return time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
	}
	bestCPU := map[string]time.Duration{}
	bestWall := map[string]time.Duration{}
	keep := func(step string, wall, cpu time.Duration) {
		if bestCPU[step] == 0 || cpu < bestCPU[step] {
			bestCPU[step] = cpu
		}
		if bestWall[step] == 0 || wall < bestWall[step] {
			bestWall[step] = wall
		}
	}
	for i := 0; i < runs; i++ {
		for _, theme := range themes {
			wall, cpu, err := build(theme)
			if err != nil {
				return false, err
			}
			keep(theme, wall, cpu)
		}
		wall, cpu, err := index()
		if err != nil {
			return false, err
		}
		keep("index", wall, cpu)
	}
	ratio := func(a, b string) float64 { return float64(bestCPU[a]) / float64(bestCPU[b]) }
	wallRatio := func(a, b string) float64 { return float64(bestWall[a]) / float64(bestWall[b]) }
	allocRatio := func(a, b string) float64 { return float64(allocs[a].count) / float64(allocs[b].count) }
	fmt.Printf("builds of %d fact-checks, fastest of %d with a warm image cache:\n", n, runs)
	for _, theme := range themes {
		fmt.Printf("  %-9s %8s CPU  %8s wall  %6.1f M allocations (%.2f GB)\n", theme,
			bestCPU[theme].Round(time.Millisecond), bestWall[theme].Round(time.Millisecond),
			float64(allocs[theme].count)/1e6, float64(allocs[theme].bytes)/1e9)
	}
	fmt.Printf("build against PaperMod: CPU ratio %.2f× (wall %.2f×, allocations %.2f×); budget %.1f×\n",
		ratio("factdesk", "PaperMod"), wallRatio("factdesk", "PaperMod"), allocRatio("factdesk", "PaperMod"), maxPeerRatio)
	peerOK := verdict("build", ratio("factdesk", "PaperMod") <= maxPeerRatio)
	fmt.Printf("build against the bare-bones theme (regression guard): CPU ratio %.2f× (wall %.2f×, allocations %.2f×); at most %.1f×\n",
		ratio("factdesk", "bare"), wallRatio("factdesk", "bare"), allocRatio("factdesk", "bare"), maxBareRatio)
	bareOK := verdict("build regression guard", ratio("factdesk", "bare") <= maxBareRatio)
	fmt.Printf("search index: %s CPU (%s wall) for %d fact-checks, fastest of %d (%.2f× the bare build's CPU)\n",
		bestCPU["index"].Round(time.Millisecond), bestWall["index"].Round(time.Millisecond), n, runs, ratio("index", "bare"))
	return peerOK && bareOK, nil
}

// buildAllocs is what hugoallocs reports of one build.
type buildAllocs struct{ count, bytes uint64 }

// parseAllocs reads hugoallocs' last line from a build's output.
func parseAllocs(out []byte) (buildAllocs, error) {
	var a buildAllocs
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if _, err := fmt.Sscanf(lines[len(lines)-1], "hugoallocs: %d allocations, %d bytes", &a.count, &a.bytes); err != nil {
		return a, fmt.Errorf("reading the allocation count from the build's output %q: %w", lines[len(lines)-1], err)
	}
	return a, nil
}

// searchBytes builds the corpus with the factdesk theme and writes its search index
// (site.Build runs Hugo, then the indexer), serves it with gzip as a web host would, runs
// each query on the search page in a fresh headless Chromium (an empty cache) and adds up
// what it downloaded: the search script, the term files of the query's words and the
// document files of the results shown.
func searchBytes(ctx context.Context, corpus string, queries []string, n int) (bool, error) {
	srv, err := site.Listen()
	if err != nil {
		return false, err
	}
	defer srv.Close()
	pub := filepath.Join(corpus, "public-search")
	if _, err := site.Build(ctx, corpus, pub, srv.URL, "--theme", "factdesk"); err != nil {
		return false, err
	}
	srv.Serve(pub)
	fmt.Printf("corpus of %d fact-checks in the index\n", n)
	ok := true
	var script int64
	for _, query := range queries {
		m, err := site.MeasureSearch(ctx, srv, "", query)
		if err != nil {
			return false, err
		}
		script = m.Script
		for _, t := range m.Files {
			fmt.Printf("  %7.1f KB  %s\n", float64(t.Bytes)/1024, t.Path)
		}
		fmt.Printf("search: %q shows %d results; downloaded %.1f KB in %d files: script %.1f KB, word rules %.1f KB, term files %.1f KB (%d), document files %.1f KB (%d); the search page itself %.1f KB; budget %d KB; %.0f%% of budget, %.1f KB under\n",
			query, m.Results, float64(m.Total())/1024, len(m.Files), float64(m.Script)/1024, float64(m.Rules)/1024,
			float64(m.Terms)/1024, m.TermFiles, float64(m.Docs)/1024, m.DocFiles, float64(m.Page)/1024,
			maxSearchBytes/1024, 100*float64(m.Total())/maxSearchBytes, float64(maxSearchBytes-m.Total())/1024)
		if m.Results == 0 {
			fmt.Println("  search found nothing")
			ok = verdict("search", false) && ok
			continue
		}
		ok = verdict("search", m.Total() <= maxSearchBytes) && ok
	}
	return ok && worstSearch(pub, script), nil
}

// worstSearch prints the most a two-word query can download, whatever it finds: the search
// script, the word rules, the two largest term files and the ten largest document files (gzip), and whether
// that fits the budget. The generated corpus repeats a few samples, which compress better than
// a real site's fact-checks would, so this bound is printed beside the measured queries.
func worstSearch(pub string, script int64) bool {
	largest := func(glob string, k int) (int64, int, error) {
		files, err := filepath.Glob(glob)
		if err != nil {
			return 0, 0, err
		}
		var sizes []int
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return 0, 0, err
			}
			sizes = append(sizes, gzipSize(b))
		}
		sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
		var sum int64
		for i := 0; i < k && i < len(sizes); i++ {
			sum += int64(sizes[i])
		}
		return sum, len(files), nil
	}
	ok := true
	for _, lang := range []string{"en", "es"} {
		dir := filepath.Join(pub, "search", lang)
		terms, nt, err := largest(filepath.Join(dir, "t", "*.json"), 2)
		if err != nil {
			fmt.Println("  worst case:", err)
			return false
		}
		docs, nd, err := largest(filepath.Join(dir, "d", "*.json"), 10)
		if err != nil {
			fmt.Println("  worst case:", err)
			return false
		}
		if nt+nd == 0 {
			continue
		}
		rules, _, err := largest(filepath.Join(dir, "rules.json"), 1)
		if err != nil {
			fmt.Println("  worst case:", err)
			return false
		}
		total := script + rules + terms + docs
		fmt.Printf("search worst case (%s, %d term files, %d document files): script %.1f KB + word rules %.1f KB + two largest term files %.1f KB + ten largest document files %.1f KB = %.1f KB; budget %d KB\n",
			lang, nt, nd, float64(script)/1024, float64(rules)/1024, float64(terms)/1024, float64(docs)/1024, float64(total)/1024, maxSearchBytes/1024)
		ok = verdict("search", total <= maxSearchBytes) && ok
	}
	return ok
}
