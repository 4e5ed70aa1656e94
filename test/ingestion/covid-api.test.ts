import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRows, type ApiRow } from './support/api-rows.js';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { freshLake, rawFiles, recordingRetry, serviceOver } from './support/lake.js';
import { sodaHandler, type SodaState } from './support/soda-server.js';

const rows = apiRows(3); // 2100 real cases, three disjoint report periods
let server: FixtureServer;
const soda: SodaState = { rows: [], cap: 1000, queries: [], tokens: [], failures: [] };

beforeAll(async () => {
  server = await startFixtureServer({ '/resource/gt2j-8ykr.json': sodaHandler(soda) });
});
afterAll(() => server.close());

function reset(served: ApiRow[], cap = 1000): void {
  Object.assign(soda, { rows: served, cap, queries: [], tokens: [], failures: [] });
}

const endpoint = () => server.url('/resource/gt2j-8ykr.json');
const lines = (zones: ReturnType<typeof freshLake>, key: string) =>
  readFileSync(`${zones.root}/raw/${key}`, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ApiRow);

describe('covid_api over SODA', () => {
  it('pages past the 1000-row default with $order=:id, $limit and $offset, into JSON lines', async () => {
    reset(rows, 1000);
    const zones = freshLake();
    const run = await serviceOver(zones, { covidApiUrl: endpoint(), apiPageSize: 800, sodaAppToken: 'tok-123' }).run('covid_api');
    expect(run).toMatchObject({ outcome: 'ingested', rows: 2100, watermark: '2020-05-24T00:00:00.000' });
    expect(run.key).toMatch(/^covid_api\/ingest_date=[\d-]+\/covid_api_\d{8}_\d{6}\.jsonl$/);
    const landed = lines(zones, run.key as string);
    expect(landed.map((r) => r.id_de_caso)).toEqual(rows.map((r) => r.id_de_caso));
    expect(landed[0]).toEqual(rows[0]);
    expect(soda.queries.map((q) => [q.get('$order'), q.get('$limit'), q.get('$offset'), q.get('$where')])).toEqual([
      [':id', '800', '0', null],
      [':id', '800', '800', null],
      [':id', '800', '1600', null],
      [':id', '800', '2100', null],
    ]);
    expect(soda.tokens).toEqual(['tok-123', 'tok-123', 'tok-123', 'tok-123']);
    expect(run.origin).not.toContain('tok-123');
  });

  it('keeps paging when the server returns fewer rows than $limit asked for', async () => {
    reset(rows, 300);
    const zones = freshLake();
    const run = await serviceOver(zones, { covidApiUrl: endpoint(), apiPageSize: 1000 }).run('covid_api');
    expect(run.rows).toBe(2100);
    expect(soda.queries.map((q) => q.get('$offset'))).toEqual(['0', '300', '600', '900', '1200', '1500', '1800', '2100']);
  });

  it('continues from the watermark: nothing new is a duplicate with a note, new report dates are fetched alone', async () => {
    reset(rows.slice(0, 1400));
    const zones = freshLake();
    const service = serviceOver(zones, { covidApiUrl: endpoint(), apiPageSize: 500 });
    const first = await service.run('covid_api');
    expect(first).toMatchObject({ outcome: 'ingested', rows: 1400, watermark: '2020-04-26T00:00:00.000' });

    const quiet = await service.run('covid_api');
    expect(quiet).toMatchObject({ outcome: 'duplicate', rows: 0, bytes: 0, watermark: first.watermark });
    expect(quiet.note).toMatch(/fecha_reporte_web > '2020-04-26T00:00:00.000'/);
    expect(soda.queries.at(-1)?.get('$where')).toBe("fecha_reporte_web > '2020-04-26T00:00:00.000'");

    soda.rows = rows;
    const next = await service.run('covid_api');
    expect(next).toMatchObject({ outcome: 'ingested', rows: 700, watermark: '2020-05-24T00:00:00.000' });
    expect(lines(zones, next.key as string).map((r) => r.id_de_caso)).toEqual(rows.slice(1400).map((r) => r.id_de_caso));
    expect(rawFiles(zones).filter((f) => f.startsWith('covid_api/'))).toHaveLength(2);
  });

  it('retries a throttled or failing page without starting the run over', async () => {
    reset(rows.slice(0, 1200));
    const retry = recordingRetry();
    const zones = freshLake();
    const service = serviceOver(zones, { covidApiUrl: endpoint(), apiPageSize: 500 }, { retry });
    soda.failures.push({ status: 429, retryAfter: '2' });
    const pages: string[] = [];
    const run = await service.run('covid_api', {
      onProgress: (p) => {
        // fail the second page once, after the first one streamed
        if (p.phase === 'downloading' && pages.push('x') === 1) soda.failures.push({ status: 502 });
      },
    });
    expect(run).toMatchObject({ outcome: 'ingested', rows: 1200 });
    expect(retry.pauses[0]).toBe(2000);
    expect(retry.pauses).toHaveLength(2);
    expect(soda.queries.map((q) => q.get('$offset'))).toEqual(['0', '0', '500', '500', '1000', '1200']);
  });

  it('fails with the server explanation when the answer is not a row array', async () => {
    reset(rows);
    const zones = freshLake();
    const broken = await startFixtureServer({
      '/r.json': (_req, res) => res.writeHead(200).end('{"error":true,"message":"Unknown column"}'),
    });
    const run = await serviceOver(zones, { covidApiUrl: broken.url('/r.json') }).run('covid_api');
    await broken.close();
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/Unknown column/);
    expect(rawFiles(zones).filter((f) => f.startsWith('covid_api/'))).toEqual([]);
  });
});
