package fakeplatform

import "time"

// Mastodon entities as the fake returns them, with every field the API documentation
// marks as required (https://docs.joinmastodon.org/entities/Account/,
// https://docs.joinmastodon.org/entities/Status/,
// https://docs.joinmastodon.org/entities/MediaAttachment/); tests check them against
// the Mastodon OpenAPI description.

const mastodonHost = "https://mastodon.example"

var mastodonCreated = time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

func mastodonAccount() map[string]any {
	return map[string]any{
		"id": "109000000000000001", "username": "riverside", "acct": "riverside", "display_name": "Riverside Community Health",
		"locked": false, "bot": false, "group": false, "indexable": true, "created_at": mastodonCreated,
		"note": "<p>Health facts, checked by clinicians.</p>", "uri": mastodonHost + "/users/riverside",
		"avatar": mastodonHost + "/avatars/original/missing.png", "avatar_static": mastodonHost + "/avatars/original/missing.png",
		"header": mastodonHost + "/headers/original/missing.png", "header_static": mastodonHost + "/headers/original/missing.png",
		"followers_count": 120, "following_count": 10, "statuses_count": 42, "emojis": []any{}, "fields": []any{},
	}
}

func mastodonCredentialAccount() map[string]any {
	a := mastodonAccount()
	a["source"] = map[string]any{"privacy": "public", "sensitive": false, "language": "en", "note": "Health facts, checked by clinicians.", "fields": []any{}, "follow_requests_count": 0, "indexable": true}
	a["role"] = map[string]any{"id": "-99", "name": "", "color": "", "permissions": "0", "highlighted": false}
	return a
}

func mastodonStatus(id, text string, media []map[string]any) map[string]any {
	if media == nil {
		media = []map[string]any{}
	}
	return map[string]any{
		"id": id, "uri": mastodonHost + "/users/riverside/statuses/" + id, "url": mastodonHost + "/@riverside/" + id,
		"created_at": time.Now().UTC().Format(time.RFC3339), "account": mastodonAccount(), "content": "<p>" + text + "</p>",
		"visibility": "public", "sensitive": false, "spoiler_text": "", "media_attachments": media, "mentions": []any{}, "tags": []any{},
		"emojis": []any{}, "reblogs_count": 0, "favourites_count": 0, "replies_count": 0,
	}
}

func mastodonMedia(id, description string) map[string]any {
	return map[string]any{"id": id, "type": "image", "url": mastodonHost + "/media/" + id + ".png", "preview_url": mastodonHost + "/media/" + id + "-small.png", "description": description}
}
