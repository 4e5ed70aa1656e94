// Bytes on the wire (run after `node scripts/build.mjs`; `npm run bench` does both): the console
// (`node bin/lakedeck.js --lake <tmp lake>`) runs in a real pseudo-terminal (test/bench/pty-relay.py)
// and its output is replayed into a terminal model (@xterm/headless) to know what is on screen.
// 1. bytes per key moving the selection one row in a 300-object listing, at 120×40 and 80×24,
//    and key→frame latency (key written → first byte of the frame back);
// 2. bytes for a pane switch (1 → 2) and back;
// 3. a held ↓ (30 keys a second for 3 s) over a link paced to 256 kbit/s: bytes sent, and how
//    long the screen keeps moving after the key is released.
// runPtyBytesBench() returns the printed lines; `node test/bench/pty-bytes-bench.mjs` prints them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOWN = '\u001B[B';
const OBJECTS = 300;
const LINK_BYTES_PER_SECOND = 256_000 / 8;

/** A local lake whose raw zone holds one partition of 300 small objects. */
function makeLake() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pty-bench-'));
  const partition = path.join(dir, 'lake/raw/bench_api/ingest_date=2024-01-15');
  fs.mkdirSync(partition, { recursive: true });
  for (let i = 1; i <= OBJECTS; i++) {
    const name = `bench_api_20240115_${String(90000 + i).padStart(6, '0')}.csv`;
    fs.writeFileSync(path.join(partition, name), `id,value\n${i},${i * 7}\n`);
  }
  return dir;
}

/** The console in a pty of the given size; `screen()` is what a terminal would show. */
function start(dir, columns, rows, bytesPerSecond = 0) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_')),
  );
  env.TERM = 'xterm-256color';
  const argv = [
    process.execPath,
    path.join(root, 'bin/lakedeck.js'),
    '--lake',
    path.join(dir, 'lake'),
    '--log-file',
    path.join(dir, 'lakedeck.log'),
  ];
  const relay = spawn(
    'python3',
    [
      path.join(root, 'test/bench/pty-relay.py'),
      '--cols',
      String(columns),
      '--rows',
      String(rows),
      '--bytes-per-second',
      String(bytesPerSecond),
      '--',
      ...argv,
    ],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const term = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0 });
  term.loadAddon(new unicode11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  const state = { bytes: 0, frames: 0, lastByteAt: 0, firstByteAfter: null, waitingSince: null };
  let pending = Promise.resolve();
  relay.stdout.on('data', (chunk) => {
    const now = performance.now();
    state.bytes += chunk.length;
    // Ink opens every frame on a terminal with a synchronized update.
    state.frames += chunk.toString('latin1').split('\u001B[?2026h').length - 1;
    state.lastByteAt = now;
    if (state.waitingSince !== null && state.firstByteAfter === null) state.firstByteAfter = now - state.waitingSince;
    pending = pending.then(() => new Promise((resolve) => term.write(chunk, resolve)));
  });
  const exited = new Promise((resolve) => relay.on('exit', resolve));
  const text = () => Array.from({ length: term.rows }, (_, y) => term.buffer.active.getLine(y)?.translateToString(true) ?? '').join('\n');
  return {
    state,
    key(data) {
      state.waitingSince = performance.now();
      state.firstByteAfter = null;
      relay.stdin.write(data);
    },
    async screen() {
      await pending;
      return text();
    },
    /** Resolves once no byte has arrived for `ms`. */
    async quiet(ms) {
      while (performance.now() - state.lastByteAt < ms) await sleep(5);
      await pending;
    },
    async until(test, what, limitMs = 20_000) {
      const deadline = performance.now() + limitMs;
      while (!test(await this.screen())) {
        if (performance.now() > deadline) throw new Error(`never saw ${what}; screen:\n${text()}`);
        await sleep(20);
      }
    },
    async quit() {
      relay.stdin.write('q');
      const timer = setTimeout(() => relay.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function openListing(app) {
  await app.until((s) => s.includes('raw/') && s.includes('? help'), 'the zones');
  for (const [next, what] of [
    ['bench_api/', 'the source'],
    ['ingest_date=', 'the partition'],
    [`row 1 of ${OBJECTS}`, 'the listing'],
  ]) {
    await app.quiet(150);
    app.key('\r');
    await app.until((s) => s.includes(next), what);
  }
  await app.quiet(300);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One row per key, each frame complete before the next key. */
async function scrolling(dir, columns, rows, keys) {
  const app = start(dir, columns, rows);
  await openListing(app);
  const bytes = [];
  const latency = [];
  for (let row = 2; row <= keys + 1; row++) {
    const before = app.state.bytes;
    app.key(DOWN);
    await app.until((s) => s.includes(`row ${row} of ${OBJECTS}`), `row ${row}`);
    await app.quiet(120);
    bytes.push(app.state.bytes - before);
    latency.push(app.state.firstByteAfter);
  }
  const switches = [];
  for (const [key, title] of [
    ['2', 'pane 2'],
    ['1', 'Zones'],
  ]) {
    const before = app.state.bytes;
    app.key(key);
    await sleep(100);
    await app.quiet(300);
    switches.push({ title, bytes: app.state.bytes - before });
  }
  await app.quit();
  bytes.sort((a, b) => a - b);
  latency.sort((a, b) => a - b);
  return { bytes, latency, switches };
}

/** ↓ held for `seconds` at 30 repeats a second over a paced link. */
async function heldKey(dir, columns, rows, seconds) {
  const app = start(dir, columns, rows, LINK_BYTES_PER_SECOND);
  await openListing(app);
  const before = app.state.bytes;
  const framesBefore = app.state.frames;
  const began = performance.now();
  let sent = 0;
  while (performance.now() - began < seconds * 1000) {
    app.key(DOWN);
    sent += 1;
    await sleep(1000 / 30);
  }
  const released = performance.now();
  const target = `row ${Math.min(OBJECTS, sent + 1)} of ${OBJECTS}`;
  await app.until((s) => s.includes(target), target);
  const shown = performance.now() - released;
  await app.quiet(500);
  const settled = app.state.lastByteAt - released;
  const bytes = app.state.bytes - before;
  const frames = app.state.frames - framesBefore;
  await app.quit();
  return { sent, bytes, frames, shown, settled: Math.max(0, settled) };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

export async function runPtyBytesBench() {
  const dir = makeLake();
  const lines = [];
  try {
    for (const [columns, rows, target] of [
      [120, 40, 600],
      [80, 24, undefined],
    ]) {
      const run = await scrolling(dir, columns, rows, 40);
      const median = percentile(run.bytes, 50);
      const mean = run.bytes.reduce((a, b) => a + b, 0) / run.bytes.length;
      lines.push(
        `bytes per ↓ (one row) in a ${OBJECTS}-object listing, pty ${columns}×${rows}, ${run.bytes.length} keys: ` +
          `median ${fmt(median)} B, mean ${fmt(mean)} B, max ${fmt(run.bytes.at(-1))} B` +
          (target ? ` · target ≤ ${target} B: ${median <= target ? 'met' : 'MISSED'}` : '') +
          ` · key→frame (first byte) p50 ${ms(percentile(run.latency, 50))}, p99 ${ms(percentile(run.latency, 99))}` +
          ` · pane switch: ${run.switches.map((s) => `→ ${s.title} ${fmt(s.bytes)} B`).join(', ')}`,
      );
    }
    const held = await heldKey(dir, 80, 24, 3);
    lines.push(
      `↓ held 3 s (${held.sent} keys at 30/s) over a link paced to 256 kbit/s, pty 80×24: ${fmt(held.bytes)} B in ${held.frames} frames ` +
        `(${((held.bytes * 8) / 3 / 1000).toFixed(0)} kbit/s while held); the last row on screen ${ms(held.shown)} after release, ` +
        `output stopped ${ms(held.settled)} after release · target: keeps up (< 250 ms): ${held.shown < 250 ? 'met' : 'MISSED'}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await runPtyBytesBench()) console.log(line);
}
