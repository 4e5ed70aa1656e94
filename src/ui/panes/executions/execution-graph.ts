// The execution drawn as the state machine's shape, in text: one row per state in definition
// order, Parallel branches indented under their state, each with a mark from the history (done,
// running, failed, retried, not reached) and, for a state that was left, where the run went next
// (the path taken). Pure: definition JSON and history in, rows out.
import type { HistoryEvent } from '../../../core/executions.js';

export type StateMark = 'done' | 'running' | 'failed' | 'not-reached';

export const MARK_SYMBOL: Record<StateMark, string> = { done: '✓', running: '▶', failed: '✗', 'not-reached': '·' };

export interface GraphRow {
  name: string;
  type: string;
  /** A Task state's service integration (its Resource). */
  resource?: string;
  depth: number;
  mark: StateMark;
  /** The state the run entered after leaving this one (top-level states only). */
  next?: string;
  retries: number;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
}

interface AslNode {
  Type: string;
  Resource?: string;
  Branches?: { States: Record<string, AslNode> }[];
}

type ShapeRow = { name: string; type: string; resource?: string; depth: number };

function rowsOf(states: Record<string, AslNode>, depth: number, out: ShapeRow[]): void {
  for (const [name, state] of Object.entries(states)) {
    out.push({ name, type: state.Type, depth, ...(typeof state.Resource === 'string' ? { resource: state.Resource } : {}) });
    for (const branch of state.Branches ?? []) rowsOf(branch.States, depth + 1, out);
  }
}

/** Rows of the definition with what the history says about each state (its latest attempt). */
export function graphRows(definitionJson: string, events: readonly HistoryEvent[]): GraphRow[] {
  let definition: { States?: Record<string, AslNode> };
  try {
    definition = JSON.parse(definitionJson) as { States?: Record<string, AslNode> };
  } catch {
    definition = {};
  }
  const shape: ShapeRow[] = [];
  rowsOf(definition.States ?? {}, 0, shape);
  const topLevel = new Set(shape.filter((row) => row.depth === 0).map((row) => row.name));
  // After a redrive, the latest attempt of a state is what counts.
  const byState = new Map<string, GraphRow>();
  let lastLeftTop: string | undefined;
  for (const event of events) {
    const name = event.stateName;
    if (!name) continue;
    const row = byState.get(name) ?? { name, type: '', depth: 0, mark: 'not-reached' as StateMark, retries: 0 };
    if (event.type.endsWith('StateEntered')) {
      if (topLevel.has(name) && lastLeftTop && lastLeftTop !== name) {
        const previous = byState.get(lastLeftTop);
        if (previous) previous.next = name;
      }
      Object.assign(row, { mark: 'running', input: event.input, output: undefined, error: undefined, cause: undefined });
    } else if (event.type.endsWith('StateExited')) {
      Object.assign(row, { mark: row.mark === 'failed' ? 'failed' : 'done', output: event.output });
      if (topLevel.has(name)) lastLeftTop = name;
    } else if (event.type === 'TaskFailed' || event.type.endsWith('StateFailed')) {
      Object.assign(row, { mark: 'failed', error: event.error, cause: event.cause });
      if (topLevel.has(name)) lastLeftTop = name;
    } else if (event.type === 'TaskScheduled' && event.retry) {
      Object.assign(row, { mark: 'running', retries: row.retries + 1 });
    }
    byState.set(name, row);
  }
  // A Fail or Succeed state the run reached is where it ended.
  const ended = events.some((event) => /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(event.type));
  return shape.map((state) => {
    const known = byState.get(state.name);
    const mark: StateMark = known
      ? ended && known.mark === 'running' && (state.type === 'Fail' || state.type === 'Succeed')
        ? state.type === 'Fail'
          ? 'failed'
          : 'done'
        : known.mark
      : 'not-reached';
    return { ...(known ?? { retries: 0 }), name: state.name, type: state.type, resource: state.resource, depth: state.depth, mark };
  });
}

/** One line per row: indent, mark, name, type, and where the run went next. */
export function graphLine(row: GraphRow): string {
  const indent = row.depth > 0 ? `${'  '.repeat(row.depth - 1)}  ├ ` : '';
  const retried = row.retries > 0 ? `  (retried ×${row.retries})` : '';
  const next = row.next ? `  → ${row.next}` : '';
  return `${indent}${MARK_SYMBOL[row.mark]} ${row.name}  ${row.type}${retried}${next}`;
}

/** The state detail: input, output, error and cause, retries. */
export function stateDetailLines(row: GraphRow): string[] {
  const lines = [
    `${MARK_SYMBOL[row.mark]} ${row.name} (${row.type}) — ${row.mark.replace('-', ' ')}${row.retries ? `, retried ×${row.retries}` : ''}`,
  ];
  if (row.error || row.cause) lines.push(`error  ${row.error ?? ''}`, ...wrapCause(row.cause ?? ''));
  lines.push(`input  ${row.input ?? '-'}`);
  lines.push(`output ${row.output ?? '-'}`);
  return lines;
}

function wrapCause(cause: string): string[] {
  return cause ? [`cause  ${cause.replace(/\s+/g, ' ')}`] : [];
}
