// The stream every ingested byte passes through on its way to the zone: it hashes (sha256),
// counts bytes and rows, and at the very end asks whether the content is new. A "no" fails the
// stream before it ends, so the zone store's atomic put discards the object (temp file removed,
// multipart upload aborted): a duplicate never becomes visible, and nothing is read twice.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { RowCounter, type RowFormat } from './row-counter.js';

/** Chunks are merged up to this size: fewer, larger writes downstream (disk or S3 parts). */
const BATCH_BYTES = 1024 * 1024;

export class DuplicateContentError extends Error {
  constructor(readonly sha256: string) {
    super(`content ${sha256.slice(0, 12)}… was ingested before`);
    this.name = 'DuplicateContentError';
  }
}

export interface MeterOptions {
  rows: RowFormat;
  onBytes?: (bytes: number) => void;
  /** Called once with the digest; returning false refuses to publish (duplicate). */
  isNew?: (sha256: string) => boolean;
}

export class ContentMeter extends Transform {
  bytes = 0;
  sha256?: string;
  /** Set when isNew() refused the content. */
  duplicate = false;
  private readonly hash = createHash('sha256');
  private readonly counter: RowCounter;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly options: MeterOptions) {
    super({ highWaterMark: 2 * BATCH_BYTES });
    this.counter = new RowCounter(options.rows);
  }

  get rows(): number {
    return this.counter.rows;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.counter.add(chunk);
    this.bytes += chunk.length;
    this.options.onBytes?.(this.bytes);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= BATCH_BYTES) this.release();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.sha256 = this.hash.digest('hex');
    if (this.options.isNew && !this.options.isNew(this.sha256)) {
      this.duplicate = true;
      done(new DuplicateContentError(this.sha256));
      return;
    }
    this.release();
    done();
  }

  private release(): void {
    if (this.pendingBytes === 0) return;
    const batch = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.push(batch);
  }
}
