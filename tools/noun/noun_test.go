package noun

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		word string
		want string
	}{
		{0, "file", "0 files"},
		{1, "file", "1 file"},
		{2, "finding", "2 findings"},
		{1000, "fact-check", "1000 fact-checks"},
	}
	for _, tt := range tests {
		if got := Count(tt.n, tt.word); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.word, got, tt.want)
		}
	}
}
