// The query API's named queries over refined tables (spark/lakedeck_spark/catalog.py). Each SQL
// text is a constant with `?` placeholders; requests only choose which constant runs and supply
// validated values for its placeholders (Athena execution parameters), so no SQL is ever built
// from input.
import { BadParameter, boundedInt, dateRange, departmentCode, isoDate, oneOf, sqlInteger, sqlString } from './named-query-params.js';

export interface RouteInput {
  /** Captured path segments, already URL-decoded. */
  path: Record<string, string>;
  query: Record<string, string | undefined>;
  /** Today's date (UTC, YYYY-MM-DD): the default end of date ranges. */
  today: string;
}

export interface Bound {
  /** Execution parameters in placeholder order, as SQL literals. */
  parameters: string[];
  /** The normalised inputs, echoed in the response so callers see what was asked. */
  inputs: Record<string, string | number>;
}

export interface NamedQuery {
  name: string;
  /** Path template; `{name}` captures one segment. */
  path: string;
  /** Query-string parameters accepted; any other is a 400. */
  accepts: readonly string[];
  summary: string;
  sql: string;
  bind(input: RouteInput): Bound;
}

export interface QueryRequest extends Bound {
  name: string;
  sql: string;
}

export class RouteNotFound extends Error {
  constructor(path: string) {
    super(`no query answers ${path}`);
    this.name = 'RouteNotFound';
  }
}

/** Before Colombia's first reported case (2020-03-06): the default start of date ranges. */
export const EARLIEST_DATE = '2020-01-01';

function range(input: RouteInput): { from: string; to: string } {
  const from = isoDate('from', input.query.from ?? EARLIEST_DATE);
  const to = isoDate('to', input.query.to ?? input.today);
  dateRange(from, to);
  return { from, to };
}

export const QUERIES: readonly NamedQuery[] = [
  {
    name: 'department_daily',
    path: '/departments/{code}/daily',
    accepts: ['from', 'to'],
    summary: 'new and cumulative cases and COVID-19 deaths per day for one department (from, to: YYYY-MM-DD)',
    sql: `SELECT department_code, department_name, event_date, new_cases, new_deaths, cumulative_cases, cumulative_deaths
FROM cases_daily_by_department
WHERE department_code = ? AND event_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
ORDER BY event_date`,
    bind(input) {
      const code = departmentCode('code', input.path.code);
      const { from, to } = range(input);
      return { parameters: [sqlString(code), sqlString(from), sqlString(to)], inputs: { code, from, to } };
    },
  },
  {
    name: 'department_incidence',
    path: '/departments/incidence',
    accepts: [],
    summary:
      'cases, COVID-19 deaths and rates per 100 000 inhabitants for every department, highest incidence first; deaths from other causes beside them, outside the rates',
    sql: `SELECT department_code, department_name, population, cases, deaths, incidence_per_100k, mortality_per_100k, case_fatality_rate, other_cause_deaths
FROM incidence_by_department
ORDER BY incidence_per_100k DESC, department_code`,
    bind: () => ({ parameters: [], inputs: {} }),
  },
  {
    name: 'department_intervals',
    path: '/departments/{code}/intervals',
    accepts: [],
    summary: 'days from symptom onset to diagnosis and to recovery for one department, beside the national rows',
    sql: `SELECT interval_kind, scope, department_code, department_name, cases, mean_days, median_days, p90_days, min_days, max_days, negative_excluded
FROM case_interval_stats
WHERE scope = 'national' OR department_code = ?
ORDER BY interval_kind, scope DESC`,
    bind(input) {
      const code = departmentCode('code', input.path.code);
      return { parameters: [sqlString(code)], inputs: { code } };
    },
  },
  {
    name: 'fatality_by_age_sex',
    path: '/fatality',
    accepts: ['sex'],
    summary: 'COVID-19 case fatality rate by age group and sex, deaths from other causes beside it (sex: F or M; both when absent)',
    // Two placeholders so that one constant serves both "one sex" and "both".
    sql: `SELECT age_group, sex, cases, deaths, case_fatality_rate, other_cause_deaths
FROM case_fatality_by_age_sex
WHERE sex IN (?, ?)
ORDER BY age_group, sex`,
    bind(input) {
      if (input.query.sex === undefined) return { parameters: [sqlString('F'), sqlString('M')], inputs: { sex: 'F,M' } };
      const sex = oneOf('sex', input.query.sex, ['F', 'M'] as const);
      return { parameters: [sqlString(sex), sqlString(sex)], inputs: { sex } };
    },
  },
  {
    name: 'top_municipalities',
    path: '/municipalities/top',
    accepts: ['limit'],
    summary:
      'municipalities with the most cases (limit: 1-100, default 10; the table keeps the top 20 unless the analytics job was told otherwise)',
    sql: `SELECT "rank", municipality_code, municipality_name, department_code, department_name, cases, deaths, case_fatality_rate
FROM top_municipalities
WHERE "rank" <= ?
ORDER BY "rank"`,
    bind(input) {
      const limit = boundedInt('limit', input.query.limit ?? '10', 1, 100);
      return { parameters: [sqlInteger(limit)], inputs: { limit } };
    },
  },
  {
    name: 'contagion_weekly',
    path: '/contagion/weekly',
    accepts: ['from', 'to'],
    summary: 'share of each contagion type among the cases reported each ISO week (from, to: YYYY-MM-DD, on week_start)',
    sql: `SELECT week_start, contagion_type, cases, share
FROM contagion_mix_weekly
WHERE week_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
ORDER BY week_start, contagion_type`,
    bind(input) {
      const { from, to } = range(input);
      return { parameters: [sqlString(from), sqlString(to)], inputs: { from, to } };
    },
  },
];

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function match(template: string, actual: string[]): Record<string, string> | undefined {
  const expected = segments(template);
  if (expected.length !== actual.length) return undefined;
  const captured: Record<string, string> = {};
  for (const [i, part] of expected.entries()) {
    const capture = /^\{(\w+)\}$/.exec(part);
    if (capture) captured[capture[1]] = actual[i];
    else if (part !== actual[i]) return undefined;
  }
  return captured;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadParameter('path', `malformed URL escape in ${JSON.stringify(segment)}`);
  }
}

/** The request for a path and query string: RouteNotFound or BadParameter when there is none. */
export function resolveQuery(path: string, query: Record<string, string | undefined>, today: string): QueryRequest {
  const actual = segments(path).map(decode);
  for (const named of QUERIES) {
    const captured = match(named.path, actual);
    if (!captured) continue;
    const unknown = Object.keys(query).find((key) => !named.accepts.includes(key));
    if (unknown !== undefined) {
      const accepted = named.accepts.length ? named.accepts.join(', ') : 'none';
      throw new BadParameter(unknown, `not a parameter of ${named.path} (accepted: ${accepted})`);
    }
    return { name: named.name, sql: named.sql, ...named.bind({ path: captured, query, today }) };
  }
  throw new RouteNotFound(path);
}
