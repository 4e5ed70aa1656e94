// Pure mapping from EMR's Steps API shapes to the steps port: states, the pipeline job a step
// runs (from its spark-submit arguments), failure details, and the elapsed-time estimate.
import type { StepSummary as EmrStepSummary, Step as EmrStep } from '@aws-sdk/client-emr';
import { STEP_JOBS, type StepJob, type StepState, type StepSummary } from '../../../core/steps.js';

const STATES: Record<string, StepState> = {
  PENDING: 'PENDING',
  CANCEL_PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  FAILED: 'FAILED',
  INTERRUPTED: 'INTERRUPTED',
};

export function jobOfArgs(args: string[] | undefined): StepJob | undefined {
  for (const arg of args ?? []) {
    const match = /(?:^|\/)jobs\/(\w+)\.py$/.exec(arg);
    if (match && (STEP_JOBS as readonly string[]).includes(match[1])) return match[1] as StepJob;
  }
  return undefined;
}

export function toStepSummary(clusterId: string, step: EmrStepSummary | EmrStep): StepSummary {
  const status = step.Status;
  const timeline = status?.Timeline;
  const failure = status?.FailureDetails;
  const reason = failure ? [failure.Reason, failure.Message].filter(Boolean).join(': ') : undefined;
  const stateChange = status?.StateChangeReason?.Message;
  const state = STATES[status?.State ?? ''] ?? 'PENDING';
  return {
    id: step.Id ?? '',
    clusterId,
    name: step.Name ?? '',
    job: jobOfArgs(step.Config?.Args),
    state,
    createdAt: timeline?.CreationDateTime,
    startedAt: timeline?.StartDateTime,
    endedAt: timeline?.EndDateTime,
    failureReason:
      reason || (state === 'COMPLETED' ? undefined : stateChange) || (status?.State === 'CANCEL_PENDING' ? 'cancel pending' : undefined),
  };
}

/**
 * For running steps: elapsed time over the median duration of the same job's completed steps
 * (at most 0.99; the Steps API says nothing about progress). Marked as an estimate.
 */
export function withEstimates(steps: StepSummary[], now: Date): StepSummary[] {
  const durations = new Map<string, number[]>();
  for (const step of steps) {
    if (step.state !== 'COMPLETED' || !step.job || !step.startedAt || !step.endedAt) continue;
    durations.set(step.job, [...(durations.get(step.job) ?? []), step.endedAt.getTime() - step.startedAt.getTime()]);
  }
  return steps.map((step) => {
    if (step.state === 'COMPLETED') return { ...step, progress: 1 };
    if (step.state !== 'RUNNING' || !step.job || !step.startedAt) return step;
    const previous = durations.get(step.job);
    if (!previous || previous.length === 0) return step;
    const sorted = [...previous].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    if (median <= 0) return step;
    return { ...step, progress: Math.min(0.99, (now.getTime() - step.startedAt.getTime()) / median), progressSource: 'estimate' };
  });
}
