package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	deviceLabel = labelled(`serial`, `serial no\.?`, `s/n`, `sn`, `device`, `device identifier`, `udi`, `imei`, `meid`, `mac address`, `pacemaker`, `pump`, `implant`, `defibrillator`, `icd`, `cgm`, `transmitter`, `sensor`, `hearing aid`, `vin`, `n[uú]mero de serie`, `equipo`)
	udiPattern  = fastre.Compile(`\(01\)\d{14}(?:\(\d{2}\)[A-Za-z0-9]+)*`)
	vinPattern  = fastre.Compile(`\b[A-HJ-NPR-Z0-9]{17}\b`).WithQuick(func(str string, s int) bool {
		n := 0 // 17 capitals and digits
		for i := s; i < len(str) && n < 17 && (str[i] >= '0' && str[i] <= '9' || str[i] >= 'A' && str[i] <= 'Z'); i++ {
			n++
		}
		return n == 17
	})
	macPattern = fastre.Compile(`(?i)\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b`)
)

// findDevices finds device identifiers and serial numbers: GS1 UDIs and VINs by their
// format (and the VIN check digit), MAC addresses, and any number after a label such
// as "serial", "S/N", "IMEI" or "pacemaker".
func findDevices(s *scan) {
	for _, m := range udiPattern.FindAll(s.ti) {
		s.add(Device, m[0], m[1], 0.9)
	}
	for _, m := range vinPattern.FindAll(s.ti) {
		if ValidVIN(s.text[m[0]:m[1]]) {
			s.add(Device, m[0], m[1], 0.85)
		}
	}
	if hexColons(s.text) { // a MAC address has two colons with two hex digits between
		for _, m := range macPattern.FindAll(s.ti) {
			s.add(Device, m[0], m[1], 0.85)
		}
	}
	for _, m := range deviceLabel.FindAll(s.li) {
		start, end := m[2], m[3]
		if !idToken(s.text[start:end], 3) || end-start < 5 {
			continue
		}
		s.add(Device, start, end, 0.85)
	}
}
