// Pure rendering of the Steps pane (k9s `render` style): cluster rows, step rows with a progress
// bar, and the detail of one step (its stages as a small bordered table). States are words, so nothing depends on colour.
import type { ClusterSummary, StepDetail, StepState, StepSummary } from '../../../core/steps.js';
import { bar, durationText } from '../../../format/ingest.js';
import { elapsedText, percentText } from '../../../format/steps.js';
import type { TableColumn } from '../../components/WindowedTable.js';
import { truncate } from '../../text.js';

const rest = (width: number, fixed: number[]) => Math.max(0, width - 2 - fixed.reduce((a, b) => a + b + 1, 0));

export function clusterColumns(width: number): TableColumn[] {
  const fixed = [11, 10, 24];
  return [
    { title: 'CLUSTER', width: rest(width, fixed) },
    { title: 'STATE', width: 11 },
    { title: 'UPTIME', width: 10 },
    { title: 'STEPS', width: 24 },
  ];
}

const COUNT_WORDS: [StepState, string][] = [
  ['RUNNING', 'run'],
  ['PENDING', 'wait'],
  ['COMPLETED', 'ok'],
  ['FAILED', 'fail'],
  ['CANCELLED', 'cxl'],
  ['INTERRUPTED', 'intr'],
];

export function clusterCells(cluster: ClusterSummary, now: Date): string[] {
  const uptime = cluster.createdAt ? durationText(((cluster.endedAt ?? now).getTime() - cluster.createdAt.getTime()) / 1000) : '-';
  const counts = cluster.stepCounts
    ? COUNT_WORDS.filter(([state]) => cluster.stepCounts![state])
        .map(([state, word]) => `${cluster.stepCounts![state]} ${word}`)
        .join(' ') || 'none'
    : '';
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
  return [
    step.name,
    step.state,
    progressCell(step),
    elapsedText(step, now),
    rowsCell(step),
    step.state === 'COMPLETED' ? '' : (step.failureReason ?? ''),
  ];
}

/** Spark names stages after the call site with its full path: keep the file and line. */
export function stageName(name: string): string {
  return name.replace(/(?:\S*\/)([^/\s]+:\d+)/g, '$1');
}

export const STAGE_COLUMNS = ['stage', 'status', 'progress', 'tasks', 'name'] as const;
type StageRow = Record<(typeof STAGE_COLUMNS)[number], string>;

export interface DetailLayout {
  head: string[];
  /** The stages as a small bordered table under their title (newest first, as many as fit). */
  stages?: { title: string; rows: StageRow[] };
  /** Metric lines, then the log tail in what is left. */
  tail: string[];
}

/** Lines a bordered table of n rows takes (top rule, heading, rule, rows, bottom rule). */
const tableLines = (rows: number) => rows + 3;
/** Borders and padding of a bordered table of the stage columns. */
const TABLE_CHROME = STAGE_COLUMNS.length + 1 + 2 * STAGE_COLUMNS.length;

/** Stage rows whose cells fit `width` with the table's borders: the name is what gets cut. */
function stageRows(detail: StepDetail, count: number, width: number): StageRow[] {
  const rows = detail.stages.slice(0, count).map((s) => ({
    stage: String(s.stageId),
    status: s.status,
    progress: bar(s.tasksTotal ? s.tasksDone / s.tasksTotal : 0, 10),
    tasks: `${s.tasksDone}/${s.tasksTotal}${s.tasksFailed ? ` (${s.tasksFailed} failed)` : ''}`,
    name: stageName(s.name),
  }));
  const widest = (column: keyof StageRow) => Math.max(column.length, ...rows.map((r) => r[column].length));
  const room = Math.max(4, width - TABLE_CHROME - widest('stage') - widest('status') - widest('progress') - widest('tasks'));
  return rows.map((r) => ({ ...r, name: truncate(r.name, room) }));
}

/** The head, the stages (newest first, as many as fit), metric lines, then the log tail in what is left. */
export function detailLayout(detail: StepDetail, log: readonly string[], now: Date, height: number, width: number): DetailLayout {
  const head = [
    `${detail.name}  ${detail.state}  ${percentText(detail) || ''}  elapsed ${elapsedText(detail, now)}${detail.exitCode !== undefined ? `  exit ${detail.exitCode}` : ''}`.replace(
      / {3,}/g,
      '  ',
    ),
  ];
  if (detail.failureReason && detail.state !== 'COMPLETED') head.push(`reason: ${detail.failureReason}`);
  if (detail.progressSource === 'estimate') head.push('progress: an estimate from elapsed time against earlier runs of this job');
  // The title line and the table's three rules come before any stage row.
  const stageRoom = Math.min(detail.stages.length, Math.max(0, Math.floor((height - head.length) / 3) - 1));
  const stages =
    detail.stages.length === 0 || stageRoom === 0
      ? undefined
      : { title: `stages (${detail.stages.length}, newest first):`, rows: stageRows(detail, stageRoom, width) };
  const stageLines = stages ? 1 + tableLines(stages.rows.length) : 0;
  const metricRoom = Math.min(detail.metrics.length, Math.max(0, Math.floor((height - head.length - stageLines) / 2) - 1));
  const metrics =
    detail.metrics.length === 0
      ? []
      : [
          `metric lines (${detail.metrics.length}, last ${metricRoom}):`,
          ...detail.metrics.slice(detail.metrics.length - metricRoom).map((line) => `  ${JSON.stringify(line)}`),
        ];
  const logRoom = Math.max(0, height - head.length - stageLines - metrics.length - 1);
  const where = detail.logs[0] ? ` ${detail.logs[0].location}` : '';
  const logs = [`log${where}:`, ...(log.length === 0 ? ['  (nothing logged yet)'] : log.slice(-logRoom).map((line) => `  ${line}`))];
  return { head, stages, tail: [...metrics, ...logs].slice(0, Math.max(0, height - head.length - stageLines)) };
}
