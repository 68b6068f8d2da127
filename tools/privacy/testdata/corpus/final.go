package main

// finalTemplates were written after the last change to the guard, in the voice of staff
// answering reviews and of neighbourhood groups, and are measured once (final.jsonl).
var finalTemplates = map[string][]string{
	"name": {
		"Hi all, {NAME} from our street had a stroke on Sunday and is at Mercy General, meals welcome.",
		"Replying to the review: {NAME}, our charge nurse looked into your father's fall in the unit.",
		"Brave {NAME} got through her spinal fusion and is walking the halls already.",
		"Our thoughts are with {NAME}, who is still on the ventilator after the accident.",
	},
	"date": {
		"Dear <<name:Ms. Rivera-Cole>>, [[your procedure on]] {DATE} was billed correctly.",
		"Neighbor's kid had emergency appendix surgery {DATE}, anyone have a spare crib?",
		"Date of service {DATE}, claim still pending with my insurer.",
		"Was in labor from {DATE} and the epidural never worked.",
	},
	"age": {
		"<<name:Mrs. Castillo>>, {AGE}, was transported to the ER after a fall at church.",
		"Our oldest flu shot recipient this fall was a lively {AGE}-year-old!",
		"She's {AGE} and they want to operate, is that safe?",
		"Proud grandson here: Nana is {AGE} and finished physical therapy today.",
	},
	"phone": {
		"Text me at {PHONE} if you hear anything about Dad's room change.",
		"The nurse line told me to call {PHONE} but it goes to voicemail.",
	},
	"email": {
		"Our nurse manager will reach out from {EMAIL} about your concerns.",
		"I put {EMAIL} on the intake sheet, please use that.",
	},
	"address": {
		"Prayers for the family at {ADDRESS}, the ambulance was there all night.",
		"Meal train drop-off is {ADDRESS}, she's home from chemo on Friday.",
		"The visiting nurse goes to {ADDRESS} every Monday for his wound care.",
		"Return the loaner wheelchair to {ADDRESS}.",
	},
	"zip": {
		"Mobile mammography van will stop in my zip {ZIP}? I can't get to the hospital.",
		"We live near Boise, ID {ZIP} and my son needs an allergist.",
	},
	"ssn": {
		"Please don't ask for SSN {SSN} in chat again.",
		"the financial counselor wrote my ssn as {SSN} on the form",
	},
	"mrn": {
		"Per your request, MRN {MRN} has been merged with the duplicate chart.",
		"The wristband says {MRN} under MRN, is that the right one?",
		"Medical record #{MRN} lists the wrong pharmacy.",
		"Please reference patient number {MRN} when you call.",
	},
	"plan": {
		"Her Medicaid ID {PLAN} was entered wrong at registration.",
		"Medicare number {MBI} is on the red white and blue card.",
	},
	"account": {
		"Your guarantor account {ACCOUNT} now has a zero balance.",
		"Payment declined on card {CARD}, please call us.",
	},
	"licence": {
		"The prescriber's DEA registration {DEA} was entered on the controlled-substance form.",
		"My provider's NPI is {NPI}.",
	},
	"device": {
		"Pump serial {SERIAL} was replaced under warranty.",
		"Her cochlear implant serial number is {SERIAL}.",
		"Glucose sensor SN {SERIAL} fell off after one day.",
		"Reference device ID {UDI} in the recall notice.",
	},
	"url": {
		"Her recovery blog with photos from the ICU: {URL}",
		"Support my brother through chemo {URL}",
		"Follow my dad's rehab progress at {URL}",
		"The patient's profile is {URL}, she tagged us.",
	},
	"ip": {
		"Security note: your account was accessed from {IP}.",
		"We blocked {IP} after repeated failed logins to your portal.",
	},
	"confirmation": {
		"Hello, [[thank you for your patience during your]] stay with us last month.",
		"[[We can see you were here]] on Tuesday; let's talk by phone.",
		"[[Our notes show]] the nurse gave you discharge instructions.",
		"I'm sorry, [[when you came in]] we were short-staffed.",
	},
	"clean": {
		"Flu clinic Saturday at the community center, 9 to noon, no appointment needed.",
		"{~staff} explains the difference between a cold and the flu.",
		"Measles spreads through the air; 2 doses of MMR are about {~pct} effective.",
		"Need to talk? {~crisis}.",
	},
}
