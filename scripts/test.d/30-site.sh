#!/usr/bin/env bash
# The site as the workflows deploy it (scripts/build-site.sh, with its search index), then its
# budgets at a small size: page weight and the bytes a search downloads. The browser and HTML
# tests run in `go test ./tools/testonly/site`. The build cost against PaperMod is a benchmark outside
# CI: `go run ./tools/bench/sitebudget` (see docs/site.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "==> scripts/build-site.sh: the site as the workflows deploy it, with its search index"
bash scripts/build-site.sh --quiet
[ -d public/search/en ] && [ -d public/search/es ] && [ ! -e public/search/docs.json ] || { echo "scripts/build-site.sh left public/ without its search index" >&2; exit 1; }
go run ./tools/bench/sitebudget -n "${FACTDESK_SITEBUDGET_N:-300}" -budgets page,search
