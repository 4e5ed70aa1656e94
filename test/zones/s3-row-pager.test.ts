// Paging a preview through a whole S3 object (moto): every read is a ranged GetObject, never
// one GetObject of the whole object, and the rows read by ranges are the object's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import { S3ZoneStore } from '../../src/backends/aws/zone-store.js';
import { openPagedPreview } from '../../src/preview/paged-preview.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';
import { bigCovidCsv } from '../preview/support/big-csv.js';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeParquet } from '../support/parquet.js';

let moto: Moto;
let s3: S3Client;

beforeAll(async () => {
  moto = await startMoto();
  s3 = s3For(moto);
});

afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
});

/** The Range header of every GetObject the client sends ('' for none). */
function recordRanges(client: S3Client): string[] {
  const ranges: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetObjectCommand') ranges.push(String((args.input as { Range?: string }).Range ?? ''));
      return next(args);
    },
    { step: 'initialize', name: 'recordRanges' },
  );
  return ranges;
}

describe('S3 preview paging', () => {
  it('reads a 7 000-row CSV by ranged GetObjects only: the head at once, the rest as asked', async () => {
    const csv = bigCovidCsv(10, 50);
    const client = s3For(moto);
    const store = new S3ZoneStore(client, await freshBucket(s3), moto.endpoint);
    const key = 'covid_csv/ingest_date=2026-11-28/covid_csv_20261128_000000.csv';
    await store.put('raw', key, csv.text);
    const ranges = recordRanges(client);

    const { preview, pager, first } = await openPagedPreview(store, 'raw', key, 200);
    expect(preview.sections[0]).toMatchObject({ kind: 'table', title: 'Rows', columns: csv.header, paged: true });
    expect(first.map((r) => r[1])).toEqual(Array.from({ length: 200 }, (_, i) => String(i + 1)));
    expect(first[49][22]).toBe('grupo 50\nsegunda línea, con coma');
    expect(ranges).toEqual(['bytes=0-262143']);
    expect(pager!.total).toBeUndefined();

    const total = await pager!.scanToEnd();
    expect(total).toBe(7000);
    const tail = await pager!.rows(6995, 7000);
    expect(tail.map((r) => r[1])).toEqual(['6996', '6997', '6998', '6999', '7000']);
    expect(tail[4][22]).toBe('grupo 7000\nsegunda línea, con coma');
    // Every GetObject carried a Range; none asked for the whole object.
    expect(ranges.length).toBeGreaterThan(2);
    for (const range of ranges) expect(range).toMatch(/^bytes=\d+-\d+$/);
    const size = Buffer.byteLength(csv.text);
    expect(ranges.filter((r) => r === `bytes=0-${size - 1}`)).toEqual([]);
    // The tail was read from a checkpoint near it, not from the start.
    expect(Number(/^bytes=(\d+)-/.exec(ranges[ranges.length - 1])![1])).toBeGreaterThan(size * 0.9);
    client.destroy();
  });

  it('reads the last rows of a Parquet object from its last row group only', async () => {
    const file = path.join(os.tmpdir(), `lakedeck-pager-${process.pid}.parquet`);
    await writeParquet('SELECT range AS case_id, md5(range::VARCHAR) AS digest FROM range(300000)', file, 50000);
    const body = readFileSync(file);
    const client = s3For(moto);
    const store = new S3ZoneStore(client, await freshBucket(s3), moto.endpoint);
    await store.put('trusted', 'cases/part-00000.parquet', body);
    const ranges = recordRanges(client);
    const { pager } = await openPagedPreview(store, 'trusted', 'cases/part-00000.parquet', 20);
    const head = pager!.scanned;
    const tail = await pager!.rows(299_990, 300_000);
    expect(tail.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => String(299_990 + i)));
    expect(pager!.total).toBe(300_000);
    // The footer, the first row group, then the last one: far from the whole object.
    expect(pager!.scanned - head).toBeLessThan(body.length / 3);
    for (const range of ranges) expect(range).toMatch(/^bytes=\d+-\d+$/);
    client.destroy();
  });
});
