#!/usr/bin/env bash
# Installs everything factdesk's tests need on a fresh Debian machine with Go and Node,
# then runs every test: go test ./..., then each step in scripts/test.d/ in order.
# Under CI=true a missing tool is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v linkchecker >/dev/null 2>&1 || need_apt+=(linkchecker)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v shellcheck >/dev/null 2>&1 || need_apt+=(shellcheck)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi

echo "==> installing npm packages"
npm ci --no-audit --no-fund --loglevel=error

echo "==> building the pinned Hugo"
FACTDESK_HUGO="$(go tool -n hugo)"
export FACTDESK_HUGO
export FACTDESK_CHROMIUM="${FACTDESK_CHROMIUM:-$(command -v chromium || true)}"
export PATH="$PWD/node_modules/.bin:$PATH"

echo "==> go vet"
go vet ./...

echo "==> go test (with coverage: every test must also pass instrumented)"
go test -count=1 -cover -timeout 40m ./...

for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "==> $step"
  bash "$step"
done
echo "==> all tests passed"
