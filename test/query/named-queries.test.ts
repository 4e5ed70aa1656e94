// The query API's six named queries on the local engine, over the lake the real Spark jobs wrote
// from the 700-row sample (test/fixtures/query-lake), equal to the same figures computed with
// pandas straight from the trusted cases (test/query/named_queries_pandas.py).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbQueryService } from '../../src/backends/local/query/duckdb-query-service.js';
import { bindParameters, LocalQueryApi } from '../../src/backends/local/query/local-api.js';

const LAKE = 'test/fixtures/query-lake';
let service: DuckDbQueryService;
let api: LocalQueryApi;
let expected: {
  incidence: Record<string, { cases: number; incidence_per_100k: number }>;
  daily_05: { event_date: string; new_cases: number; cumulative_cases: number }[];
  top_cases: number[];
  age_sex: Record<string, number>;
  contagion: Record<string, { cases: number; share: number }>;
  national_diagnosis: { cases: number; median_days: number; min_days: number; max_days: number };
};

type Body = { columns: { name: string }[]; rows: unknown[][]; truncated: boolean; bytesScanned: number };

function objects(body: Body): Record<string, unknown>[] {
  return body.rows.map((row) => Object.fromEntries(body.columns.map((c, i) => [c.name, row[i]])));
}

async function route(path: string, params: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  const response = await api.get(path, params);
  expect(response.status).toBe(200);
  const body = response.body as Body;
  expect(body.truncated).toBe(false);
  expect(body.bytesScanned).toBeGreaterThan(0);
  return objects(body);
}

beforeAll(async () => {
  service = await DuckDbQueryService.open(LAKE);
  // A real pause between polls: DuckDB finishes on the event loop, which a no-op sleep would starve.
  api = new LocalQueryApi(
    service,
    (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    () => '2020-12-31',
  );
  expected = JSON.parse(execFileSync('.venv/bin/python', ['test/query/named_queries_pandas.py', LAKE], { encoding: 'utf8' }));
}, 120_000);
afterAll(() => service.close());

describe('the six named queries on the local engine equal pandas over the trusted cases', () => {
  it('department_incidence: cases and incidence per 100 000 for every department', async () => {
    const rows = await route('/departments/incidence');
    expect(rows).toHaveLength(Object.keys(expected.incidence).length);
    for (const row of rows) {
      const want = expected.incidence[row.department_code as string];
      expect(row.cases).toBe(want.cases);
      expect(row.incidence_per_100k as number).toBeCloseTo(want.incidence_per_100k, 9);
    }
    const ordered = rows.map((r) => r.incidence_per_100k as number);
    expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
  });

  it('department_daily: Antioquia (code 5 padded to 05) day by day, with the running total', async () => {
    const rows = await route('/departments/5/daily', { from: '2020-03-01', to: '2020-04-30' });
    const withCases = rows.filter((r) => (r.new_cases as number) > 0);
    expect(withCases.map((r) => ({ event_date: r.event_date, new_cases: r.new_cases, cumulative_cases: r.cumulative_cases }))).toEqual(
      expected.daily_05,
    );
  });

  it('department_daily: the date range filters', async () => {
    const rows = await route('/departments/05/daily', { from: '2020-03-15', to: '2020-03-20' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => (r.event_date as string) >= '2020-03-15' && (r.event_date as string) <= '2020-03-20')).toBe(true);
  });

  it('top_municipalities: the limit applies and cases fall as pandas counts them', async () => {
    const rows = await route('/municipalities/top', { limit: '5' });
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.cases)).toEqual(expected.top_cases);
  });

  it('fatality_by_age_sex: cases per age group and sex, one sex when asked', async () => {
    const both = await route('/fatality');
    expect(Object.fromEntries(both.map((r) => [`${r.age_group}|${r.sex}`, r.cases]))).toEqual(expected.age_sex);
    const women = await route('/fatality', { sex: 'f' });
    expect(new Set(women.map((r) => r.sex))).toEqual(new Set(['F']));
  });

  it('contagion_weekly: cases and share of each contagion type per ISO week', async () => {
    const rows = await route('/contagion/weekly', { from: '2020-01-01', to: '2020-12-31' });
    expect(rows).toHaveLength(Object.keys(expected.contagion).length);
    for (const row of rows) {
      const want = expected.contagion[`${row.week_start}|${row.contagion_type}`];
      expect(row.cases).toBe(want.cases);
      expect(row.share as number).toBeCloseTo(want.share, 9);
    }
  });

  it('department_intervals: the national symptoms-to-diagnosis row', async () => {
    const rows = await route('/departments/11/intervals');
    const national = rows.find((r) => r.scope === 'national' && r.interval_kind === 'symptoms_to_diagnosis')!;
    const want = expected.national_diagnosis;
    expect({ cases: national.cases, median_days: national.median_days, min_days: national.min_days, max_days: national.max_days }).toEqual(
      want,
    );
    expect(rows.filter((r) => r.scope !== 'national').every((r) => r.department_code === '11')).toBe(true);
  });

  it('answers bad parameters and unknown routes as the Lambda does', async () => {
    expect(await api.get('/departments/00/daily', {})).toMatchObject({ status: 400, body: { parameter: 'code' } });
    expect(await api.get('/municipalities/top', { limit: '101' })).toMatchObject({ status: 400, body: { parameter: 'limit' } });
    expect(await api.get('/nowhere', {})).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('binds each validated literal in place of its placeholder', () => {
    expect(bindParameters('a = ? AND b = ?', ["'05'", '10'])).toBe("a = '05' AND b = 10");
    expect(() => bindParameters('a = ?', [])).toThrow(/1 placeholders for 0/);
  });
});
