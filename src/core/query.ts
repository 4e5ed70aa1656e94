// The query port: SQL over the catalog (Athena on aws, DuckDB views on local).

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface QueryStatus {
  id: string;
  state: QueryState;
  bytesScanned?: number;
  elapsedMs?: number;
  error?: string;
}

export interface ResultPage {
  columns: string[];
  rows: string[][];
  nextToken?: string;
}

export interface CatalogTable {
  name: string;
  columns: { name: string; type: string }[];
  partitionKeys: string[];
}

export interface QueryService {
  tables(): Promise<CatalogTable[]>;
  start(sql: string): Promise<string>;
  status(id: string): Promise<QueryStatus>;
  results(id: string, token?: string): Promise<ResultPage>;
  /** Really stops the query (StopQueryExecution on Athena). */
  cancel(id: string): Promise<void>;
}
