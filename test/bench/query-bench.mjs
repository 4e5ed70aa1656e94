// Local query engine figures: p50/p95 of the query API's named queries on DuckDB over a lake
// (LAKEDECK_BENCH_QUERY_LAKE, default the Spark-written sample in test/fixtures/query-lake), and
// the time to the first page of a 1M-row result with the process RSS after it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function loadModules() {
  // Inside the repository, so the external packages resolve from its node_modules.
  const out = path.join(root, 'node_modules/.cache/lakedeck-query-bench');
  await build({
    entryPoints: { service: path.join(root, 'src/backends/local/query/duckdb-query-service.ts'), api: path.join(root, 'src/backends/local/query/local-api.ts') },
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

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ROUTES = [
  ['/departments/05/daily', { from: '2020-01-01', to: '2020-12-31' }],
  ['/departments/incidence', {}],
  ['/departments/11/intervals', {}],
  ['/fatality', {}],
  ['/municipalities/top', { limit: '10' }],
  ['/contagion/weekly', { from: '2020-01-01', to: '2020-12-31' }],
];

export async function runQueryBench() {
  const lake = process.env.LAKEDECK_BENCH_QUERY_LAKE ?? path.join(root, 'test/fixtures/query-lake');
  const { DuckDbQueryService, LocalQueryApi } = await loadModules();
  const service = await DuckDbQueryService.open(lake);
  const api = new LocalQueryApi(service, (ms) => new Promise((r) => setTimeout(r, ms)));
  const lines = [`lake ${lake}`];
  await api.get(ROUTES[0][0], ROUTES[0][1]); // loads the translator once
  const runs = Number(process.env.LAKEDECK_BENCH_QUERY_RUNS ?? 20);
  for (const [route, params] of ROUTES) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const response = await api.get(route, params);
      times.push(performance.now() - t0);
      if (response.status !== 200) throw new Error(`${route}: ${JSON.stringify(response.body)}`);
    }
    times.sort((a, b) => a - b);
    lines.push(`named query ${route.padEnd(28)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (target p50 < 200 ms, ${runs} runs)`);
  }
  const t0 = performance.now();
  const id = await service.start('SELECT range AS n, range * 2 AS doubled, md5(range::VARCHAR) AS label FROM range(1000000)');
  await service.wait(id);
  const page = await service.results(id, undefined, 200);
  const firstPage = performance.now() - t0;
  globalThis.gc?.();
  const rss = process.memoryUsage().rss / 2 ** 20;
  lines.push(`1M-row result: first page (${page.rows.length} rows) after ${firstPage.toFixed(0)} ms (target < 100 ms), RSS ${rss.toFixed(0)} MB (target < 200 MB)`);
  await service.close();
  return lines;
}
