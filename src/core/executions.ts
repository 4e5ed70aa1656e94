// The executions port: runs of the pipeline state machine and their state-by-state history, in
// the shape of Step Functions' GetExecutionHistory on both backends, so one pane and one CLI
// serve the local interpreter and the deployed state machine alike.

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export function isExecutionActive(status: ExecutionStatus): boolean {
  return status === 'RUNNING' || status === 'PENDING_REDRIVE';
}

export interface ExecutionSummary {
  arn: string;
  name: string;
  status: ExecutionStatus;
  startedAt: Date;
  stoppedAt?: Date;
  /** What started it: `schedule`, `cli`, `console`… (from the input's `trigger`, when it says). */
  trigger?: string;
  redriveCount?: number;
}

export interface ExecutionDetail extends ExecutionSummary {
  /** The execution input and output as JSON text. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/**
 * One event of GetExecutionHistory, flattened: `type` is Step Functions' own (TaskStateEntered,
 * TaskFailed, ExecutionAborted…); input/output/error/cause come from its `*EventDetails`.
 */
export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  type: string;
  timestamp: Date;
  stateName?: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Anything else worth a line (a retry's attempt, a resource). */
  detail?: string;
  /** A TaskScheduled that schedules the task again after a failure (a Retrier's attempt). */
  retry?: boolean;
}

export interface HistoryPage {
  events: HistoryEvent[];
  nextToken?: string;
}

export interface HistoryOptions {
  /** Newest first (the live tail). */
  reverse?: boolean;
  maxResults?: number;
  nextToken?: string;
}

export interface ListOptions {
  status?: ExecutionStatus;
  /** At most this many, newest first (every page is read until then). */
  limit?: number;
}

/** What a run is asked to do; every field optional (the definition fills the defaults). */
export interface StartRequest {
  runDate?: string;
  force?: boolean;
  /** Sources switched off for this run: skipped and shown as such, never failed. */
  skip?: string[];
  trigger?: string;
  /** The execution name (default: one made from the time). */
  name?: string;
}

/** A notification the pipeline sent (SNS Publish on aws; recorded with the lake on local). */
export interface PipelineNotification {
  at: Date;
  executionArn?: string;
  subject: string;
  message: string;
}

export interface ScheduleInfo {
  ruleName: string;
  expression: string;
  enabled: boolean;
  /** The next time the rule fires, when the expression says it plainly (rate or cron). */
  nextRun?: Date;
}

export interface ExecutionsService {
  list(options?: ListOptions): Promise<ExecutionSummary[]>;
  describe(arn: string): Promise<ExecutionDetail>;
  history(arn: string, options?: HistoryOptions): Promise<HistoryPage>;
  start(request: StartRequest): Promise<ExecutionSummary>;
  /** Abort: no Catch runs; locally the running step is cancelled and the cluster record ended. */
  stop(arn: string, cause: string): Promise<void>;
  /** Runs a failed execution again from the state that failed. */
  redrive(arn: string): Promise<ExecutionSummary>;
  /** Executions this process runs, which end when it ends (local); absent where they run elsewhere (aws). */
  runningHere?(): { arn: string; name: string }[];
  /** The state machine's definition (ASL JSON text), to draw the execution as its shape. */
  definition(): Promise<string>;
  /** The pipeline's own failure notifications, newest first (local: recorded with the lake). */
  notifications?(limit?: number): Promise<PipelineNotification[]>;
  /** aws: the EventBridge rule that starts the pipeline. */
  schedule?(): Promise<ScheduleInfo>;
  setScheduleEnabled?(enabled: boolean): Promise<void>;
  close?(): Promise<void>;
}

/** Every event of an execution, oldest first, reading every page. */
export async function fullHistory(service: ExecutionsService, arn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await service.history(arn, { nextToken });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
