// The steps port: Spark work units (EMR clusters and their steps on aws, spark-submit runs on
// local), their state, progress, metric lines, logs and failure detail; run, cancel, terminate.

export type StepState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED';

/** States a step never leaves. */
export const FINAL_STEP_STATES: readonly StepState[] = ['COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED'];

export function isStepActive(state: StepState): boolean {
  return state === 'PENDING' || state === 'RUNNING';
}

/** The Spark jobs of the pipeline (spark/jobs/<job>.py). */
export const STEP_JOBS = ['etl', 'analytics', 'ml'] as const;
export type StepJob = (typeof STEP_JOBS)[number];

export interface ClusterSummary {
  id: string;
  name: string;
  state: string;
  createdAt?: Date;
  endedAt?: Date;
  /** True while it accepts new steps. */
  active: boolean;
  /** Steps per state, where known without a further call. */
  stepCounts?: Partial<Record<StepState, number>>;
}

/** Rows counted by the job's LAKEDECK_METRIC lines (absent until the lines arrive). */
export interface StepRows {
  read?: number;
  written?: number;
  rejected?: number;
}

/** How `progress` was obtained: Spark's own task counts, or elapsed time against earlier runs. */
export type ProgressSource = 'spark' | 'estimate';

export interface StepSummary {
  id: string;
  clusterId: string;
  name: string;
  /** The pipeline job, when the step is one of them. */
  job?: StepJob;
  state: StepState;
  createdAt?: Date;
  startedAt?: Date;
  endedAt?: Date;
  /** 0..1 where known. */
  progress?: number;
  progressSource?: ProgressSource;
  rows?: StepRows;
  /** One line: why it failed, was cancelled or interrupted. */
  failureReason?: string;
}

export interface StageProgress {
  stageId: number;
  attemptId: number;
  name: string;
  /** Spark's stage status: ACTIVE, COMPLETE, PENDING, SKIPPED, FAILED. */
  status: string;
  tasksDone: number;
  tasksTotal: number;
  tasksActive: number;
  tasksFailed: number;
}

/** One LAKEDECK_METRIC line: `{job, …fields}` as the job printed it. */
export type MetricLine = { job: string } & Record<string, unknown>;

export interface StepDetail extends StepSummary {
  /** The command line (spark-submit and its arguments). */
  args: string[];
  exitCode?: number;
  /** Stages of the running application, newest first (empty when none are known). */
  stages: StageProgress[];
  metrics: MetricLine[];
  /** Where the full logs are (files on local, S3 URIs on aws), the one with the errors first. */
  logs: { label: string; location: string }[];
}

export interface RunStepRequest {
  job: StepJob;
  /** YYYY-MM-DD or 'all'. */
  runDate: string;
  /** aws: the cluster to add the step to (default: the newest active cluster of the stack). */
  clusterId?: string;
}

/** A step's full logs as local files, for a pager; dispose() removes what was downloaded for it. */
export interface StepLogFiles {
  /** The one with the errors first (stderr). */
  files: { label: string; path: string }[];
  dispose(): Promise<void>;
}

export interface StepsService {
  clusters(): Promise<ClusterSummary[]>;
  /** Newest first, every page. */
  steps(clusterId: string): Promise<StepSummary[]>;
  step(clusterId: string, stepId: string): Promise<StepDetail>;
  /** The last lines of a step's log (stderr, where failures are explained). */
  logTail(clusterId: string, stepId: string, lines: number): Promise<string[]>;
  /** The full logs as local files (aws: downloaded and decompressed to a private temp folder). */
  logFiles(clusterId: string, stepId: string): Promise<StepLogFiles>;
  /** Starts a step and returns it at once (PENDING or RUNNING). */
  run(request: RunStepRequest): Promise<StepSummary>;
  /** Stops a pending or running step. */
  cancel(clusterId: string, stepId: string): Promise<void>;
  /**
   * Resolves once a step this process started has its final record (local: on the child's exit
   * event, not on a poll); undefined for a step this process does not watch.
   */
  whenEnded?(clusterId: string, stepId: string): Promise<void> | undefined;
  /** aws only: terminates a cluster. */
  terminateCluster?(clusterId: string): Promise<void>;
  close?(): Promise<void>;
}

export const RUN_DATE_PATTERN = /^(all|\d{4}-\d{2}-\d{2})$/;
