// The query API's routes answered on this machine: the same route table, validation and named
// SQL as the Lambda (src/core/named-queries.ts), run by the local query service, answered with
// the Lambda's response shapes. Routes can so be tried before deploying.
import type { ApiResponse, QueryApi } from '../../../core/api.js';
import { FINISHED_STATES, type QueryService } from '../../../core/query.js';
import { typedValue, type Value } from '../../aws/athena/results.js';
import { BadParameter } from '../../../core/named-query-params.js';
import { QUERIES, resolveQuery, RouteNotFound } from '../../../core/named-queries.js';

/** The Lambda's row cap (src/lambda/query.ts MAX_ROWS). */
const MAX_ROWS = 5_000;

/** The named SQL with its validated literals in place of the `?` placeholders, as Athena binds them. */
export function bindParameters(sql: string, parameters: string[]): string {
  const parts = sql.split('?');
  if (parts.length - 1 !== parameters.length) throw new Error(`${parts.length - 1} placeholders for ${parameters.length} parameters`);
  return parts.reduce((out, part, i) => out + parameters[i - 1] + part);
}

export class LocalQueryApi implements QueryApi {
  readonly location = 'local DuckDB (the routes of the query API)';

  constructor(
    private readonly service: QueryService,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  async get(route: string, params: Record<string, string>): Promise<ApiResponse> {
    let request;
    try {
      request = resolveQuery(route, params, this.today());
    } catch (error) {
      if (error instanceof BadParameter)
        return { status: 400, body: { error: 'bad_parameter', parameter: error.parameter, message: error.reason } };
      if (error instanceof RouteNotFound)
        return {
          status: 404,
          body: { error: 'not_found', message: error.message, routes: QUERIES.map((q) => `GET ${q.path} — ${q.summary}`) },
        };
      throw error;
    }
    const executionId = await this.service.start(bindParameters(request.sql, request.parameters));
    let status = this.service.wait ? await this.service.wait(executionId) : await this.service.status(executionId);
    while (!FINISHED_STATES.has(status.state)) {
      await this.sleep(10);
      status = await this.service.status(executionId);
    }
    if (status.state !== 'SUCCEEDED') {
      return { status: 502, body: { error: 'query_failed', query: request.name, executionId, state: status.state, reason: status.error } };
    }
    const rows: Value[][] = [];
    let columns: { name: string; type: string }[] = [];
    let token: string | undefined;
    let truncated = false;
    do {
      const page = await this.service.results(executionId, token, 1000);
      columns = page.columns;
      const room = MAX_ROWS - rows.length;
      for (const row of page.rows.slice(0, room)) rows.push(row.map((v, i) => typedValue(v ?? undefined, columns[i].type)));
      token = page.nextToken;
      // Rows left over on this page, or a page after it, mean the answer was cut at the cap.
      truncated = page.rows.length > room || (rows.length === MAX_ROWS && token !== undefined);
    } while (token && !truncated && rows.length < MAX_ROWS);
    return {
      status: 200,
      body: { query: request.name, inputs: request.inputs, columns, rows, truncated, bytesScanned: status.bytesScanned ?? 0, executionId },
    };
  }
}
