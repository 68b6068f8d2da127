package privacy

import (
	"regexp"

	"github.com/factdesk/factdesk/tools/privacy/internal/fastre"
)

var (
	zipPattern = fastre.Compile(`\b\d{5}(?:-\d{4})?\b`).WithQuick(func(str string, s int) bool {
		n, _ := fastre.DigitRun(str, s) // five digits exactly
		return n == 5
	})
	// A state before the ZIP: a two-letter postal code or a state's name, then a comma or space.
	zipState   = regexp.MustCompile(`(?:\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)|(?i:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming))\.?,?\s+$`)
	zipContext = words(`zip`, `zip code`, `zipcode`, `postal code`, `postcode`, `código postal`, `live in`, `lives in`, `living in`, `lived in`, `area`, `from`, `in`, `near`, `vivo en`, `vive en`, `(?:come|comes|coming|go|drive|drives|moved|move|deliver|delivers|service|serve|serves) to`)
	zipNotZIP  = regexp.MustCompile(`^\s*(?:%|percent|people|persons|cases|deaths|children|adults|kids|steps|doses|shots|calories|mg|mcg|units|patients|americans|residents|babies|women|men|new|more|times|years|hours|views|likes|followers|miles|km|dollars|usd)\b`)
)

// findZIPs finds five-digit ZIP codes and ZIP+4 codes. Five digits alone are too common
// to report; they need a state before them or a word such as "ZIP" or "live in".
func findZIPs(s *scan) {
	for _, m := range zipPattern.FindAll(s.ti) {
		start, end := m[0], m[1]
		if start > 0 && (s.text[start-1] == '$' || s.text[start-1] == ',' || s.text[start-1] == '.' || s.text[start-1] == '-' || s.text[start-1] == '#' || s.text[start-1] == '/') {
			continue
		}
		if end < len(s.text) && (s.text[end] == ',' && end+1 < len(s.text) && s.text[end+1] >= '0' && s.text[end+1] <= '9') {
			continue
		}
		if zipNotZIP.MatchString(s.after(end, 20)) {
			continue
		}
		var score float64
		switch {
		case end-start == 10:
			score = 0.9
		case zipState.MatchString(s.text[max(0, start-20):start]):
			score = 0.9
		case has(zipContext, s.before(start, 25)):
			score = 0.8
		default:
			continue
		}
		s.add(ZIP, start, end, score)
	}
}
