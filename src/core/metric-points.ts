// The points a finished local run records (MetricsRecorder), under the names and dimensions of
// metric-catalog.ts: ingestion runs (the Lambda's EMF metrics and the Lambda's own errors and
// duration), Spark steps (rows from their LAKEDECK_METRIC lines, duration, the failed-step rule)
// and Step Functions executions. Pure: each returns the points, the caller records them.
import type { IngestRun, SourceName } from './ingestion.js';
import type { MetricPoint, RecordedPoint } from './metrics.js';
import { LOCAL_RESOURCES } from './metric-catalog.js';
import type { MetricLine, StepJob, StepState } from './steps.js';

// The reference sources are extracted by the ExtractFunction on aws, the others by the IngestFunction.
const FUNCTION_OF: Record<SourceName, string> = {
  covid_csv: LOCAL_RESOURCES.IngestFunction,
  covid_api: LOCAL_RESOURCES.IngestFunction,
  divipola: LOCAL_RESOURCES.ExtractFunction,
  departments: LOCAL_RESOURCES.ExtractFunction,
};

const millisBetween = (start: string | Date | undefined, end: string | Date | undefined): number | undefined => {
  if (!start || !end) return undefined;
  const ms = new Date(end).getTime() - new Date(start).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
};

/** An ingestion run: the same four values as its EMF line, plus the extracting function's errors and time. */
export function ingestRunPoints(namespace: string, run: IngestRun): RecordedPoint[] {
  const at = new Date(run.endedAt);
  const ingested = run.outcome === 'ingested';
  const bySource = { Source: run.source };
  const fn = { FunctionName: FUNCTION_OF[run.source] };
  const points: RecordedPoint[] = [
    { namespace, name: 'RowsIngested', dimensions: bySource, value: ingested ? run.rows : 0, unit: 'Count', at },
    { namespace, name: 'BytesIngested', dimensions: bySource, value: ingested ? run.bytes : 0, unit: 'Bytes', at },
    { namespace, name: 'DuplicateRuns', dimensions: bySource, value: run.outcome === 'duplicate' ? 1 : 0, unit: 'Count', at },
    { namespace, name: 'FailedRuns', dimensions: bySource, value: run.outcome === 'failed' ? 1 : 0, unit: 'Count', at },
    { namespace: 'AWS/Lambda', name: 'Errors', dimensions: fn, value: run.outcome === 'failed' ? 1 : 0, unit: 'Count', at },
  ];
  const ms = millisBetween(run.startedAt, run.endedAt);
  if (ms !== undefined) points.push({ namespace: 'AWS/Lambda', name: 'Duration', dimensions: fn, value: ms, unit: 'Milliseconds', at });
  return points;
}

export interface FinishedStep {
  job: StepJob;
  state: StepState;
  startedAt?: string;
  endedAt?: string;
}

/**
 * A finished Spark step: rows read / written / rejected per job and per job and table (from the
 * job's table lines; a rejects table's writes are its rejects, counted once) and its duration. A
 * failed step fails its pipeline run, which the execution alarms count.
 */
export function stepPoints(namespace: string, step: FinishedStep, lines: MetricLine[]): RecordedPoint[] {
  const at = step.endedAt ? new Date(step.endedAt) : new Date();
  const points: RecordedPoint[] = [];
  const totals = { RowsRead: 0, RowsWritten: 0, RowsRejected: 0 };
  const seen = { RowsRead: false, RowsWritten: false, RowsRejected: false };
  for (const line of lines) {
    if (typeof line.table !== 'string' || line.table.endsWith('_rejects')) continue;
    for (const [name, field] of [
      ['RowsRead', 'rows_read'],
      ['RowsWritten', 'rows_written'],
      ['RowsRejected', 'rows_rejected'],
    ] as const) {
      const value = line[field];
      if (typeof value !== 'number') continue;
      totals[name] += value;
      seen[name] = true;
      points.push({ namespace, name, dimensions: { Job: step.job, Table: line.table }, value, unit: 'Count', at });
    }
  }
  for (const name of ['RowsRead', 'RowsWritten', 'RowsRejected'] as const) {
    if (seen[name]) points.push({ namespace, name, dimensions: { Job: step.job }, value: totals[name], unit: 'Count', at });
  }
  const ms = millisBetween(step.startedAt, step.endedAt);
  if (ms !== undefined)
    points.push({ namespace, name: 'StepDuration', dimensions: { Job: step.job }, value: ms / 1000, unit: 'Seconds', at });
  return points;
}

export type ExecutionOutcome = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export function isExecutionOutcome(status: string): status is ExecutionOutcome {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED';
}

const OUTCOME_METRIC: Record<ExecutionOutcome, string> = {
  SUCCEEDED: 'ExecutionsSucceeded',
  FAILED: 'ExecutionsFailed',
  TIMED_OUT: 'ExecutionsTimedOut',
  ABORTED: 'ExecutionsAborted',
};

/** A finished Step Functions execution, as AWS/States counts it for the pipeline's state machine. */
export function executionPoints(execution: { status: ExecutionOutcome; startedAt: Date; endedAt: Date }): RecordedPoint[] {
  const dimensions = { StateMachineArn: LOCAL_RESOURCES.PipelineStateMachine };
  const points: RecordedPoint[] = [
    { namespace: 'AWS/States', name: 'ExecutionsStarted', dimensions, value: 1, unit: 'Count', at: execution.startedAt },
    { namespace: 'AWS/States', name: OUTCOME_METRIC[execution.status], dimensions, value: 1, unit: 'Count', at: execution.endedAt },
  ];
  const ms = millisBetween(execution.startedAt, execution.endedAt);
  if (ms !== undefined)
    points.push({ namespace: 'AWS/States', name: 'ExecutionTime', dimensions, value: ms, unit: 'Milliseconds', at: execution.endedAt });
  return points;
}

/** Points of one series, aggregated per period with CloudWatch's statistic; periods start at the epoch. */
export function aggregatePoints(points: MetricPoint[], stat: string, periodSeconds: number, since: Date, until: Date): MetricPoint[] {
  const period = periodSeconds * 1000;
  const buckets = new Map<number, number[]>();
  for (const point of points) {
    const t = point.at.getTime();
    if (t < since.getTime() || t >= until.getTime()) continue;
    const start = Math.floor(t / period) * period;
    let values = buckets.get(start);
    if (!values) buckets.set(start, (values = []));
    values.push(point.value);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, values]) => ({ at: new Date(start), value: statistic(values, stat) }));
}

export function statistic(values: number[], stat: string): number {
  switch (stat) {
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Maximum':
      return Math.max(...values);
    case 'Minimum':
      return Math.min(...values);
    case 'SampleCount':
      return values.length;
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}
