// Follows step logs as they grow: each read takes only the bytes appended since the last one and
// keeps what the polls need from them (the job's metric lines, the Spark UI port the driver bound),
// so polling a running step — or listing many ended ones — never re-reads or re-parses a whole log.
import fs from 'node:fs/promises';
import { parseMetricLines } from '../../../core/step-metrics.js';
import type { MetricLine } from '../../../core/steps.js';
import { boundUiPort } from './spark-runtime.js';

export interface StepLogState {
  metrics: MetricLine[];
  /** The port the driver's UI bound, once the log names it. */
  uiPort?: number;
}

interface Followed extends StepLogState {
  ino: number;
  offset: number;
  /** The bytes of the last line while it has no newline yet (kept as bytes: a character may be cut). */
  partial: Buffer;
}

const MAX_FOLLOWED = 1_000;
const CHUNK = 1024 * 1024;

export class StepLogReader {
  private readonly followed = new Map<string, Followed>();

  async read(file: string): Promise<StepLogState> {
    let handle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { metrics: [] };
      throw error;
    }
    try {
      const { size, ino } = await handle.stat();
      let state = this.followed.get(file);
      // Another file in its place, or cut shorter: start again from its first byte.
      if (!state || state.ino !== ino || size < state.offset) state = { ino, offset: 0, partial: Buffer.alloc(0), metrics: [] };
      while (size > state.offset) {
        const buffer = Buffer.alloc(Math.min(CHUNK, size - state.offset));
        const { bytesRead }: { bytesRead: number } = await handle.read(buffer, 0, buffer.length, state.offset);
        if (bytesRead === 0) break;
        const bytes = Buffer.concat([state.partial, buffer.subarray(0, bytesRead)]);
        const cut = bytes.lastIndexOf(0x0a) + 1;
        const complete = bytes.subarray(0, cut).toString('utf8');
        state = {
          ino,
          offset: state.offset + bytesRead,
          // A "line" longer than a chunk with no newline is no metric line: not kept.
          partial: bytes.length - cut > CHUNK ? Buffer.alloc(0) : Buffer.from(bytes.subarray(cut)),
          metrics: [...state.metrics, ...parseMetricLines(complete)],
          uiPort: state.uiPort ?? boundUiPort(complete),
        };
      }
      if (this.followed.size >= MAX_FOLLOWED && !this.followed.has(file)) this.followed.clear();
      this.followed.set(file, state);
      // A last line without its newline (the job is writing it, or died mid-line) still counts.
      const last = state.partial.length > 0 ? state.partial.toString('utf8') : '';
      const tail = last ? parseMetricLines(last) : [];
      return {
        metrics: tail.length > 0 ? [...state.metrics, ...tail] : state.metrics,
        uiPort: state.uiPort ?? (last ? boundUiPort(last) : undefined),
      };
    } finally {
      await handle.close();
    }
  }
}
