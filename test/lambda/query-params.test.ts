// Validation of the query API's inputs and the requests its routes build: every value reaching
// Athena is normalised, and every SQL text is a constant whose placeholders match its parameters.
import { describe, expect, it } from 'vitest';
import { BadParameter, boundedInt, departmentCode, isoDate, oneOf, sqlInteger, sqlString } from '../../src/core/named-query-params.js';
import { QUERIES, resolveQuery, RouteNotFound } from '../../src/core/named-queries.js';

function refusal(fn: () => unknown): { parameter: string; reason: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadParameter) return { parameter: error.parameter, reason: error.reason };
    throw error;
  }
  throw new Error('expected a BadParameter');
}

describe('parameter validation', () => {
  it.each([
    ['5', '05'],
    ['05', '05'],
    [' 76 ', '76'],
    ['99', '99'],
  ])('department code %j → %j', (raw, code) => expect(departmentCode('code', raw)).toBe(code));

  it.each(['', '0', '00', '123', '5a', '-5', '5.0', '٠٥'])('refuses department code %j', (raw) => {
    expect(refusal(() => departmentCode('code', raw)).parameter).toBe('code');
  });

  it('accepts real ISO dates only', () => {
    expect(isoDate('from', '2024-02-29')).toBe('2024-02-29');
    expect(refusal(() => isoDate('from', '2023-02-29')).reason).toBe('2023-02-29 is not a calendar date');
    expect(refusal(() => isoDate('to', '2021-13-01')).reason).toBe('2021-13-01 is not a calendar date');
    for (const raw of ['01/02/2021', '2021-1-2', '2021-01-01T00:00:00Z', "2021-01-01' OR '1'='1"]) {
      expect(refusal(() => isoDate('to', raw))).toMatchObject({
        parameter: 'to',
        reason: expect.stringMatching(/^expected a date as YYYY-MM-DD/),
      });
    }
  });

  it('bounds whole numbers', () => {
    expect(boundedInt('limit', '1', 1, 100)).toBe(1);
    expect(boundedInt('limit', '100', 1, 100)).toBe(100);
    for (const raw of ['0', '101', '-1', '1.5', '1e2', '', '10 OR 1=1', '9999999']) {
      expect(refusal(() => boundedInt('limit', raw, 1, 100)).reason).toBe(
        `expected a whole number from 1 to 100, got ${JSON.stringify(raw)}`,
      );
    }
  });

  it('matches a fixed set case-insensitively and returns the canonical spelling', () => {
    expect(oneOf('sex', 'm', ['F', 'M'])).toBe('M');
    expect(refusal(() => oneOf('sex', 'female', ['F', 'M'])).reason).toBe('expected one of F, M, got "female"');
  });

  it('renders SQL literals as Athena execution parameters expect them', () => {
    expect(sqlString('05')).toBe("'05'");
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlInteger(10)).toBe('10');
    expect(() => sqlInteger(1.5)).toThrow(RangeError);
  });
});

describe('route resolution', () => {
  const TODAY = '2024-07-01';

  it('builds the request of each route from its path and query string', () => {
    expect(resolveQuery('/departments/8/daily', { from: '2021-01-01', to: '2021-01-31' }, TODAY)).toMatchObject({
      name: 'department_daily',
      parameters: ["'08'", "'2021-01-01'", "'2021-01-31'"],
      inputs: { code: '08', from: '2021-01-01', to: '2021-01-31' },
    });
    expect(resolveQuery('/departments/incidence/', {}, TODAY)).toMatchObject({ name: 'department_incidence', parameters: [] });
    expect(resolveQuery('/departments/5/intervals', {}, TODAY)).toMatchObject({ name: 'department_intervals', parameters: ["'05'"] });
    expect(resolveQuery('/fatality', {}, TODAY)).toMatchObject({ parameters: ["'F'", "'M'"], inputs: { sex: 'F,M' } });
    expect(resolveQuery('/municipalities/top', {}, TODAY)).toMatchObject({ parameters: ['10'], inputs: { limit: 10 } });
    expect(resolveQuery('/contagion/weekly', { to: '2020-12-31' }, TODAY)).toMatchObject({ parameters: ["'2020-01-01'", "'2020-12-31'"] });
    expect(resolveQuery('/departments/%30%35/daily', {}, TODAY).parameters).toEqual(["'05'", "'2020-01-01'", `'${TODAY}'`]);
  });

  it('has one placeholder per execution parameter in every SQL text, and no input in the SQL', () => {
    const samples: Record<string, [string, Record<string, string>]> = {
      department_daily: ['/departments/05/daily', { from: '2021-01-01', to: '2021-01-31' }],
      department_incidence: ['/departments/incidence', {}],
      department_intervals: ['/departments/05/intervals', {}],
      fatality_by_age_sex: ['/fatality', { sex: 'F' }],
      top_municipalities: ['/municipalities/top', { limit: '7' }],
      contagion_weekly: ['/contagion/weekly', { from: '2021-01-01' }],
    };
    expect(Object.keys(samples).sort()).toEqual(QUERIES.map((q) => q.name).sort());
    for (const named of QUERIES) {
      const [path, query] = samples[named.name];
      const request = resolveQuery(path, query, TODAY);
      expect(request.sql, named.name).toBe(named.sql);
      expect(request.sql.split('?').length - 1, named.name).toBe(request.parameters.length);
    }
  });

  it('refuses unknown paths and parameters', () => {
    expect(() => resolveQuery('/departments', {}, TODAY)).toThrow(RouteNotFound);
    expect(() => resolveQuery('/departments/05/daily/extra', {}, TODAY)).toThrow(RouteNotFound);
    expect(refusal(() => resolveQuery('/departments/05/daily', { limit: '5' }, TODAY))).toEqual({
      parameter: 'limit',
      reason: 'not a parameter of /departments/{code}/daily (accepted: from, to)',
    });
    expect(refusal(() => resolveQuery('/departments/%E0%A4%A/daily', {}, TODAY)).parameter).toBe('path');
    // HTTP API joins repeated keys with commas: not a date.
    expect(refusal(() => resolveQuery('/contagion/weekly', { from: '2021-01-01,2021-02-01' }, TODAY)).parameter).toBe('from');
  });
});
