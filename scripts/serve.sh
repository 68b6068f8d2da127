#!/usr/bin/env bash
# Serves the site with the bundled sample content on http://localhost:1313/: refreshes
# the data files factdesk generates (scripts/serve.d/), then runs Hugo's server, which writes
# the pages into .preview/public, beside `factdesk search-index --watch`, which writes the
# search index there after each build. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/serve.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
preview=.preview
mkdir -p "$preview"
go build -o "$preview/factdesk" ./tools/cmd/factdesk
"$preview/factdesk" search-index --site "$preview/public" --watch &
indexer=$!
trap 'kill "$indexer" 2>/dev/null || true; wait "$indexer" 2>/dev/null || true' EXIT
go tool hugo server --destination "$preview/public" --bind 127.0.0.1 --port "${PORT:-1313}" "$@"
