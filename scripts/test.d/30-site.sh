#!/usr/bin/env bash
# The site's budgets at a small size: page weight, build time against a bare-bones theme,
# and the bytes a search downloads. The browser and HTML tests run in `go test ./tools/site`.
# The full-size run is `go run ./tools/bench/sitebudget` (10,000 fact-checks). The build-time
# budget is printed here but not enforced: the theme misses it (see docs/site.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
go run ./tools/bench/sitebudget -n "${FACTDESK_SITEBUDGET_N:-300}" -runs 2 -enforce page,search
