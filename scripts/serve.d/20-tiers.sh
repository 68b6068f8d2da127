#!/usr/bin/env bash
# Refreshes the evidence tier of every citation that the site shows (data/citation_tiers.json).
set -euo pipefail
go run ./tools/cmd/factdesk tiers --write
