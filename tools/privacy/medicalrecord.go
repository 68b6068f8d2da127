package privacy

var strongMRNLabel = words(`mrn`, `medical records?`, `med rec`, `chart`, `historia cl[ií]nica`, `expediente`, `id`, `ids`, `number`, `no\.?`, `#`, `n[uú]mero`)

var mrnLabel = labelled(`mrn`, `medical record`, `medical records`, `med rec`, `record`, `chart`, `patient`, `pt`, `hospital`, `historia cl[ií]nica`, `expediente`, `encounter`, `case`)

// findMedicalRecords finds medical record numbers. They have no standard format, so only
// a number that follows a label such as "MRN", "medical record", "chart #" or
// "patient ID" is taken.
func findMedicalRecords(s *scan) {
	for _, m := range mrnLabel.FindAll(s.li) {
		start, end := m[2], m[3]
		if !idToken(s.text[start:end], 4) {
			continue
		}
		label := s.lower[m[0]:m[2]]
		score := 0.9
		// "record", "case", "patient" and the like alone are weaker labels than "MRN".
		if !has(strongMRNLabel, label) {
			score = 0.6
		}
		s.add(MedicalRecord, start, end, score)
	}
}
