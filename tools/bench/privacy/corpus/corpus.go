// Package corpus is the PHI guard's evaluation data and scoring: the labelled corpus,
// the real-world set, the targets the guard is held to, and the input shapes its speed
// is measured on. Only the benchmarks and tests use it.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/factdesk/factdesk/tools/privacy"
)

// Sample is one labelled text of the evaluation corpus.
type Sample struct {
	ID       string `json:"id"`
	Template string `json:"template"`
	Text     string `json:"text"`
	Spans    []Span `json:"spans"`
}

// Span is a labelled identifier in a Sample, in byte offsets.
type Span struct {
	Type  privacy.Type `json:"type"`
	Start int          `json:"start"`
	End   int          `json:"end"`
}

// Tally counts true positives, false positives and false negatives.
type Tally struct {
	TP, FP, FN int
}

// Precision is TP / (TP + FP), or 1 when nothing was reported.
func (t Tally) Precision() float64 {
	if t.TP+t.FP == 0 {
		return 1
	}
	return float64(t.TP) / float64(t.TP+t.FP)
}

// Recall is TP / (TP + FN), or 1 when nothing was labelled.
func (t Tally) Recall() float64 {
	if t.TP+t.FN == 0 {
		return 1
	}
	return float64(t.TP) / float64(t.TP+t.FN)
}

// Report is the outcome of an evaluation, per identifier type and overall.
type Report struct {
	ByType  map[privacy.Type]*Tally
	Overall Tally
	// Samples and Clean count the texts evaluated and those with no identifier.
	Samples, Clean int
	// Misses and FalseAlarms name samples the guard got wrong (IDs and types only).
	Misses, FalseAlarms []string
}

// Evaluate runs g over samples. A labelled span counts as found when a finding of the
// same type overlaps it; a finding that overlaps no labelled span of its type is a
// false positive.
func Evaluate(g *privacy.Guard, samples []Sample) Report {
	r := Report{ByType: map[privacy.Type]*Tally{}}
	for _, t := range privacy.Types {
		r.ByType[t] = &Tally{}
	}
	for _, s := range samples {
		r.Samples++
		if len(s.Spans) == 0 {
			r.Clean++
		}
		fs := g.Scan(s.Text)
		for _, sp := range s.Spans {
			found := false
			for _, f := range fs {
				if f.Type == sp.Type && f.Start < sp.End && f.End > sp.Start {
					found = true
					break
				}
			}
			t := r.ByType[sp.Type]
			if found {
				t.TP++
				r.Overall.TP++
			} else {
				t.FN++
				r.Overall.FN++
				r.Misses = append(r.Misses, fmt.Sprintf("%s missed %s", s.ID, sp.Type))
			}
		}
		for _, f := range fs {
			ok := false
			for _, sp := range s.Spans {
				if f.Type == sp.Type && f.Start < sp.End && f.End > sp.Start {
					ok = true
					break
				}
			}
			if !ok {
				r.ByType[f.Type].FP++
				r.Overall.FP++
				r.FalseAlarms = append(r.FalseAlarms, fmt.Sprintf("%s false %s", s.ID, f.Type))
			}
		}
	}
	return r
}

// LoadSamples reads a corpus file of one JSON Sample per line.
func LoadSamples(path string) ([]Sample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening the corpus: %w", err)
	}
	defer f.Close()
	return ReadSamples(f)
}

// ReadSamples reads one JSON Sample per line.
func ReadSamples(r io.Reader) ([]Sample, error) {
	var out []Sample
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var s Sample
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("corpus line %d: %w", line, err)
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// GuardOptions are the guard options the corpus is evaluated with: the sample
// organisation's own contact details and staff, as factdesk.yaml would give them.
func GuardOptions() privacy.Options {
	return privacy.Options{
		Allow: []string{"factcheck@example.org", "(212) 555-0147", "https://factdesk.example.org/", "100 River Road", "@riversidehealth", "@RiversideHealth"},
		Names: []string{"Ana Lima", "James Okafor", "Mei Chen", "Rosa Martinez", "Priya Nair", "Hana Sato"},
	}
}

// Targets are the scores the guard must reach on the held-out set.
var Targets = struct {
	// FixedRecall applies to each type in privacy.FixedFormat.
	FixedRecall float64
	// ContextRecall applies to names and confirmations.
	ContextRecall float64
	// Precision applies overall.
	Precision float64
	// RealWorldRecall and RealWorldPrecision apply line by line to the real-world set.
	RealWorldRecall, RealWorldPrecision float64
}{FixedRecall: 0.99, ContextRecall: 0.90, Precision: 0.95, RealWorldRecall: 0.95, RealWorldPrecision: 0.95}

// Shortfalls returns one line for each target the report misses, or nothing.
func (r Report) Shortfalls() []string {
	var out []string
	for _, t := range privacy.FixedFormat {
		if rc := r.ByType[t].Recall(); rc < Targets.FixedRecall {
			out = append(out, fmt.Sprintf("recall on %s is %.3f, below %.2f", t, rc, Targets.FixedRecall))
		}
	}
	for _, t := range []privacy.Type{privacy.Name, privacy.Confirmation} {
		if rc := r.ByType[t].Recall(); rc < Targets.ContextRecall {
			out = append(out, fmt.Sprintf("recall on %s is %.3f, below %.2f", t, rc, Targets.ContextRecall))
		}
	}
	if p := r.Overall.Precision(); p < Targets.Precision {
		out = append(out, fmt.Sprintf("overall precision is %.3f, below %.2f", p, Targets.Precision))
	}
	return out
}

// Table renders the report, one line per identifier type.
func (r Report) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %5s %5s %5s %9s %7s\n", "type", "tp", "fp", "fn", "precision", "recall")
	for _, t := range privacy.Types {
		x := r.ByType[t]
		fmt.Fprintf(&b, "%-16s %5d %5d %5d %9.3f %7.3f\n", t, x.TP, x.FP, x.FN, x.Precision(), x.Recall())
	}
	fmt.Fprintf(&b, "%-16s %5d %5d %5d %9.3f %7.3f\n", "overall", r.Overall.TP, r.Overall.FP, r.Overall.FN, r.Overall.Precision(), r.Overall.Recall())
	return b.String()
}

// Line is one labelled comment of the real-world set: PHI says whether it discloses a
// patient detail; Kind is how it is written or what makes it hard.
type Line struct {
	PHI  bool
	Kind string
	Text string
}

// ReadLines reads a real-world set: one label<TAB>kind<TAB>text per line, label phi or
// clean; blank lines and lines starting with # are skipped.
func ReadLines(r io.Reader) ([]Line, error) {
	var out []Line
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		parts := strings.SplitN(t, "\t", 3)
		if len(parts) != 3 || (parts[0] != "phi" && parts[0] != "clean") {
			return nil, fmt.Errorf("line %d: want label<TAB>kind<TAB>text with label phi or clean", n)
		}
		out = append(out, Line{PHI: parts[0] == "phi", Kind: parts[1], Text: parts[2]})
	}
	return out, sc.Err()
}

// LoadLines reads a real-world set from a file.
func LoadLines(path string) ([]Line, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening the real-world set: %w", err)
	}
	defer f.Close()
	ls, err := ReadLines(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ls, nil
}

// LineReport scores the guard line by line: a PHI line is caught when the guard reports
// anything on it; a clean line is a false alarm when it does.
type LineReport struct {
	Tally
	PHILines, CleanLines int
	Misses, FalseAlarms  []string
}

// EvaluateLines runs g over a real-world set.
func EvaluateLines(g *privacy.Guard, ls []Line) LineReport {
	var r LineReport
	for _, l := range ls {
		hit := len(g.Scan(l.Text)) > 0
		switch {
		case l.PHI && hit:
			r.PHILines++
			r.TP++
		case l.PHI:
			r.PHILines++
			r.FN++
			r.Misses = append(r.Misses, l.Kind+": "+l.Text)
		case hit:
			r.CleanLines++
			r.FP++
			r.FalseAlarms = append(r.FalseAlarms, l.Kind+": "+l.Text)
		default:
			r.CleanLines++
		}
	}
	return r
}
