#!/usr/bin/env bash
# Puts the reply templates on the site when privacy.publish_replies is true in
# factdesk.yaml (content/replies.md, content/replies.es.md), and removes those pages
# when it is false.
set -euo pipefail
go run ./tools/cmd/factdesk reply --publish
