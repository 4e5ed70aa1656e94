#!/usr/bin/env bash
# Python suites: the Spark jobs (spark/tests), the CloudFormation checks (cloudformation/tests) and
# the query notebook (notebooks/tests).
set -euo pipefail
cd "$(dirname "$0")/.."
suites=()
for d in spark/tests cloudformation/tests notebooks/tests; do [ -d "$d" ] && suites+=("$d"); done
exec .venv/bin/python -m pytest -q "${suites[@]}" "$@"
