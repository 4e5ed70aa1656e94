// Reads the jobs' LAKEDECK_METRIC lines (spark/lakedeck_spark/metrics.py) out of a log and sums
// the rows they count, so the console and the CLI show rows in/out/rejected without Spark.
import type { MetricLine, StepRows } from './steps.js';

export const METRIC_PREFIX = 'LAKEDECK_METRIC ';

/** Every metric line in `text`, in order; a line that is not valid JSON is skipped. */
export function parseMetricLines(text: string): MetricLine[] {
  const lines: MetricLine[] = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(METRIC_PREFIX);
    if (at < 0) continue;
    try {
      const value = JSON.parse(line.slice(at + METRIC_PREFIX.length)) as unknown;
      if (value && typeof value === 'object' && typeof (value as MetricLine).job === 'string') lines.push(value as MetricLine);
    } catch {
      // a line cut by a crash mid-write, or a stray print that happens to start the same way
    }
  }
  return lines;
}

/**
 * Rows per step from the table lines (`{table, rows_read, rows_written, rows_rejected}`): reads and
 * writes of every table, rejects counted once (a rejects table's own writes are the rejects).
 */
export function rowsFromMetrics(lines: MetricLine[]): StepRows | undefined {
  let read: number | undefined;
  let written: number | undefined;
  let rejected: number | undefined;
  const add = (total: number | undefined, value: unknown) => (typeof value === 'number' ? (total ?? 0) + value : total);
  for (const line of lines) {
    if (typeof line.table !== 'string') continue;
    if (line.table.endsWith('_rejects')) continue;
    read = add(read, line.rows_read);
    written = add(written, line.rows_written);
    rejected = add(rejected, line.rows_rejected);
  }
  if (read === undefined && written === undefined && rejected === undefined) return undefined;
  return { read, written, rejected };
}

/** The job's own failure line (`{status: "failed", error}`), when it printed one. */
export function failureFromMetrics(lines: MetricLine[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (lines[i].status === 'failed' && typeof lines[i].error === 'string') return lines[i].error as string;
  }
  return undefined;
}
