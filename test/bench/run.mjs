// `npm run bench`: every benchmark in turn, each printing its figures next to its target.
// LAKEDECK_BENCH selects some (comma-separated names of the benches below); all by default.
// LAKEDECK_BENCH_STEPS_RUNS sets the pairs of ETL runs of the steps bench (default 1).
// LAKEDECK_BENCH_RUN_RUNS sets the pairs of the run bench (`lakedeck run` against its parts by hand; default 1).
// LAKEDECK_BENCH_ETL_ROWS sets the Spark ETL sizes (default "1000000").
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function sparkBench() {
  const lines = [];
  for (const rows of (process.env.LAKEDECK_BENCH_ETL_ROWS ?? '1000000').split(',')) {
    const result = spawnSync(path.join(root, '.venv/bin/python'), [path.join(root, 'spark/bench/etl_bench.py'), '--rows', rows.trim()], {
      encoding: 'utf8',
      cwd: root,
    });
    if (result.status !== 0) throw new Error(`spark/bench/etl_bench.py failed:\n${result.stderr}`);
    lines.push(...result.stdout.trim().split('\n'));
  }
  return lines;
}

const benches = {
  ui: async () => (await import('./ui-bench.mjs')).runUiBench(),
  user: async () => (await import('./user-bench.mjs')).runUserBench(),
  frames: async () => (await import('./pty-bytes-bench.mjs')).runPtyBytesBench(),
  zones: async () => (await import('./zones-bench.mjs')).runZonesBench(),
  ingest: async () => (await import('./ingest-bench.mjs')).runIngestBench(),
  steps: async () => (await import('./steps-bench.mjs')).runStepsBench(),
  run: async () => (await import('./run-bench.mjs')).runRunBench(),
  metrics: async () => (await import('./metrics-bench.mjs')).runMetricsBench(),
  query: async () => (await import('./query-bench.mjs')).runQueryBench(),
  typing: async () => (await import('./query-typing-bench.mjs')).runQueryTypingBench(),
  spark: sparkBench,
};

const wanted = new Set((process.env.LAKEDECK_BENCH ?? Object.keys(benches).join(',')).split(',').map((s) => s.trim()));
let failed = false;
for (const [name, bench] of Object.entries(benches)) {
  if (!wanted.has(name)) continue;
  console.log(`\n== ${name}`);
  try {
    for (const line of await bench()) console.log(line);
  } catch (error) {
    failed = true;
    console.log(`benchmark ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
