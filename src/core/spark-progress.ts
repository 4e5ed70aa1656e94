// Turns the Spark status REST API's /jobs and /stages JSON into stage progress and one step-level
// fraction. Pure: the same reading serves a local driver's UI and EMR's on-cluster Spark UI.
import type { StageProgress } from './steps.js';

const RUNNING_CAP = 0.99;

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
  /** Spark jobs submitted so far, and their work in job units (a finished job counts 1). */
  jobs: number;
  jobUnits: number;
}

/**
 * The step-level fraction when an earlier run of the same job says how many Spark jobs it takes:
 * job units over that count (a job runs the same plan on the same code), else the task fraction.
 */
export function stepFraction(progress: SparkProgress, expectedJobs?: number): number {
  if (!expectedJobs || expectedJobs < progress.jobs) return progress.fraction;
  return Math.min(RUNNING_CAP, progress.jobUnits / expectedJobs);
}

export function sparkProgress(jobs: SparkJobJson[], stages: SparkStageJson[]): SparkProgress {
  let done = 0;
  let total = 0;
  let jobUnits = 0;
  for (const job of jobs) {
    const jobDone = job.status === 'SUCCEEDED' ? job.numTasks : Math.min(job.numTasks, job.numCompletedTasks + (job.numSkippedTasks ?? 0));
    total += job.numTasks;
    done += jobDone;
    jobUnits += job.status === 'SUCCEEDED' ? 1 : job.numTasks > 0 ? jobDone / job.numTasks : 0;
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
  return { stages: progress, fraction, jobs: jobs.length, jobUnits };
}
