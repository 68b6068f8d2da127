#!/usr/bin/env bash
# Builds the site once and indexes it with Pagefind into static/pagefind/, so that the
# search page works under `hugo server` (which serves static/ as it is). The index is a
# build product and is not committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "==> building the search index (static/pagefind/)"
go tool hugo build --quiet --destination "$out"
rm -rf static/pagefind
node_modules/.bin/pagefind --site "$out" --output-path static/pagefind --quiet
