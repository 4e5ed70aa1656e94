// The executions port: runs of the pipeline state machine and their state-by-state history, in
// the shape of Step Functions' GetExecutionHistory on both backends.

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface ExecutionSummary {
  arn: string;
  name: string;
  status: ExecutionStatus;
  startedAt: Date;
  stoppedAt?: Date;
}

export interface HistoryEvent {
  id: number;
  type: string;
  timestamp: Date;
  stateName?: string;
  detail?: string;
}

export interface ExecutionsService {
  list(limit?: number): Promise<ExecutionSummary[]>;
  history(arn: string): Promise<HistoryEvent[]>;
  start(input: Record<string, unknown>): Promise<ExecutionSummary>;
  stop(arn: string, cause: string): Promise<void>;
}
