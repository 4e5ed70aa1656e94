// The query API handler against Athena on moto (127.0.0.1): what it sends Athena (the SQL constant,
// execution parameters, workgroup, database), how it polls and stops, and its JSON answers.
// moto runs no SQL: each test posts the result its query will get. The poll clock is simulated.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AthenaClient,
  CreateWorkGroupCommand,
  GetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/backends/aws/athena/run.js';
import { createQueryHandler, query, type HttpApiEvent, type HttpResult } from '../../src/lambda/query.js';
import { QUERIES } from '../../src/core/named-queries.js';
import { startMoto, type Moto } from '../support/moto.js';
import { queueAthenaResult } from '../support/moto-athena.js';

const WORKGROUP = 'lakedeck-test';
const DATABASE = 'lakedeck_test';
let moto: Moto;
let athena: AthenaClient;

beforeAll(async () => {
  moto = await startMoto();
  athena = new AthenaClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await athena.send(
    new CreateWorkGroupCommand({
      Name: WORKGROUP,
      Configuration: {
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: { OutputLocation: 's3://lakedeck-results/athena-results/' },
      },
    }),
  );
}, 60_000);
afterAll(async () => {
  athena?.destroy();
  await moto?.stop();
});
afterEach(async () => {
  await motoApi('state-manager/unset-transition', { model_name: 'athena::execution' });
});

async function motoApi(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${moto.endpoint}/moto-api/${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, path).toBeLessThan(300);
}

const nextResult = (columns: Array<[string, string]>, rows: Array<Array<string | null>>) =>
  queueAthenaResult(moto.endpoint, DATABASE, columns, rows);

/** Each query stays in QUEUED, then RUNNING, for `polls` GetQueryExecution calls. */
const slowQueries = (polls: number) =>
  motoApi('state-manager/set-transition', { model_name: 'athena::execution', transition: { progression: 'manual', times: polls } });

function simulatedClock(onSleep: (ms: number) => Promise<void> | void = () => {}) {
  const sleeps: number[] = [];
  let t = Date.UTC(2024, 6, 1, 12);
  const clock: Clock = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
      await onSleep(ms);
    },
  };
  return { clock, sleeps };
}

function handlerWith(clock: Clock, workGroup = WORKGROUP) {
  return createQueryHandler({ athena, workGroup, database: DATABASE, clock, maxRows: 100, log: () => {} });
}

function get(path: string, query?: Record<string, string>): HttpApiEvent {
  return {
    rawPath: path,
    pathParameters: { proxy: path.slice(1) },
    queryStringParameters: query,
    requestContext: { http: { method: 'GET' } },
  };
}

const body = (result: HttpResult) => JSON.parse(result.body);
const executionIds = async () => (await athena.send(new ListQueryExecutionsCommand({ WorkGroup: WORKGROUP }))).QueryExecutionIds ?? [];
const execution = async (id: string) => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;
const sqlOf = (name: string) => QUERIES.find((q) => q.name === name)!.sql;

const DAILY_COLUMNS: Array<[string, string]> = [
  ['department_code', 'varchar'],
  ['department_name', 'varchar'],
  ['date', 'date'],
  ['new_cases', 'bigint'],
  ['new_deaths', 'bigint'],
  ['cumulative_cases', 'bigint'],
  ['cumulative_deaths', 'bigint'],
];

describe('GET /departments/{code}/daily', () => {
  it('sends the constant SQL with the code padded and the dates as execution parameters, and answers typed rows', async () => {
    await nextResult(DAILY_COLUMNS, [
      ['05', 'Antioquia', '2021-01-01', '1200', '31', '250000', '5000'],
      ['05', 'Antioquia', '2021-01-02', '980', null, '250980', '5000'],
    ]);
    const { clock } = simulatedClock();
    const result = await handlerWith(clock)(get('/departments/5/daily', { from: '2021-01-01', to: '2021-01-31' }));

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const answer = body(result);
    expect(answer).toMatchObject({
      query: 'department_daily',
      inputs: { code: '05', from: '2021-01-01', to: '2021-01-31' },
      truncated: false,
      bytesScanned: 0,
    });
    expect(answer.columns).toEqual(DAILY_COLUMNS.map(([name, type]) => ({ name, type })));
    expect(answer.rows).toEqual([
      ['05', 'Antioquia', '2021-01-01', 1200, 31, 250000, 5000],
      ['05', 'Antioquia', '2021-01-02', 980, null, 250980, 5000],
    ]);
    const sent = await execution(answer.executionId);
    expect(sent.Query).toBe(sqlOf('department_daily'));
    expect(sent.ExecutionParameters).toEqual(["'05'", "'2021-01-01'", "'2021-01-31'"]);
    expect(sent.QueryExecutionContext).toEqual({ Database: DATABASE });
    expect(sent.WorkGroup).toBe(WORKGROUP);
  });

  it('drops the header row that real Athena puts first, and defaults the range to 2020-01-01 through today', async () => {
    await nextResult(DAILY_COLUMNS, [DAILY_COLUMNS.map(([name]) => name), ['11', 'Bogotá D.C.', '2020-03-06', '1', '0', '1', '0']]);
    const { clock } = simulatedClock();
    const answer = body(await handlerWith(clock)(get('/departments/11/daily')));
    expect(answer.rows).toEqual([['11', 'Bogotá D.C.', '2020-03-06', 1, 0, 1, 0]]);
    expect((await execution(answer.executionId)).ExecutionParameters).toEqual(["'11'", "'2020-01-01'", "'2024-07-01'"]);
  });
});

describe('other routes', () => {
  it('sends no execution parameters for a parameterless query', async () => {
    await nextResult(
      [
        ['department_code', 'varchar'],
        ['incidence_per_100k', 'double'],
      ],
      [['91', '12345.6']],
    );
    const answer = body(await handlerWith(simulatedClock().clock)(get('/departments/incidence')));
    expect(answer.rows).toEqual([['91', 12345.6]]);
    const sent = await execution(answer.executionId);
    expect(sent.Query).toBe(sqlOf('department_incidence'));
    expect(sent.ExecutionParameters).toBeUndefined();
  });

  it('binds sex twice and the limit as an integer literal', async () => {
    const run = handlerWith(simulatedClock().clock);
    const fatality = body(await run(get('/fatality', { sex: 'f' })));
    expect((await execution(fatality.executionId)).ExecutionParameters).toEqual(["'F'", "'F'"]);
    const top = body(await run(get('/municipalities/top', { limit: '3' })));
    expect((await execution(top.executionId)).ExecutionParameters).toEqual(['3']);
    expect(top).toMatchObject({ query: 'top_municipalities', inputs: { limit: 3 }, rows: [] });
  });
});

describe('refusals that never reach Athena', () => {
  it('answers 400 naming the parameter and the reason, 404 with the routes, 405 for other methods', async () => {
    const before = (await executionIds()).length;
    const run = handlerWith(simulatedClock().clock);
    const cases: Array<[HttpApiEvent, number, Record<string, unknown>]> = [
      [get('/departments/123/daily'), 400, { error: 'bad_parameter', parameter: 'code' }],
      [get('/departments/05/daily', { from: '2021-02-30' }), 400, { parameter: 'from', message: '2021-02-30 is not a calendar date' }],
      [
        get('/departments/05/daily', { from: '2021-03-01', to: '2021-02-01' }),
        400,
        { parameter: 'from', message: '2021-03-01 is after to=2021-02-01' },
      ],
      [get('/municipalities/top', { limit: '1000' }), 400, { parameter: 'limit' }],
      [get('/fatality', { sex: 'X' }), 400, { parameter: 'sex', message: 'expected one of F, M, got "X"' }],
      [
        get('/departments/incidence', { order: 'cases' }),
        400,
        { parameter: 'order', message: 'not a parameter of /departments/incidence (accepted: none)' },
      ],
      [get('/cases'), 404, { error: 'not_found', message: 'no query answers /cases' }],
      [{ ...get('/fatality'), requestContext: { http: { method: 'POST' } } }, 405, { error: 'method_not_allowed' }],
    ];
    for (const [event, status, expected] of cases) {
      const result = await run(event);
      expect(result.statusCode, event.rawPath).toBe(status);
      expect(body(result), event.rawPath).toMatchObject(expected);
    }
    expect(body(await run(get('/nope'))).routes).toHaveLength(QUERIES.length);
    expect(await executionIds()).toHaveLength(before);
  });
});

describe('polling', () => {
  it('backs off from 200 ms doubling to 2 s while the query is queued and running', async () => {
    await slowQueries(3);
    await nextResult([['sex', 'varchar']], [['F']]);
    const { clock, sleeps } = simulatedClock();
    const result = await handlerWith(clock)(get('/fatality'));
    expect(result.statusCode).toBe(200);
    expect(sleeps).toEqual([200, 400, 800, 1600, 2000]);
  });

  it('stops the query at the deadline and answers 504', async () => {
    await slowQueries(1_000);
    const { clock, sleeps } = simulatedClock();
    // 9 s left in the function: 5 s are kept back, so 4 s of polling.
    const result = await handlerWith(clock)(get('/departments/incidence'), { getRemainingTimeInMillis: () => 9_000 });
    expect(result.statusCode).toBe(504);
    const answer = body(result);
    expect(answer).toMatchObject({ error: 'timeout', message: expect.stringContaining('the query was stopped') });
    expect(sleeps).toEqual([200, 400, 800, 1600, 1000]);
    expect((await execution(answer.executionId)).Status?.State).toBe('CANCELLED');
  });

  it('answers 502 when the query is cancelled by someone else', async () => {
    await slowQueries(1_000);
    const { clock } = simulatedClock(async () => {
      const newest = (await executionIds()).at(-1);
      await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: newest }));
    });
    const result = await handlerWith(clock)(get('/departments/incidence'));
    expect(result.statusCode).toBe(502);
    expect(body(result)).toMatchObject({ error: 'query_failed', state: 'CANCELLED', message: 'the query was cancelled' });
  });
});

describe('Athena refusing the request', () => {
  it("answers 502 with Athena's error", async () => {
    const result = await handlerWith(simulatedClock().clock, 'no-such-workgroup')(get('/departments/incidence'));
    expect(result.statusCode).toBe(502);
    expect(body(result)).toEqual({
      error: 'athena_error',
      message: "Athena refused the query (InvalidRequestException); the details are in the API function's log",
    });
  });
});

describe('the exported handler', () => {
  it('reads its workgroup, database and endpoint from the environment', async () => {
    const saved = { ...process.env };
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      Object.assign(process.env, moto.env, { LAKEDECK_ATHENA_WORKGROUP: WORKGROUP, LAKEDECK_GLUE_DATABASE: DATABASE });
      await nextResult([['age_group', 'varchar']], [['80+']]);
      const result = await query(get('/fatality', { sex: 'M' }));
      expect(result.statusCode).toBe(200);
      expect(body(result).rows).toEqual([['80+']]);
      // One structured log line per query, for Logs Insights.
      expect(JSON.parse(String(log.mock.calls[0][0]))).toMatchObject({
        query: 'fatality_by_age_sex',
        outcome: 'succeeded',
        executionId: body(result).executionId,
      });
      delete process.env.LAKEDECK_GLUE_DATABASE;
      expect(body(await query(get('/fatality')))).toMatchObject({ error: 'misconfigured' });
    } finally {
      log.mockRestore();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('answers the same from the bundle that is deployed (dist/lambda/index.mjs, built before the tests)', async () => {
    const bundle = (await import(pathToFileURL(path.resolve('dist/lambda/index.mjs')).href)) as { query: typeof query };
    const saved = { ...process.env };
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      Object.assign(process.env, moto.env, { LAKEDECK_ATHENA_WORKGROUP: WORKGROUP, LAKEDECK_GLUE_DATABASE: DATABASE });
      await nextResult([['age_group', 'varchar']], [['60-69']]);
      const result = await bundle.query(get('/fatality', { sex: 'F' }));
      expect(result.statusCode).toBe(200);
      expect(body(result).rows).toEqual([['60-69']]);
    } finally {
      log.mockRestore();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
