// Pure rendering of the Executions pane (k9s `render` style): execution rows and event rows.
// Statuses are words with a symbol, so nothing depends on colour.
import type { ExecutionSummary, HistoryEvent } from '../../../core/executions.js';
import { executionDuration, STATUS_MARK } from '../../../format/executions.js';
import type { TableColumn } from '../../components/WindowedTable.js';

const rest = (width: number, fixed: number[]) => Math.max(8, width - 2 - fixed.reduce((a, b) => a + b + 1, 0));

export function executionColumns(width: number): TableColumn[] {
  const fixed = [12, 16, 9, 8];
  return [
    { title: 'EXECUTION', width: rest(width, fixed) },
    { title: 'STATUS', width: 12 },
    { title: 'STARTED', width: 16 },
    { title: 'DURATION', width: 9, align: 'right' },
    { title: 'TRIGGER', width: 8 },
  ];
}

export function executionCells(execution: ExecutionSummary, now: Date): string[] {
  return [
    execution.redriveCount ? `${execution.name} (redriven ×${execution.redriveCount})` : execution.name,
    `${STATUS_MARK[execution.status]} ${execution.status}`,
    execution.startedAt.toISOString().slice(0, 16).replace('T', ' '),
    executionDuration(execution, now),
    execution.trigger ?? '-',
  ];
}

export function eventColumns(width: number): TableColumn[] {
  const fixed = [8, 22, 20];
  return [
    { title: 'TIME', width: 8 },
    { title: 'EVENT', width: 22 },
    { title: 'STATE', width: 20 },
    { title: 'DETAIL', width: rest(width, fixed) },
  ];
}

export function eventCells(event: HistoryEvent): string[] {
  const detail =
    event.error || event.cause ? `${event.error ?? ''}: ${event.cause ?? ''}` : (event.detail ?? event.output ?? event.input ?? '');
  return [event.timestamp.toISOString().slice(11, 19), event.type, event.stateName ?? '', detail.replace(/\s+/g, ' ')];
}
