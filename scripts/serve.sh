#!/usr/bin/env bash
# Serves the site with the bundled sample content on http://localhost:1313/: refreshes
# the data files factdesk generates (scripts/serve.d/), then starts Hugo's server, which
# also writes the search index.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/serve.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
exec go tool hugo server --bind 127.0.0.1 --port "${PORT:-1313}" "$@"
