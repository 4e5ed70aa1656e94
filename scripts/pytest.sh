#!/usr/bin/env bash
# Python suites: the Spark jobs (spark/tests) and the CloudFormation checks (cloudformation/tests).
set -euo pipefail
cd "$(dirname "$0")/.."
suites=()
for d in spark/tests cloudformation/tests; do [ -d "$d" ] && suites+=("$d"); done
exec .venv/bin/python -m pytest -q "${suites[@]}" "$@"
