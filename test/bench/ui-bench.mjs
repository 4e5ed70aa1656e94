// UI benchmark (run after `node scripts/build.mjs`; `npm run bench` does both):
// 1. cold start: `node bin/lakedeck.js --lake <tmp lake>` in a pseudo-terminal (its screen read
//    through a terminal emulator, pty-screen.mjs), from spawn to the header on screen (the
//    placeholder drawn while Ink loads), to the first usable frame (shell, zone rows, key hints)
//    and to the first frame with data (the zones' sizes and counts). The starts use their own
//    cache folder (XDG_CACHE_HOME): on Node 20 the first start writes the start script's code
//    cache (src/launch/), which the counted starts load, as a user's starts do; a few starts with
//    that folder emptied give the first start after a build or a Node upgrade;
// 2. key-to-frame latency while scrolling a 100 000-object prefix: the real shell and Zones pane
//    rendered in this process by Ink (unthrottled, as ink-testing-library does) over an in-memory
//    store, one key at a time, timed from stdin write to the frame it produces; plus peak RSS (with
//    the console's heap setting, src/ui/heap-tuning.ts).
// runUiBench() returns the printed lines (coldStart() and scrolling() run one part);
// `node test/bench/ui-bench.mjs` prints them. LAKEDECK_UI_BENCH_SCALE < 1 shortens the key run.
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ptySession, userEnv } from './pty-screen.mjs';
import { loadUi, percentile, renderShell, tick, timeKey, until } from './render-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COLUMNS = 100;
const ROWS = 30;
const OBJECTS = 100_000;
/** LAKEDECK_UI_BENCH_SCALE shortens the key run while iterating (1 = the reported figures). */
const SCALE = Number(process.env.LAKEDECK_UI_BENCH_SCALE ?? 1);

// ---- 1. cold start -------------------------------------------------------------------------

const RAW_ROW_WITH_COUNT = String.raw`raw/\s+zone\s+[\d.]+ \S+\s+\d+`;

/** One start, quit once the data shows (or `stayS` seconds later: the Node 20 code cache is written 1.5 s into a start). */
function coldStartOnce(lake, logFile, cacheHome, stayS = 0) {
  const argv = [process.execPath, path.join(root, 'bin/lakedeck.js'), '--lake', lake, '--log-file', logFile];
  const probe = ptySession(argv, userEnv({ XDG_CACHE_HOME: cacheHome }), {
    rows: ROWS,
    columns: COLUMNS,
    timeoutS: 20,
    steps: [
      ['lakedeck │', ''], // the header (the placeholder drawn while the UI loads)
      [String.raw`raw/\s+zone[\s\S]*\? help`, ''], // usable: the shell, the zone root's rows, key hints
      [RAW_ROW_WITH_COUNT, stayS > 0 ? `__PAUSE_S=${stayS}__` : ''], // with data: the raw zone's size and object count
    ],
  });
  const [firstFrameMs, usableMs, dataMs] = probe.marks;
  return { firstFrameMs, usableMs, dataMs, restored: probe.restored };
}

/** The code cache files of the start script (src/launch/code-cache.ts) under a cache home. */
function codeCaches(cacheHome) {
  const dir = path.join(cacheHome, 'lakedeck', 'code-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : [];
}

export function coldStart(runs = 7, uncachedRuns = 3) {
  if (!fs.existsSync(path.join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-ui-bench-'));
  const lake = path.join(dir, 'lake');
  fs.mkdirSync(lake); // only the default lake is created by the console; --lake must exist
  const logFile = path.join(dir, 'lakedeck.log');
  const cacheHome = path.join(dir, 'cache');
  // The first start seeds the empty lake, warms the file cache and (Node 20) writes the code
  // cache, as a user's first start does; it is not counted.
  coldStartOnce(lake, logFile, cacheHome, 2.5);
  const codeCache = codeCaches(cacheHome).length > 0;
  const times = [];
  const usable = [];
  const data = [];
  let restored = true;
  for (let i = 0; i < runs; i++) {
    const probe = coldStartOnce(lake, logFile, cacheHome);
    times.push(probe.firstFrameMs);
    usable.push(probe.usableMs);
    data.push(probe.dataMs);
    restored &&= probe.restored;
  }
  // The first start after a build or a Node upgrade: no code cache yet (these starts end before they write one).
  const uncached = { usable: [], data: [] };
  for (let i = 0; i < uncachedRuns; i++) {
    fs.rmSync(cacheHome, { recursive: true, force: true });
    const probe = coldStartOnce(lake, logFile, cacheHome);
    uncached.usable.push(probe.usableMs);
    uncached.data.push(probe.dataMs);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const sorted = (values) => values.sort((a, b) => a - b);
  return {
    times: sorted(times),
    usable: sorted(usable),
    data: sorted(data),
    restored,
    codeCache,
    uncached: { usable: sorted(uncached.usable), data: sorted(uncached.data) },
  };
}

// ---- 2. key-to-frame latency ---------------------------------------------------------------

export async function scrolling() {
  // As runConsole does before it loads React: its production build.
  process.env.NODE_ENV ??= 'production';
  const { App, MemoryZoneStore, tuneHeapForConsole } = await loadUi('ui', [
    "export { tuneHeapForConsole } from './src/ui/shell/heap-tuning.ts';",
  ]);
  const store = new MemoryZoneStore().addMany('raw', 'covid_api/ingest_date=2024-01-15/', OBJECTS);
  const calls = {
    get count() {
      return Object.values(store.calls).reduce((a, b) => a + b, 0);
    },
  };
  const backend = { kind: 'local', label: 'local (in-memory bench lake)', readOnly: false, calls, zones: store, close: async () => {} };
  const { app, stdout, stdin } = await renderShell(App, backend, COLUMNS, ROWS);
  // As runConsole does once the shell is mounted: the console's heap setting.
  tuneHeapForConsole();
  await until(stdout, (f) => f.includes('Enter open'), 'the zones');
  for (const name of ['covid_api/', 'ingest_date=']) {
    stdin.write('\r');
    await until(stdout, (f) => f.includes(name) && !f.includes('loading…'), name);
  }
  stdin.write('\r');
  await until(stdout, (f) => f.includes('file-000001.csv') && f.includes('row 1 of 1,000+'), 'the first page');

  const plan = [
    ['\u001B[B', 500],
    ['\u001B[6~', 1000],
    ['\u001B[A', 500],
  ].map(([key, count]) => [key, Math.round(count * SCALE)]);
  const times = [];
  const cpuBefore = process.cpuUsage();
  for (const [key, count] of plan) {
    for (let i = 0; i < count; i++) times.push(await timeKey(stdin, stdout, key));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerKey = (cpu.user + cpu.system) / 1000 / times.length;
  await until(stdout, (f) => !f.includes('loading more'), 'the last page');
  const chunks = await chunkedKeys(stdin, stdout);
  const pages = store.listed.filter((l) => l.prefix.startsWith('covid_api/ingest_date')).length;
  const position = /row ([\d,]+) of ([\d,]+\+?)/.exec(stdout.last)?.slice(1).join(' of ') ?? '?';
  app.unmount();
  times.sort((a, b) => a - b);
  return { times, pages, position, tallest: stdout.tallest, cpuPerKey, chunks };
}

const rowOf = (frame) => Number((/row ([\d,]+) of/.exec(frame)?.[1] ?? '0').replace(/,/g, ''));

/**
 * 20 keys in one write (`jjjj…`, as tmux send-keys, a paste or a slow SSH link deliver them):
 * time from the write until the frame showing all 20 moves, and whether every key acted.
 */
async function chunkedKeys(stdin, stdout, runs = Math.max(4, Math.round(50 * SCALE))) {
  const times = [];
  let allActed = true;
  for (let i = 0; i < runs; i++) {
    const key = i % 2 === 0 ? 'k' : 'j';
    const from = rowOf(stdout.last);
    const want = from + (key === 'j' ? 20 : -20);
    const start = performance.now();
    stdin.write(key.repeat(20));
    for (let t = 0; t < 20_000 && rowOf(stdout.last) !== want; t++) await tick();
    times.push(performance.now() - start);
    if (rowOf(stdout.last) !== want) allActed = false;
  }
  times.sort((a, b) => a - b);
  return { times, allActed };
}

// ---- report --------------------------------------------------------------------------------

const verdict = (ok) => (ok ? 'met' : 'MISSED');
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export async function runUiBench() {
  const lines = [];
  const scroll = await scrolling();
  globalThis.gc?.();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const cold = coldStart();
  const median = percentile(cold.times, 50);
  lines.push(
    `cold start to first frame (node bin/lakedeck.js --lake <tmp lake>, pty ${COLUMNS}×${ROWS}): ` +
      `header on screen median ${ms(median)} (min ${ms(cold.times[0])}, max ${ms(cold.times.at(-1))}), ` +
      `usable frame (shell, zone rows, key hints) median ${ms(percentile(cold.usable, 50))} · target < 200 ms: ${verdict(percentile(cold.usable, 50) < 200)}, ` +
      `frame with data (zone sizes and counts) median ${ms(percentile(cold.data, 50))} · target < 250 ms: ${verdict(percentile(cold.data, 50) < 250)} ` +
      `over ${cold.times.length} runs · terminal restored on quit: ${cold.restored ? 'yes' : 'NO'}`,
  );
  lines.push(
    module.enableCompileCache
      ? `start-up code cache (node ${process.version}): Node's compile cache (module.enableCompileCache)`
      : `start-up code cache (node ${process.version}): the start script's V8 code cache, written by the first start: ${cold.codeCache ? 'yes' : 'NO'}; ` +
          `the first start without it (after a build or a Node upgrade): usable frame median ${ms(percentile(cold.uncached.usable, 50))}, ` +
          `frame with data median ${ms(percentile(cold.uncached.data, 50))} over ${cold.uncached.usable.length} runs`,
  );
  const p50 = percentile(scroll.times, 50);
  const p99 = percentile(scroll.times, 99);
  lines.push(
    `key-to-frame scrolling a ${OBJECTS.toLocaleString('en-US')}-object prefix (${scroll.times.length} keys: ↓×500, PgDn×1000, ↑×500; ` +
      `${scroll.pages} pages listed, ended at row ${scroll.position}): p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(scroll.times.at(-1))}, ` +
      `CPU ${ms(scroll.cpuPerKey)} per key` +
      ` · target p99 < 16 ms: ${verdict(p99 < 16)}`,
  );
  lines.push(
    `a chunk of 20 keys in one write (jjjj…/kkkk…, ${scroll.chunks.times.length} chunks): every key acted: ${scroll.chunks.allActed ? 'yes' : 'NO'}, ` +
      `write → frame with all 20 moves p50 ${ms(percentile(scroll.chunks.times, 50))}, p99 ${ms(percentile(scroll.chunks.times, 99))}`,
  );
  lines.push(
    `peak RSS of the scrolling process: ${rssMb.toFixed(0)} MB · target < 150 MB: ${verdict(rssMb < 150)}` +
      ` · tallest frame ${scroll.tallest - 1} lines in a ${ROWS}-row terminal`,
  );
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await runUiBench()) console.log(line);
}
