#!/usr/bin/env bash
# The whole test suite: TypeScript (type check, lint, vitest) then Python (pytest). Used by `npm test`
# and by CI (.ci/run). Installs the Python environments first when they are missing or stale.
# The vitest suite runs again on Node 22 and 24 (Node 20, the lowest `engines` allows, is EOL):
# the npm registry's `node` package provides them; LAKEDECK_TEST_NODES="" skips those runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
echo "== typecheck"
npx tsc --noEmit
echo "== lint (ESLint, Prettier, ruff)"
npm run --silent lint
echo "== build"
node scripts/build.mjs
echo "== vitest (node $(node --version))"
npx vitest run
# On 22 and 24 the files whose time goes to spark-submit runs (Spark's own work, the same on any
# Node) are left out: they ran on 20 above, and three passes of them would not fit CI's time.
spark_bound=(test/steps/local-steps.test.ts test/steps/steps-cli.test.ts test/executions/local-run.test.ts test/executions/run-cli.test.ts)
for major in ${LAKEDECK_TEST_NODES-22 24}; do
  echo "== vitest (node ${major}, without the spark-submit runs)"
  npx -y -p "node@${major}" node node_modules/vitest/vitest.mjs run $(printf -- '--exclude %s ' "${spark_bound[@]}")
done
echo "== pytest"
bash scripts/pytest.sh
