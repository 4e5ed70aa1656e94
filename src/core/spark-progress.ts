// Turns the Spark status REST API's /jobs and /stages JSON into stage progress and one step-level
// fraction. Pure: the same reading serves a local driver's UI and EMR's on-cluster Spark UI.
import type { StageProgress } from './steps.js';

export interface SparkJobJson {
  jobId: number;
  status: string;
  numTasks: number;
  numCompletedTasks: number;
  numSkippedTasks?: number;
}

export interface SparkStageJson {
  stageId: number;
  attemptId: number;
  name: string;
  status: string;
  numTasks: number;
  numActiveTasks: number;
  numCompleteTasks: number;
  numFailedTasks: number;
}

export interface SparkProgress {
  /** Newest first. */
  stages: StageProgress[];
  /**
   * Tasks done (completed or skipped) over the tasks of every job Spark has planned so far, kept
   * below 1 while the application runs: a job submitted later adds to both sides.
   */
  fraction: number;
}

const RUNNING_CAP = 0.99;

export function sparkProgress(jobs: SparkJobJson[], stages: SparkStageJson[]): SparkProgress {
  let done = 0;
  let total = 0;
  for (const job of jobs) {
    total += job.numTasks;
    done += job.status === 'SUCCEEDED' ? job.numTasks : Math.min(job.numTasks, job.numCompletedTasks + (job.numSkippedTasks ?? 0));
  }
  const fraction = total === 0 ? 0 : Math.min(RUNNING_CAP, done / total);
  const progress = stages
    .map((stage) => ({
      stageId: stage.stageId,
      attemptId: stage.attemptId,
      name: stage.name,
      status: stage.status,
      tasksDone: stage.numCompleteTasks,
      tasksTotal: stage.numTasks,
      tasksActive: stage.numActiveTasks,
      tasksFailed: stage.numFailedTasks,
    }))
    .sort((a, b) => b.stageId - a.stageId || b.attemptId - a.attemptId);
  return { stages: progress, fraction };
}
