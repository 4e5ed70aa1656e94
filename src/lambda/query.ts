// AWS Lambda handler behind the HTTP API (`GET /{proxy+}`, IAM auth, stage throttling): named,
// parameterised Athena queries over the refined tables. Handler name `index.query`.
//
// Contract with cloudformation/ (QueryFunction):
//   Event     API Gateway HTTP API payload v2.
//   Routes    src/core/named-queries.ts (listed in cloudformation/README.md, "Query API").
//   Response  200 { query, inputs, columns: [{name, type}], rows: [[…]], truncated, bytesScanned,
//                   executionId }
//             400 bad parameter (which and why) · 404 unknown route · 405 not GET
//             502 Athena failed or refused the query (the kind of failure; Athena's reason,
//                 which names S3 paths and ARNs, is logged with the execution id, never returned)
//             503 Athena throttled
//             504 not finished before the deadline (the query is stopped)
//   Env       LAKEDECK_ATHENA_WORKGROUP, LAKEDECK_GLUE_DATABASE (required). AWS_ENDPOINT_URL is
//             honoured (moto, LocalStack).
import { AthenaClient } from '@aws-sdk/client-athena';
import { clientConfig } from '../backends/aws/clients.js';
import { realClock, runQuery, type AthenaSend, type Clock } from '../backends/aws/athena/run.js';
import { athenaRefusedMessage, queryFailedMessage } from './query/failure-body.js';
import { json, queryParameters, requestPath, type HttpApiEvent, type HttpResult } from './query/http.js';
import { BadParameter } from '../core/named-query-params.js';
import { QUERIES, resolveQuery, RouteNotFound } from '../core/named-queries.js';

export type { HttpApiEvent, HttpResult } from './query/http.js';

interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

export interface QueryDeps {
  athena: AthenaSend;
  workGroup: string;
  database: string;
  clock: Clock;
  /** Rows returned at most; more are reported as `truncated`. */
  maxRows: number;
  log: (record: Record<string, unknown>) => void;
}

/** Longest wait for Athena: the API's integration timeout is 29 s. */
export const MAX_WAIT_MS = 22_000;
/** Kept back from the function's remaining time to stop the query and read the results. */
export const RESERVE_MS = 5_000;
export const MAX_ROWS = 5_000;

const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException']);

export function createQueryHandler(deps: QueryDeps) {
  return async function queryHandler(event: HttpApiEvent, context: LambdaContext = {}): Promise<HttpResult> {
    const method = event.requestContext?.http?.method ?? 'GET';
    if (method !== 'GET')
      return json(405, { error: 'method_not_allowed', message: `${method} is not supported; use GET` }, { allow: 'GET' });
    const path = requestPath(event);
    const started = deps.clock.now();
    let request;
    try {
      request = resolveQuery(path, queryParameters(event), new Date(started).toISOString().slice(0, 10));
    } catch (error) {
      if (error instanceof BadParameter) return json(400, { error: 'bad_parameter', parameter: error.parameter, message: error.reason });
      if (error instanceof RouteNotFound) {
        return json(404, { error: 'not_found', message: error.message, routes: QUERIES.map((q) => `GET ${q.path} — ${q.summary}`) });
      }
      throw error;
    }
    const remaining = context.getRemainingTimeInMillis?.() ?? MAX_WAIT_MS + RESERVE_MS;
    const deadline = started + Math.max(1_000, Math.min(MAX_WAIT_MS, remaining - RESERVE_MS));
    const settings = { workGroup: deps.workGroup, database: deps.database, deadline, maxRows: deps.maxRows, clock: deps.clock };
    let outcome;
    try {
      outcome = await runQuery(deps.athena, request.sql, request.parameters, settings);
    } catch (error) {
      const e = error as Error;
      deps.log({ query: request.name, error: e.name, message: e.message });
      if (THROTTLED.has(e.name))
        return json(503, { error: 'throttled', message: `Athena is throttling: ${e.message}` }, { 'retry-after': '2' });
      return json(502, { error: 'athena_error', message: athenaRefusedMessage(e.name) });
    }
    deps.log({
      query: request.name,
      outcome: outcome.kind,
      executionId: outcome.executionId,
      ms: deps.clock.now() - started,
      ...(outcome.kind === 'failed' ? { state: outcome.state, reason: outcome.reason, errorType: outcome.errorType } : {}),
    });
    const { name: query, inputs } = request;
    switch (outcome.kind) {
      case 'succeeded': {
        const { columns, rows, truncated, bytesScanned, executionId } = outcome;
        return json(200, { query, inputs, columns, rows, truncated, bytesScanned, executionId });
      }
      case 'failed':
        return json(502, {
          error: 'query_failed',
          query,
          executionId: outcome.executionId,
          state: outcome.state,
          errorType: outcome.errorType,
          message: queryFailedMessage(outcome.state, outcome.executionId, outcome.errorType),
        });
      case 'timeout': {
        const stopped = outcome.stopError === undefined;
        const message = stopped
          ? `not finished within ${deadline - started} ms (state ${outcome.state}); the query was stopped`
          : `not finished within ${deadline - started} ms (state ${outcome.state}); stopping it failed (${outcome.stopError}), it may still run`;
        return json(504, { error: 'timeout', query, executionId: outcome.executionId, message });
      }
    }
  };
}

let cached: { key: string; handler: ReturnType<typeof createQueryHandler> } | undefined;

function handlerFor(env: NodeJS.ProcessEnv): ReturnType<typeof createQueryHandler> | HttpResult {
  const workGroup = env.LAKEDECK_ATHENA_WORKGROUP;
  const database = env.LAKEDECK_GLUE_DATABASE;
  if (!workGroup || !database) {
    return json(500, {
      error: 'misconfigured',
      message: 'LAKEDECK_ATHENA_WORKGROUP and LAKEDECK_GLUE_DATABASE must be set on the function',
    });
  }
  // One client per warm container; a changed environment (tests) gets a new one.
  const key = JSON.stringify([workGroup, database, env.AWS_REGION, env.AWS_ENDPOINT_URL]);
  if (cached?.key !== key) {
    const athena = new AthenaClient(clientConfig({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL }));
    const log = (record: Record<string, unknown>) => console.log(JSON.stringify(record));
    cached = { key, handler: createQueryHandler({ athena, workGroup, database, clock: realClock, maxRows: MAX_ROWS, log }) };
  }
  return cached.handler;
}

export async function query(event: HttpApiEvent, context: LambdaContext = {}): Promise<HttpResult> {
  const handler = handlerFor(process.env);
  return typeof handler === 'function' ? handler(event, context) : handler;
}
