// Pure rendering of the Steps pane (k9s `render` style): cluster rows, step rows with a progress
// bar, and the detail lines of one step. States are words, so nothing depends on colour.
import type { ClusterSummary, StepDetail, StepState, StepSummary } from '../../../core/steps.js';
import { bar, durationText } from '../../../format/ingest.js';
import { elapsedText, percentText } from '../../../format/steps.js';
import type { TableColumn } from '../../components/WindowedTable.js';

const rest = (width: number, fixed: number[]) => Math.max(0, width - 2 - fixed.reduce((a, b) => a + b + 1, 0));

export function clusterColumns(width: number): TableColumn[] {
  const fixed = [11, 10, 24];
  return [{ title: 'CLUSTER', width: rest(width, fixed) }, { title: 'STATE', width: 11 }, { title: 'UPTIME', width: 10 }, { title: 'STEPS', width: 24 }];
}

const COUNT_WORDS: [StepState, string][] = [['RUNNING', 'run'], ['PENDING', 'wait'], ['COMPLETED', 'ok'], ['FAILED', 'fail'], ['CANCELLED', 'cxl'], ['INTERRUPTED', 'intr']];

export function clusterCells(cluster: ClusterSummary, now: Date): string[] {
  const uptime = cluster.createdAt ? durationText(((cluster.endedAt ?? now).getTime() - cluster.createdAt.getTime()) / 1000) : '-';
  const counts = cluster.stepCounts ? COUNT_WORDS.filter(([state]) => cluster.stepCounts![state]).map(([state, word]) => `${cluster.stepCounts![state]} ${word}`).join(' ') || 'none' : '';
  return [`${cluster.name} (${cluster.id})`, cluster.state, uptime, counts];
}

export function stepColumns(width: number): TableColumn[] {
  const fixed = [16, 11, 15, 10, 11];
  return [
    { title: 'STEP', width: 16 },
    { title: 'STATE', width: 11 },
    { title: 'PROGRESS', width: 15 },
    { title: 'ELAPSED', width: 10, align: 'right' },
    { title: 'IN/OUT/REJ', width: 11 },
    { title: 'REASON', width: rest(width, fixed) },
  ];
}

export function progressCell(step: StepSummary): string {
  if (step.progress === undefined) return step.state === 'RUNNING' ? 'starting…' : '';
  return `${bar(step.progress, 8)} ${percentText(step).replace(' (estimate)', '')}`;
}

export function rowsCell(step: StepSummary): string {
  const rows = step.rows;
  if (!rows) return '';
  const n = (value?: number) => (value === undefined ? '-' : String(value));
  return `${n(rows.read)}/${n(rows.written)}/${n(rows.rejected)}`;
}

export function stepCells(step: StepSummary, now: Date): string[] {
  return [step.name, step.state, progressCell(step), elapsedText(step, now), rowsCell(step), step.state === 'COMPLETED' ? '' : (step.failureReason ?? '')];
}

/** Spark names stages after the call site with its full path: keep the file and line. */
export function stageName(name: string): string {
  return name.replace(/(?:\S*\/)([^/\s]+:\d+)/g, '$1');
}

/** Stages (newest first, at most `stageLines`), metric lines, then the log tail in what is left. */
export function detailLines(detail: StepDetail, log: readonly string[], now: Date, height: number): string[] {
  const head = [
    `${detail.name}  ${detail.state}  ${percentText(detail) || ''}  elapsed ${elapsedText(detail, now)}${detail.exitCode !== undefined ? `  exit ${detail.exitCode}` : ''}`.replace(/ {3,}/g, '  '),
  ];
  if (detail.failureReason && detail.state !== 'COMPLETED') head.push(`reason: ${detail.failureReason}`);
  if (detail.progressSource === 'estimate') head.push('progress: an estimate from elapsed time against earlier runs of this job');
  const stageRoom = Math.min(detail.stages.length, Math.max(0, Math.floor((height - head.length) / 3) - 1));
  const stages = detail.stages.length === 0 ? [] : [
    `stages (${detail.stages.length}, newest first):`,
    ...detail.stages.slice(0, stageRoom).map((s) => `  ${String(s.stageId).padStart(4)} ${s.status.padEnd(8)} ${bar(s.tasksTotal ? s.tasksDone / s.tasksTotal : 0, 10)} ${s.tasksDone}/${s.tasksTotal} tasks${s.tasksFailed ? ` (${s.tasksFailed} failed)` : ''}  ${stageName(s.name)}`),
  ];
  const metricRoom = Math.min(detail.metrics.length, Math.max(0, Math.floor((height - head.length - stages.length) / 2) - 1));
  const metrics = detail.metrics.length === 0 ? [] : [
    `metric lines (${detail.metrics.length}, last ${metricRoom}):`,
    ...detail.metrics.slice(detail.metrics.length - metricRoom).map((line) => `  ${JSON.stringify(line)}`),
  ];
  const logRoom = Math.max(0, height - head.length - stages.length - metrics.length - 1);
  const where = detail.logs[0] ? ` ${detail.logs[0].location}` : '';
  const logs = [`log${where}:`, ...(log.length === 0 ? ['  (nothing logged yet)'] : log.slice(-logRoom).map((line) => `  ${line}`))];
  return [...head, ...stages, ...metrics, ...logs].slice(0, height);
}
