// Splits a byte stream read in ranges into whole records with their byte offsets: CSV records
// end at a newline outside double quotes (a quoted field spanning lines stays one record across
// a range boundary), JSON lines at every newline. Offsets let a reader come back to any record
// later without holding what came before it. Bytes, not text: '"' and '\n' never occur inside a
// UTF-8 multi-byte sequence, so a cut character is carried whole into the next range.
import { LakeError } from '../core/errors.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Called for each non-empty record: bytes [from, to) of `buffer`, at `start` in the object. */
export type RecordSink = (start: number, buffer: Uint8Array, from: number, to: number) => void;

export class RecordSplitter {
  private carry: Uint8Array = new Uint8Array(0);
  /** Offset in the object of `carry[0]`. */
  private carryStart: number;
  /** Bytes of `carry` already scanned (and the quote state at their end). */
  private scanned = 0;
  private inQuote = false;

  constructor(
    private readonly quoted: boolean,
    start: number,
    private readonly maxRecordBytes: number,
  ) {
    this.carryStart = start;
  }

  /** Feeds the next bytes of the object (right after the previous ones). */
  push(chunk: Uint8Array, sink: RecordSink): void {
    const buffer = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const base = this.carryStart;
    let recordStart = 0;
    let at = this.scanned;
    // The next quote, kept across lines: each byte is searched once however rare quotes are.
    let quote = this.quoted ? buffer.indexOf(QUOTE, at) : -1;
    while (at < buffer.length) {
      const newline = buffer.indexOf(LF, at);
      const stop = newline < 0 ? buffer.length : newline;
      for (; quote >= 0 && quote < stop; quote = buffer.indexOf(QUOTE, quote + 1)) this.inQuote = !this.inQuote;
      if (newline < 0) break;
      at = newline + 1;
      if (this.inQuote) continue;
      emit(base, buffer, recordStart, at, sink);
      recordStart = at;
    }
    this.carry = buffer.subarray(recordStart);
    this.carryStart = base + recordStart;
    this.scanned = buffer.length - recordStart;
    if (this.carry.length > this.maxRecordBytes) {
      const what = this.quoted && this.inQuote ? ': a quoted field that never closes?' : '';
      throw new LakeError('bad-input', `a record longer than ${this.maxRecordBytes} bytes starts at byte ${this.carryStart}${what}`);
    }
  }

  /** The end of the object: the last record, when it has no newline after it. */
  finish(sink: RecordSink): void {
    if (this.carry.length > 0) emit(this.carryStart, this.carry, 0, this.carry.length, sink);
    this.carry = new Uint8Array(0);
  }

  /** Offset in the object where the record being read (not yet whole) starts. */
  get position(): number {
    return this.carryStart;
  }
}

function emit(base: number, buffer: Uint8Array, from: number, to: number, sink: RecordSink): void {
  let end = to;
  while (end > from && (buffer[end - 1] === LF || buffer[end - 1] === CR)) end -= 1;
  if (end > from) sink(base + from, buffer, from, to);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
