// Text for `lakedeck ingest`: a one-line progress bar redrawn in place on a terminal, plain
// progress lines for logs and pipes (at most one per step, so a CI log stays short), and one
// summary line per run.
import type { IngestProgress, IngestRun } from '../core/ingestion.js';
import { formatBytes } from '../format/bytes.js';
import { durationText, progressText, runOutcomeText, runSeconds } from '../format/ingest.js';

export function runLine(run: IngestRun): string {
  return `${run.source.padEnd(11)} ${run.outcome.padEnd(9)} ${runOutcomeText(run)} (${durationText(runSeconds(run))})`;
}

export interface ProgressSink {
  update(progress: IngestProgress): void;
  /** Clears the live line before a summary is printed. */
  end(): void;
}

/** Redraws one line at most ten times a second. */
export function ttyProgress(write: (text: string) => void, columns: () => number, now = Date.now): ProgressSink {
  let last = 0;
  let start = 0;
  let shown = false;
  return {
    update(progress) {
      const t = now();
      if (progress.phase === 'connecting') start = t;
      if (t - last < 100 && progress.phase === 'downloading') return;
      last = t;
      const rate = t > start ? (progress.bytes * 1000) / (t - start) : 0;
      write(`\r\x1b[2K${progressText(progress, rate, columns() - 1)}`);
      shown = true;
    },
    end() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** Phase changes, retries, and downloads in steps of a tenth (or of 64 MiB when the size is unknown). */
export function plainProgress(write: (text: string) => void): ProgressSink {
  let phase = '';
  let step = -1;
  return {
    update(progress) {
      if (progress.phase === 'retrying') return write(`${progress.source}: retrying: ${progress.detail ?? ''}\n`);
      if (progress.phase === 'done') return;
      const current = progress.totalBytes
        ? Math.floor((10 * progress.bytes) / progress.totalBytes)
        : Math.floor(progress.bytes / (64 * 1024 * 1024));
      if (progress.phase === phase && (progress.phase !== 'downloading' || current === step)) return;
      phase = progress.phase;
      step = current;
      const amount = progress.totalBytes
        ? ` ${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)}`
        : progress.bytes
          ? ` ${formatBytes(progress.bytes)}`
          : '';
      write(`${progress.source}: ${progress.phase}${amount}\n`);
    },
    end() {},
  };
}
