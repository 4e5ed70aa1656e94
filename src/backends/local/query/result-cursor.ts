// One streamed DuckDB result read forward in pages. DuckDB hands the rows out a chunk (2,048 rows)
// at a time as it produces them, so the first page of a million-row result is there as soon as
// its first chunk is, and the rows nobody pages to are never produced. The cursor keeps only the
// rows of the chunk it is in the middle of; its position is the offset of the next row it gives.
import { JsonDuckDBValueConverter, type DuckDBConnection, type DuckDBResult } from '@duckdb/node-api';
import type { Cell, ResultColumn } from '../../../core/query.js';

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

export class ResultCursor {
  /** Offset (in the whole result) of the next row `read` gives. */
  position = 0;
  /** True once DuckDB said there are no more rows. */
  exhausted = false;
  /** True while a read is in flight (a cursor serves one reader at a time). */
  busy = false;
  private pending: Cell[][] = [];

  private constructor(
    readonly connection: DuckDBConnection,
    private readonly result: DuckDBResult,
    readonly columns: ResultColumn[],
  ) {}

  /** Starts the statement streaming on `connection` (its first chunk is not read yet). */
  static async open(connection: DuckDBConnection, sql: string): Promise<ResultCursor> {
    const result = await connection.stream(sql);
    const columns = result.columnNames().map((name, i) => ({ name, type: result.columnType(i).toString().toLowerCase() }));
    return new ResultCursor(connection, result, columns);
  }

  /** Rows read from DuckDB and not handed out yet, plus the rows handed out: what is known to exist. */
  get known(): number {
    return this.position + this.pending.length;
  }

  /** Reads chunks until `rows` rows wait (or the result ends). */
  async fill(rows: number): Promise<void> {
    while (this.pending.length < rows && !this.exhausted) {
      const chunk = await this.result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) {
        this.exhausted = true;
        break;
      }
      const converted = chunk.convertRows(JsonDuckDBValueConverter).map((row) => row.map(cell));
      this.pending = this.pending.length === 0 ? converted : this.pending.concat(converted);
    }
  }

  /**
   * The next `size` rows, and whether any row follows them (one more row is read ahead, so the
   * last page says it is the last).
   */
  async read(size: number): Promise<{ rows: Cell[][]; more: boolean }> {
    await this.fill(size + 1);
    const rows = this.pending.slice(0, size);
    this.pending = this.pending.slice(size);
    this.position += rows.length;
    return { rows, more: this.pending.length > 0 };
  }

  /** Moves forward `count` rows without keeping them (a new cursor catching up with an offset). */
  async skip(count: number): Promise<void> {
    let left = count;
    while (left > 0) {
      await this.fill(Math.min(left, 2048));
      if (this.pending.length === 0) break;
      const dropped = Math.min(left, this.pending.length);
      this.pending = this.pending.slice(dropped);
      this.position += dropped;
      left -= dropped;
    }
  }

  close(): void {
    this.connection.disconnectSync();
  }
}
