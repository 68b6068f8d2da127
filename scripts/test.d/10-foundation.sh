#!/usr/bin/env bash
# Foundation: the check-versus-Hugo benchmark at a small size, so that it keeps working.
# It prints the times and their ratio; it fails only if the check or the build fails
# (timings on a shared CI machine are too noisy to gate on at this size).
set -euo pipefail
cd "$(dirname "$0")/../.."
go run ./tools/bench/checkvshugo -n 300 -runs 1
