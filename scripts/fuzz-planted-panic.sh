#!/usr/bin/env bash
# Shows that the fuzzer catches a rule that panics: runs `go test -fuzz FuzzCheck` with a
# planted rule (an assignment to an entry in a nil map, FACTDESK_FUZZ_PLANT=nil-map in
# tools/check/fuzz_test.go) and expects it to fail, naming the rule, within a minute.
# Users still see such a panic as a polite internal-error finding; the fuzz harness
# hears of it through Options.Panicked. Prints the seconds the fuzzer took, and the
# seconds with the build.
#
#	scripts/fuzz-planted-panic.sh
set -euo pipefail
cd "$(dirname "$0")/.."

limit=60
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s.%N)
if FACTDESK_FUZZ_PLANT=nil-map go test ./tools/check -run '^$' -fuzz '^FuzzCheck$' -fuzztime "${limit}s" -parallel 1 >"$out" 2>&1; then
  echo "FAIL: go test -fuzz FuzzCheck passed with a planted panicking rule" >&2
  tail -20 "$out" >&2
  exit 1
fi
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
if ! grep -q 'rule planted panicked' "$out"; then
  echo "FAIL: go test -fuzz FuzzCheck failed, but not on the planted rule:" >&2
  tail -20 "$out" >&2
  exit 1
fi
# The fuzzer keeps the failing input under testdata/fuzz; it belongs to the plant, not
# to the seeds.
git status --porcelain tools/check/testdata/fuzz/FuzzCheck | awk '$1 == "??" {print $2}' | xargs -r rm -rf
# The fuzzer's own time, from its "--- FAIL: FuzzCheck (1.50s)"; the rest is the build.
fuzzed=$(grep -m1 -oE -- '--- FAIL: FuzzCheck \(([0-9.]+)s\)' "$out" | grep -oE '[0-9.]+')
printf 'go test -fuzz FuzzCheck failed on the planted panic after %s s of fuzzing (%.1f s with the build; limit %d s)\n' "$fuzzed" "$elapsed" "$limit"
if (( $(echo "$fuzzed > $limit" | bc) )); then
  echo "FAIL: the fuzzer took longer than ${limit} s" >&2
  exit 1
fi
