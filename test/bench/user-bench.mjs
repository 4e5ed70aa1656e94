// The console as a user meets it (part of `npm run bench`, beside ui-bench.mjs's micro figures):
// the real bin/lakedeck.js in a pseudo-terminal on the real local backend, whole-process RSS; the
// screen is read through a terminal emulator (pty-screen.mjs).
// 1. first start on a new (default) lake: first usable frame (shell + key hints + the zone root's
//    rows), first seeded objects on screen, the whole sample on screen; peak RSS of the console
//    process and of its process tree (the sample is landed by a child `lakedeck init`);
// 2. the real console scrolling a real 100 000-object local prefix (Enter raw/, Enter big/, then
//    PgDn ×1000): peak RSS of the console process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ptySession, userEnv } from './pty-screen.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COLUMNS = 100;
const ROWS = 30;
/** LAKEDECK_USER_BENCH_OBJECTS shrinks the prefix while iterating (100 000 = the reported figure). */
const OBJECTS = Number(process.env.LAKEDECK_USER_BENCH_OBJECTS ?? 100_000);
const PAGE_DOWN = '\x1b[6~';

function session(argv, env, steps, timeoutS) {
  return ptySession(argv, env, { rows: ROWS, columns: COLUMNS, steps, timeoutS });
}

/**
 * A new home for each session; the cache folder (Node 20: the start script's code cache, written
 * by the first start) is the bench's own, shared by its sessions as a user's starts share it.
 */
function homeEnv(home, cacheHome) {
  return userEnv({ XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: cacheHome });
}

const RAW_ROW = (objects) => String.raw`raw/\s+zone\s+[\d.]+ \S+\s+${objects}\b`;

export function firstStartOnNewLake(cacheHome) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-first-start-'));
  try {
    const probe = session(
      [process.execPath, path.join(root, 'bin/lakedeck.js')],
      homeEnv(home, cacheHome),
      [
        [String.raw`raw/\s+zone[\s\S]*\? help`, ''], // shell, the zone root's rows and key hints
        [RAW_ROW('[1-9]\\d*'), ''], // the first seeded objects
        [RAW_ROW('6'), '__HWM__'], // 3 sample objects and their 3 manifests
      ],
      90,
    );
    return {
      usableMs: probe.marks[0],
      firstObjectsMs: probe.marks[1],
      allSeededMs: probe.marks[2],
      consoleMb: probe.console_hwm_kb / 1024,
      treeMb: probe.tree_peak_kb / 1024,
    };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export function scrollRealPrefix(cacheHome) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-real-scroll-'));
  const lake = path.join(home, 'lake');
  const dir = path.join(lake, 'raw', 'big');
  fs.mkdirSync(dir, { recursive: true });
  for (const zone of ['trusted', 'refined']) fs.mkdirSync(path.join(lake, zone));
  for (let i = 0; i < OBJECTS; i++) fs.writeFileSync(path.join(dir, `part-${String(i).padStart(6, '0')}.csv`), 'a\n');
  try {
    const probe = session(
      [process.execPath, path.join(root, 'bin/lakedeck.js'), '--lake', lake],
      homeEnv(home, cacheHome),
      [
        [RAW_ROW(OBJECTS.toLocaleString('en-US')), '\r'], // the zone root with its summary loaded
        [String.raw`big/`, '\r'],
        [String.raw`part-000000\.csv`, Array(1000).fill(PAGE_DOWN)],
        [String.raw`part-0[1-9]\d{4}\.csv|part-00[1-9]\d{3}\.csv`, '__HWM__'],
      ],
      Number(process.env.LAKEDECK_USER_BENCH_TIMEOUT ?? 180),
    );
    return { consoleMb: probe.console_hwm_kb / 1024, ms: probe.marks[3] - probe.marks[2] };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const verdict = (ok) => (ok ? 'met' : 'MISSED');

export async function runUserBench() {
  if (!fs.existsSync(path.join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-user-bench-cache-'));
  let first;
  let scroll;
  try {
    first = firstStartOnNewLake(cacheHome);
    scroll = scrollRealPrefix(cacheHome);
  } finally {
    fs.rmSync(cacheHome, { recursive: true, force: true });
  }
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
