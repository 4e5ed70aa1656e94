// How an execution reads in `lakedeck run`, `lakedeck executions` and the Executions pane: its
// status in words with a symbol (never colour alone), its duration, and one line per history
// event that matters to a person following the run.
import type { ExecutionStatus, ExecutionSummary, HistoryEvent } from '../core/executions.js';
import { durationText } from './ingest.js';

export const STATUS_MARK: Record<ExecutionStatus, string> = {
  RUNNING: '▶',
  SUCCEEDED: '✓',
  FAILED: '✗',
  TIMED_OUT: '⧗',
  ABORTED: '■',
  PENDING_REDRIVE: '↻',
};

export function executionDuration(execution: ExecutionSummary, now: Date): string {
  return durationText(Math.max(0, ((execution.stoppedAt ?? now).getTime() - execution.startedAt.getTime()) / 1000));
}

export function executionLine(execution: ExecutionSummary, now: Date): string {
  const started = execution.startedAt.toISOString().slice(0, 19).replace('T', ' ');
  const redriven = execution.redriveCount ? `  redriven ×${execution.redriveCount}` : '';
  return `${execution.name}  ${STATUS_MARK[execution.status]} ${execution.status.padEnd(9)}  ${started}Z  ${executionDuration(execution, now).padStart(7)}  ${execution.trigger ?? '-'}${redriven}`;
}

function shortCause(cause: string | undefined, max = 300): string {
  if (!cause) return '';
  const flat = cause.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One line per event a person follows (states entered, done, failed, retried; the end), or undefined. */
export function eventLine(event: HistoryEvent): string | undefined {
  const time = event.timestamp.toISOString().slice(11, 19);
  const state = event.stateName ?? '';
  if (event.type.endsWith('StateEntered')) return `${time}  start   ${state}`;
  if (event.type.endsWith('StateExited')) return `${time}  done    ${state}${outcomeNote(event)}`;
  if (event.type === 'TaskFailed' || event.type.endsWith('StateFailed'))
    return `${time}  failed  ${state}  ${event.error ?? ''}: ${shortCause(event.cause)}`;
  if (event.type === 'TaskScheduled' && event.retry) return `${time}  retry   ${state}  (${event.detail})`;
  if (event.type === 'ExecutionRedriven') return `${time}  redrive`;
  if (event.type === 'ExecutionSucceeded') return `${time}  SUCCEEDED`;
  if (event.type === 'ExecutionFailed') return `${time}  FAILED  ${event.error ?? ''}: ${shortCause(event.cause)}`;
  if (event.type === 'ExecutionAborted') return `${time}  ABORTED${event.cause ? `  ${shortCause(event.cause)}` : ''}`;
  if (event.type === 'ExecutionTimedOut') return `${time}  TIMED_OUT`;
  return undefined;
}

/** An ingestion task's outcome (ingested, duplicate, skipped) after its name. */
function outcomeNote(event: HistoryEvent): string {
  if (!event.output || !/^(Ingest|Extract)/.test(event.stateName ?? '')) return '';
  try {
    const outcome = (JSON.parse(event.output) as { outcome?: string }).outcome;
    return outcome ? `  (${outcome})` : '';
  } catch {
    return '';
  }
}
