// A SODA-like endpoint over API rows, on 127.0.0.1: `$order=:id`, `$limit`, `$offset` and a
// `$where` of the form `field > 'value'`. Like the portal it silently returns 1000 rows when
// `$limit` is missing, and never more than `cap` rows per page whatever `$limit` says.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRow } from './api-rows.js';

export interface SodaState {
  rows: ApiRow[];
  cap: number;
  /** Every query string received, decoded. */
  queries: URLSearchParams[];
  tokens: (string | undefined)[];
  /** Statuses to answer with before serving, consumed one per request. */
  failures: { status: number; retryAfter?: string }[];
}

export function sodaHandler(state: SodaState) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    state.queries.push(query);
    state.tokens.push(request.headers['x-app-token'] as string | undefined);
    const failure = state.failures.shift();
    if (failure) {
      response.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
      response.end(JSON.stringify({ message: 'try later' }));
      return;
    }
    const where = /^(\w+) > '(.*)'$/.exec(query.get('$where') ?? '');
    const matching = where ? state.rows.filter((row) => (row[where[1]] ?? '') > where[2]) : state.rows;
    const limit = Math.min(query.has('$limit') ? Number(query.get('$limit')) : 1000, state.cap);
    const offset = Number(query.get('$offset') ?? 0);
    const page = matching.slice(offset, offset + limit);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(page));
  };
}
