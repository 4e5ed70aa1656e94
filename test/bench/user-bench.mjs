// The console as a user meets it (part of `npm run bench`, beside ui-bench.mjs's micro figures):
// the real bin/lakedeck.js in a pseudo-terminal on the real local backend, whole-process RSS.
// 1. first start on a new (default) lake: first usable frame (shell + key hints + the zone root's
//    rows), first seeded objects on screen, the whole sample on screen; peak RSS of the console
//    process and of its process tree (the sample is landed by a child `lakedeck init`);
// 2. the real console scrolling a real 100 000-object local prefix (Enter raw/, Enter big/, then
//    PgDn ×1000): peak RSS of the console process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COLUMNS = 100;
const ROWS = 30;
/** LAKEDECK_USER_BENCH_OBJECTS shrinks the prefix while iterating (100 000 = the reported figure). */
const OBJECTS = Number(process.env.LAKEDECK_USER_BENCH_OBJECTS ?? 100_000);
const PAGE_DOWN = '\x1b[6~';

/**
 * Screen text over a pty is matched as it streams: a frame cut between reads can be missed, so a
 * session that can be repeated as it was (not a first start) may retry.
 */
function ptySession(argv, env, steps, timeoutS = 60, retries = 0) {
  try {
    return ptySessionOnce(argv, env, steps, timeoutS);
  } catch (error) {
    if (retries <= 0) throw error;
    return ptySession(argv, env, steps, timeoutS, retries - 1);
  }
}

function ptySessionOnce(argv, env, steps, timeoutS) {
  const result = spawnSync('python3', [path.join(root, 'test/bench/pty-session.py'), JSON.stringify([argv, env, ROWS, COLUMNS, steps, timeoutS])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`pty session failed: ${result.stderr}`);
  const probe = JSON.parse(result.stdout);
  if (probe.steps_done < steps.length) throw new Error(`the console never showed ${JSON.stringify(steps[probe.steps_done][0])}; screen:\n${probe.tail}`);
  return probe;
}

function userEnv(home) {
  // Ink draws nothing until exit when it believes it runs in CI: measured as a user sees it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_') && !k.startsWith('LAKEDECK_')));
  return { ...env, TERM: 'xterm-256color', XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CONFIG_HOME: home };
}

const RAW_ROW = (objects) => String.raw`raw/\s+zone\s+[\d.]+ \S+\s+${objects}\b`;

export function firstStartOnNewLake() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-first-start-'));
  try {
    const probe = ptySession([process.execPath, path.join(root, 'bin/lakedeck.js')], userEnv(home), [
      [String.raw`raw/\s+zone[\s\S]*\? help`, ''], // shell, the zone root's rows and key hints
      [RAW_ROW('[1-9]\\d*'), ''], // the first seeded objects
      [RAW_ROW('6'), '__HWM__'], // 3 sample objects and their 3 manifests
    ], 90);
    return { usableMs: probe.marks[0], firstObjectsMs: probe.marks[1], allSeededMs: probe.marks[2], consoleMb: probe.console_hwm_kb / 1024, treeMb: probe.tree_peak_kb / 1024 };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export function scrollRealPrefix() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-real-scroll-'));
  const lake = path.join(home, 'lake');
  const dir = path.join(lake, 'raw', 'big');
  fs.mkdirSync(dir, { recursive: true });
  for (const zone of ['trusted', 'refined']) fs.mkdirSync(path.join(lake, zone));
  for (let i = 0; i < OBJECTS; i++) fs.writeFileSync(path.join(dir, `part-${String(i).padStart(6, '0')}.csv`), 'a\n');
  try {
    const probe = ptySession([process.execPath, path.join(root, 'bin/lakedeck.js'), '--lake', lake], userEnv(home), [
      [RAW_ROW(OBJECTS.toLocaleString('en-US')), '\r'], // the zone root with its summary loaded
      [String.raw`big/`, '\r'],
      [String.raw`part-000000\.csv`, Array(1000).fill(PAGE_DOWN)],
      [String.raw`part-0[1-9]\d{4}\.csv|part-00[1-9]\d{3}\.csv`, '__HWM__'],
    ], Number(process.env.LAKEDECK_USER_BENCH_TIMEOUT ?? 180), 1);
    return { consoleMb: probe.console_hwm_kb / 1024, ms: probe.marks[3] - probe.marks[2] };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const verdict = (ok) => (ok ? 'met' : 'MISSED');

export async function runUserBench() {
  if (!fs.existsSync(path.join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
  const first = firstStartOnNewLake();
  const scroll = scrollRealPrefix();
  return [
    `first start on a new lake (pty ${COLUMNS}×${ROWS}, real local backend): usable frame (shell, key hints, zone rows) ${first.usableMs.toFixed(0)} ms` +
      ` · target < 200 ms: ${verdict(first.usableMs < 200)}; first seeded objects on screen ${first.firstObjectsMs.toFixed(0)} ms` +
      ` · target < 3 s: ${verdict(first.firstObjectsMs < 3000)}; whole sample ${(first.allSeededMs / 1000).toFixed(1)} s`,
    `first start peak RSS: console process ${first.consoleMb.toFixed(0)} MB · target < 250 MB: ${verdict(first.consoleMb < 250)}` +
      ` (process tree, with the seeding child running PGlite: ${first.treeMb.toFixed(0)} MB)`,
    `real console scrolling a real ${OBJECTS.toLocaleString('en-US')}-object local prefix (PgDn ×1000 in ${(scroll.ms / 1000).toFixed(1)} s): ` +
      `peak RSS ${scroll.consoleMb.toFixed(0)} MB · target < 150 MB: ${verdict(scroll.consoleMb < 150)}`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await runUserBench()) console.log(line);
}
