#!/usr/bin/env bash
# Citations benchmark at CI size: factdesk check --online over a loopback corpus of about
# 2,000 citations on 100 hosts, with linkinator and linkchecker over the same links.
# Fails on a false "dead" verdict, a warm re-run slower than 0.05x the cold one, or a cold
# run slower than 1.5x the politeness floor (the full-size target, 1.2x, is for
# `go run ./tools/bench/citations`; shared CI machines are noisier at small sizes).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"
out="$(mktemp)"
go run ./tools/bench/citations -small | tee "$out"
awk '
  /^factdesk cold:/ { for (i = 1; i <= NF; i++) { if ($i == "=") ratio = $(i+1); if ($i == "dead:" && $(i-1) == "false") fd = $(i+1) } }
  /^factdesk warm:/ { for (i = 1; i <= NF; i++) if ($i == "=") warm = $(i+1) }
  END {
    sub(/x$/, "", ratio); sub(/x$/, "", warm)
    if (ratio == "" || warm == "" || fd == "") { print "could not read the benchmark figures"; exit 1 }
    if (fd + 0 > 0) { print "false dead verdicts: " fd; exit 1 }
    if (warm + 0 > 0.05) { print "warm re-run " warm "x the cold run, target <= 0.05x"; exit 1 }
    if (ratio + 0 > 1.5) { print "cold run " ratio "x the politeness floor"; exit 1 }
  }' "$out"
rm -f "$out"
