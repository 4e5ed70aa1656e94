// The query API port: GET a route of the stack's HTTP API (SigV4-signed on aws) or of the same
// routes answered by the local query service, and get its status and JSON body.

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface QueryApi {
  /** Where the routes are answered (the ApiUrl, or "local DuckDB"). */
  readonly location: string;
  get(route: string, params: Record<string, string>): Promise<ApiResponse>;
}
