#!/usr/bin/env bash
# Builds the public site into public/ as it is deployed: refreshes the data files factdesk
# generates (scripts/serve.d/), builds with Hugo (warnings are errors), then writes the search
# index with `factdesk search-index`. Every workflow that builds the site runs this, so no
# deployed site lacks its search index. Extra arguments go to `hugo build`, e.g.
#   bash scripts/build-site.sh --minify --baseURL https://factcheck.example.org/
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/serve.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
go tool hugo build --panicOnWarning --printPathWarnings --cleanDestinationDir -d public "$@"
go run ./tools/cmd/factdesk search-index --site public
