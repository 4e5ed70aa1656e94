// A file write stream that makes its data durable as it goes: every FLUSH_EVERY bytes it starts
// an fdatasync in the background (libuv's thread pool) while writing continues, so the disk
// flushes in parallel with the download and the final sync before publishing has little left to
// do. One sync at the end instead would stall the publish for the whole object's write-back.
import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs/promises';
import { Writable } from 'node:stream';

const FLUSH_EVERY = 32 * 1024 * 1024;

export class DurableFileWriter extends Writable {
  private handle?: FileHandle;
  private written = 0;
  private flushedUpTo = 0;
  private flushing?: Promise<void>;

  constructor(private readonly file: string) {
    super({ highWaterMark: 4 * 1024 * 1024 });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    fs.open(this.file, 'wx').then(
      (handle) => {
        this.handle = handle;
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeAll(chunk).then(() => callback(), callback);
  }

  private async writeAll(chunk: Buffer): Promise<void> {
    const handle = this.handle as FileHandle;
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, this.written + offset);
      offset += bytesWritten;
    }
    this.written += chunk.length;
    if (!this.flushing && this.written - this.flushedUpTo >= FLUSH_EVERY) {
      const upTo = this.written;
      this.flushing = handle.datasync().then(() => {
        this.flushedUpTo = upTo;
        this.flushing = undefined;
      });
      // A failed background sync is reported by the final one; keep it from being unhandled.
      this.flushing.catch(() => {});
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    const handle = this.handle as FileHandle;
    Promise.resolve(this.flushing)
      .then(() => handle.sync())
      .then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const close = this.handle
      ? Promise.resolve(this.flushing)
          .catch(() => {})
          .then(() => this.handle?.close())
      : Promise.resolve();
    close.then(
      () => callback(error),
      (closeError: Error) => callback(error ?? closeError),
    );
  }
}
