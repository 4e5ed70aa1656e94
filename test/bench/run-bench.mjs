// `lakedeck run` on a fresh local lake against the sum of its parts run by hand on another fresh
// lake: the four ingests (`lakedeck ingest SOURCE`) and the three Spark jobs as bare spark-submits
// of the very command lines the run recorded (target: overhead < 10 %). Every source is offline:
// the covid CSV from the bundled sample (file://), the covid API from a SODA-like server on
// 127.0.0.1 serving the same real cases (the tests' own server, bundled here with esbuild).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.LAKEDECK_BENCH_RUN_RUNS ?? 1);
const SOURCES = ['covid_csv', 'covid_api', 'divipola', 'departments'];

function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(wall);
    });
  });
}

async function sodaServer(scratch) {
  const bundle = path.join(scratch, 'soda.mjs');
  await build({
    stdin: {
      contents:
        "export { sodaHandler } from './test/ingestion/support/soda-server.ts'; export { apiRows } from './test/ingestion/support/api-rows.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'warning',
    // The bundle lives in a temp folder: the fixture it reads is found from the project root.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(root, 'test/ingestion/support/api-rows.ts')).href) },
  });
  const { sodaHandler, apiRows } = await import(pathToFileURL(bundle).href);
  const server = createServer(sodaHandler({ rows: apiRows(), cap: 500, queries: [], tokens: [], failures: [] }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The spark-submit command lines a run recorded, in the order its steps started. */
function recordedSparkSubmits(lake) {
  const steps = path.join(lake, '.steps', 'steps');
  return readdirSync(steps)
    .sort()
    .map((id) => JSON.parse(readFileSync(path.join(steps, id, 'step.json'), 'utf8')).args);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function onePair(scratch, baseEnv, pair) {
  const viaRun = path.join(scratch, `run-${pair}`);
  const byHand = path.join(scratch, `hand-${pair}`);
  mkdirSync(viaRun);
  mkdirSync(byHand);
  const runWall = await timed(process.execPath, ['bin/lakedeck.js', 'run', '--lake', viaRun], baseEnv);
  // The by-hand side needs the run's command lines, so it always goes second; with several pairs
  // a varying load evens out over the median.
  const submits = recordedSparkSubmits(viaRun);
  if (submits.length !== 3) throw new Error(`the run recorded ${submits.length} Spark steps, not 3`);
  let handWall = 0;
  for (const source of SOURCES) handWall += await timed(process.execPath, ['bin/lakedeck.js', 'ingest', source, '--lake', byHand], baseEnv);
  const venv = path.join(root, '.venv');
  const python = path.join(venv, 'bin', 'python');
  const sparkEnv = {
    ...baseEnv,
    PATH: `${path.join(venv, 'bin')}:${baseEnv.PATH}`,
    VIRTUAL_ENV: venv,
    PYSPARK_PYTHON: python,
    PYSPARK_DRIVER_PYTHON: python,
    SPARK_LOCAL_IP: '127.0.0.1',
  };
  for (const args of submits) {
    const onHandLake = args.map((arg) => arg.split(viaRun).join(byHand));
    handWall += await timed(onHandLake[0], onHandLake.slice(1), sparkEnv);
  }
  return { runWall, handWall };
}

export async function runRunBench() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-run-bench-'));
  const server = await sodaServer(scratch);
  try {
    const { port } = server.address();
    const baseEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LAKEDECK_'))),
      LAKEDECK_COVID_CSV_URL: pathToFileURL(path.join(root, 'sample-data/covid_casos_sample_700.csv')).href,
      LAKEDECK_COVID_API_URL: `http://127.0.0.1:${port}/resource/gt2j-8ykr.json`,
      LAKEDECK_API_PAGE_SIZE: '500',
      XDG_STATE_HOME: scratch,
      XDG_CONFIG_HOME: scratch,
      XDG_DATA_HOME: scratch,
    };
    const pairs = [];
    for (let pair = 0; pair < RUNS; pair += 1) pairs.push(await onePair(scratch, baseEnv, pair));
    const run = median(pairs.map((p) => p.runWall));
    const hand = median(pairs.map((p) => p.handWall));
    const overhead = run / hand - 1;
    return [
      `lakedeck run on a fresh local lake (4 sources offline, ETL + analytics + ML; ${RUNS} pair${RUNS === 1 ? '' : 's'}): ${run.toFixed(1)} s · by hand (4 × lakedeck ingest + 3 bare spark-submits of the same command lines): ${hand.toFixed(1)} s · overhead ${(overhead * 100).toFixed(1)} % (target < 10 %): ${overhead < 0.1 ? 'met' : 'MISSED'}`,
    ];
  } finally {
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) for (const line of await runRunBench()) console.log(line);
