// How an ingestion run and its progress read, in the console pane and in `lakedeck ingest`:
// words for every state (never colour alone), sizes in binary units.
import type { IngestProgress, IngestRun } from '../core/ingestion.js';
import { formatBytes } from './bytes.js';

export function runSeconds(run: IngestRun): number {
  return Math.max(0, (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000);
}

export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** What the run did, in one phrase (no source, no time). */
export function runOutcomeText(run: IngestRun): string {
  const size = `${formatBytes(run.bytes)}, ${run.rows.toLocaleString('en-US')} rows`;
  if (run.outcome === 'ingested') return `${size} → raw/${run.key}`;
  if (run.outcome === 'duplicate') {
    return run.duplicateOf
      ? `${size}, same content as ${run.duplicateOf}: nothing written`
      : `${run.note ?? 'nothing new'}: nothing written`;
  }
  if (run.outcome === 'cancelled') return run.note ?? 'cancelled: nothing was written';
  return run.error ?? 'failed';
}

export function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(Math.max(0, width - filled))}]`;
}

/** One line of live progress, at most `columns` cells; `rate` in bytes per second. */
export function progressText(progress: IngestProgress, rate: number, columns: number): string {
  const name = progress.source.padEnd(11);
  const fitted = (text: string) => text.slice(0, Math.max(0, columns));
  if (progress.phase === 'retrying') return fitted(`${name} retrying: ${progress.detail ?? ''}`);
  if (progress.phase !== 'downloading' && progress.phase !== 'publishing') return fitted(`${name} ${progress.phase}…`);
  const amount = progress.totalBytes ? `${formatBytes(progress.bytes)} / ${formatBytes(progress.totalBytes)}` : formatBytes(progress.bytes);
  const speed = rate > 0 ? `  ${formatBytes(rate)}/s` : '';
  const tail = progress.phase === 'publishing' ? `${amount}  publishing…` : `${amount}${speed}`;
  if (!progress.totalBytes) return fitted(`${name} ${tail}`);
  const percent = `${Math.floor((100 * progress.bytes) / progress.totalBytes)}%`.padStart(4);
  // name, space, [bar], space, percent, two spaces, tail
  const room = columns - name.length - tail.length - percent.length - 6;
  return room >= 10
    ? `${name} ${bar(progress.bytes / progress.totalBytes, room)} ${percent}  ${tail}`
    : fitted(`${name} ${percent}  ${tail}`);
}
