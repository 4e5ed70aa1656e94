// A table's view reads its files by a plain glob when every file holds the catalog's columns,
// and by column name when an older file lacks one (a lake written before `outcome` existed):
// the mixed lake still answers, the uniform one skips the footer-per-bind cost, a file that
// arrives later lacking a column is seen before it is read, and each footer is read once
// (the column ledger, kept in the lake unless read-only).
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnLedger } from '../../src/backends/local/query/column-ledger.js';
import { DuckDbQueryService } from '../../src/backends/local/query/duckdb-query-service.js';
import { listTableFiles, type ParquetFile } from '../../src/backends/local/query/table-files.js';

const FIXTURE = 'test/fixtures/query-lake';
let lake: string;
const services: DuckDbQueryService[] = [];

beforeEach(async () => {
  lake = await mkdtemp(path.join(os.tmpdir(), 'lakedeck-table-columns-'));
  await cp(path.join(FIXTURE, 'trusted'), path.join(lake, 'trusted'), { recursive: true });
  await cp(path.join(FIXTURE, 'refined'), path.join(lake, 'refined'), { recursive: true });
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await rm(lake, { recursive: true, force: true });
});

async function open(options?: { readOnly?: boolean }): Promise<DuckDbQueryService> {
  const service = await DuckDbQueryService.open(lake, options);
  services.push(service);
  return service;
}

async function rows(service: DuckDbQueryService, sql: string) {
  const id = await service.start(sql);
  const status = await service.wait(id);
  if (status.state !== 'SUCCEEDED') throw new Error(status.error);
  return (await service.results(id)).rows;
}

/** The view's own SQL: says whether it reads by column name. */
async function readsByName(service: DuckDbQueryService, table: string): Promise<boolean> {
  const [[sql]] = await rows(service, `SELECT sql FROM duckdb_views() WHERE view_name = '${table}'`);
  return /union_by_name/i.test(String(sql));
}

/** A partition file as an older ETL wrote it: the same rows without `outcome`. */
async function writeOlderPartition(reportDate: string): Promise<string> {
  const cases = path.join(lake, 'trusted/covid_cases');
  const [first] = (await readdir(cases)).sort();
  const source = path.join(
    cases,
    first,
    (await readdir(path.join(cases, first))).find((f) => f.endsWith('.parquet'))!,
  );
  const folder = path.join(cases, `report_date=${reportDate}`);
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, 'part-00000-older.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT * EXCLUDE (outcome) FROM read_parquet('${source}')) TO '${target}' (FORMAT parquet)`);
  connection.disconnectSync();
  instance.closeSync();
  return target;
}

describe('views over files with and without a newer column', () => {
  it('reads a uniform table by a plain glob', async () => {
    const service = await open();
    expect(await readsByName(service, 'covid_cases')).toBe(false);
    expect(await rows(service, 'SELECT count(*) FROM covid_cases')).toEqual([['700']]);
  });

  it('answers over a lake whose older partition lacks outcome (NULL there)', async () => {
    await writeOlderPartition('2019-12-31');
    const service = await open();
    expect(await readsByName(service, 'covid_cases')).toBe(true);
    const byAge = await rows(service, 'SELECT outcome IS NULL AS older, count(*) FROM covid_cases GROUP BY 1 ORDER BY 1');
    expect(byAge[0]).toEqual(['false', '700']);
    expect(byAge[1][0]).toBe('true');
    expect(Number(byAge[1][1])).toBeGreaterThan(0);
  });

  it('sees an older file that arrives after the service opened, before reading it', async () => {
    const service = await open();
    expect(await rows(service, 'SELECT count(*) FROM covid_cases')).toEqual([['700']]);
    const older = await writeOlderPartition('2019-12-31');
    const [[total, withoutOutcome]] = await rows(service, 'SELECT count(*), count(*) FILTER (WHERE outcome IS NULL) FROM covid_cases');
    expect(Number(total)).toBeGreaterThan(700);
    expect(Number(withoutOutcome)).toBe(Number(total) - 700);
    // Gone again: back to the plain glob.
    await rm(path.dirname(older), { recursive: true });
    expect(await rows(service, 'SELECT count(*) FROM covid_cases')).toEqual([['700']]);
    expect(await readsByName(service, 'covid_cases')).toBe(false);
  });

  it('keeps the ledger in the lake, and writes nothing there when read-only', async () => {
    await open({ readOnly: true });
    await expect(stat(path.join(lake, '.query'))).rejects.toThrow();
    await open();
    const ledger = await stat(path.join(lake, '.query/parquet-columns.json'));
    expect(ledger.isFile()).toBe(true);
  });
});

describe('the column ledger', () => {
  const file = (name: string, size = 100, mtimeMs = 1): ParquetFile => ({ path: path.join(lake, 'trusted/t', name), size, mtimeMs });

  it('reads each footer once, again when the file changed, and forgets removed files', async () => {
    const read: string[][] = [];
    const reader = async (paths: string[]) => {
      read.push(paths.map((p) => path.basename(p)));
      return new Map(paths.map((p) => [p, p.endsWith('old.parquet') ? ['a'] : ['a', 'b']]));
    };
    const folder = path.join(lake, 'trusted/t');
    const first = await ColumnLedger.load(lake);
    const lacking = await first.lacking(folder, [file('new.parquet'), file('old.parquet')], ['a', 'b'], reader);
    expect(lacking.map((f) => path.basename(f.path))).toEqual(['old.parquet']);
    await first.save();

    const again = await ColumnLedger.load(lake);
    expect(await again.lacking(folder, [file('new.parquet'), file('old.parquet')], ['a', 'b'], reader)).toHaveLength(1);
    expect(read).toEqual([['new.parquet', 'old.parquet']]);
    // Rewritten (another size): read again. Removed: forgotten, so it is read if it comes back.
    expect(await again.lacking(folder, [file('new.parquet', 200)], ['a', 'b'], reader)).toEqual([]);
    expect(read[1]).toEqual(['new.parquet']);
    await again.lacking(folder, [file('new.parquet', 200), file('old.parquet')], ['a', 'b'], reader);
    expect(read[2]).toEqual(['old.parquet']);
  });

  it('starts empty from a damaged ledger file', async () => {
    await mkdir(path.join(lake, '.query'), { recursive: true });
    await writeFile(path.join(lake, '.query/parquet-columns.json'), '{"version":1,"columnSets":');
    const ledger = await ColumnLedger.load(lake);
    const reader = async (paths: string[]) => new Map(paths.map((p) => [p, ['a']]));
    expect(await ledger.lacking(path.join(lake, 'trusted/t'), [file('x.parquet')], ['a'], reader)).toEqual([]);
  });
});

describe('listing a table the way its glob does', () => {
  it('finds the partition files with their sizes, and nothing outside key=value folders', async () => {
    const cases = path.join(lake, 'trusted/covid_cases');
    await mkdir(path.join(cases, '.spark-staging-1/report_date=2020-01-01'), { recursive: true });
    await writeFile(path.join(cases, '.spark-staging-1/report_date=2020-01-01/x.parquet'), 'partial');
    await writeFile(path.join(cases, '_SUCCESS'), '');
    const files = await listTableFiles(cases, ['report_date']);
    expect(files).toHaveLength(21);
    expect(files.every((f) => /report_date=[^/]+\/[^/]+\.parquet$/.test(f.path) && f.size > 0)).toBe(true);
  });
});
