// The metrics port: the pipeline's metric series and its alarm states (CloudWatch on aws; on local,
// the points local runs record through MetricsRecorder, kept with the lake in an embedded store).
// Which series exist is data (metric-catalog.ts); which alarms exist is the template's.

export type MetricUnit = 'Count' | 'Bytes' | 'Seconds' | 'Milliseconds' | 'Percent' | 'None';
export type MetricStatistic = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount';

/** One series: CloudWatch's identity of a metric. */
export interface MetricKey {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

/** A series the console asks for: the key, how to aggregate it, and how to show it. */
export interface SeriesSpec extends MetricKey {
  /** Short id, stable across refreshes (pane selection, CLI --json). */
  id: string;
  label: string;
  stat: MetricStatistic;
  unit: MetricUnit;
}

export interface MetricPoint {
  at: Date;
  value: number;
}

export interface MetricSeries extends SeriesSpec {
  /** Oldest first, one per period that has data. */
  points: MetricPoint[];
}

/** A data point as a run records it. */
export interface RecordedPoint extends MetricKey {
  value: number;
  unit: MetricUnit;
  at: Date;
}

/** What every local run calls when it ends: ingestion, steps, executions, queries. */
export interface MetricsRecorder {
  record(points: RecordedPoint[]): Promise<void>;
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmState {
  name: string;
  description?: string;
  state: AlarmStateValue;
  reason?: string;
  /** When the state last changed. */
  updatedAt?: Date;
  metric?: MetricKey;
}

/** A time range of the console: from `since` to `until`, one point per `periodSeconds`. */
export interface MetricRange {
  since: Date;
  until: Date;
  periodSeconds: number;
}

/** The series of what runs now (the EMR metrics of the stack's active clusters), or why there are none. */
export interface ClusterSeries {
  series: SeriesSpec[];
  /** Set when `series` is empty: no active cluster, no way to list them, or a backend without EMR. */
  absent?: string;
}

export interface MetricsService {
  /** Every series this backend can show (the catalog resolved against the target). */
  catalog(): SeriesSpec[];
  /** The series that exist only while a cluster of the stack is active (aws: EMR's IsIdle, AppsRunning…). */
  clusterSeries(): Promise<ClusterSeries>;
  /** The series' points over the range, aggregated per period; one batched request on aws. */
  query(specs: SeriesSpec[], range: MetricRange): Promise<MetricSeries[]>;
  /** The stack's alarms with their states. */
  alarms(): Promise<AlarmState[]>;
  /** The stack's CloudWatch dashboard, when there is one (aws). */
  readonly dashboardName?: string;
}
