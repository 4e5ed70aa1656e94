// The slice of API Gateway's HTTP API payload v2 the query handler reads, and its JSON answers.

export interface HttpApiEvent {
  /** Includes the stage name for a named stage; `pathParameters.proxy` does not. */
  rawPath?: string;
  pathParameters?: Record<string, string | undefined>;
  /** Repeated keys arrive joined with commas. */
  queryStringParameters?: Record<string, string | undefined>;
  requestContext?: { requestId?: string; http?: { method?: string } };
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    // Results change with every pipeline run and may be confidential: no shared caches.
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** The path relative to the API: the `{proxy+}` capture when present, else the raw path. */
export function requestPath(event: HttpApiEvent): string {
  const proxy = event.pathParameters?.proxy;
  return proxy !== undefined ? `/${proxy}` : (event.rawPath ?? '/');
}

export function queryParameters(event: HttpApiEvent): Record<string, string | undefined> {
  return { ...(event.queryStringParameters ?? {}) };
}
