#!/usr/bin/env bash
# Publishing: lint the publishing workflow, and preview the shipped posts at a time when
# some are due (a dry run sends nothing and must exit 0 on the sample content).
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "--> actionlint .github/workflows/publish.yml"
go tool actionlint .github/workflows/publish.yml

echo "--> factdesk publish --dry-run on the shipped posts"
out="$(mktemp)"
# The site is not served here: point the page check at a closed port, so linked posts wait.
if ! FACTDESK_SITE_URL="http://127.0.0.1:9/" go run ./tools/cmd/factdesk publish --dry-run --at 2027-02-01T09:05 > "$out" 2>&1; then
  cat "$out"
  echo "factdesk publish --dry-run failed on the shipped content" >&2
  exit 1
fi
if [ -n "$(find campaigns -name '*.md' 2>/dev/null | head -1)" ] && ! grep -q "characters" "$out"; then
  cat "$out"
  echo "the dry run showed no post text with its count" >&2
  exit 1
fi
echo "publish checks passed"
