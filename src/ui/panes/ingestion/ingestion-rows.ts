// Pure rendering of the Ingestion pane's tables (k9s `render` style): the sources with their
// last run, and the run history with outcome, bytes, rows and duration. Outcomes are words, so
// nothing depends on colour.
import type { IngestRun, SourceInfo, SourceName } from '../../../core/ingestion.js';
import { durationText, runSeconds } from '../../../format/ingest.js';
import type { TableColumn } from '../../components/WindowedTable.js';
import { formatAge, formatBytes, formatCount, formatDateTime } from '../../format.js';

/** The newest run of each source (runs come newest first). */
export function lastRuns(runs: readonly IngestRun[]): Map<SourceName, IngestRun> {
  const last = new Map<SourceName, IngestRun>();
  for (const run of runs) if (!last.has(run.source)) last.set(run.source, run);
  return last;
}

/** Width left for the last column once the fixed ones, separators and the row marker are placed. */
const rest = (width: number, fixed: number[]) => Math.max(0, width - 2 - fixed.reduce((a, b) => a + b + 1, 0));

export function sourceColumns(width: number): TableColumn[] {
  const fixed = [11, 24];
  return [
    { title: 'SOURCE', width: 11 },
    { title: 'LAST RUN', width: 24 },
    { title: 'READS FROM', width: rest(width, fixed) },
  ];
}

export function sourceCells(source: SourceInfo, last: IngestRun | undefined, now: number): string[] {
  const age = last ? formatAge(now - Date.parse(last.endedAt)) : '';
  const lastRun = last ? `${last.outcome} ${age === 'now' ? 'just now' : `${age} ago`}` : 'never run';
  return [source.name, lastRun, source.origin];
}

export function historyColumns(width: number): TableColumn[] {
  const fixed = [16, 11, 9, 9, 9, 8];
  return [
    { title: 'STARTED', width: 16 },
    { title: 'SOURCE', width: 11 },
    { title: 'OUTCOME', width: 9 },
    { title: 'BYTES', width: 9, align: 'right' },
    { title: 'ROWS', width: 9, align: 'right' },
    { title: 'TOOK', width: 8, align: 'right' },
    { title: 'DETAIL', width: rest(width, fixed) },
  ];
}

export function historyCells(run: IngestRun): string[] {
  const detail =
    run.outcome === 'failed'
      ? (run.error ?? '')
      : run.outcome === 'duplicate'
        ? run.duplicateOf
          ? `same as ${run.duplicateOf}`
          : (run.note ?? '')
        : run.outcome === 'cancelled'
          ? (run.note ?? '')
          : (run.key ?? '');
  return [
    formatDateTime(new Date(run.startedAt)),
    run.source,
    run.outcome,
    formatBytes(run.bytes),
    formatCount(run.rows),
    durationText(runSeconds(run)),
    detail,
  ];
}

/** One row of a run's details: a field and its value (continuation rows have no field). */
export interface DetailRow {
  [key: string]: string;
  field: string;
  value: string;
}

/** Field column width: the longest field name. */
export const DETAIL_FIELD_WIDTH = 'duplicate of'.length;

/**
 * Everything recorded about one run, as field/value rows for a small bordered table: the outcome
 * and why first, long values (an error, a URL) wrapped onto more rows rather than hidden.
 */
export function runDetailRows(run: IngestRun, valueWidth: number): DetailRow[] {
  const facts: [string, string | undefined][] = [
    ['run', `${run.runId} · ${durationText(runSeconds(run))}`],
    ['outcome', run.outcome],
    ['error', run.error],
    ['note', run.note],
    ['object', run.key && `raw/${run.key}`],
    ['duplicate of', run.duplicateOf],
    ['from', run.origin],
    ['started', run.startedAt],
    ['watermark', run.watermark],
    ['sha256', run.sha256],
  ];
  const rows: DetailRow[] = [];
  for (const [field, value] of facts) {
    if (!value) continue;
    wrapLines([value], valueWidth).forEach((part, index) => rows.push({ field: index === 0 ? field : '', value: part }));
  }
  return rows;
}

/** The `/` filter matches source, outcome and what the run says. */
export function runSearchText(run: IngestRun): string {
  return `${run.source} ${run.outcome} ${run.error ?? ''} ${run.note ?? ''} ${run.key ?? ''}`;
}

/** Lines cut into pieces of at most `width` characters (for the detail view, where nothing may hide). */
export function wrapLines(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  const size = Math.max(1, width);
  for (const line of lines) {
    const chars = [...line];
    for (let at = 0; at < chars.length || at === 0; at += size) out.push(chars.slice(at, at + size).join(''));
  }
  return out;
}
