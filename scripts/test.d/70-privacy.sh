#!/usr/bin/env bash
# Privacy guard and matching benchmarks: precision and recall per identifier type on the
# held-out corpus, top-1/top-3 accuracy of `factdesk match`, each against a baseline
# measured in the same run. Each exits non-zero when it misses its targets.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "--- PHI guard, held-out set"
go run ./tools/bench/privacy -rounds 3

echo "--- PHI guard, later sets (for information: fresh, unseen and final were written after development began; see docs/privacy-and-replies.md)"
for set in fresh unseen final; do
  go run ./tools/bench/privacy -set "$set" -rounds 1 | grep -E '^(PHI guard|name|date|age|confirmation|overall|MISSED)' || true
done

echo "--- factdesk match, labelled comments"
go run ./tools/bench/match
echo "--- factdesk match, comments written after the matcher was finished (for information)"
go run ./tools/bench/match -file tools/match/testdata/phrasings-later.yaml | grep -E '^(factdesk|BM25|baseline|ranking|targets|MISSED)' || true

echo "--- the corpus on disk is what its generator writes"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp tools/privacy/testdata/corpus/*.jsonl "$tmp/"
go run ./tools/privacy/testdata/corpus >/dev/null
for f in dev.jsonl heldout.jsonl fresh.jsonl unseen.jsonl final.jsonl; do
  if ! cmp -s "$tmp/$f" "tools/privacy/testdata/corpus/$f"; then
    cp "$tmp/$f" "tools/privacy/testdata/corpus/$f"
    echo "tools/privacy/testdata/corpus/$f is out of date: run go run ./tools/privacy/testdata/corpus and commit it" >&2
    exit 1
  fi
done
