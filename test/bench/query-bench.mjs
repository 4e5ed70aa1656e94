// Local query engine figures. The lake: LAKEDECK_BENCH_QUERY_LAKE, else the 5M-row bench lake in
// bench-out/ (built once by scripts/build-bench-lake.py — generated trusted cases, the analytics
// Spark job's refined tables — and reused; LAKEDECK_BENCH_QUERY_ROWS changes its size), else,
// with LAKEDECK_BENCH_QUERY_BUILD=0, the 700-row sample in test/fixtures/query-lake.
// Figures: p50/p95 of the query API's named queries, and the first page (200 rows) of a 1M-row
// result with the process RSS after it, each in a fresh process (query-first-page.mjs), for a
// statement both engines read alike and for one that loads the translator. The load average is
// printed beside them: the machine is shared, compare figures of one run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'node_modules/.cache/lakedeck-query-bench');

async function loadModules() {
  // Inside the repository, so the external packages resolve from its node_modules.
  await build({
    entryPoints: {
      service: path.join(root, 'src/backends/local/query/duckdb-query-service.ts'),
      api: path.join(root, 'src/backends/local/query/local-api.ts'),
    },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@duckdb/*', '@polyglot-sql/sdk'],
    logLevel: 'warning',
  });
  const service = await import(pathToFileURL(path.join(out, 'service.js')).href);
  const api = await import(pathToFileURL(path.join(out, 'api.js')).href);
  return { DuckDbQueryService: service.DuckDbQueryService, LocalQueryApi: api.LocalQueryApi };
}

/** The lake to read, and how it was made. */
function benchLake() {
  if (process.env.LAKEDECK_BENCH_QUERY_LAKE)
    return { lake: process.env.LAKEDECK_BENCH_QUERY_LAKE, how: 'given by LAKEDECK_BENCH_QUERY_LAKE' };
  const rows = process.env.LAKEDECK_BENCH_QUERY_ROWS ?? '5000000';
  const lake = path.join(root, 'bench-out', `query-lake-${rows}`);
  if (!existsSync(path.join(lake, 'BUILD.txt'))) {
    if (process.env.LAKEDECK_BENCH_QUERY_BUILD === '0')
      return { lake: path.join(root, 'test/fixtures/query-lake'), how: `the 700-row sample (no ${lake}; LAKEDECK_BENCH_QUERY_BUILD=0)` };
    console.log(`building ${lake} once (generation, DuckDB ETL, Spark analytics: minutes)…`);
  }
  // A lake built before reuses what it has (and gets the builder's later steps, if any).
  execFileSync(path.join(root, '.venv/bin/python'), [path.join(root, 'scripts/build-bench-lake.py'), '--rows', rows, '--out', lake], {
    stdio: 'inherit',
    cwd: root,
  });
  return { lake, how: readFileSync(path.join(lake, 'BUILD.txt'), 'utf8').trim() };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const load = () => `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;

const ROUTES = [
  ['/departments/05/daily', { from: '2020-01-01', to: '2021-12-31' }],
  ['/departments/incidence', {}],
  ['/departments/11/intervals', {}],
  ['/fatality', {}],
  ['/municipalities/top', { limit: '10' }],
  ['/contagion/weekly', { from: '2020-01-01', to: '2021-12-31' }],
];

function firstPage(lake, mode) {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', path.join(root, 'test/bench/query-first-page.mjs'), path.join(out, 'service.js'), lake, mode],
    { encoding: 'utf8', cwd: root },
  );
  if (run.status !== 0) throw new Error(`query-first-page.mjs ${mode} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

export async function runQueryBench() {
  const { lake, how } = benchLake();
  const { DuckDbQueryService, LocalQueryApi } = await loadModules();
  const lines = [`lake ${lake}`, `  built: ${how}`];
  const service = await DuckDbQueryService.open(lake);
  const api = new LocalQueryApi(service, (ms) => new Promise((r) => setTimeout(r, ms)));
  await api.get(ROUTES[0][0], ROUTES[0][1]); // loads the translator once
  const runs = Number(process.env.LAKEDECK_BENCH_QUERY_RUNS ?? 20);
  lines.push(`named queries (${load()} before)`);
  for (const [route, params] of ROUTES) {
    const times = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const response = await api.get(route, params);
      times.push(performance.now() - t0);
      if (response.status !== 200) throw new Error(`${route}: ${JSON.stringify(response.body)}`);
      rows = response.body.rows.length;
    }
    times.sort((a, b) => a - b);
    lines.push(
      `  ${route.padEnd(28)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (${rows} rows; target p50 < 200 ms, ${runs} runs)`,
    );
  }
  await service.close();
  const firstRuns = Number(process.env.LAKEDECK_BENCH_QUERY_FIRST_RUNS ?? 5);
  lines.push(`first page of a 1M-row result, each in a fresh process, ${firstRuns} runs: median (min–max) (${load()})`);
  for (const mode of ['plain', 'translated']) {
    const figures = Array.from({ length: firstRuns }, () => firstPage(lake, mode));
    const ms = figures.map((f) => f.ms).sort((a, b) => a - b);
    const rss = Math.max(...figures.map((f) => f.rssMb));
    const children = Math.max(...figures.map((f) => f.childrenMb));
    const what =
      mode === 'plain' ? 'SQL both engines read alike, translator not loaded' : 'after the translator started (range/md5 statement)';
    lines.push(
      `  ${what}: first page (${figures[0].rows} rows) after ${percentile(ms, 50).toFixed(0)} ms (${ms[0].toFixed(0)}–${ms.at(-1).toFixed(0)}; target < 100 ms), ` +
        `console RSS ≤ ${rss.toFixed(0)} MB (target < 200 MB)` +
        (children ? `, translator process ≤ ${children.toFixed(0)} MB beside it` : ''),
    );
  }
  lines.push(`  (${load()} after)`);
  return lines;
}
