import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CSV } from './support/api-rows.js';
import { startFixtureServer, type FileRoute, type FixtureServer } from './support/fixture-server.js';
import { freshLake, progressLog, rawFiles, recordingRetry, serviceOver } from './support/lake.js';

const csv = readFileSync(SAMPLE_CSV);
const sha = createHash('sha256').update(csv).digest('hex');
const routes: Record<string, FileRoute> = {};
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer(routes);
});
afterAll(() => server.close());

/** A route serving the real sample CSV with the given misbehaviour. */
function route(name: string, behaviour: Omit<FileRoute, 'body'> = {}): string {
  routes[`/${name}.csv`] = { body: csv, ...behaviour };
  return server.url(`/${name}.csv`);
}

async function ingest(url: string, retry = recordingRetry()) {
  const zones = freshLake();
  const service = serviceOver(zones, { covidCsvUrl: url }, { retry });
  const log = progressLog();
  const run = await service.run('covid_csv', { onProgress: log.onProgress });
  return { zones, service, run, retry, log };
}

describe('covid_csv over HTTP', () => {
  it('lands the CSV byte for byte under the raw layout, with a manifest record', async () => {
    const { zones, run, log } = await ingest(route('plain'));
    expect(run).toMatchObject({ source: 'covid_csv', outcome: 'ingested', bytes: csv.length, rows: 700, sha256: sha });
    expect(run.key).toMatch(/^covid_csv\/ingest_date=\d{4}-\d{2}-\d{2}\/covid_csv_\d{8}_\d{6}\.csv$/);
    expect(Buffer.compare(readFileSync(`${zones.root}/raw/${run.key}`), csv)).toBe(0);
    expect(rawFiles(zones)).toEqual([
      expect.stringMatching(/^_manifests\/covid_csv\/\d{8}_\d{6}_\d{3}-\w{4}\.ingested\.[0-9a-f]{64}\.json$/),
      run.key,
    ]);
    expect(log.events.at(-1)).toMatchObject({ phase: 'done', bytes: csv.length });
    expect(log.events.some((e) => e.phase === 'downloading' && e.totalBytes === csv.length)).toBe(true);
  });

  it('writes one object and records the second identical fetch as a skipped duplicate', async () => {
    const url = route('twice');
    const { zones, service, run: first } = await ingest(url);
    const second = await service.run('covid_csv');
    expect(second).toMatchObject({ outcome: 'duplicate', sha256: sha, duplicateOf: first.runId, bytes: csv.length });
    expect(second.key).toBeUndefined();
    expect(rawFiles(zones).filter((f) => f.startsWith('covid_csv/'))).toEqual([first.key]);
    expect((await service.history()).map((r) => r.outcome)).toEqual(['duplicate', 'ingested']);
  });

  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    const { run, retry } = await ingest(route('throttled', { failures: [{ status: 429, retryAfter: '3' }] }));
    expect(run.outcome).toBe('ingested');
    expect(retry.pauses).toEqual([3000]);
  });

  it('retries 500s with growing pauses and fails cleanly when they persist', async () => {
    const { run: recovered, retry } = await ingest(route('flaky', { failures: [{ status: 500 }, { status: 503 }] }));
    expect(recovered.outcome).toBe('ingested');
    expect(retry.pauses).toHaveLength(2);
    expect(retry.pauses[1]).toBeGreaterThanOrEqual(100);
    const broken = await ingest(route('broken', { failures: Array.from({ length: 10 }, () => ({ status: 500 })) }));
    expect(broken.run).toMatchObject({ outcome: 'failed', bytes: 0 });
    expect(broken.run.error).toMatch(/HTTP 500/);
    expect(rawFiles(broken.zones).filter((f) => !f.startsWith('_manifests/'))).toEqual([]);
  });

  it('does not retry a 404', async () => {
    const zones = freshLake();
    const retry = recordingRetry();
    const run = await serviceOver(zones, { covidCsvUrl: server.url('/missing.csv') }, { retry }).run('covid_csv');
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/HTTP 404/);
    expect(retry.pauses).toEqual([]);
  });

  it('resumes a connection cut mid-stream with a Range request', async () => {
    const { run } = await ingest(route('cut-resumable', { ranges: true, cuts: [50_000] }));
    expect(run).toMatchObject({ outcome: 'ingested', sha256: sha, bytes: csv.length });
    const ranged = server.requests.filter((r) => r.path === '/cut-resumable.csv');
    expect(ranged).toHaveLength(2);
    expect(ranged[1].headers.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(ranged[1].headers.range as string)?.[0])).toBeGreaterThan(0);
  });

  it('starts over when a cut transfer cannot resume', async () => {
    const { run } = await ingest(route('cut-plain', { cuts: [50_000, 90_000] }));
    expect(run).toMatchObject({ outcome: 'ingested', sha256: sha, bytes: csv.length, rows: 700 });
    expect(server.requests.filter((r) => r.path === '/cut-plain.csv')).toHaveLength(3);
  });

  it('takes a slow server in its stride and reports progress along the way', async () => {
    const { run, log } = await ingest(route('slow', { drip: { bytes: 8 * 1024, everyMs: 5 } }));
    expect(run).toMatchObject({ outcome: 'ingested', sha256: sha });
    const downloading = log.events.filter((e) => e.phase === 'downloading');
    expect(downloading.length).toBeGreaterThan(10);
    expect(downloading.map((e) => e.bytes)).toEqual([...downloading.map((e) => e.bytes)].sort((a, b) => a - b));
  });

  it('drops a stalled connection after the idle timeout and tries again', async () => {
    const retry = recordingRetry({ idleTimeoutMs: 300 });
    const { run } = await ingest(route('stalled', { stalls: [40_000] }), retry);
    expect(run).toMatchObject({ outcome: 'ingested', sha256: sha });
    expect(retry.pauses).toHaveLength(1);
  });

  it('decodes a gzip transfer, and starts over when the gzip stream is truncated', async () => {
    const { run: whole } = await ingest(route('gzip', { gzip: true }));
    expect(whole).toMatchObject({ outcome: 'ingested', sha256: sha, rows: 700 });
    const { run: healed } = await ingest(route('gzip-truncated-once', { gzip: true, truncations: [5_000] }));
    expect(healed).toMatchObject({ outcome: 'ingested', sha256: sha });
    const always = await ingest(route('gzip-truncated', { gzip: true, truncations: [5_000, 5_000, 5_000, 5_000] }));
    expect(always.run.outcome).toBe('failed');
    expect(always.run.error).toMatch(/unexpected end of file/);
    expect(rawFiles(always.zones).filter((f) => !f.startsWith('_manifests/'))).toEqual([]);
  });

  it('cancels mid-transfer without leaving any file behind but the cancelled run record', async () => {
    const zones = freshLake();
    const controller = new AbortController();
    const service = serviceOver(zones, { covidCsvUrl: route('cancelled', { drip: { bytes: 4096, everyMs: 2 } }) });
    const run = await service.run('covid_csv', {
      signal: controller.signal,
      onProgress: (p) => p.bytes > 20_000 && controller.abort(),
    });
    expect(run).toMatchObject({ outcome: 'cancelled', note: expect.stringMatching(/cancelled before the object was published/) });
    expect(rawFiles(zones)).toEqual([expect.stringMatching(/^_manifests\/covid_csv\/.*\.cancelled\.json$/)]);
  });

  it('reads file:// URLs, as the sample-lake seeding does', async () => {
    const zones = freshLake();
    const run = await serviceOver(zones, {}).run('covid_csv', { url: pathToFileURL(SAMPLE_CSV.pathname).href });
    expect(run).toMatchObject({ outcome: 'ingested', sha256: sha, rows: 700 });
    expect(run.origin).toMatch(/^file:\/\//);
  });
});
