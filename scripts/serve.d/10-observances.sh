#!/usr/bin/env bash
# Refreshes the observance dates the site reads (data/observances_resolved.json).
set -euo pipefail
go run ./tools/cmd/factdesk observances --write
