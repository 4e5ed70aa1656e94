#!/usr/bin/env bash
# The whole test suite: TypeScript (type check, vitest) then Python (pytest). Used by `npm test`
# and by CI (.ci/run). Installs the Python environments first when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
echo "== typecheck"
npx tsc --noEmit
echo "== build"
node scripts/build.mjs
echo "== vitest"
npx vitest run
echo "== pytest"
bash scripts/pytest.sh
