// The query port: SQL over the catalog (Athena on aws, DuckDB views on local), and the figures
// every engine reports the same way (data scanned and what Athena charges for it).

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export const FINISHED_STATES: ReadonlySet<QueryState> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export interface QueryStatus {
  id: string;
  state: QueryState;
  /** Bytes the engine read (Athena's DataScannedInBytes; DuckDB's bytes read from Parquet). */
  bytesScanned?: number;
  /** Time the engine spent on the query, queueing excluded. */
  engineMs?: number;
  /** Rows in the result, when the engine knows it (local: once the result was read to its end). */
  rowCount?: number;
  /** The engine's message when FAILED or CANCELLED. */
  error?: string;
  /** True when the workgroup's bytes-scanned cutoff stopped the query. */
  stoppedByCutoff?: boolean;
}

export interface ResultColumn {
  name: string;
  type: string;
}

/** A cell as the engine prints it; null is SQL NULL. */
export type Cell = string | null;

export interface ResultPage {
  columns: ResultColumn[];
  rows: Cell[][];
  /** Absent on the last page. */
  nextToken?: string;
  /** Rows in the whole result, once the engine knows it (local: when a reader reached the end). */
  rowCount?: number;
}

export interface CatalogTable {
  name: string;
  columns: ResultColumn[];
  partitionKeys: string[];
}

export interface QueryService {
  /** Which SQL the engine takes: both take Athena (Trino) SQL; local translates it for DuckDB. */
  readonly engine: 'athena' | 'duckdb';
  /** Tables and their columns for completion (cached by the service). */
  tables(): Promise<CatalogTable[]>;
  /** Starts a query and returns its id at once; the query runs off the caller's thread. */
  start(sql: string): Promise<string>;
  status(id: string): Promise<QueryStatus>;
  /** Resolves when the query has rows to page or ended, for an engine that can say so without polling (local). */
  wait?(id: string): Promise<QueryStatus>;
  /** One page of a succeeded query; `token` is the previous page's `nextToken`. */
  results(id: string, token?: string, pageSize?: number): Promise<ResultPage>;
  /** Really stops the query (StopQueryExecution on Athena, interrupt on DuckDB). */
  cancel(id: string): Promise<void>;
}

/** A query the engine refused or failed, with the engine's own message. */
export class QueryFailed extends Error {
  constructor(
    readonly state: QueryState,
    readonly reason: string,
    readonly stoppedByCutoff = false,
  ) {
    super(reason);
    this.name = 'QueryFailed';
  }
}

/** Athena's price: $5 per TB scanned (TB = 2^40 bytes), at least 10 MB per query. */
export const ATHENA_USD_PER_TB = 5;
export const ATHENA_MIN_BYTES = 10 * 1024 * 1024;

export function athenaCostUsd(bytesScanned: number): number {
  return (Math.max(bytesScanned, ATHENA_MIN_BYTES) / 2 ** 40) * ATHENA_USD_PER_TB;
}

/** "$0.000048": enough digits that the 10 MB minimum is not shown as zero. */
export function formatUsd(usd: number): string {
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2)}`;
}
