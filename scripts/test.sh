#!/usr/bin/env bash
# The whole test suite: TypeScript (type check, vitest) then Python (pytest). Used by `npm test`
# and by CI (.ci/run). Installs the Python environments first when they are missing or stale.
# The vitest suite runs again on Node 22 and 24 (Node 20, the lowest `engines` allows, is EOL):
# the npm registry's `node` package provides them; LAKEDECK_TEST_NODES="" skips those runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
echo "== typecheck"
npx tsc --noEmit
echo "== build"
node scripts/build.mjs
echo "== vitest (node $(node --version))"
npx vitest run
for major in ${LAKEDECK_TEST_NODES-22 24}; do
  echo "== vitest (node ${major})"
  npx -y -p "node@${major}" node node_modules/vitest/vitest.mjs run
done
echo "== pytest"
bash scripts/pytest.sh
