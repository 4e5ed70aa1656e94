// The local QueryService: DuckDB answers Athena (Trino) SQL over the lake's Parquet folders.
// One view per catalog table (spark/schemas.json) reads the folder through a glob that DuckDB
// expands at every query, so a job's new files are seen at once; a table whose folder was still
// empty is looked at again before each query. Each query runs on its own connection in DuckDB's
// thread pool (off the UI thread) into a temporary table, so pages are read on demand in any
// order and `cancel` interrupts that connection for real.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogTable, Cell, QueryService, QueryState, QueryStatus, ResultColumn, ResultPage } from '../../../core/query.js';
import { catalogTables, duckDbType, type CatalogDefinition } from './catalog.js';
import { trinoToDuckDb } from './trino-to-duckdb.js';

/** Statements the local engine answers: reading only (the lake is written by the jobs). */
const READ_ONLY = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);
const DEFAULT_PAGE = 1000;
/** Finished results kept for paging; older ones are dropped with their connection. */
const KEPT_RESULTS = 8;

interface Entry {
  id: string;
  state: QueryState;
  started: number;
  finished?: number;
  error?: string;
  bytesScanned?: number;
  rowCount?: number;
  columns?: ResultColumn[];
  connection?: DuckDBConnection;
  done: Promise<void>;
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.parquet')) {
      total += (await fs.stat(path.join(entry.parentPath ?? entry.path, entry.name))).size;
    }
  }
  return total;
}

export class DuckDbQueryService implements QueryService {
  readonly engine = 'duckdb' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly emptyTables = new Set<string>();
  private sequence = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly main: DuckDBConnection,
    private readonly lakeRoot: string,
    private readonly catalog: CatalogDefinition[],
  ) {}

  static async open(lakeRoot: string): Promise<DuckDbQueryService> {
    // No extension is fetched from the internet behind the user's back (httpfs for a URL in a query…).
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const service = new DuckDbQueryService(instance, await instance.connect(), path.resolve(lakeRoot), catalogTables());
    await service.refresh();
    return service;
  }

  /** The Parquet files of a table: one level of `key=value` folders per partition key. */
  private glob(table: CatalogDefinition): string {
    const partitions = table.partitions.map((p) => `${p.name}=*/`).join('');
    return path.join(this.lakeRoot, table.location, `${partitions}*.parquet`);
  }

  private async createView(table: CatalogDefinition): Promise<void> {
    const select = table.columns.map((c) => `CAST(${ident(c.name)} AS ${duckDbType(c.type)}) AS ${ident(c.name)}`).join(', ');
    const hiveTypes = table.partitions.map((p) => `${sqlText(p.name)}: ${duckDbType(p.type)}`).join(', ');
    const options = table.partitions.length ? `, hive_partitioning = true, hive_types = {${hiveTypes}}` : ', hive_partitioning = false';
    try {
      await this.main.run(`CREATE OR REPLACE VIEW ${ident(table.name)} AS SELECT ${select} FROM read_parquet(${sqlText(this.glob(table))}, union_by_name = true${options})`);
      this.emptyTables.delete(table.name);
    } catch (error) {
      if (!/No files found/i.test((error as Error).message)) throw error;
      // Not written yet: an empty view with the catalog's columns, looked at again before each query.
      const empty = table.columns.map((c) => `CAST(NULL AS ${duckDbType(c.type)}) AS ${ident(c.name)}`).join(', ');
      await this.main.run(`CREATE OR REPLACE VIEW ${ident(table.name)} AS SELECT ${empty} WHERE false`);
      this.emptyTables.add(table.name);
    }
  }

  /** Recreates every view (after a job wrote new tables, or on demand). */
  async refresh(): Promise<void> {
    for (const table of this.catalog) await this.createView(table);
  }

  async tables(): Promise<CatalogTable[]> {
    return this.catalog.map(({ name, columns, partitionKeys }) => ({ name, columns, partitionKeys }));
  }

  async start(sql: string): Promise<string> {
    const id = `local-${++this.sequence}`;
    const entry: Entry = { id, state: 'RUNNING', started: Date.now(), done: Promise.resolve() };
    this.entries.set(id, entry);
    entry.done = this.execute(entry, sql);
    this.evictOld();
    return id;
  }

  private async execute(entry: Entry, trinoSql: string): Promise<void> {
    try {
      for (const name of [...this.emptyTables]) await this.createView(this.catalog.find((t) => t.name === name)!);
      const sql = await trinoToDuckDb(trinoSql);
      const connection = await this.instance.connect();
      entry.connection = connection;
      await connection.run('SET integer_division = true');
      const prepared = await connection.prepare(sql);
      if (!READ_ONLY.has(prepared.statementType)) {
        throw new Error(`the local engine answers SELECT, WITH, VALUES and EXPLAIN only; ${StatementType[prepared.statementType] ?? 'this'} statements are refused`);
      }
      entry.bytesScanned = await this.bytesOf(connection, sql);
      if (this.cancelled(entry)) return;
      if (prepared.statementType === StatementType.SELECT && /^\s*(SELECT|WITH|VALUES|FROM|\()/i.test(sql)) {
        await connection.run(`CREATE TEMP TABLE result AS ${sql}`);
      } else {
        // EXPLAIN, DESCRIBE and SHOW cannot feed CREATE TABLE AS: their rows are few, kept the same way.
        const reader = await connection.runAndReadAll(sql);
        const columns = reader.columnNames().map((name) => `${ident(name)} VARCHAR`).join(', ');
        await connection.run(`CREATE TEMP TABLE result (${columns})`);
        const appender = await connection.createAppender('result', 'main', 'temp');
        for (const row of reader.getRowsJson()) {
          for (const value of row) {
            const text = cell(value);
            if (text === null) appender.appendNull();
            else appender.appendVarchar(text);
          }
          appender.endRow();
        }
        appender.closeSync();
      }
      const described = await connection.runAndReadAll('SELECT column_name, column_type FROM (DESCRIBE result)');
      entry.columns = described.getRowsJson().map(([name, type]) => ({ name: String(name), type: String(type).toLowerCase() }));
      const counted = await connection.runAndReadAll('SELECT count(*) FROM result');
      entry.rowCount = Number(counted.getRowsJson()[0][0]);
      if (this.cancelled(entry)) return;
      entry.state = 'SUCCEEDED';
    } catch (error) {
      if (this.cancelled(entry)) return;
      entry.state = 'FAILED';
      entry.error = (error as Error).message;
      this.release(entry);
    } finally {
      entry.finished = Date.now();
    }
  }

  /** Size of the Parquet files of the catalog tables the query reads (an upper bound: DuckDB skips row groups). */
  private async bytesOf(connection: DuckDBConnection, sql: string): Promise<number> {
    // The parser's own view of the statement names the tables it reads (views included).
    const serialized = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
    const tree = String(serialized.getRowsJson()[0]?.[0] ?? '');
    const names = new Set([...tree.matchAll(/"table_name":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].toLowerCase()));
    const read = this.catalog.filter((t) => names.has(t.name));
    const sizes = await Promise.all(read.map((t) => folderBytes(path.join(this.lakeRoot, t.location))));
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Read through a method: `cancel` changes the state while `execute` awaits. */
  private cancelled(entry: Entry): boolean {
    return entry.state === 'CANCELLED';
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no local query ${id} (only the last ${KEPT_RESULTS} results are kept)`);
    return entry;
  }

  async status(id: string): Promise<QueryStatus> {
    const entry = this.entry(id);
    return {
      id,
      state: entry.state,
      bytesScanned: entry.bytesScanned,
      engineMs: (entry.finished ?? Date.now()) - entry.started,
      rowCount: entry.rowCount,
      error: entry.error,
    };
  }

  /** Waits for the query to finish (the local engine needs no polling). */
  async wait(id: string): Promise<QueryStatus> {
    await this.entry(id).done;
    return this.status(id);
  }

  async results(id: string, token?: string, pageSize = DEFAULT_PAGE): Promise<ResultPage> {
    const entry = this.entry(id);
    if (entry.state !== 'SUCCEEDED' || !entry.connection || !entry.columns) throw new Error(`query ${id} is ${entry.state}: it has no results`);
    const offset = token === undefined ? 0 : Number(token);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`bad page token ${JSON.stringify(token)}`);
    const size = Math.max(1, Math.min(pageSize, 100_000));
    const reader = await entry.connection.runAndReadAll(`SELECT * FROM result LIMIT ${size} OFFSET ${offset}`);
    const rows = reader.getRowsJson().map((row) => row.map(cell));
    const next = offset + rows.length;
    return { columns: entry.columns, rows, nextToken: next < (entry.rowCount ?? 0) ? String(next) : undefined };
  }

  async cancel(id: string): Promise<void> {
    const entry = this.entry(id);
    if (entry.state !== 'RUNNING' && entry.state !== 'QUEUED') return;
    entry.state = 'CANCELLED';
    entry.error = 'cancelled by the user';
    entry.connection?.interrupt();
    await entry.done;
    this.release(entry);
  }

  private release(entry: Entry): void {
    entry.connection?.disconnectSync();
    entry.connection = undefined;
  }

  private evictOld(): void {
    const finished = [...this.entries.values()].filter((e) => e.state !== 'RUNNING');
    for (const entry of finished.slice(0, Math.max(0, this.entries.size - KEPT_RESULTS))) {
      this.release(entry);
      this.entries.delete(entry.id);
    }
  }

  async close(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.state === 'RUNNING') await this.cancel(entry.id);
      this.release(entry);
    }
    this.entries.clear();
    this.main.disconnectSync();
    this.instance.closeSync();
  }
}
