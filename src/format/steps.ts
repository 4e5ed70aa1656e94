// How a step reads in `lakedeck steps` and in the Steps pane: state in words, elapsed time,
// progress (an estimate says so), rows in/out/rejected, and the stage being worked on.
import type { StageProgress, StepSummary } from '../core/steps.js';
import { bar, durationText } from './ingest.js';

export function elapsedMs(step: StepSummary, now: Date): number | undefined {
  if (!step.startedAt) return undefined;
  return Math.max(0, (step.endedAt ?? now).getTime() - step.startedAt.getTime());
}

export function elapsedText(step: StepSummary, now: Date): string {
  const ms = elapsedMs(step, now);
  return ms === undefined ? '-' : durationText(ms / 1000);
}

export function percentText(step: StepSummary): string {
  if (step.progress === undefined) return '';
  const percent = `${Math.floor(step.progress * 100)}%`;
  return step.progressSource === 'estimate' ? `~${percent} (estimate)` : percent;
}

export function rowsText(step: StepSummary): string {
  const rows = step.rows;
  if (!rows) return '';
  const n = (value: number | undefined) => (value === undefined ? '-' : value.toLocaleString('en-US'));
  return `rows in ${n(rows.read)} out ${n(rows.written)} rejected ${n(rows.rejected)}`;
}

/** The stage Spark is working on (the newest active one), as `stage 18 3/8 tasks`. */
export function activeStageText(stages: StageProgress[]): string {
  const active = stages.find((stage) => stage.status === 'ACTIVE');
  return active ? `stage ${active.stageId} ${active.tasksDone}/${active.tasksTotal} tasks` : '';
}

/** One line for a listing or a log: id, state, name, elapsed, progress, rows, reason. */
export function stepLine(step: StepSummary, now: Date): string {
  const parts = [step.id, step.state.padEnd(11), step.name, elapsedText(step, now), percentText(step), rowsText(step)];
  const line = parts.filter(Boolean).join('  ');
  return step.failureReason && step.state !== 'COMPLETED' ? `${line}  — ${step.failureReason}` : line;
}

/** The live progress line of `steps run` on a terminal, at most `columns` cells. */
export function stepProgressLine(step: StepSummary, stages: StageProgress[], now: Date, columns: number): string {
  const fraction = step.progress ?? 0;
  const tail = [
    `${step.name}`,
    step.state === 'RUNNING' ? percentText(step) || 'starting' : step.state,
    activeStageText(stages),
    elapsedText(step, now),
  ]
    .filter(Boolean)
    .join('  ');
  const width = Math.max(10, Math.min(30, columns - tail.length - 2));
  return `${bar(fraction, width)} ${tail}`.slice(0, columns);
}
