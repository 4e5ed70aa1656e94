// The local engine streams results: the first page of a huge result is there without the rest
// being produced, pages read forward join up to the whole result, a page asked for elsewhere
// (an export from the top) is read again by a second reader, and the total is known at the end.
// Statements both engines read alike run without loading the translator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryService } from '../../src/backends/local/query/duckdb-query-service.js';
import { needsTranslation } from '../../src/backends/local/query/plain-sql.js';
import { translateWithPolyglot, translatorLoaded } from '../../src/backends/local/query/trino-to-duckdb.js';
import type { Cell } from '../../src/core/query.js';

let service: DuckDbQueryService;
beforeAll(async () => {
  service = await DuckDbQueryService.open('test/fixtures/query-lake');
}, 60_000);
afterAll(() => service.close());

async function succeeded(sql: string): Promise<string> {
  const id = await service.start(sql);
  const status = await service.wait(id);
  if (status.state !== 'SUCCEEDED') throw new Error(status.error);
  return id;
}

async function allRows(id: string, pageSize: number): Promise<{ rows: Cell[][]; pages: number; rowCount?: number }> {
  const rows: Cell[][] = [];
  let token: string | undefined;
  let pages = 0;
  let rowCount: number | undefined;
  do {
    const page = await service.results(id, token, pageSize);
    rows.push(...page.rows);
    token = page.nextToken;
    rowCount = page.rowCount;
    pages++;
  } while (token !== undefined);
  return { rows, pages, rowCount };
}

// Plain statements first: this file's module graph has not loaded the translator yet.
const PLAIN = [
  'SELECT department_code, count(*) AS n, sum(cases) FROM incidence_by_department GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10',
  "SELECT case_id, municipality_name FROM covid_cases WHERE report_date >= DATE '2020-03-20' AND sex = 'F' ORDER BY case_id LIMIT 20",
  "SELECT department_code, round(avg(age_years), 2), min(age_years), max(age_years), coalesce(nullif(department_code, '11'), 'capital') FROM covid_cases GROUP BY department_code ORDER BY 1",
  'SELECT case_id, 7 / 2 AS half, row_number() OVER (PARTITION BY department_code ORDER BY case_id) AS nth FROM covid_cases ORDER BY case_id LIMIT 30',
  "SELECT lower(municipality_name) || '-' || upper(department_code), length(municipality_name) FROM covid_cases ORDER BY case_id LIMIT 15",
  "WITH d AS (SELECT department_code, count(*) AS n FROM covid_cases GROUP BY 1) SELECT CAST(n AS double) / 3, CASE WHEN n > 10 THEN 'many' ELSE 'few' END FROM d ORDER BY 1",
];

describe('statements both engines read alike', () => {
  it.each(PLAIN)(
    'runs without the translator: %s',
    async (sql) => {
      expect(needsTranslation(sql)).toBe(false);
      const plain = (await allRows(await succeeded(sql), 1000)).rows;
      expect(plain.length).toBeGreaterThan(0);
      expect(translatorLoaded()).toBe(false);
    },
    30_000,
  );

  it.each(PLAIN)(
    'gives what the translated statement gives: %s',
    async (sql) => {
      const plain = (await allRows(await succeeded(sql), 1000)).rows;
      const translated = (await allRows(await succeeded(await translateWithPolyglot(sql)), 1000)).rows;
      expect(plain).toEqual(translated);
    },
    60_000,
  );

  it.each([
    ["SELECT date_trunc('month', report_date) FROM covid_cases", 'a Trino function'],
    ['SELECT concat(a, b) FROM t', 'concat skips NULLs on DuckDB only'],
    ['SELECT greatest(a, b) FROM t', 'greatest skips NULLs on DuckDB only'],
    ['SELECT ARRAY[1, 2]', 'an array'],
    ["SELECT DATE '2020-01-01' + INTERVAL '1' DAY", 'an interval'],
    ['SELECT x::int FROM t', "DuckDB's cast"],
    ['SELECT 1; SELECT 2', 'two statements'],
    ['SELECT * FROM UNNEST(ARRAY[1])', 'UNNEST'],
    ["SELECT X'00'", 'a binary literal'],
    ['SELECT * REPLACE (1 AS a) FROM t', "DuckDB's REPLACE"],
    ['SELECT a & b FROM t', 'a bitwise operator'],
    ['SELECT current_date', 'the current date'],
  ])('sends %s to the translator (%s)', (sql) => {
    expect(needsTranslation(sql)).toBe(true);
  });
});

describe('streamed results', () => {
  it('gives the first page of a trillion-row result (it is never built whole)', async () => {
    const id = await succeeded('SELECT range AS n FROM range(1000000000000)');
    expect((await service.status(id)).rowCount).toBeUndefined();
    const page = await service.results(id, undefined, 200);
    expect(page.rows).toHaveLength(200);
    expect(page.rows[199]).toEqual(['199']);
    expect(page.nextToken).toBe('200');
    expect(page.rowCount).toBeUndefined();
  }, 60_000);

  it('pages forward to the whole result, the last page saying it is the last and the total', async () => {
    const id = await succeeded('SELECT range AS n, md5(CAST(range AS VARCHAR)) AS label FROM range(5000)');
    const read = await allRows(id, 1000);
    expect(read.pages).toBe(5);
    expect(read.rows.map((r) => r[0])).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
    expect(read.rowCount).toBe(5000);
    expect((await service.status(id)).rowCount).toBe(5000);
  }, 60_000);

  it('reads a page from the top again after the reader moved on (an export while the pane pages)', async () => {
    const id = await succeeded('SELECT range AS n FROM range(10000) ORDER BY n');
    await service.results(id, undefined, 100);
    await service.results(id, '100', 100);
    const top = await service.results(id, undefined, 3);
    expect(top.rows).toEqual([['0'], ['1'], ['2']]);
    const jump = await service.results(id, '7000', 2);
    expect(jump.rows).toEqual([['7000'], ['7001']]);
    expect(jump.nextToken).toBe('7002');
    // The pane's reader is still where it was.
    expect((await service.results(id, '200', 1)).rows).toEqual([['200']]);
  }, 60_000);

  it('an empty result has no rows, no next page and a total of 0', async () => {
    const id = await succeeded('SELECT case_id FROM covid_cases WHERE false');
    const page = await service.results(id);
    expect(page).toMatchObject({ rows: [], rowCount: 0 });
    expect(page.nextToken).toBeUndefined();
    expect(page.columns.map((c) => c.name)).toEqual(['case_id']);
  }, 30_000);
});
