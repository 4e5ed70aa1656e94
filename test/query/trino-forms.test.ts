// Athena (Trino) forms on the local engine: each row names the form, the Trino SQL and the result
// Athena gives (from the Trino documentation); the local engine must give the same, or refuse
// the form with a message naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryService } from '../../src/backends/local/query/duckdb-query-service.js';
import { renameTrinoFunctions, UntranslatableSql } from '../../src/backends/local/query/trino-to-duckdb.js';

let service: DuckDbQueryService;
beforeAll(async () => {
  service = await DuckDbQueryService.open('test/fixtures/query-lake');
}, 60_000);
afterAll(() => service.close());

async function answer(sql: string): Promise<(string | null)[]> {
  const id = await service.start(sql);
  const status = await service.wait(id);
  if (status.state !== 'SUCCEEDED') throw new Error(status.error);
  return (await service.results(id)).rows[0];
}

// [form, Trino SQL, Athena's answer as printed]
const FORMS: [string, string, (string | null)[]][] = [
  ['date literal', "SELECT DATE '2020-03-06'", ['2020-03-06']],
  ['timestamp literal', "SELECT TIMESTAMP '2020-03-06 10:30:00'", ['2020-03-06 10:30:00']],
  ['date_diff in days', "SELECT date_diff('day', DATE '2020-03-06', DATE '2020-03-16')", ['10']],
  ['approx_percentile', 'SELECT approx_percentile(x, 0.5) FROM (VALUES 1, 2, 3, 4, 5) AS t(x)', ['3']],
  ['approx_distinct', 'SELECT approx_distinct(x) FROM (VALUES 1, 2, 2, 3) AS t(x)', ['3']],
  ['array_join', "SELECT array_join(ARRAY['a', 'b', 'c'], '-')", ['a-b-c']],
  ['element_at (1-based)', 'SELECT element_at(ARRAY[10, 20, 30], 2)', ['20']],
  ['element_at from the end', 'SELECT element_at(ARRAY[10, 20, 30], -1)', ['30']],
  ['regexp_like', "SELECT regexp_like('case 123', '\\d+')", ['true']],
  ['try_cast of a bad number', "SELECT try_cast('x1' AS integer)", [null]],
  ['integer division truncates', 'SELECT 7 / 2, -7 / 2', ['3', '-3']],
  ['double division', 'SELECT 7 / 2.0e0', ['3.5']],
  ['|| with NULL is NULL', "SELECT 'a' || NULL", [null]],
  ['cardinality', 'SELECT cardinality(ARRAY[1, 2, 3])', ['3']],
  ['count_if', 'SELECT count_if(x > 1) FROM (VALUES 1, 2, 3) AS t(x)', ['2']],
  ['date_format', "SELECT date_format(TIMESTAMP '2020-03-08 00:00:00', '%Y-%m')", ['2020-03']],
  ['from_iso8601_date', "SELECT from_iso8601_date('2020-03-08')", ['2020-03-08']],
  ['day_of_week (ISO, Sunday 7)', "SELECT day_of_week(DATE '2020-03-08')", ['7']],
  ['max_by', 'SELECT max_by(x, y) FROM (VALUES (1, 2), (3, 1)) AS t(x, y)', ['1']],
  ['double-quoted identifier', 'SELECT "rank" FROM (SELECT 1 AS "rank")', ['1']],
  ['catalog table', 'SELECT count(*) FROM covid_cases', ['700']],
];

describe('Trino forms on DuckDB', () => {
  it.each(FORMS)(
    '%s',
    async (_form, sql, expected) => {
      expect(await answer(sql)).toEqual(expected);
    },
    30_000,
  );

  // Trino keeps a date (2020-03-09, 2020-03-01); DuckDB gives the same day as a timestamp at
  // midnight. Same day either way; the type differs, which is why these two are listed apart.
  it.each([
    ['date_add', "SELECT date_add('day', 3, DATE '2020-03-06')", '2020-03-09 00:00:00'],
    ['date_trunc month', "SELECT date_trunc('month', DATE '2020-03-16')", '2020-03-01 00:00:00'],
  ])(
    '%s gives the same day, as a timestamp at midnight',
    async (_form, sql, expected) => {
      expect(await answer(sql)).toEqual([expected]);
    },
    30_000,
  );

  it.each([
    ['format_datetime', "SELECT format_datetime(TIMESTAMP '2020-03-08 00:00:00', 'yyyy-MM')"],
    ['parse_datetime', "SELECT parse_datetime('2020-03-08', 'yyyy-MM-dd')"],
    ['width_bucket', 'SELECT width_bucket(5, 0, 10, 5)'],
  ])('%s is refused by name', async (name, sql) => {
    const id = await service.start(sql);
    const status = await service.wait(id);
    expect(status.state).toBe('FAILED');
    expect(status.error).toContain(`${name}() cannot run on the local engine`);
  });

  it('renames only calls, never strings, quoted names or plain columns', () => {
    expect(
      renameTrinoFunctions(`SELECT element_at(a, 1), 'element_at(' , "array_join"(x), array_join FROM t -- approx_percentile(\n`),
    ).toBe(`SELECT list_extract(a, 1), 'element_at(' , "array_join"(x), array_join FROM t -- approx_percentile(\n`);
    expect(() => renameTrinoFunctions('SELECT WIDTH_BUCKET (1, 0, 2, 2)')).toThrow(UntranslatableSql);
  });
});

describe('the local engine keeps the lake read-only and reports failures', () => {
  it.each([['DROP VIEW covid_cases'], ["COPY (SELECT 1) TO '/tmp/lakedeck-should-not-exist.csv'"], ['CREATE TABLE t AS SELECT 1']])(
    '%s is refused',
    async (sql) => {
      const id = await service.start(sql);
      const status = await service.wait(id);
      expect(status.state).toBe('FAILED');
      expect(status.error).toMatch(/refused/);
    },
  );

  it('fetches no extension from the internet for a remote file', async () => {
    const id = await service.start("SELECT * FROM read_parquet('https://example.invalid/x.parquet')");
    const status = await service.wait(id);
    expect(status.state).toBe('FAILED');
    expect(status.error).toMatch(/httpfs/);
  });

  it('a wrong column fails with the engine message', async () => {
    const id = await service.start('SELECT no_such_column FROM covid_cases');
    const status = await service.wait(id);
    expect(status).toMatchObject({ state: 'FAILED' });
    expect(status.error).toMatch(/no_such_column/);
  });

  it('SHOW TABLES lists the catalog views', async () => {
    const id = await service.start('SHOW TABLES');
    expect((await service.wait(id)).state).toBe('SUCCEEDED');
    const names = (await service.results(id)).rows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['covid_cases', 'incidence_by_department', 'top_municipalities']));
  });
});
