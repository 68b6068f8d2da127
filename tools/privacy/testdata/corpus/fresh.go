package main

// freshTemplates were written after the guard was developed and are measured once, as
// a check that the held-out scores were not an accident of the first templates. They
// are all held out (fresh.jsonl); none is used for development.
var freshTemplates = map[string][]string{
	"name": {
		"lol {NAME} is finally home after 2 weeks in the hospital, thank u nurses",
		"can someone check on {NAME}? she was transferred to the cardiac ICU this morning",
		"Sending love to {NAME} and family while he's in treatment for leukemia",
		"{NAME} got her cast off today!! best ortho team ever, we were seen so fast",
	},
	"date": {
		"surgery went fine, he was discharged {DATE} and is resting",
		"my appt was {DATE} and no one has called with the biopsy results",
		"grandpa died {DATE} in your ICU and we still have no answers",
		"baby girl was delivered {DATE} at 6lb 2oz, thank you labor and delivery!",
	},
	"age": {
		"mom is {AGE} yrs old and they left her in the hallway for 6 hours",
		"our {AGE}-year-old neighbor was admitted with the flu last night",
		"shoutout to the ER team who treated my {AGE} y/o grandma so kindly",
		"dad just turned {AGE} and they still won't let him leave rehab",
	},
	"phone": {
		"plz call {PHONE} asap about my daughter's MRI",
		"text {PHONE} when the prescription is ready",
		"my cell changed, it's {PHONE} now",
		"fax the discharge summary to {PHONE} thx",
	},
	"email": {
		"DM me or email {EMAIL} with my son's immunization record",
		"reach me at {EMAIL} re: the bill from my ER visit",
		"my lawyer is cc'd at {EMAIL}",
		"{EMAIL} <- send the results there pls",
	},
	"address": {
		"ambulance took forever to get to {ADDRESS}",
		"please stop mailing bills to my old place at {ADDRESS}",
		"home nurse needs to come to {ADDRESS} on tuesdays",
		"i'm at {ADDRESS}, is that in your service area for home visits?",
	},
	"zip": {
		"anyone know a pediatrician taking new patients in {ZIP}?",
		"we live in Portland, OR {ZIP} and the wait is 3 months",
		"zip code {ZIP4} for the home health referral",
		"does your mobile clinic come to {ZIP}? my mom can't drive",
	},
	"ssn": {
		"billing asked for my ssn ({SSN}) over the phone, is that legit??",
		"social security # {SSN}, fix my claim please",
		"they printed my SSN {SSN} on the envelope!!!",
		"for the form: ssn {SSNPLAIN}",
	},
	"mrn": {
		"mrn {MRN}, still no callback from the cardiology office",
		"Medical record no. {MRN} has my old allergies listed",
		"my patient id is {MRN} if that helps",
		"chart # {MRN}, please fix my pharmacy",
	},
	"plan": {
		"my member id {PLAN} keeps getting rejected at the front desk",
		"medicare # {MBI} for my dad's claim",
		"insurance id {PLAN}, why is this out of network",
		"policy # {PLAN} covers this, check again",
	},
	"account": {
		"acct # {ACCOUNT} was sent to collections by mistake",
		"you charged my card {CARD} twice for one visit",
		"my billing account {ACCOUNT} shows a balance I already paid",
		"invoice no. {ACCOUNT} is wrong",
	},
	"licence": {
		"the doc's DEA # {DEA} got rejected at CVS",
		"NPI number {NPI} is the referring provider",
		"my drivers license {LICENCE} is on file for check-in",
		"license plate {PLATE} blocked the ER entrance again",
	},
	"device": {
		"my pump serial # {SERIAL} needs replacing",
		"implant card says udi {UDI}",
		"the monitor S/N {SERIAL} keeps beeping at night",
		"cpap serial number {SERIAL} was recalled?",
	},
	"url": {
		"please share our fundraiser for dad's cancer treatment {URL}",
		"that's my daughter's page {URL} , she was your patient",
		"see my post about my hospital stay {URL}",
		"my chart link {URL} won't load",
	},
	"ip": {
		"portal locked me out, my ip is {IP}",
		"someone accessed my medical records from {IP}",
		"telehealth keeps failing from ip address {IP}",
		"saw a login from {IPV6} on my portal account",
	},
	"confirmation": {
		"@Riverside [[you treated me]] like garbage last week",
		"Hi {FIRST}, [[thanks for coming in]] yesterday, hope the stitches heal well!",
		"We understand. [[Your recent stay]] was longer than expected because of a lab delay.",
		"[[We checked your records]] and the charge is correct.",
	},
	"clean": {
		"Flu shots are free for kids under 18 at all our pharmacies this month.",
		"{~public} is why we have vaccines today; thank a scientist on {~deadline}!",
		"Heart attack signs in women can include nausea and back pain. Call 911 right away.",
		"{~staff} answers your questions about HIV testing every Friday at noon.",
		"Measles is so contagious that {~pct} of unvaccinated close contacts catch it.",
		"Feeling hopeless? {~crisis}. Help is free and confidential.",
		"Our patients and staff raised {~count} dollars for the food bank in {~year}.",
		"Sunburn on a cloudy day? UV rays pass through clouds, so wear SPF 30 or higher.",
	},
}
