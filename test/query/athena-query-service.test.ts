// The aws QueryService against Athena and Glue on moto (127.0.0.1): what it starts in the
// workgroup, the first page's header row, NULLs, cancel (StopQueryExecution), and the catalog for
// completion. moto runs no SQL and never pages, so paging and failure reasons are also checked
// against a recorded Athena conversation.
import { AthenaClient, CreateWorkGroupCommand, GetQueryExecutionCommand, GetQueryResultsCommand } from '@aws-sdk/client-athena';
import { CreateDatabaseCommand, CreateTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AthenaQueryService, isCutoffReason } from '../../src/backends/aws/athena/query-service.js';
import type { AthenaSend } from '../../src/backends/aws/athena/run.js';
import { resultPages, waitForQuery } from '../../src/core/query-wait.js';
import { athenaCostUsd, QueryFailed } from '../../src/core/query.js';
import { startMoto, type Moto } from '../support/moto.js';
import { queueAthenaResult } from '../support/moto-athena.js';

const WORKGROUP = 'lakedeck-test';
const DATABASE = 'lakedeck_test';
let moto: Moto;
let athena: AthenaClient;
let glue: GlueClient;
let service: AthenaQueryService;

beforeAll(async () => {
  moto = await startMoto();
  const config = { region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  athena = new AthenaClient(config);
  glue = new GlueClient(config);
  await athena.send(
    new CreateWorkGroupCommand({
      Name: WORKGROUP,
      Configuration: {
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: { OutputLocation: 's3://lakedeck-results/athena-results/' },
      },
    }),
  );
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DATABASE } }));
  await glue.send(
    new CreateTableCommand({
      DatabaseName: DATABASE,
      TableInput: {
        Name: 'covid_cases',
        StorageDescriptor: {
          Columns: [
            { Name: 'case_id', Type: 'bigint' },
            { Name: 'sex', Type: 'string' },
          ],
        },
        PartitionKeys: [{ Name: 'report_date', Type: 'date' }],
      },
    }),
  );
  await glue.send(
    new CreateTableCommand({
      DatabaseName: DATABASE,
      TableInput: { Name: 'departments', StorageDescriptor: { Columns: [{ Name: 'department_code', Type: 'string' }] } },
    }),
  );
  service = new AthenaQueryService(athena, glue, { workGroup: WORKGROUP, database: DATABASE });
}, 60_000);
afterAll(async () => {
  athena?.destroy();
  glue?.destroy();
  await moto?.stop();
});

const nextResult = (columns: Array<[string, string]>, rows: Array<Array<string | null>>) =>
  queueAthenaResult(moto.endpoint, DATABASE, columns, rows);

const noSleep = async () => {};

describe('AthenaQueryService on moto', () => {
  it('runs in the workgroup and database, drops the header row of the first page, keeps NULLs', async () => {
    await nextResult(
      [
        ['department_code', 'varchar'],
        ['cases', 'bigint'],
      ],
      [
        ['department_code', 'cases'],
        ['05', '86'],
        ['11', null],
      ],
    );
    const id = await service.start('SELECT department_code, cases FROM incidence_by_department');
    const execution = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    expect(execution.QueryExecution).toMatchObject({ WorkGroup: WORKGROUP, QueryExecutionContext: { Database: DATABASE } });
    const status = await waitForQuery(service, id, noSleep);
    expect(status.state).toBe('SUCCEEDED');
    const pages = [];
    for await (const page of resultPages(service, id)) pages.push(page);
    expect(pages).toEqual([
      {
        columns: [
          { name: 'department_code', type: 'varchar' },
          { name: 'cases', type: 'bigint' },
        ],
        rows: [
          ['05', '86'],
          ['11', null],
        ],
        nextToken: undefined,
      },
    ]);
  });

  it('cancel sends StopQueryExecution and the query ends CANCELLED with a reason', async () => {
    await fetch(`${moto.endpoint}/moto-api/state-manager/set-transition`, {
      method: 'POST',
      body: JSON.stringify({ model_name: 'athena::execution', transition: { progression: 'manual', times: 50 } }),
    });
    try {
      await nextResult([['n', 'bigint']], [['1']]);
      const id = await service.start('SELECT count(*) AS n FROM covid_cases');
      expect((await service.status(id)).state).toMatch(/QUEUED|RUNNING/);
      await service.cancel(id);
      const status = await service.status(id);
      expect(status.state).toBe('CANCELLED');
      await expect(waitForQuery(service, id, noSleep)).rejects.toBeInstanceOf(QueryFailed);
    } finally {
      await fetch(`${moto.endpoint}/moto-api/state-manager/unset-transition`, {
        method: 'POST',
        body: JSON.stringify({ model_name: 'athena::execution' }),
      });
    }
  });

  it('reads the Glue catalog for completion, partition keys included', async () => {
    const tables = await service.tables();
    expect(tables).toEqual([
      {
        name: 'covid_cases',
        columns: [
          { name: 'case_id', type: 'bigint' },
          { name: 'sex', type: 'string' },
          { name: 'report_date', type: 'date' },
        ],
        partitionKeys: ['report_date'],
      },
      { name: 'departments', columns: [{ name: 'department_code', type: 'string' }], partitionKeys: [] },
    ]);
  });
});

/** Athena as a recorded conversation: two result pages, and a query stopped by the workgroup cutoff. */
function recordedAthena(): AthenaSend & { tokens: (string | undefined)[] } {
  const tokens: (string | undefined)[] = [];
  const column = { ColumnInfo: [{ Name: 'x', Type: 'integer' }] };
  const rows = (...values: string[]) => values.map((v) => ({ Data: [{ VarCharValue: v }] }));
  return {
    tokens,
    send: (async (command: unknown) => {
      if (command instanceof GetQueryResultsCommand) {
        tokens.push(command.input.NextToken);
        return command.input.NextToken === undefined
          ? { ResultSet: { ResultSetMetadata: column, Rows: rows('x', '1', '2') }, NextToken: 'page-2' }
          : { ResultSet: { ResultSetMetadata: column, Rows: rows('x', '3') } };
      }
      if (command instanceof GetQueryExecutionCommand) {
        return {
          QueryExecution: {
            Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled! : Bytes scanned limit was exceeded' },
            Statistics: { DataScannedInBytes: 1_073_741_824, EngineExecutionTimeInMillis: 900 },
          },
        };
      }
      throw new Error('unexpected command');
    }) as AthenaSend['send'],
  };
}

describe('AthenaQueryService paging and the workgroup cutoff', () => {
  it('pages by token; the header row is dropped only on the first page (a later row equal to it is data)', async () => {
    const recorded = recordedAthena();
    const paged = new AthenaQueryService(recorded, glue, { workGroup: WORKGROUP, database: DATABASE });
    const rows = [];
    for await (const page of resultPages(paged, 'q', 2)) rows.push(...page.rows);
    expect(rows).toEqual([['1'], ['2'], ['x'], ['3']]);
    expect(recorded.tokens).toEqual([undefined, 'page-2']);
  });

  it('reports the workgroup cutoff as such, with data scanned and engine time', async () => {
    const paged = new AthenaQueryService(recordedAthena(), glue, { workGroup: WORKGROUP, database: DATABASE });
    const status = await paged.status('q');
    expect(status).toMatchObject({ state: 'CANCELLED', stoppedByCutoff: true, bytesScanned: 1_073_741_824, engineMs: 900 });
    expect(status.error).toMatch(/stopped by the workgroup lakedeck-test's data-scanned cutoff/);
    expect(isCutoffReason('SYNTAX_ERROR: line 1:8')).toBe(false);
  });

  it('prices data scanned as Athena does: $5 per TB, 10 MB minimum', () => {
    expect(athenaCostUsd(0)).toBeCloseTo((10 * 2 ** 20 * 5) / 2 ** 40, 12);
    expect(athenaCostUsd(2 ** 40)).toBe(5);
  });
});
