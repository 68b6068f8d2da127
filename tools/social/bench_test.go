package social

import (
	"strings"
	"testing"
	"time"
)

// benchText is a typical post: copy with an emoji, a link and hashtags.
var benchText = "Flu shots can't give you the flu: the vaccine has no live virus that can infect you. 💉 Side effects such as a sore arm pass in a day or two.\n\nhttps://factdesk.example.org/factchecks/flu-shot-gives-flu/?utm_source=x&utm_medium=social\n\n#FluFacts #Vaccines"

// BenchmarkMeasure times each platform's counter on a typical post and reports it as a
// ratio ("x-baseline") to a baseline measured in the same run: a plain pass over the
// text that counts its UTF-16 code units.
func BenchmarkMeasure(b *testing.B) {
	XWeighted(benchText) // compile the expressions outside the timing
	const n = 20000
	start := time.Now()
	for i := 0; i < n; i++ {
		UTF16Length(benchText)
	}
	baseNs := float64(time.Since(start).Nanoseconds()) / n
	for _, p := range []string{X, Bluesky, Mastodon, Threads, LinkedIn} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Measure(p, benchText)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/baseNs, "x-baseline")
		})
	}
}

// BenchmarkXWeightedLong counts a 5,000-character text, to show the counter stays linear.
func BenchmarkXWeightedLong(b *testing.B) {
	long := strings.Repeat(benchText+" ", 20)
	XWeighted(long)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		XWeighted(long)
	}
}
