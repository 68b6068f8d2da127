package privacy

import "testing"

func TestValidators(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"SSN issued range", ValidSSN, "219099998", true},
		{"SSN area 000", ValidSSN, "000123456", false},
		{"SSN area 666", ValidSSN, "666123456", false},
		{"SSN area 9xx", ValidSSN, "912345678", false},
		{"SSN group 00", ValidSSN, "123004567", false},
		{"SSN serial 0000", ValidSSN, "123450000", false},
		{"SSN one digit", ValidSSN, "111111111", false},
		{"SSN advertised", ValidSSN, "078051120", false},
		{"SSN too short", ValidSSN, "12345678", false},
		{"Luhn card", Luhn, "4111111111111111", true},
		{"Luhn off by one", Luhn, "4111111111111112", false},
		{"NPI CMS example", ValidNPI, "1234567893", true},
		{"NPI bad check digit", ValidNPI, "1234567890", false},
		{"NPI must start 1 or 2", ValidNPI, "3234567893", false},
		{"DEA check digit", ValidDEA, "AB1234563", true},
		{"DEA lower case", ValidDEA, "ab1234563", true},
		{"DEA bad check digit", ValidDEA, "AB1234564", false},
		{"DEA bad first letter", ValidDEA, "IB1234563", false},
		{"NANP", ValidNANP, "2125550147", true},
		{"NANP with 1", ValidNANP, "12125550147", true},
		{"NANP area N11", ValidNANP, "9115550147", false},
		{"NANP area starts 1", ValidNANP, "1125550147", false},
		{"NANP exchange starts 1", ValidNANP, "2121550147", false},
		{"NANP exchange N11", ValidNANP, "2124110147", false},
		{"NANP area X9X", ValidNANP, "2915550147", false},
		{"toll-free", TollFree, "18002324636", true},
		{"not toll-free", TollFree, "2125550147", false},
		{"VIN example", ValidVIN, "1M8GDM9AXKP042788", true},
		{"VIN bad check digit", ValidVIN, "1M8GDM9A1KP042788", false},
		{"VIN with O", ValidVIN, "1M8GDM9AXKP0427O8", false},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: (%q) = %v; want %v", tt.name, tt.in, got, tt.want)
		}
	}
}
