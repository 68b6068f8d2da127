// Command sitebudget measures the public site against its budgets and prints each figure
// with its target:
//
//   - page weight: each fact-check page of the repository's site over the wire (HTML, CSS
//     and scripts, gzip; the share image excluded) ≤ 35 KB, with no render-blocking script;
//   - build time: a generated corpus of -n fact-checks built with the factdesk theme takes
//     ≤ 1.5× the build of the same corpus with a bare-bones theme (title and content only),
//     both with a warm image cache, measured in the same run. The ratio is taken on the CPU
//     time (user + system) of the Hugo process, which stays meaningful on a machine shared
//     with other jobs; the wall-clock times are printed beside it. The search index is
//     written after Hugo by `factdesk search-index`; its time is measured the same way, as
//     a process of its own, and printed beside the ratio with the ratio of build + index;
//   - search: each typical query on that corpus, run on the search page in headless Chromium,
//     downloads ≤ 100 KB (script, term files and document files of the search index).
//
// Run it from the repository root:
//
//	go run ./tools/bench/sitebudget            # 10,000 fact-checks
//	go run ./tools/bench/sitebudget -n 300     # the small run CI uses
//
// It exits 1 when a budget named in -enforce is missed; the others are reported only.
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
	"github.com/factdesk/factdesk/tools/site"
)

// Budgets.
const (
	maxPageBytes   = 35 * 1024
	maxBuildRatio  = 1.5
	maxSearchBytes = 100 * 1024
)

func main() {
	n := flag.Int("n", 10000, "fact-checks in the generated corpus")
	runs := flag.Int("runs", 3, "timed builds per theme; the fastest counts")
	query := flag.String("query", "antibiotics,flu vaccine", "typical search queries, separated by commas")
	keep := flag.String("keep", "", "keep the generated corpus and builds in this folder")
	enforce := flag.String("enforce", "page,build,search", "budgets whose miss makes the command fail")
	flag.Parse()
	ctx := context.Background()
	enforced = map[string]bool{}
	for _, b := range strings.Split(*enforce, ",") {
		enforced[strings.TrimSpace(b)] = true
	}
	ok, err := run(ctx, *n, *runs, strings.Split(*query, ","), *keep)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitebudget:", err)
		os.Exit(2)
	}
	if !ok {
		fmt.Println("FAIL: an enforced budget was missed")
		os.Exit(1)
	}
	fmt.Println("ok: every enforced budget met")
}

var enforced map[string]bool

// verdict prints whether a budget was met and returns false only for a missed enforced one.
func verdict(budget string, met bool) bool {
	switch {
	case met:
		fmt.Printf("  -> %s budget: met\n", budget)
	case enforced[budget]:
		fmt.Printf("  -> %s budget: MISSED\n", budget)
	default:
		fmt.Printf("  -> %s budget: MISSED (reported, not enforced in this run)\n", budget)
	}
	return met || !enforced[budget]
}

func run(ctx context.Context, n, runs int, queries []string, keep string) (bool, error) {
	root, err := config.FindRoot(".")
	if err != nil {
		return false, err
	}
	tmp := keep
	if tmp == "" {
		if tmp, err = os.MkdirTemp("", "sitebudget-"); err != nil {
			return false, err
		}
		defer os.RemoveAll(tmp)
	}
	ok := true

	// 1. Page weight of the repository's own fact-checks.
	pub := filepath.Join(tmp, "repo-public")
	if _, err := site.Build(ctx, root, pub, "http://127.0.0.1/"); err != nil {
		return false, err
	}
	pageOK, err := pageWeight(pub)
	if err != nil {
		return false, err
	}
	ok = ok && pageOK

	// 2. Build time against a bare-bones theme.
	corpus := filepath.Join(tmp, "corpus")
	if err := generate(root, corpus, n); err != nil {
		return false, err
	}
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
	buildOK, err := buildRatio(ctx, corpus, runs, hugoBin, factdesk, n)
	if err != nil {
		return false, err
	}
	ok = ok && buildOK

	// 3. Bytes a query downloads.
	searchOK, err := searchBytes(ctx, corpus, queries, n)
	if err != nil {
		return false, err
	}
	return ok && searchOK, nil
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
// pages, the factdesk theme and a bare-bones theme, committed to Git as the real site is.
func generate(root, dst string, n int) error {
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
// of each, alternating, and compares the fastest of each. bin is Hugo as built by
// hugoallocs, so each build also reports its memory allocations, which vary far less than
// CPU time and are compared too. After each build with the factdesk theme it times
// `factdesk search-index` (the program factdesk) on the result.
func buildRatio(ctx context.Context, corpus string, runs int, bin, factdesk string, n int) (bool, error) {
	allocs := map[string]buildAllocs{}
	// build runs one Hugo build and returns its wall-clock and CPU time.
	build := func(theme string) (wall, cpu time.Duration, err error) {
		args := append([]string{"build", "--destination", filepath.Join(corpus, "public-"+theme), "--baseURL", "http://127.0.0.1/", "--theme", theme, "--quiet"}, site.BuildFlags...)
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
	for _, theme := range []string{"factdesk", "bare"} {
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
		for _, theme := range []string{"bare", "factdesk"} {
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
	ratio := float64(bestCPU["factdesk"]) / float64(bestCPU["bare"])
	fmt.Printf("build: factdesk theme %s CPU (%s wall), bare-bones theme %s CPU (%s wall), fastest of %d with a warm image cache; CPU ratio %.2f× (wall %.2f×); budget %.1f×\n",
		bestCPU["factdesk"].Round(time.Millisecond), bestWall["factdesk"].Round(time.Millisecond),
		bestCPU["bare"].Round(time.Millisecond), bestWall["bare"].Round(time.Millisecond), runs, ratio,
		float64(bestWall["factdesk"])/float64(bestWall["bare"]), maxBuildRatio)
	fmt.Printf("search index: %s CPU (%s wall) for %d fact-checks, fastest of %d (%.2f× the bare build's CPU); build + index CPU ratio %.2f×\n",
		bestCPU["index"].Round(time.Millisecond), bestWall["index"].Round(time.Millisecond), n, runs,
		float64(bestCPU["index"])/float64(bestCPU["bare"]),
		float64(bestCPU["factdesk"]+bestCPU["index"])/float64(bestCPU["bare"]))
	fmt.Printf("allocations of the last build: factdesk theme %.1f M (%.2f GB), bare-bones theme %.1f M (%.2f GB); ratio %.2f× by count, %.2f× by bytes\n",
		float64(allocs["factdesk"].count)/1e6, float64(allocs["factdesk"].bytes)/1e9,
		float64(allocs["bare"].count)/1e6, float64(allocs["bare"].bytes)/1e9,
		float64(allocs["factdesk"].count)/float64(allocs["bare"].count),
		float64(allocs["factdesk"].bytes)/float64(allocs["bare"].bytes))
	return verdict("build", ratio <= maxBuildRatio), nil
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
		fmt.Printf("search: %q shows %d results; downloaded %.1f KB in %d files: script %.1f KB, term files %.1f KB (%d), document files %.1f KB (%d); the search page itself %.1f KB; budget %d KB; %.0f%% of budget, %.1f KB under\n",
			query, m.Results, float64(m.Total())/1024, len(m.Files), float64(m.Script)/1024,
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
// script, the two largest term files and the ten largest document files (gzip), and whether
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
		total := script + terms + docs
		fmt.Printf("search worst case (%s, %d term files, %d document files): script %.1f KB + two largest term files %.1f KB + ten largest document files %.1f KB = %.1f KB; budget %d KB\n",
			lang, nt, nd, float64(script)/1024, float64(terms)/1024, float64(docs)/1024, float64(total)/1024, maxSearchBytes/1024)
		ok = verdict("search", total <= maxSearchBytes) && ok
	}
	return ok
}
