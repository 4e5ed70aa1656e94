// Download-to-raw throughput: `lakedeck ingest covid_csv --url …` fetching a 500 MB generated CSV
// (real sample rows repeated) over loopback into a local lake, against `curl -o` writing the same
// file to the same disk (and `curl -o` followed by `sync` of the file, since the local zone store
// fsyncs before it publishes). The file is served by a separate process. Reports medians of RUNS
// runs as throughput ratios, and the lakedeck process's peak RSS for this file and for a 1 MB one
// (flat means nothing is buffered). The lake is seeded once beforehand, off the clock.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIZE = 500 * 1024 * 1024;
const RUNS = 3;
const MiB = 1024 * 1024;

/** A CSV of `bytes` bytes: the real sample's header, then its rows over and over. */
function generateCsv(file, bytes) {
  const [header, ...rows] = readFileSync(path.join(root, 'sample-data/covid_casos_sample_700.csv'), 'utf8').split('\n').filter(Boolean);
  const block = Buffer.from(`${rows.join('\n')}\n`.repeat(Math.ceil(MiB / 100_000)));
  const fd = openSync(file, 'w');
  let written = writeSync(fd, `${header}\n`);
  while (written < bytes) written += writeSync(fd, block, 0, Math.min(block.length, bytes - written));
  closeSync(fd);
}

const SERVER = `
const http = require('node:http'), fs = require('node:fs');
const file = process.argv[1];
const server = http.createServer((req, res) => {
  const { size } = fs.statSync(file);
  res.writeHead(200, { 'content-type': 'text/csv', 'content-length': size });
  fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;

async function serve(file) {
  const child = spawn(process.execPath, ['-e', SERVER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`file server exited with ${code}`)));
  });
  return { url: (name) => `http://127.0.0.1:${port}/${name}`, stop: () => child.kill() };
}

/** Runs a command; for Linux, samples /proc for the peak resident set (VmHWM only grows). */
async function measure(command, args) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  let peakKiB = 0;
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
    } catch {
      // the process has just exited
    }
  };
  const timer = setInterval(sample, 10);
  const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c)));
  clearInterval(timer);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`);
  return { ms, stdout, peakMiB: peakKiB / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mbps = (bytes, ms) => bytes / MiB / (ms / 1000);

/** Removes a run's object and manifest, so the next run of the same content is not a duplicate. */
function forget(lake, record) {
  rmSync(path.join(lake, 'raw', record.key));
  const id = record.runId.slice(record.source.length + 1);
  rmSync(path.join(lake, 'raw/_manifests', record.source, `${id}.ingested.${record.sha256}.json`));
}

export async function runIngestBench() {
  if (!existsSync(path.join(root, 'dist/cli.js'))) await run(process.execPath, [path.join(root, 'scripts/build.mjs')]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-ingest-bench-'));
  const big = path.join(dir, 'big.csv');
  const small = path.join(dir, 'small.csv');
  generateCsv(big, SIZE);
  generateCsv(small, MiB);
  const server = await serve(big);
  const lake = path.join(dir, 'lake');
  const cli = (...args) => measure(process.execPath, [path.join(root, 'dist/cli.js'), '--lake', lake, ...args]);
  const ingest = async (url) => {
    const result = await cli('ingest', 'covid_csv', '--url', url, '--json');
    const record = JSON.parse(result.stdout);
    if (record.outcome !== 'ingested') throw new Error(`unexpected run: ${result.stdout}`);
    forget(lake, record);
    return { ...result, record };
  };
  try {
    await cli('ingest', '--history', '1'); // first start on an empty lake: the sample seeding
    const baseline = await ingest(`file://${small}`);
    const curl = [];
    const curlSync = [];
    const ours = [];
    const transfer = [];
    const peaks = [];
    for (let i = 0; i < RUNS; i += 1) {
      const target = path.join(dir, 'curl.csv');
      curl.push((await measure('curl', ['-sS', '-o', target, server.url('big.csv')])).ms);
      rmSync(target);
      curlSync.push((await measure('sh', ['-c', `curl -sS -o ${target} ${server.url('big.csv')} && sync ${target}`])).ms);
      rmSync(target);
      const result = await ingest(server.url('big.csv'));
      if (result.record.bytes !== SIZE) throw new Error(`landed ${result.record.bytes} bytes, not ${SIZE}`);
      ours.push(result.ms);
      transfer.push(Date.parse(result.record.endedAt) - Date.parse(result.record.startedAt));
      peaks.push(result.peakMiB);
    }
    const [curlMs, curlSyncMs, oursMs, runMs] = [curl, curlSync, ours, transfer].map(median);
    const rate = (ms) => `${ms.toFixed(0)} ms, ${mbps(SIZE, ms).toFixed(0)} MiB/s`;
    const share = (ms) => `${((100 * curlMs) / ms).toFixed(0)} % of curl -o, ${((100 * curlSyncMs) / ms).toFixed(0)} % of curl -o + sync`;
    return [
      `ingest covid_csv, ${SIZE / MiB} MB over loopback into the local lake (median of ${RUNS}):`,
      `  curl -o:                      ${rate(curlMs)}`,
      `  curl -o, then sync the file:  ${rate(curlSyncMs)}`,
      `  lakedeck, the run (manifest start→end: fetch, sha256, rows, fsync, rename): ${rate(runMs)} → ${share(runMs)} (target ≥ 80 % of curl -o) ${curlMs / runMs >= 0.8 ? 'OK' : 'MISSED'}`,
      `  lakedeck, whole command (Node start-up, backend, manifest listing included): ${rate(oursMs)} → ${share(oursMs)}`,
      `  peak RSS: ${baseline.peakMiB.toFixed(0)} MiB ingesting 1 MB (before), ${Math.max(...peaks).toFixed(0)} MiB ingesting ${SIZE / MiB} MB (peak)`,
    ];
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await runIngestBench()) console.log(line);
}
