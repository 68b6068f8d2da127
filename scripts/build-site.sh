#!/usr/bin/env bash
# Builds the public site into public/ as it is deployed: takes the ledger of published posts
# from its branch (factdesk ledger export; the deploying workflows set
# FACTDESK_LEDGER_REQUIRED=true so that a site never deploys without it), refreshes the data
# files factdesk generates (scripts/serve.d/), builds with Hugo (warnings are errors), then writes the search
# index with `factdesk search-index`. Every workflow that builds the site runs this, so no
# deployed site lacks its search index. Extra arguments go to `hugo build`, e.g.
#   bash scripts/build-site.sh --minify --baseURL https://factcheck.example.org/
set -euo pipefail
cd "$(dirname "$0")/.."
if ! go run ./tools/cmd/factdesk ledger export; then
  if [ "${FACTDESK_LEDGER_REQUIRED:-}" = true ]; then
    echo "the ledger could not be read from its branch; the site is not built without it" >&2
    exit 1
  fi
  echo "warning: the ledger could not be read from its branch; building with data/ledger.json as it is" >&2
fi
for step in scripts/serve.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
go tool hugo build --panicOnWarning --printPathWarnings --cleanDestinationDir -d public "$@"
go run ./tools/cmd/factdesk search-index --site public
