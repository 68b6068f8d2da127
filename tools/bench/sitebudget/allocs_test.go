package main

import "testing"

func TestParseAllocs(t *testing.T) {
	tests := []struct {
		name    string
		out     string
		want    buildAllocs
		wantErr bool
	}{
		{"quiet build", "hugoallocs: 18615135 allocations, 1086070048 bytes\n", buildAllocs{18615135, 1086070048}, false},
		{"after Hugo's own output", "Start building sites …\nTotal in 2330 ms\nhugoallocs: 8695547 allocations, 684993656 bytes\n", buildAllocs{8695547, 684993656}, false},
		{"plain Hugo, no count", "Total in 2330 ms\n", buildAllocs{}, true},
		{"empty output", "", buildAllocs{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseAllocs([]byte(tt.out))
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseAllocs error = %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("parseAllocs = %+v, want %+v", got, tt.want)
			}
		})
	}
}
