// Text for `lakedeck ingest`: a one-line progress bar redrawn in place on a terminal, plain
// progress lines for logs and pipes (at most one per step, so a CI log stays short), and one
// summary line per run.
import type { IngestProgress, IngestRun } from '../core/ingestion.js';
import { formatBytes } from '../format/bytes.js';

export function runLine(run: IngestRun): string {
  const seconds = (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000;
  const size = `${formatBytes(run.bytes)}, ${run.rows.toLocaleString('en-US')} rows`;
  const what =
    run.outcome === 'ingested' ? `${size} → raw/${run.key}`
    : run.outcome === 'duplicate' ? (run.duplicateOf ? `${size}, same content as ${run.duplicateOf}: nothing written` : `${run.note ?? 'nothing new'}: nothing written`)
    : run.error ?? 'failed';
  return `${run.source.padEnd(11)} ${run.outcome.padEnd(9)} ${what} (${seconds.toFixed(1)} s)`;
}

export function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** One terminal line for the current progress; `rate` in bytes per second. */
export function progressLine(progress: IngestProgress, rate: number, columns: number): string {
  const name = progress.source.padEnd(11);
  if (progress.phase === 'retrying') return `${name} retrying: ${progress.detail ?? ''}`.slice(0, columns - 1);
  if (progress.phase !== 'downloading' && progress.phase !== 'publishing') return `${name} ${progress.phase}…`;
  const amount = progress.totalBytes ? `${formatBytes(progress.bytes)} / ${formatBytes(progress.totalBytes)}` : formatBytes(progress.bytes);
  const speed = rate > 0 ? `  ${formatBytes(rate)}/s` : '';
  const tail = progress.phase === 'publishing' ? '  publishing…' : `${amount}${speed}`;
  if (!progress.totalBytes) return `${name} ${tail}`.slice(0, columns - 1);
  const percent = `${Math.floor((100 * progress.bytes) / progress.totalBytes)}%`.padStart(4);
  const room = columns - 1 - name.length - tail.length - percent.length - 5;
  return room >= 10 ? `${name} ${bar(progress.bytes / progress.totalBytes, room)} ${percent}  ${tail}` : `${name} ${percent}  ${tail}`.slice(0, columns - 1);
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
      write(`\r\x1b[2K${progressLine(progress, rate, columns())}`);
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
      const current = progress.totalBytes ? Math.floor((10 * progress.bytes) / progress.totalBytes) : Math.floor(progress.bytes / (64 * 1024 * 1024));
      if (progress.phase === phase && (progress.phase !== 'downloading' || current === step)) return;
      phase = progress.phase;
      step = current;
      const amount = progress.totalBytes ? ` ${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)}` : progress.bytes ? ` ${formatBytes(progress.bytes)}` : '';
      write(`${progress.source}: ${progress.phase}${amount}\n`);
    },
    end() {},
  };
}
