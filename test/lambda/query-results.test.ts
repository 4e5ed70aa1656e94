// Result paging, header-row detection and typing, and the polling loop's outcomes that moto cannot
// produce (a FAILED query with Athena's reason, a stop that fails), with a scripted Athena.
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { describe, expect, it } from 'vitest';
import { createQueryHandler } from '../../src/lambda/query.js';
import { FIRST_POLL_MS, MAX_POLL_MS, nextPollDelay, runQuery, startInput, type AthenaSend } from '../../src/backends/aws/athena/run.js';
import { collectRows, typedValue, type ResultPage } from '../../src/backends/aws/athena/results.js';

const COLUMNS = [
  { Name: 'code', Type: 'varchar' },
  { Name: 'cases', Type: 'bigint' },
];
const row = (...values: Array<string | undefined>) => ({ Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) });

function pages(...contents: ResultPage['rows'][]) {
  const requested: Array<string | undefined> = [];
  const fetch = async (token: string | undefined): Promise<ResultPage> => {
    requested.push(token);
    const index = token === undefined ? 0 : Number(token);
    return { columnInfo: COLUMNS, rows: contents[index], nextToken: index + 1 < contents.length ? String(index + 1) : undefined };
  };
  return { fetch, requested };
}

describe('collecting result pages', () => {
  it('pages past 1000 rows and drops the header row of the first page only', async () => {
    const first = [row('code', 'cases'), ...Array.from({ length: 999 }, (_, i) => row(String(i), String(i)))];
    const second = [row('code', 'cases'), row('x', '7')];
    const { fetch, requested } = pages(first, second);
    const result = await collectRows(fetch, 5_000);
    expect(requested).toEqual([undefined, '1']);
    expect(result.rows).toHaveLength(1001);
    expect(result.rows[0]).toEqual(['0', 0]);
    // A later row equal to the column names is data.
    expect(result.rows.slice(-2)).toEqual([
      ['code', 'cases'],
      ['x', 7],
    ]);
    expect(result).toMatchObject({
      columns: [
        { name: 'code', type: 'varchar' },
        { name: 'cases', type: 'bigint' },
      ],
      truncated: false,
    });
  });

  it('keeps the first row when it is data (moto adds no header)', async () => {
    const result = await collectRows(pages([row('05', '10'), row('08', '20')]).fetch, 10);
    expect(result.rows).toEqual([
      ['05', 10],
      ['08', 20],
    ]);
  });

  it('stops at the row cap and says so; exactly the cap is not truncated', async () => {
    const capped = pages([row('a', '1'), row('b', '2')], [row('c', '3')]);
    expect(await collectRows(capped.fetch, 2)).toMatchObject({
      rows: [
        ['a', 1],
        ['b', 2],
      ],
      truncated: true,
    });
    const exact = pages([row('a', '1'), row('b', '2')], []);
    expect(await collectRows(exact.fetch, 2)).toMatchObject({
      rows: [
        ['a', 1],
        ['b', 2],
      ],
      truncated: false,
    });
  });

  it('types values by column type', () => {
    expect(typedValue(undefined, 'bigint')).toBeNull();
    expect(typedValue('', 'varchar')).toBe('');
    expect(typedValue('42', 'integer')).toBe(42);
    expect(typedValue('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(typedValue('0.125', 'double')).toBe(0.125);
    expect(typedValue('12.50', 'decimal(10,2)')).toBe(12.5);
    expect(typedValue('NaN', 'double')).toBe('NaN');
    expect(typedValue('true', 'boolean')).toBe(true);
    expect(typedValue('false', 'boolean')).toBe(false);
    expect(typedValue('2021-01-01', 'date')).toBe('2021-01-01');
  });
});

describe('polling policy', () => {
  it('doubles from 200 ms up to 2 s', () => {
    const delays = [FIRST_POLL_MS];
    while (delays.length < 7) delays.push(nextPollDelay(delays.at(-1)!));
    expect(delays).toEqual([200, 400, 800, 1600, 2000, 2000, 2000]);
    expect(MAX_POLL_MS).toBe(2000);
  });

  it('sends execution parameters only when there are some', () => {
    const settings = { workGroup: 'wg', database: 'db' };
    expect(startInput('SELECT ?', ["'05'"], settings)).toEqual({
      QueryString: 'SELECT ?',
      ExecutionParameters: ["'05'"],
      WorkGroup: 'wg',
      QueryExecutionContext: { Database: 'db' },
    });
    expect(startInput('SELECT 1', [], settings).ExecutionParameters).toBeUndefined();
  });
});

/** An Athena whose executions go through `states`, recording the commands it receives. */
function scriptedAthena(states: QueryExecution[], stopFails = false) {
  const sent: string[] = [];
  const athena: AthenaSend = {
    send: (async (command: unknown) => {
      sent.push((command as object).constructor.name);
      if (command instanceof StartQueryExecutionCommand) return { QueryExecutionId: 'q-1' };
      if (command instanceof GetQueryExecutionCommand) return { QueryExecution: states.shift() };
      if (command instanceof StopQueryExecutionCommand) {
        if (stopFails) throw Object.assign(new Error('Query has already completed'), { name: 'InvalidRequestException' });
        return {};
      }
      if (command instanceof GetQueryResultsCommand) return { ResultSet: { Rows: [], ResultSetMetadata: { ColumnInfo: [] } } };
      throw new Error(`unexpected ${String(command)}`);
    }) as AthenaSend['send'],
  };
  return { athena, sent };
}

const clock = () => {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
};
const settings = (deadline: number) => ({ workGroup: 'wg', database: 'db', deadline, maxRows: 10, clock: clock() });

describe('query outcomes', () => {
  it("reports a failed query with Athena's reason and error type", async () => {
    const failed = {
      Status: {
        State: 'FAILED' as const,
        StateChangeReason: "TABLE_NOT_FOUND: line 2:6: Table 'awsdatacatalog.lakedeck.top_municipalities' does not exist",
        AthenaError: { ErrorCategory: 2, ErrorType: 1006 },
      },
    };
    const { athena, sent } = scriptedAthena([{ Status: { State: 'RUNNING' } }, failed]);
    const outcome = await runQuery(athena, 'SELECT 1', [], settings(10_000));
    expect(outcome).toEqual({
      kind: 'failed',
      executionId: 'q-1',
      state: 'FAILED',
      reason: failed.Status.StateChangeReason,
      errorType: 1006,
    });
    expect(sent).toEqual(['StartQueryExecutionCommand', 'GetQueryExecutionCommand', 'GetQueryExecutionCommand']);
  });

  it('reports the bytes scanned of a successful query', async () => {
    const { athena } = scriptedAthena([{ Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 10_485_760 } }]);
    expect(await runQuery(athena, 'SELECT 1', [], settings(10_000))).toMatchObject({ kind: 'succeeded', bytesScanned: 10_485_760 });
  });

  it('says when stopping a timed-out query failed', async () => {
    const { athena, sent } = scriptedAthena([{ Status: { State: 'RUNNING' } }, { Status: { State: 'RUNNING' } }], true);
    const outcome = await runQuery(athena, 'SELECT 1', [], settings(100));
    expect(outcome).toEqual({ kind: 'timeout', executionId: 'q-1', state: 'RUNNING', stopError: 'Query has already completed' });
    expect(sent.at(-1)).toBe('StopQueryExecutionCommand');
  });

  it('maps a failed query to 502 and Athena throttling to 503 in the handler', async () => {
    const reason =
      'HIVE_BAD_DATA: Error opening Hive split s3://lakedeck-prod-lake/refined/top_municipalities/part-0.parquet: Field cases type INT64 in parquet is incompatible with type varchar';
    const { athena } = scriptedAthena([{ Status: { State: 'FAILED', StateChangeReason: reason, AthenaError: { ErrorType: 1101 } } }]);
    const logged: Record<string, unknown>[] = [];
    const handler = createQueryHandler({
      athena,
      workGroup: 'wg',
      database: 'db',
      clock: clock(),
      maxRows: 10,
      log: (r) => logged.push(r),
    });
    const failed = await handler({ pathParameters: { proxy: 'municipalities/top' } });
    expect(failed.statusCode).toBe(502);
    expect(JSON.parse(failed.body)).toEqual({
      error: 'query_failed',
      query: 'top_municipalities',
      executionId: 'q-1',
      state: 'FAILED',
      errorType: 1101,
      message: "the query failed in Athena (Athena error type 1101); the reason is in the API function's log under execution q-1",
    });
    // Athena's reason names the bucket: the caller never sees it, the operator's log has it.
    expect(failed.body).not.toContain('s3://');
    expect(failed.body).not.toContain('HIVE_BAD_DATA');
    expect(logged).toContainEqual(expect.objectContaining({ executionId: 'q-1', state: 'FAILED', reason, errorType: 1101 }));

    const denied: AthenaSend = {
      send: (async () => {
        throw Object.assign(
          new Error(
            'User: arn:aws:sts::123456789012:assumed-role/lakedeck-QueryFunctionRole/x is not authorized to perform: athena:StartQueryExecution',
          ),
          { name: 'AccessDeniedException' },
        );
      }) as AthenaSend['send'],
    };
    const refused = await createQueryHandler({
      athena: denied,
      workGroup: 'wg',
      database: 'db',
      clock: clock(),
      maxRows: 10,
      log: () => {},
    })({ rawPath: '/fatality' });
    expect(refused.statusCode).toBe(502);
    expect(JSON.parse(refused.body)).toEqual({
      error: 'athena_error',
      message: "Athena refused the query (AccessDeniedException); the details are in the API function's log",
    });
    expect(refused.body).not.toContain('arn:aws');

    const throttled: AthenaSend = {
      send: (async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      }) as AthenaSend['send'],
    };
    const busy = await createQueryHandler({
      athena: throttled,
      workGroup: 'wg',
      database: 'db',
      clock: clock(),
      maxRows: 10,
      log: () => {},
    })({ rawPath: '/fatality' });
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('2');
    expect(JSON.parse(busy.body)).toEqual({ error: 'throttled', message: 'Athena is throttling: Rate exceeded' });
  });
});
