#!/usr/bin/env bash
# Lints every GitHub workflow with actionlint (pinned in go.mod as a Go tool), with
# shellcheck over their run: scripts, and checks that every action is pinned to a full
# commit SHA. Under CI=true a missing shellcheck is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v shellcheck >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "shellcheck is not installed; scripts/test.sh installs it" >&2
    exit 1
  fi
  echo "warning: shellcheck is not installed, so run: scripts are not linted" >&2
fi

echo "actionlint over .github/workflows/"
go tool actionlint -color=false

# Every `uses:` of an action names a 40-hex-digit commit, with its tag in a comment.
unpinned="$(grep -nE '^\s*-?\s*uses:\s' .github/workflows/*.yml | grep -vE 'uses:\s+\./|uses:\s+docker://' | grep -vE '@[0-9a-f]{40} # v[0-9]' || true)"
if [ -n "$unpinned" ]; then
  echo "actions not pinned to a full commit SHA with its tag in a comment:" >&2
  echo "$unpinned" >&2
  exit 1
fi
echo "all actions pinned to commit SHAs"
