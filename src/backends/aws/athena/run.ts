// The one Athena client code of the console and the query Lambda: StartQueryExecution in the
// workgroup (whose enforced result location and bytes-scanned cutoff apply), GetQueryExecution
// polled with a doubling back-off, GetQueryResults paged by token (the header row handled in
// results.ts), StopQueryExecution. The Lambda runs a query to completion under a deadline
// (`runQuery`); the console's QueryService uses the same steps one call at a time.
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { collectRows, type Column, type ResultPage, type Value } from './results.js';

export type AthenaSend = Pick<AthenaClient, 'send'>;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RunSettings {
  workGroup: string;
  database: string;
  /** Epoch ms after which the query is stopped and reported as timed out. */
  deadline: number;
  maxRows: number;
  clock: Clock;
}

export type RunOutcome =
  | { kind: 'succeeded'; executionId: string; columns: Column[]; rows: Value[][]; truncated: boolean; bytesScanned: number }
  | { kind: 'failed'; executionId: string; state: string; reason: string; errorType?: number }
  /** `stopError`: why StopQueryExecution failed, if it did (the query may still be running). */
  | { kind: 'timeout'; executionId: string; state: string; stopError?: string };

/** Polling starts at 200 ms and doubles to 2 s: quick answers stay quick, long ones cost few calls. */
export const FIRST_POLL_MS = 200;
export const MAX_POLL_MS = 2_000;
/** Athena's largest result page. */
export const MAX_PAGE_SIZE = 1000;

export function nextPollDelay(previous: number): number {
  return Math.min(previous * 2, MAX_POLL_MS);
}

/** The StartQueryExecution input: exported so tests can check exactly what Athena is sent. */
export function startInput(sql: string, parameters: string[], settings: Pick<RunSettings, 'workGroup' | 'database'>) {
  return {
    QueryString: sql,
    // Athena refuses an empty list: parameterless queries send none.
    ExecutionParameters: parameters.length ? parameters : undefined,
    WorkGroup: settings.workGroup,
    QueryExecutionContext: { Database: settings.database },
  };
}

export async function startQuery(
  athena: AthenaSend,
  sql: string,
  parameters: string[],
  settings: Pick<RunSettings, 'workGroup' | 'database'>,
): Promise<string> {
  const started = await athena.send(new StartQueryExecutionCommand(startInput(sql, parameters, settings)));
  return started.QueryExecutionId!;
}

export async function describeQuery(athena: AthenaSend, executionId: string): Promise<QueryExecution> {
  const { QueryExecution: execution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: executionId }));
  return execution ?? {};
}

export async function stopQuery(athena: AthenaSend, executionId: string): Promise<void> {
  await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: executionId }));
}

export async function resultPage(
  athena: AthenaSend,
  executionId: string,
  token: string | undefined,
  pageSize = MAX_PAGE_SIZE,
): Promise<ResultPage> {
  const page = await athena.send(
    new GetQueryResultsCommand({ QueryExecutionId: executionId, NextToken: token, MaxResults: Math.min(pageSize, MAX_PAGE_SIZE) }),
  );
  return { columnInfo: page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [], rows: page.ResultSet?.Rows ?? [], nextToken: page.NextToken };
}

export function failureReason(execution: QueryExecution, state: string): string {
  return execution.Status?.StateChangeReason ?? (state === 'CANCELLED' ? 'the query was cancelled' : 'Athena gave no reason');
}

export async function runQuery(athena: AthenaSend, sql: string, parameters: string[], settings: RunSettings): Promise<RunOutcome> {
  const { clock, deadline } = settings;
  const executionId = await startQuery(athena, sql, parameters, settings);
  let delay = FIRST_POLL_MS;
  for (;;) {
    const execution = await describeQuery(athena, executionId);
    const state = execution.Status?.State ?? 'UNKNOWN';
    if (state === 'SUCCEEDED') {
      const { columns, rows, truncated } = await collectRows((token) => resultPage(athena, executionId, token), settings.maxRows);
      return { kind: 'succeeded', executionId, columns, rows, truncated, bytesScanned: execution.Statistics?.DataScannedInBytes ?? 0 };
    }
    if (state === 'FAILED' || state === 'CANCELLED') {
      return {
        kind: 'failed',
        executionId,
        state,
        reason: failureReason(execution, state),
        errorType: execution.Status?.AthenaError?.ErrorType,
      };
    }
    const left = deadline - clock.now();
    if (left <= 0) {
      try {
        await stopQuery(athena, executionId);
        return { kind: 'timeout', executionId, state };
      } catch (error) {
        // The caller still gets its 504; the response says the query may be running on.
        return { kind: 'timeout', executionId, state, stopError: (error as Error).message };
      }
    }
    await clock.sleep(Math.min(delay, left));
    delay = nextPollDelay(delay);
  }
}
