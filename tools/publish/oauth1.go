package publish

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// OAuth1 holds OAuth 1.0a user-context credentials (X's "API key", "API key secret",
// "access token" and "access token secret"). Unlike OAuth 2.0 user tokens they do not
// expire, which suits a scheduled workflow.
//
// Spec: RFC 5849 §3.4.1 (signature base string) and §3.4.2 (HMAC-SHA1).
type OAuth1 struct {
	ConsumerKey, ConsumerSecret, Token, TokenSecret string
	// Nonce and Now are replaced in tests.
	Nonce func() string
	Now   func() time.Time
}

// percent encodes s as RFC 3986 requires for OAuth: everything but A-Z a-z 0-9 - . _ ~.
func percent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}

// Signature returns the HMAC-SHA1 signature of a request to rawURL with params (query and
// form parameters plus the oauth_ ones; a JSON body is not signed).
func (o *OAuth1) Signature(method, rawURL string, params url.Values) string {
	u, _ := url.Parse(rawURL)
	base := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + u.EscapedPath()
	all := url.Values{}
	for k, vs := range u.Query() {
		all[k] = append(all[k], vs...)
	}
	for k, vs := range params {
		all[k] = append(all[k], vs...)
	}
	var pairs []string
	for k, vs := range all {
		for _, v := range vs {
			pairs = append(pairs, percent(k)+"="+percent(v))
		}
	}
	sort.Strings(pairs)
	text := strings.ToUpper(method) + "&" + percent(base) + "&" + percent(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(percent(o.ConsumerSecret)+"&"+percent(o.TokenSecret)))
	mac.Write([]byte(text))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Header returns the Authorization header for a request with no signed body parameters.
func (o *OAuth1) Header(method, rawURL string) string {
	nonce := ""
	if o.Nonce != nil {
		nonce = o.Nonce()
	} else {
		var b [16]byte
		_, _ = rand.Read(b[:])
		nonce = hex.EncodeToString(b[:])
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	p := url.Values{
		"oauth_consumer_key":     {o.ConsumerKey},
		"oauth_nonce":            {nonce},
		"oauth_signature_method": {"HMAC-SHA1"},
		"oauth_timestamp":        {strconv.FormatInt(now().Unix(), 10)},
		"oauth_token":            {o.Token},
		"oauth_version":          {"1.0"},
	}
	p.Set("oauth_signature", o.Signature(method, rawURL, p))
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = percent(k) + `="` + percent(p.Get(k)) + `"`
	}
	return "OAuth " + strings.Join(parts, ", ")
}
