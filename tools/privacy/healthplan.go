package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

var (
	// mbiPattern is the Medicare Beneficiary Identifier: 11 characters, with letters that
	// exclude S, L, O, I, B and Z, optionally written in groups of 4-3-4.
	mbiPattern      = fastre.Compile(`\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b`)
	healthPlanLabel = labelled(`member`, `subscriber`, `policy`, `insurance`, `insurance card`, `medicaid`, `medicare`, `beneficiary`, `health plan`, `plan`, `group`, `mbi`, `hicn`, `póliza`, `seguro`, `afiliado`, `coverage`)
)

// findHealthPlans finds health plan beneficiary numbers: the Medicare MBI by its fixed
// format, and any other number after a label such as "member ID" or "policy number".
func findHealthPlans(s *scan) {
	for _, m := range mbiPattern.FindAll(s.ti) {
		s.add(HealthPlan, m[0], m[1], 0.85)
	}
	for _, m := range healthPlanLabel.FindAll(s.li) {
		start, end := m[2], m[3]
		if !idToken(s.text[start:end], 4) {
			continue
		}
		s.add(HealthPlan, start, end, 0.9)
	}
}
