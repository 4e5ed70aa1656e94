// CSV / TSV / JSON lines read on demand by ranged reads. The reader remembers the byte offset of
// every CHECKPOINT-th row, so rows scrolled away can be read again from near where they start,
// and only the rows asked for are decoded: memory stays bounded whatever the object's size.
import { parse } from 'csv-parse/sync';
import { LakeError } from '../core/errors.js';
import type { Zone, ZoneStore } from '../core/zones.js';
import { cellText } from './preview.js';
import { RecordSplitter } from './record-splitter.js';
import { Serial, type RowPager } from './row-pager.js';
import { strictUtf8 } from './text-head.js';

export type TextTableFormat = 'csv' | 'tsv' | 'jsonl';

export interface TextPagerSettings {
  /** Bytes per ranged read when reading rows to show, and when reading on to the end. */
  readBytes: number;
  scanBytes: number;
  /** A longer record is refused (an unclosed quote would otherwise read the whole object). */
  maxRecordBytes: number;
  /** A byte offset is kept for every this many rows. */
  checkpointEvery: number;
}

export const TEXT_PAGER: TextPagerSettings = {
  readBytes: 256 * 1024,
  scanBytes: 4 * 1024 * 1024,
  maxRecordBytes: 8 * 1024 * 1024,
  checkpointEvery: 100,
};

interface Place {
  /** Row index (-1: the CSV header line) and the byte offset where that row starts. */
  row: number;
  offset: number;
}

export class TextRowPager implements RowPager {
  columns: string[] = [];
  known = 0;
  total: number | undefined;
  private readonly checkpoints: number[] = [];
  /** Where the rows read so far end: reading on starts here. */
  private frontier: Place;
  private readonly serial = new Serial();
  private readonly name: string;

  private constructor(
    private readonly store: ZoneStore,
    private readonly zone: Zone,
    private readonly key: string,
    readonly size: number,
    private readonly format: TextTableFormat,
    private readonly settings: TextPagerSettings,
  ) {
    this.name = `${zone}/${key}`;
    this.frontier = { row: this.firstRow, offset: 0 };
  }

  /** Opens the object and reads its first `rows` rows (and the CSV header). */
  static async open(store: ZoneStore, zone: Zone, key: string, size: number, format: TextTableFormat, rows: number, settings = TEXT_PAGER) {
    const pager = new TextRowPager(store, zone, key, size, format, settings);
    const first = await pager.rows(pager.firstRow, rows);
    if (format !== 'jsonl') pager.columns = first.shift() ?? [];
    return { pager, first };
  }

  get scanned(): number {
    return this.total === undefined ? this.frontier.offset : this.size;
  }

  private get firstRow(): number {
    return this.format === 'jsonl' ? 0 : -1;
  }

  rows(start: number, end: number, signal?: AbortSignal): Promise<string[][]> {
    return this.serial.run(async () => {
      if (this.total !== undefined) end = Math.min(end, this.total);
      if (start >= end) return [];
      const wanted: { start: number; bytes: Uint8Array }[] = [];
      await this.readFrom(this.startFor(start), this.settings.readBytes, signal, (row, offset, bytes) => {
        if (row >= start && row < end) wanted.push({ start: offset, bytes: bytes() });
        return row + 1 < end;
      });
      return wanted.flatMap((record) => this.decode(record.start, record.bytes));
    });
  }

  scanToEnd(signal?: AbortSignal, onProgress?: () => void): Promise<number> {
    return this.serial.run(async () => {
      if (this.total === undefined) await this.readFrom(this.frontier, this.settings.scanBytes, signal, () => true, onProgress);
      return this.total ?? this.known;
    });
  }

  /** The known place nearest before `row`: a checkpoint, or where reading stopped last. */
  private startFor(row: number): Place {
    const index = Math.min(Math.floor(row / this.settings.checkpointEvery), this.checkpoints.length - 1);
    const checkpoint: Place =
      index >= 0 && row >= 0
        ? { row: index * this.settings.checkpointEvery, offset: this.checkpoints[index] }
        : { row: this.firstRow, offset: 0 };
    return this.frontier.row <= row && this.frontier.row > checkpoint.row ? this.frontier : checkpoint;
  }

  /**
   * Reads records from `place` on, range by range, until `visit` returns false or the object ends.
   * Every whole record read counts: checkpoints, known rows and the frontier move with it.
   */
  private async readFrom(
    place: Place,
    rangeBytes: number,
    signal: AbortSignal | undefined,
    visit: (row: number, offset: number, bytes: () => Uint8Array) => boolean,
    onProgress?: () => void,
  ): Promise<void> {
    const splitter = new RecordSplitter(this.format !== 'jsonl', place.offset, this.settings.maxRecordBytes);
    let row = place.row;
    let more = true;
    const sink = (start: number, buffer: Uint8Array, from: number, to: number) => {
      const index = row++;
      this.note(index, start, start + (to - from));
      if (more) more = visit(index, start, () => buffer.slice(from, to));
    };
    let offset = place.offset;
    while (more && offset < this.size) {
      signal?.throwIfAborted();
      const chunk = await this.store.readRange(this.zone, this.key, offset, Math.min(this.size, offset + rangeBytes));
      if (chunk.length === 0) break;
      offset += chunk.length;
      try {
        splitter.push(chunk, sink);
      } catch (error) {
        throw this.badInput(error);
      }
      onProgress?.();
    }
    if (offset >= this.size) {
      splitter.finish(sink);
      this.total = Math.max(0, row);
      this.known = this.total;
    }
  }

  /** Bookkeeping for a whole record: row `row` spans bytes [start, end). */
  private note(row: number, start: number, end: number): void {
    const every = this.settings.checkpointEvery;
    if (row >= 0 && row % every === 0 && this.checkpoints.length === row / every) this.checkpoints.push(start);
    if (row + 1 > this.known) this.known = row + 1;
    if (row + 1 > this.frontier.row) this.frontier = { row: row + 1, offset: end };
  }

  private decode(start: number, bytes: Uint8Array): string[][] {
    let text = strictUtf8(bytes, this.name, start);
    if (start === 0) text = text.replace(/^\uFEFF/, '');
    return this.format === 'jsonl' ? [this.jsonRow(text.trimEnd())] : this.csvRows(text);
  }

  private csvRows(text: string): string[][] {
    try {
      return parse(text, { delimiter: this.format === 'tsv' ? '\t' : ',', relax_column_count: true, skip_empty_lines: true });
    } catch (error) {
      const message = (error as Error).message;
      const quote = /quote/i.test(message) ? ' (truncated inside a quoted field?)' : '';
      throw new LakeError('bad-input', `${this.key} is not well-formed CSV${quote}: ${message}`, { cause: error });
    }
  }

  private jsonRow(text: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [`not valid JSON: ${text}`];
    }
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
    for (const column of Object.keys(record)) if (!this.columns.includes(column)) this.columns.push(column);
    return this.columns.map((column) => cellText(record[column]));
  }

  private badInput(error: unknown): Error {
    if (error instanceof LakeError && error.code === 'bad-input')
      return new LakeError('bad-input', `${this.name}: ${error.message}`, { cause: error });
    return error as Error;
  }
}
