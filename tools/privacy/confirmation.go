package privacy

import "github.com/factdesk/factdesk/tools/privacy/internal/fastre"

const careNouns = `visit|appointment|appt|stay|procedure|surgery|operation|admission|discharge|exam|check-?up|consultation|consult|delivery|treatment|test results|results|labs?|lab results|bloodwork|blood work|scan|x-?rays?|mri|ct scan|biopsy|prescription|chart|medical records?|records|file|bill|claim|er visit|time (?:here|with us|in our \w+)|care|experience|wait|follow-?up|infusion|session|vaccination|shot|injection`

// confirmationPatterns are statements that confirm or reveal that someone is or was a
// patient. Each names a specific past encounter or the organisation's own records.
// They are written in lower case and run over the lower-cased text.
var confirmationPatterns = []*fastre.Pattern{
	fastre.Compile(`\bwe (?:saw|treated|examined|admitted|discharged|cared for|met with|met|called|tested|vaccinated|operated on|helped) you\b`),
	fastre.Compile(`\byou (?:treated|saw|admitted|discharged|operated on|examined|vaccinated|billed|charged) (?:me|my (?:son|daughter|mom|dad|mother|father|husband|wife|child|kid|baby|grandma|grandpa))\b`),
	fastre.Compile(`\byou were (?:seen|treated|admitted|discharged|here|examined|hospitali[sz]ed|under our care|in our (?:care|clinic|er|hospital|office)|our patient|a patient)\b`),
	fastre.Compile(`\byour (?:recent|last|latest|previous|earlier|first|second|\w+day'?s|yesterday'?s|today'?s|morning|afternoon) (?:` + careNouns + `)\b`),
	fastre.Compile(`\byour (?:` + careNouns + `) (?:with (?:dr|dra|doctor|nurse|our)\b|at our\b|here\b|in our\b|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|on \d|last\b|yesterday\b|this (?:morning|afternoon|week)\b|earlier today\b|came back\b|(?:show|showed|shows) (?:that|you|a|no)\b|(?:was|were) (?:normal|negative|positive|abnormal|clear)\b|(?:is|are) (?:ready|in|back)\b|went\b)`),
	fastre.Compile(`\b(?:thanks?|thank you) (?:so much )?for (?:visiting us|visiting (?:our|the) (?:clinic|hospital|office|er|emergency room|practice|urgent care|pharmacy)|visiting[.!,]|visiting$|coming in|coming to see us|choosing (?:us|our \w+) for your|trusting us with your|being (?:a|our) patient|your visit|your patience during your)\b`),
	fastre.Compile(`\bwe (?:have )?(?:reviewed|checked|looked at|looked into|pulled up|found|see|can see|pulled) your (?:chart|records?|file|account|results|medical|visit|test)\b`),
	fastre.Compile(`\bour (?:records|files|notes|charts?|system) (?:show|shows|indicate|indicates|say|says)\b`),
	fastre.Compile(`\b(?:when|while|since) you (?:were here|came in|came to see us|visited(?: us)?|stayed with us|were in our|were with us|were seen)\b`),
	fastre.Compile(`\byou(?:'re| are|’re) (?:a|one of our|our|an established) (?:valued )?patients?\b`),
	fastre.Compile(`\bas (?:our|a) patient(?: of ours)?,? you\b`),
	fastre.Compile(`\bsorry (?:about|for|to hear about) your (?:recent |last )?(?:` + careNouns + `) (?:at|in|with|on|last|yesterday|here)\b`),
	fastre.Compile(`\b(?:we|i) (?:remember|recall) (?:you|your (?:visit|stay|son|daughter|mom|dad|husband|wife))\b`),
	fastre.Compile(`\b(?:good|great|nice|glad) to (?:see|have) you (?:back|again|last|yesterday|today|in (?:the|our))\b`),
	fastre.Compile(`\bhave you back (?:in|at) (?:the|our) (?:clinic|office|hospital|er|practice|unit)\b`),
	fastre.Compile(`\b(?:lo|la) (?:vimos|atendimos|tratamos|ingresamos)\b`),
	fastre.Compile(`\bsu (?:cita|visita|consulta|estancia|cirugía|cirugia|resultados?) (?:del|de ayer|con (?:la |el )?(?:dr|dra|doctor|doctora)|en nuestr[ao]|fue|fueron|del pasado|de la semana)\b`),
	fastre.Compile(`\bgracias por (?:visitarnos|venir a vernos|elegirnos para su)\b`),
	fastre.Compile(`\b(?:cuando|mientras) (?:usted )?(?:estuvo aquí|estuvo aqui|nos visitó|nos visito|vino a (?:la clínica|vernos))\b`),
	fastre.Compile(`\b(?:es|fue) (?:nuestr[oa]|un[oa]) paciente\b`),
}

// resultsPattern reads a person's own results back to them ("your blood sugar looks
// better"); conditional advice ("if your blood pressure is high") is not a confirmation.
var resultsPattern = fastre.Compile(`\byour (?:blood sugar|blood pressure|a1c|cholesterol|levels|numbers|labs|scans?|x-rays?|wound|incision|stitches|heart rate|oxygen|weight) (?:look|looks|looked|is|are|was|were|came back) (?:much |a lot |so much )?(?:better|good|great|normal|fine|worse|higher|lower|stable|clear)\b`)

var conditional = words(`if`, `when`, `whether`, `unless`, `once`, `until`, `si`, `cuando`)

// findConfirmations finds statements that confirm someone is or was a patient — "we
// saw you last Tuesday", "your visit with Dr. Chen", "our records show". Confirming it
// is itself a disclosure, even when the person posted first.
func findConfirmations(s *scan) {
	for _, re := range confirmationPatterns {
		for _, m := range re.FindAll(s.li) {
			s.add(Confirmation, m[0], m[1], 0.85)
		}
	}
	for _, m := range resultsPattern.FindAll(s.li) {
		if !has(conditional, s.before(m[0], 12)) {
			s.add(Confirmation, m[0], m[1], 0.85)
		}
	}
}
