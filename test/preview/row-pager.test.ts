// Paging through a whole object by ranged reads on the local backend: any range of rows, the
// count once the end is read, quoted fields spanning lines kept whole across range boundaries,
// and the clear errors of the one-shot preview.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalZoneStore } from '../../src/backends/local/zone-store.js';
import type { Zone } from '../../src/core/zones.js';
import { openPagedPreview } from '../../src/preview/paged-preview.js';
import { TextRowPager, TEXT_PAGER } from '../../src/preview/text-row-pager.js';
import { writeParquet } from '../support/parquet.js';
import { bigCovidCsv } from './support/big-csv.js';

function lakeWith(zone: Zone, key: string, body: string | Buffer): LocalZoneStore {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pager-'));
  const file = path.join(root, zone, key);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
  return new LocalZoneStore(root);
}

/** Counts the ranged reads of a store. */
function counted(store: LocalZoneStore) {
  const reads: [number, number][] = [];
  const readRange = store.readRange.bind(store);
  store.readRange = (zone, key, start, end) => {
    reads.push([start, end]);
    return readRange(zone, key, start, end);
  };
  return reads;
}

const KEY = 'covid_csv/ingest_date=2026-11-28/covid_csv_20261128_000000.csv';

describe('TextRowPager on the local backend', () => {
  it('pages through 7 000 real rows by ranged reads, knowing more as it reads, the total at the end', async () => {
    const csv = bigCovidCsv(10);
    const store = lakeWith('raw', KEY, csv.text);
    const reads = counted(store);
    const size = Buffer.byteLength(csv.text);
    const { pager, first } = await TextRowPager.open(store, 'raw', KEY, size, 'csv', 200);
    expect(pager.columns).toEqual(csv.header);
    expect(first).toHaveLength(200);
    expect(first[0][1]).toBe('1');
    expect(first[199][1]).toBe('200');
    expect(pager.total).toBeUndefined();
    expect(pager.known).toBeGreaterThanOrEqual(200);
    expect(pager.known).toBeLessThan(7000);
    // Only the head was read, not the object.
    expect(Math.max(...reads.map(([, end]) => end))).toBeLessThan(size);

    const middle = await pager.rows(3000, 3010);
    expect(middle.map((r) => r[1])).toEqual(Array.from({ length: 10 }, (_, i) => String(3001 + i)));
    expect(pager.total).toBeUndefined();

    expect(await pager.scanToEnd()).toBe(7000);
    expect(pager.total).toBe(7000);
    const last = await pager.rows(6990, 7100);
    expect(last.map((r) => r[1])).toEqual(Array.from({ length: 10 }, (_, i) => String(6991 + i)));
    // The last row is the sample's last row, in its tenth copy.
    const [sampleLast] = await pager.rows(699, 700);
    expect(sampleLast[1]).toBe('700');
    expect(last[9].slice(2)).toEqual(sampleLast.slice(2));
    // Back to the start after the end: read again from a checkpoint, not from byte 0 each time.
    reads.length = 0;
    expect((await pager.rows(5, 7)).map((r) => r[1])).toEqual(['6', '7']);
    expect(reads[0][0]).toBeGreaterThan(0);
  });

  it('keeps a quoted field spanning lines one row across every range boundary', async () => {
    const csv = bigCovidCsv(3, 7);
    const store = lakeWith('raw', KEY, csv.text);
    // 100-byte ranges: a record (~170 bytes) always spans two or three of them.
    const settings = { ...TEXT_PAGER, readBytes: 100, scanBytes: 100 };
    const { pager } = await TextRowPager.open(store, 'raw', KEY, Buffer.byteLength(csv.text), 'csv', 0, settings);
    const rows = await pager.rows(0, 3000);
    expect(rows).toHaveLength(2100);
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 2100 }, (_, i) => String(i + 1)));
    expect(rows[6][22]).toBe('grupo 7\nsegunda línea, con coma');
    for (const row of rows) expect(row).toHaveLength(23);
    expect(pager.total).toBe(2100);
    // And from a checkpoint in the middle, after the end is known.
    expect((await pager.rows(1398, 1400)).map((r) => r[22])).toEqual(['', 'grupo 1400\nsegunda línea, con coma']);
  });

  it('keeps the UTF-8 error of the one-shot preview, naming the byte, for a row far down', async () => {
    const good = bigCovidCsv(1).text;
    const body = Buffer.concat([Buffer.from(good), Buffer.from('6/3/2020 0:00:00,701,x,11,BOGOTA,11001,Bogot\xe1\n', 'latin1')]);
    const store = lakeWith('raw', 'x/latin1.csv', body);
    const { pager } = await TextRowPager.open(store, 'raw', 'x/latin1.csv', body.length, 'csv', 10);
    await expect(pager.rows(690, 710)).rejects.toThrow(
      new RegExp(`raw/x/latin1.csv is not valid UTF-8 \\(byte ${body.lastIndexOf(0xe1) + 1}\\): is it Latin-1 encoded`),
    );
  });

  it('refuses a quote that never closes, without reading the whole object into memory', async () => {
    const body = `a,b\n1,"never closed\n${'x,y\n'.repeat(5000)}`;
    const store = lakeWith('raw', 'x/open-quote.csv', body);
    const settings = { ...TEXT_PAGER, readBytes: 1024, maxRecordBytes: 4096 };
    await expect(TextRowPager.open(store, 'raw', 'x/open-quote.csv', body.length, 'csv', 1, settings)).rejects.toThrow(
      /record longer than 4096 bytes starts at byte 4: a quoted field that never closes/,
    );
  });

  it('reads JSON lines with the keys met so far as columns, an invalid line shown as such', async () => {
    const body = '{"id": 1, "city": "Bogotá"}\n{"id": 2}\nnot json\n{"id": 4, "extra": true}\n';
    const store = lakeWith('raw', 'api/page.jsonl', body);
    const { preview, pager, first } = await openPagedPreview(store, 'raw', 'api/page.jsonl', 50);
    expect(preview.sections[0]).toMatchObject({ title: 'Records', paged: true });
    expect(first).toEqual([['1', 'Bogotá'], ['2', ''], ['not valid JSON: not json'], ['4', '', 'true']]);
    expect(pager?.columns).toEqual(['id', 'city', 'extra']);
    expect(pager?.total).toBe(4);
  });
});

describe('Parquet paging on the local backend', () => {
  it('reads any range of rows by row group, the total known from the footer', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pq-'));
    const file = path.join(dir, 'part-0.parquet');
    await writeParquet('SELECT range AS case_id, md5(range::VARCHAR) AS digest FROM range(30000)', file, 5000);
    const { readFileSync } = await import('node:fs');
    const store = lakeWith('trusted', 'cases/part-0.parquet', readFileSync(file));
    const { preview, pager, first } = await openPagedPreview(store, 'trusted', 'cases/part-0.parquet', 100);
    expect(pager?.total).toBe(30000);
    expect(first).toHaveLength(100);
    expect(preview.notes.join(' ')).toMatch(/^[2-9] row group\(s\)/);
    expect(preview.sections[0]).toMatchObject({ title: 'Schema' });
    const tail = await pager!.rows(29998, 30010);
    expect(tail.map((r) => r[0])).toEqual(['29998', '29999']);
  });
});
