import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalZoneStore } from '../../src/backends/local/zone-store.js';
import { previewObject } from '../../src/preview/index.js';
import { writeParquet } from '../support/parquet.js';

const sampleCsv = readFileSync('sample-data/covid_casos_sample_700.csv');
let store: LocalZoneStore;

beforeAll(async () => {
  store = new LocalZoneStore(mkdtempSync(path.join(os.tmpdir(), 'lakedeck-preview-')));
  await store.put('raw', 'covid_csv/ingest_date=2020-03-06/covid_csv_20200306_000000.csv', sampleCsv);
  const parquetFile = path.join(os.tmpdir(), `lakedeck-preview-${process.pid}.parquet`);
  await writeParquet(`SELECT * FROM read_csv('sample-data/departamentos_poblacion.csv', header=true, all_varchar=true)`, parquetFile);
  await store.put('trusted', 'departments/part-00000.snappy.parquet', readFileSync(parquetFile));
});

describe('previewObject', () => {
  it('shows the real covid CSV head with its accented headers intact', async () => {
    const preview = await previewObject(store, 'raw', 'covid_csv/ingest_date=2020-03-06/covid_csv_20200306_000000.csv', {
      rows: 5,
      headBytes: 64 * 1024,
    });
    expect(preview.format).toBe('csv');
    const [table] = preview.sections;
    expect(table.kind).toBe('table');
    if (table.kind !== 'table') return;
    expect(table.columns).toHaveLength(23);
    expect(table.columns).toContain('Fecha de notificación');
    expect(table.columns).toContain('Código DIVIPOLA departamento');
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0].slice(0, 5)).toEqual(['6/3/2020 0:00:00', '1', '2/3/2020 0:00:00', '11', 'BOGOTA']);
    expect(preview.notes).toContain('first 5 rows');
  });

  it('shows Parquet schema and first rows, reading only part of the file', async () => {
    const preview = await previewObject(store, 'trusted', 'departments/part-00000.snappy.parquet', { rows: 3, headBytes: 1024 });
    expect(preview.format).toBe('parquet');
    const [schema, rows] = preview.sections;
    if (schema.kind !== 'table' || rows.kind !== 'table') throw new Error('expected tables');
    expect(schema.rows.map((r) => r[0])).toEqual(['codigo_departamento', 'departamento', 'poblacion']);
    expect(schema.rows[0][1]).toBe('STRING');
    expect(rows.rows).toEqual([
      ['91', 'Amazonas', '79508'],
      ['05', 'Antioquia', '6677930'],
      ['81', 'Arauca', '297111'],
    ]);
    expect(preview.notes[0]).toBe('3 of 33 rows');
  });

  it('refuses a Latin-1 CSV instead of mangling its accents', async () => {
    const latin1 = Buffer.from('Código,Nombre\n5,MEDELLÍN\n', 'latin1');
    await store.put('raw', 'bad/latin1.csv', latin1);
    await expect(previewObject(store, 'raw', 'bad/latin1.csv')).rejects.toThrow(/not valid UTF-8 \(byte 2\): is it Latin-1 encoded\?/);
  });

  it('explains a CSV truncated inside a quoted field', async () => {
    await store.put('raw', 'bad/truncated.csv', 'a,b\n1,"unterminated\n');
    await expect(previewObject(store, 'raw', 'bad/truncated.csv')).rejects.toThrow(
      /not well-formed CSV \(truncated inside a quoted field\?\)/,
    );
  });

  it('notes ragged rows rather than hiding them', async () => {
    await store.put('raw', 'bad/ragged.csv', 'a,b\n1,2\n3\n4,5,6\n');
    const preview = await previewObject(store, 'raw', 'bad/ragged.csv');
    expect(preview.notes[0]).toBe('2 of the first 3 rows do not have 2 fields');
  });

  it('says a corrupt or truncated Parquet file is not readable', async () => {
    const good = await store.readRange('trusted', 'departments/part-00000.snappy.parquet', 0, 1 << 20);
    await store.put('trusted', 'bad/cut.parquet', good.subarray(0, good.length - 10));
    await expect(previewObject(store, 'trusted', 'bad/cut.parquet')).rejects.toThrow(
      /is not a readable Parquet file: parquet file invalid/,
    );
    await store.put('trusted', 'bad/tiny.parquet', 'PAR1');
    await expect(previewObject(store, 'trusted', 'bad/tiny.parquet')).rejects.toThrow(/too short to be Parquet/);
  });

  it('shows JSON lines as a table and JSON documents pretty-printed', async () => {
    await store.put('raw', 'covid_api/p.jsonl', '{"id_de_caso":"1","departamento_nom":"BOGOTA"}\n{"id_de_caso":"2","edad":"34"}\n');
    const lines = await previewObject(store, 'raw', 'covid_api/p.jsonl');
    const [table] = lines.sections;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.columns).toEqual(['id_de_caso', 'departamento_nom', 'edad']);
    expect(table.rows).toEqual([
      ['1', 'BOGOTA', ''],
      ['2', '', '34'],
    ]);
    await store.put('raw', '_manifests/run.json', '{"source":"covid_csv","rows":700}');
    const doc = await previewObject(store, 'raw', '_manifests/run.json');
    expect(doc.sections[0]).toEqual({ kind: 'lines', title: 'Document', lines: ['{', '  "source": "covid_csv",', '  "rows": 700', '}'] });
  });

  it('says plainly when the object does not exist', async () => {
    await expect(previewObject(store, 'raw', 'nope.csv')).rejects.toThrow('raw/nope.csv does not exist');
  });
});
