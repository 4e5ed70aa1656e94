// Parquet rows read on demand: the footer gives the row count and the row groups, and hyparquet
// reads only the column chunks of the row groups a range of rows falls in (ranged reads).
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { LakeError } from '../core/errors.js';
import type { Zone, ZoneStore } from '../core/zones.js';
import { rangedBuffer, typeOf } from './parquet.js';
import { cellText } from './preview.js';
import type { RowPager } from './row-pager.js';

const FOOTER_FETCH = 64 * 1024;

export class ParquetRowPager implements RowPager {
  readonly known: number;
  readonly total: number;

  private constructor(
    private readonly file: AsyncBuffer,
    private readonly metadata: FileMetaData,
    readonly columns: readonly string[],
    /** name, type, nullable: one row per column. */
    readonly schema: string[][],
    readonly size: number,
    private readonly name: string,
    private readonly fetched: { bytes: number },
  ) {
    this.total = Number(metadata.num_rows);
    this.known = this.total;
  }

  static async open(store: ZoneStore, zone: Zone, key: string, size: number): Promise<ParquetRowPager> {
    const fetched = { bytes: 0 };
    const file = rangedBuffer(store, zone, key, size, fetched);
    const name = `${zone}/${key}`;
    try {
      if (size < 12) throw new Error(`only ${size} bytes: too short to be Parquet`);
      const metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_FETCH });
      const children = parquetSchema(metadata).children;
      const columns = children.map((c) => c.element.name);
      const schema = children.map((c) => [c.element.name, typeOf(c), c.element.repetition_type === 'REQUIRED' ? 'no' : 'yes']);
      return new ParquetRowPager(file, metadata, columns, schema, size, name, fetched);
    } catch (error) {
      throw notParquet(error, name);
    }
  }

  /** Bytes read so far: the footer and the column chunks of the row groups shown. */
  get scanned(): number {
    return this.fetched.bytes;
  }

  get rowGroups(): number {
    return this.metadata.row_groups.length;
  }

  async rows(start: number, end: number, signal?: AbortSignal): Promise<string[][]> {
    const rowEnd = Math.min(end, this.total);
    if (start >= rowEnd) return [];
    signal?.throwIfAborted();
    try {
      const records = await parquetReadObjects({ file: this.file, metadata: this.metadata, rowStart: start, rowEnd, compressors });
      return records.map((record) => this.columns.map((column) => cellText(record[column])));
    } catch (error) {
      throw notParquet(error, this.name);
    }
  }

  async scanToEnd(): Promise<number> {
    return this.total;
  }
}

function notParquet(error: unknown, name: string): Error {
  if (error instanceof LakeError) return error;
  return new LakeError('bad-input', `${name} is not a readable Parquet file: ${(error as Error).message}`, { cause: error });
}
