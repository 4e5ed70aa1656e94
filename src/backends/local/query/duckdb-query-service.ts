// The local QueryService: DuckDB answers Athena (Trino) SQL over the lake's Parquet folders.
// One view per catalog table (spark/schemas.json) reads the folder through a glob that DuckDB
// expands at every query, so a job's new files are seen at once; a table whose folder was still
// empty is looked at again before each query. Each query runs on its own connection in DuckDB's
// thread pool (off the UI thread) as a streamed result: the query counts as SUCCEEDED once its
// first chunk of rows is there, later pages are produced as they are asked for (a million-row
// result is never built whole), and `cancel` interrupts that connection for real. A page asked
// for at another offset than where a reader stands (an export from the top while the pane is
// further down) runs the statement again on a second cursor; the total row count is known once
// a reader reached the end.
// A view reads its files by position of a plain glob when the column ledger knows that every
// file holds the catalog's columns, and by name (`union_by_name`, every footer read at each
// bind) only when some older file lacks one: the files of the tables a query reads are listed
// before it runs, so a job's new files are checked before they are read.
import path from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogTable, QueryService, QueryState, QueryStatus, ResultColumn, ResultPage } from '../../../core/query.js';
import { catalogTables, duckDbType, type CatalogDefinition } from './catalog.js';
import { ColumnLedger } from './column-ledger.js';
import { ResultCursor } from './result-cursor.js';
import { listTableFiles, type ParquetFile } from './table-files.js';
import { trinoToDuckDb } from './trino-to-duckdb.js';

/** Statements the local engine answers: reading only (the lake is written by the jobs). */
const READ_ONLY = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);
const DEFAULT_PAGE = 1000;
/** Finished results kept for paging; older ones are dropped with their connection. */
const KEPT_RESULTS = 8;
/** Readers open on one result at a time (the pane's and an export's). */
const CURSORS_PER_RESULT = 2;
/** Footers read by one parquet_schema call (the file list is part of the statement's text). */
const FOOTERS_PER_READ = 500;

type ViewMode = 'plain' | 'by-name' | 'empty';

interface Entry {
  id: string;
  state: QueryState;
  started: number;
  finished?: number;
  error?: string;
  bytesScanned?: number;
  rowCount?: number;
  columns?: ResultColumn[];
  /** The DuckDB SQL the statement became (a second cursor runs it again). */
  sql?: string;
  /** The connection running the statement until its first cursor owns it (interrupted on cancel). */
  connection?: DuckDBConnection;
  cursors: ResultCursor[];
  done: Promise<void>;
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export class DuckDbQueryService implements QueryService {
  readonly engine = 'duckdb' as const;
  private readonly entries = new Map<string, Entry>();
  /** How each table's view reads its files now: by a plain glob, by column name, or nothing yet. */
  private readonly viewModes = new Map<string, ViewMode>();
  private sequence = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly main: DuckDBConnection,
    private readonly lakeRoot: string,
    private readonly catalog: CatalogDefinition[],
    private readonly ledger: ColumnLedger,
  ) {}

  /** `readOnly`: the column ledger is kept in memory, nothing is written into the lake. */
  static async open(lakeRoot: string, options: { readOnly?: boolean } = {}): Promise<DuckDbQueryService> {
    // No extension is fetched from the internet behind the user's back (httpfs for a URL in a query…).
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const root = path.resolve(lakeRoot);
    const service = new DuckDbQueryService(
      instance,
      await instance.connect(),
      root,
      catalogTables(),
      await ColumnLedger.load(root, options),
    );
    await service.refresh();
    return service;
  }

  /** The Parquet files of a table: one level of `key=value` folders per partition key. */
  private glob(table: CatalogDefinition): string {
    const partitions = table.partitions.map((p) => `${p.name}=*/`).join('');
    return path.join(this.lakeRoot, table.location, `${partitions}*.parquet`);
  }

  private async createView(table: CatalogDefinition, mode: ViewMode): Promise<void> {
    const select = table.columns.map((c) => `CAST(${ident(c.name)} AS ${duckDbType(c.type)}) AS ${ident(c.name)}`).join(', ');
    const hiveTypes = table.partitions.map((p) => `${sqlText(p.name)}: ${duckDbType(p.type)}`).join(', ');
    const byName = mode === 'by-name' ? ', union_by_name = true' : '';
    const options = table.partitions.length ? `, hive_partitioning = true, hive_types = {${hiveTypes}}` : ', hive_partitioning = false';
    try {
      if (mode === 'empty') throw new Error('No files found');
      await this.main.run(
        `CREATE OR REPLACE VIEW ${ident(table.name)} AS SELECT ${select} FROM read_parquet(${sqlText(this.glob(table))}${byName}${options})`,
      );
      this.viewModes.set(table.name, mode);
    } catch (error) {
      if (!/No files found/i.test((error as Error).message)) throw error;
      // Not written yet: an empty view with the catalog's columns, looked at again before each query.
      const empty = table.columns.map((c) => `CAST(NULL AS ${duckDbType(c.type)}) AS ${ident(c.name)}`).join(', ');
      await this.main.run(`CREATE OR REPLACE VIEW ${ident(table.name)} AS SELECT ${empty} WHERE false`);
      this.viewModes.set(table.name, 'empty');
    }
  }

  /** Lists the table's files, checks unseen ones' columns, and sets its view to read them; returns the files. */
  private async prepareTable(table: CatalogDefinition): Promise<ParquetFile[]> {
    const folder = path.join(this.lakeRoot, table.location);
    const files = await listTableFiles(
      folder,
      table.partitions.map((p) => p.name),
    );
    let mode: ViewMode = 'empty';
    if (files.length) {
      const stored = table.columns.filter((c) => !table.partitionKeys.includes(c.name)).map((c) => c.name);
      const lacking = await this.ledger.lacking(folder, files, stored, (paths) => this.readColumns(paths));
      mode = lacking.length ? 'by-name' : 'plain';
    }
    if (this.viewModes.get(table.name) !== mode) await this.createView(table, mode);
    return files;
  }

  /** Top-level column names of Parquet files, from their footers (the first schema element is the root). */
  private async readColumns(paths: string[]): Promise<Map<string, string[]>> {
    const columns = new Map<string, string[]>();
    for (let i = 0; i < paths.length; i += FOOTERS_PER_READ) {
      const list = paths
        .slice(i, i + FOOTERS_PER_READ)
        .map(sqlText)
        .join(', ');
      const reader = await this.main.runAndReadAll(`SELECT file_name, name FROM parquet_schema([${list}])`);
      for (const [file, name] of reader.getRows() as [string, string][]) {
        const names = columns.get(file);
        if (names) names.push(name);
        else columns.set(file, []);
      }
    }
    return columns;
  }

  /** Sets every view to the files there are now (on open, or on demand). */
  async refresh(): Promise<void> {
    for (const table of this.catalog) await this.prepareTable(table);
    await this.ledger.save();
  }

  async tables(): Promise<CatalogTable[]> {
    return this.catalog.map(({ name, columns, partitionKeys }) => ({ name, columns, partitionKeys }));
  }

  async start(sql: string): Promise<string> {
    const id = `local-${++this.sequence}`;
    const entry: Entry = { id, state: 'RUNNING', started: Date.now(), cursors: [], done: Promise.resolve() };
    this.entries.set(id, entry);
    entry.done = this.execute(entry, sql);
    this.evictOld();
    return id;
  }

  /** A connection of its own, with Trino's integer division. */
  private async connect(): Promise<DuckDBConnection> {
    const connection = await this.instance.connect();
    await connection.run('SET integer_division = true');
    return connection;
  }

  private async execute(entry: Entry, trinoSql: string): Promise<void> {
    try {
      const sql = await trinoToDuckDb(trinoSql);
      entry.sql = sql;
      // The statement's own connection opens while its tables' files are listed.
      const [files, connection] = await Promise.all([
        this.tablesRead(sql).then((tables) => Promise.all(tables.map((table) => this.prepareTable(table)))),
        this.connect().then((opened) => (entry.connection = opened)),
      ]);
      await this.ledger.save();
      // An upper bound of the bytes read: DuckDB skips row groups and columns it does not need.
      entry.bytesScanned = files.flat().reduce((sum, file) => sum + file.size, 0);
      if (this.cancelled(entry)) return;
      const prepared = await connection.prepare(sql);
      if (!READ_ONLY.has(prepared.statementType)) {
        throw new Error(
          `the local engine answers SELECT, WITH, VALUES and EXPLAIN only; ${StatementType[prepared.statementType] ?? 'this'} statements are refused`,
        );
      }
      if (this.cancelled(entry)) return;
      const cursor = await ResultCursor.open(connection, sql);
      entry.cursors.push(cursor);
      entry.connection = undefined;
      entry.columns = cursor.columns;
      // The first chunk: the statement has really started producing rows (or failed doing so).
      await cursor.fill(1);
      if (cursor.exhausted) entry.rowCount = cursor.known;
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

  /** The catalog tables a statement names (the parser's own view of it, views included; nothing is bound). */
  private async tablesRead(sql: string): Promise<CatalogDefinition[]> {
    const serialized = await this.main.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
    const tree = String(serialized.getRowsJson()[0]?.[0] ?? '');
    const names = new Set([...tree.matchAll(/"table_name":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].toLowerCase()));
    return this.catalog.filter((t) => names.has(t.name));
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

  /** Waits until the query has its first rows or ended (the local engine needs no polling). */
  async wait(id: string): Promise<QueryStatus> {
    await this.entry(id).done;
    return this.status(id);
  }

  async results(id: string, token?: string, pageSize = DEFAULT_PAGE): Promise<ResultPage> {
    const entry = this.entry(id);
    if (entry.state !== 'SUCCEEDED' || !entry.columns) throw new Error(`query ${id} is ${entry.state}: it has no results`);
    const offset = token === undefined ? 0 : Number(token);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`bad page token ${JSON.stringify(token)}`);
    const size = Math.max(1, Math.min(pageSize, 100_000));
    if (entry.rowCount !== undefined && offset >= entry.rowCount) return { columns: entry.columns, rows: [], rowCount: entry.rowCount };
    const cursor = entry.cursors.find((c) => !c.busy && c.position === offset) ?? (await this.cursorAt(entry, offset));
    cursor.busy = true;
    try {
      const { rows, more } = await cursor.read(size);
      if (!more) entry.rowCount = cursor.position;
      return { columns: entry.columns, rows, nextToken: more ? String(cursor.position) : undefined, rowCount: entry.rowCount };
    } catch (error) {
      // A row DuckDB could not produce (a cast that fails further down the result): the query failed there.
      entry.state = 'FAILED';
      entry.error = (error as Error).message;
      entry.finished = Date.now();
      this.release(entry);
      throw error;
    } finally {
      cursor.busy = false;
    }
  }

  /** A new reader standing at `offset`: the statement runs again and the rows before are skipped. */
  private async cursorAt(entry: Entry, offset: number): Promise<ResultCursor> {
    const idle = entry.cursors.filter((c) => !c.busy);
    if (entry.cursors.length >= CURSORS_PER_RESULT && idle.length > 0) {
      idle[0].close();
      entry.cursors.splice(entry.cursors.indexOf(idle[0]), 1);
    }
    const cursor = await ResultCursor.open(await this.connect(), entry.sql!);
    entry.cursors.push(cursor);
    cursor.busy = true;
    try {
      await cursor.skip(offset);
    } finally {
      cursor.busy = false;
    }
    return cursor;
  }

  async cancel(id: string): Promise<void> {
    const entry = this.entry(id);
    if (entry.state !== 'RUNNING' && entry.state !== 'QUEUED') return;
    entry.state = 'CANCELLED';
    entry.error = 'cancelled by the user';
    entry.connection?.interrupt();
    for (const cursor of entry.cursors) cursor.connection.interrupt();
    await entry.done;
    this.release(entry);
  }

  private release(entry: Entry): void {
    entry.connection?.disconnectSync();
    entry.connection = undefined;
    for (const cursor of entry.cursors) cursor.close();
    entry.cursors = [];
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
