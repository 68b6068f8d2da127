package publish

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Account problems: failures that no retry and no other post can fix, because the
// account itself cannot post (no credits, a retired API version, an expired or revoked
// token, a missing permission). The account pauses until a person fixes the cause and
// runs `factdesk accounts resume ACCOUNT`; the other accounts go on.

// Kinds of account problem.
const (
	ProblemCredits     = "credits"
	ProblemVersion     = "api-version"
	ProblemToken       = "token"
	ProblemPermissions = "permissions"
)

// accountProblem classifies an error answer that says the account cannot post at all,
// and returns its kind and the fix in words; kind is "" for any other answer.
func (a *api) accountProblem(resp *http.Response, body []byte) (kind, fix string) {
	status := resp.StatusCode
	graph := graphErrorCode(body)
	switch {
	case status == http.StatusPaymentRequired:
		return ProblemCredits, a.platform + " refused the post because the developer account has no credits left (402 Payment Required): X charges per post since 6 February 2026. " +
			"Add credits (or raise the spending limit) in the X developer console, https://console.x.com, under Billing"
	case status == http.StatusUpgradeRequired:
		return ProblemVersion, fmt.Sprintf("%s no longer serves the API version this account asks for (426 Upgrade Required, LinkedIn-Version %s). "+
			"Set options.version of this account in factdesk.yaml to a version LinkedIn lists as active (https://learn.microsoft.com/en-us/linkedin/marketing/versioning)",
			a.platform, resp.Request.Header.Get("Linkedin-Version"))
	case graph.code == 190 || status == http.StatusUnauthorized:
		why := "the access token has expired or was revoked"
		switch graph.subcode {
		case 463:
			why = "the access token has expired"
		case 458, 460, 467:
			why = "the access token was revoked (the app was removed, the password changed or the person logged out)"
		}
		return ProblemToken, fmt.Sprintf("%s refused the credentials (%d)%s; %s. Create a new token (docs/publishing.md says how for %s), "+
			"then store it with the commands `factdesk accounts refresh ACCOUNT` prints", a.platform, status, excerpt(body), why, a.platform)
	case graph.code == 10 || (graph.code >= 200 && graph.code <= 299) || status == http.StatusForbidden:
		return ProblemPermissions, fmt.Sprintf("%s says the token lacks a permission this account needs (%d)%s. Grant the permissions docs/publishing.md lists for %s "+
			"(for LinkedIn pages: the Community Management API and w_organization_social), then create a new token", a.platform, status, excerpt(body), a.platform)
	}
	return "", ""
}

type graphCode struct{ code, subcode int }

// graphErrorCode reads the error code of a Meta Graph API error body
// (https://developers.facebook.com/docs/graph-api/guides/error-handling).
func graphErrorCode(body []byte) graphCode {
	var e struct {
		Error struct {
			Code    int `json:"code"`
			Subcode int `json:"error_subcode"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return graphCode{}
	}
	return graphCode{e.Error.Code, e.Error.Subcode}
}

// AccountProblem returns the kind of account problem err is, or "".
func AccountProblem(err error) string {
	if err == nil {
		return ""
	}
	return AsCallError(err).Account
}

// resumeHint is the sentence that ends every account problem.
func resumeHint(account string) string {
	return "; once fixed, run `factdesk accounts resume " + account + "` (or remove the account from \"paused\" in the ledger) and the next run sends what waited"
}
