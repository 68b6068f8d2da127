package main

// unseenTemplates were written last, after every change to the guard, and measured
// once (unseen.jsonl). They are never used for development.
var unseenTemplates = map[string][]string{
	"name": {
		"Update from the family: {NAME} came out of surgery fine and is resting in recovery.",
		"We lost {NAME} on the oncology floor last night. Thank you to every nurse who cared for her.",
		"Please keep {NAME} in your prayers, they moved him to intensive care.",
		"Caption: {NAME} ringing the bell after her final chemo session!",
	},
	"date": {
		"Admission date {DATE}, still waiting for the itemized bill.",
		"Her C-section was scheduled for {DATE} and then cancelled without a call.",
		"I was diagnosed {DATE} and started treatment the week after.",
		"Fecha de la cirugía: {DATE}. Nadie me ha llamado.",
	},
	"age": {
		"Centenarian alert: she is {AGE} and just left our cardiac rehab program.",
		"Patient is a {AGE}-year-old woman with a history of falls.",
		"My father, {AGE} years old, waited nine hours in your emergency department.",
		"Mi papá tiene {AGE} años y lo dieron de alta sin medicinas.",
	},
	"phone": {
		"Nobody answers at the clinic. My number: {PHONE}.",
		"Please have the nurse call {PHONE} about my wife's test.",
		"Cell {PHONE} (text only, I'm at work)",
		"Llámeme al {PHONE} por favor, es sobre mi mamá.",
	},
	"email": {
		"Send the school form to {EMAIL}, my son has asthma.",
		"Contact me privately: {EMAIL}",
		"Please remove {EMAIL} from the patient newsletter.",
		"Envíen los resultados a {EMAIL}.",
	},
	"address": {
		"The home health aide never showed up at {ADDRESS}.",
		"My mother's new address is {ADDRESS}, please update her chart.",
		"Pick-up for dialysis transport is {ADDRESS}.",
		"Mi dirección es {ADDRESS}.",
	},
	"zip": {
		"Do you have a COVID testing site near zip {ZIP}?",
		"We're in Tucson, AZ {ZIP} and need a pediatric dentist.",
		"billing zip {ZIP4} does not match my card",
		"Vivo en el código postal {ZIP}, ¿hay clínica cerca?",
	},
	"ssn": {
		"Why does the portal show my SSN {SSN} in full?",
		"Last year they used {SSN} on my husband's claim by mistake, that's MY social.",
		"SSN for the financial aid form is {SSN}.",
		"My social is {SSNPLAIN}, please verify my identity.",
	},
	"mrn": {
		"Could someone look into MRN {MRN}? The lab order is missing.",
		"The medical record number {MRN} belongs to my mother, not me.",
		"patient ID # {MRN} shows the wrong doctor",
		"mi número de expediente es {MRN}",
	},
	"plan": {
		"Insurance member number {PLAN}, please resubmit.",
		"Medicare beneficiary identifier {MBI} was typed wrong on the claim.",
		"Subscriber # {PLAN} for my daughter.",
		"Policy number {PLAN} was active on the date of service.",
	},
	"account": {
		"Account number {ACCOUNT}: please set up a payment plan.",
		"Refund my card ending in {ACCOUNT}, I was double billed.",
		"The charge to {CARD} was for a visit I never had.",
		"Statement # {ACCOUNT} says I owe $400.",
	},
	"licence": {
		"The prescription shows DEA {DEA} but the pharmacy says it's not valid.",
		"Dr. Okoro's NPI {NPI} is missing from the referral.",
		"Nursing license number {LICENCE}, for the credentialing file.",
		"A car with plate {PLATE} has been parked in the handicap spot all week.",
	},
	"device": {
		"Insulin pump serial no. {SERIAL} stopped delivering overnight.",
		"My son's hearing aid, serial {SERIAL}, was lost in the waiting room.",
		"The UDI on my knee implant card is {UDI}.",
		"Pacemaker ID {SERIAL}, the remote monitor won't pair.",
	},
	"url": {
		"This is my mom's CaringBridge-style page, please share: {URL}",
		"Patient story (with her permission?): {URL}",
		"He posted about his heart attack here {URL}",
		"Our GoFundMe for my husband's transplant: {URL}",
	},
	"ip": {
		"Your portal logged my IP {IP} and then locked me out.",
		"The access log showed {IP} opening my chart.",
		"Request came from IP address {IPV6}.",
		"My home IP is {IP}, can you whitelist it for telehealth?",
	},
	"confirmation": {
		"Dear reviewer, [[we're sorry your recent visit]] did not meet expectations.",
		"[[Since you were seen]] by our urgent care, please follow up with your primary doctor.",
		"[[Your appointment with Dr]]. Okafor has been moved to next week.",
		"[[We remember you]] and your little one from the pediatric ward!",
	},
	"clean": {
		"Shingles can be prevented with two doses of vaccine for adults 50 and older.",
		"{~public}'s work still saves lives; read how vaccines are tested before approval.",
		"Questions about cost? Email {~orgemail}.",
		"Suicide and crisis support: {~crisis}.",
		"Patients often ask whether antibiotics help a cold. They don't; colds are viral.",
		"In {~year}, about {~count} people got the flu shot at our drive-thru clinic.",
		"{~staff} shares five ways to lower your blood pressure.",
		"Nearly {~pct} of skin cancers are linked to UV exposure.",
	},
}
