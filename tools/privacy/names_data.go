package privacy

import "strings"

// firstNames are common given names in the United States (English and Spanish), lower
// case. Names that are also ordinary words (May, Will, Hope, June) are left out.
var firstNames = setOf(`
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander patrick
raymond dennis jerry tyler aaron henry adam douglas nathan peter zachary kyle walter harold jeremy ethan
carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe bryan billy jordan albert
dylan bruce willie gabriel alan juan logan wayne ralph roy eugene randy vincent russell louis philip bobby
johnny bradley liam oliver elijah lucas mason logan aiden jackson sebastian mateo levi owen wyatt luke
isaac leo julian hudson grayson ezra theodore jaxon miles asher caleb nolan hunter elias connor jeremiah
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra
ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly
lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara
madison frances kathryn janice jean abigail alice judy sophia denise amber doris marilyn danielle beverly
isabella theresa diana natalie brittany charlotte marie kayla alexis lori ava mia harper amelia ella
chloe zoe lily aria scarlett layla nora riley aubrey ellie stella hazel violet aurora savannah audrey
brooklyn bella claire skylar lucy paisley everly caroline nova genesis emilia kennedy maya willow kinsley
naomi aaliyah elena ariana allison gabriella madelyn cora ruby eva serenity autumn adeline hailey gianna
valentina isla eliana quinn nevaeh ivy sadie piper lydia alexa josephine emery julia delilah arianna vivian
kaylee sophie brielle madeline peyton rylee clara hadley melanie mackenzie reagan adalynn liliana aubree
jade katherine isabelle natalia raelynn athena ximena arya leilani taylor faith rose kylie alexandra mary
josé jose luis carlos jorge miguel pedro alejandro manuel francisco javier fernando ricardo eduardo rafael
roberto mario diego sergio andrés andres raúl raul enrique héctor hector arturo alberto óscar oscar rubén
ruben guillermo ramón ramon alfredo julio cesar césar víctor victor pablo emilio santiago joaquín joaquin
maría guadalupe rosa carmen ana josefina juana margarita verónica veronica leticia gabriela alejandra
elena adriana patricia sofía sofia camila valeria lucía lucia daniela fernanda paola mariana isabel
beatriz silvia claudia yolanda lourdes dolores consuelo esperanza marisol rocío rocio luz pilar inés ines
priya ravi arjun anil sunita deepak raj amit neha pooja wei li ming mei jun hiroshi yuki kenji aiko
mohammed muhammad ahmed ali omar fatima aisha hassan ibrahim yusuf layla amina kwame kofi ama chinedu ngozi
tiana jamal darnell keisha latoya tyrone deshawn imani malik aaliyah jada
tom tommy mike mikey jim jimmy bob bobby dave steve chris matt nick alex sam ben dan danny tony rick ricky
kate katie liz beth jen jenny jess jessie becky meg maggie abby annie ally ellie gabby mandy sandy cindy
fred greg jeff jon josh ken larry pete phil ron ted tim vince zach andy drew eddie frankie charlie
pepe paco lupe chuy memo nacho lalo toño
`)

// surnames are common family names in the United States, lower case. A capitalised word
// from this list after an unknown given name makes the pair a likely name.
var surnames = setOf(`
smith johnson williams jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson
anderson thomas taylor moore jackson martin lee perez thompson harris sanchez clark ramirez lewis
robinson walker allen wright scott torres nguyen flores adams nelson baker hall rivera campbell
mitchell roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris
morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim
cox ward richardson watson brooks chavez james bennett mendoza ruiz hughes alvarez castillo sanders
patel myers ross foster jimenez powell jenkins perry russell sullivan coleman butler henderson
barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds
griffin wallace moreno hayes bryant herrera gibson ellis tran medina aguilar stevens murray castro
marshall owens harrison fernandez mcdonald washington kennedy wells vargas henry chen freeman webb
tucker guzman burns crawford olson simpson porter gordon mendez silva shaw snyder dixon munoz hicks
holmes palmer wagner robertson boyd salazar warren mills meyer schmidt garza daniels ferguson
nichols stephens soto weaver ryan gardner payne dunn kelley spencer hawkins arnold pierce vazquez
hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll riley
andrews alvarado delgado berry perkins hoffman johnston matthews pena richards contreras willis
carpenter lawrence sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler
valdez harper burke larson santiago maldonado morrison franklin carlson austin dominguez carr lawson
jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims
espinoza howell li wong reid hanson le mccoy garrett burton fuller wang weber welch rojas lucas
marquez yang padilla walsh bowman schultz luna fowler mejia davidson acosta brewer holland juarez
newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade
molina stanley hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala
frazier neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts
duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry leon benson
haynes horton lyons pham graves thornton wolfe warner cabrera mckinney zimmerman dawson lara
fletcher mccarthy robles cervantes solis erickson reeves chang klein salinas fuentes baldwin daniel
simon velasquez higgins aguirre lin cummings chandler barber bowen ochoa dennis robbins liu ramsey
francis griffith paul blair oconnor cardenas pacheco calderon quinn swanson chan rivas khan rodgers
serrano fitzgerald rosales stevenson christensen manning gill curry mclaughlin harmon mcgee doyle
garner newton burgess reese walton blake trujillo adkins brady goodman roman webster goodwin fischer
huang potter delacruz montoya todd wu hines mullins castaneda malone cannon sherman hubbard hodges
zhang guerra valencia saunders franco rowe gallagher farmer hammond hampton townsend ingram gallegos
clarke barton schroeder maxwell logan camacho strickland norman colon parsons harrington glover
osborne buchanan casey floyd patton ibarra tyler suarez bowers orozco salas cobb gibbs andrade bauer
conner moody escobar mcguire lloyd mueller hartman kramer mcbride
`)

// publicFigures are people whose names appear in health copy as history or public
// record, not as patients.
var publicFigures = []string{
	"Jonas Salk", "Albert Sabin", "Edward Jenner", "Louis Pasteur", "Alexander Fleming", "Florence Nightingale",
	"Robert Koch", "Marie Curie", "Ignaz Semmelweis", "Virginia Apgar", "Elizabeth Blackwell", "Clara Barton",
	"Mary Seacole", "Paul Offit", "Anthony Fauci", "Rochelle Walensky", "Vivek Murthy", "C. Everett Koop",
	"Tedros Adhanom Ghebreyesus", "Andrew Wakefield", "Maurice Hilleman", "Frances Kelsey", "Rachel Carson",
	"Henrietta Lacks", "Charles Drew", "Rebecca Lee Crumpler", "Hippocrates", "John Snow", "Joseph Lister",
	"Ryan White", "Magic Johnson", "Rock Hudson", "Katalin Karikó", "Drew Weissman", "Barbara McClintock",
	"Jane Goodall", "Carl Sagan", "Benjamin Franklin", "Abraham Lincoln", "Martin Luther King", "Barack Obama",
	"Joe Biden", "Donald Trump", "Lyndon Johnson", "Franklin Roosevelt", "Eleanor Roosevelt", "Betty Ford",
	"Walter Reed", "Helen Keller", "Dorothea Dix", "Charles Mayo", "William Mayo", "Ana Lima", "James Okafor",
	"Mei Chen", "Rosa Martinez", "Priya Nair", "Hana Sato", "Leo Grant", "Sam Rivera",
}

// notNames are capitalised words that often stand where a name could: pronouns,
// articles, days, months, and the vocabulary of health organisations.
var notNames = setOf(`
the a an our your my his her their this that these those we you he she they it i if when while after before
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december hospital clinic center centre health medical
care er icu emergency department community county city state public vaccine vaccines flu covid measles
mmr hiv aids cdc who fda nih aap acog dr doctor nurse patient patients please thanks thank hi hello dear
get well soon sorry happy great good new all every some no yes not and or but so also just here there
riverside team staff family friends people folks everyone anyone someone mom dad grandma grandpa baby
god jesus lord heaven covid-19 sars-cov-2 rsv hpv tdap medicare medicaid insurance pharmacy urgent
him them us me mine yours hers ours hola gracias el la los las un una mi su nuestro nuestra
day days week month year national world awareness memorial international global american heart skin
cancer wear red fry don't sun safety flu shot vaccine spanish english black history pride
street st avenue ave road rd lane ln drive dr court ct way place pl boulevard blvd terrace circle parkway
highway hwy trail square creek park general memorial
`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
