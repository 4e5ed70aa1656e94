// The steps port: Spark work units (EMR clusters and their steps on aws, spark-submit runs on
// local), their state, progress and failure detail.

export type StepState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED';

export interface ClusterSummary {
  id: string;
  name: string;
  state: string;
  createdAt?: Date;
  endedAt?: Date;
}

export interface StepSummary {
  id: string;
  clusterId: string;
  name: string;
  state: StepState;
  startedAt?: Date;
  endedAt?: Date;
  /** 0..1 where the engine exposes stage/task progress. */
  progress?: number;
  failureReason?: string;
}

export interface StepsService {
  clusters(): Promise<ClusterSummary[]>;
  steps(clusterId: string): Promise<StepSummary[]>;
  /** The last lines of a step's log (stderr on failure). */
  logTail(clusterId: string, stepId: string, lines: number): Promise<string[]>;
}
