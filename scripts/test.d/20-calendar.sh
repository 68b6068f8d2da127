#!/usr/bin/env bash
# Content calendar: the observance dates the site reads are current, and the platform
# text counters' benchmark runs at a small size (ratios against a baseline in the run).
set -euo pipefail
echo "==> observances: data/observances_resolved.json is current"
go run ./tools/cmd/factdesk observances --check
echo "==> benchmark: per-platform text counting (x-baseline = time / a plain UTF-16 pass)"
go test ./tools/social -run '^$' -bench . -benchtime 100x
