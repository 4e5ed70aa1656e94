// The Executions pane's key table, a pure function of what is true when a key is pressed (the
// level, the selected execution's status, read-only mode, whether the backend has a schedule).
import type { Binding } from '../../shell/bindings.js';
import type { Level } from './executions-nav.js';

export interface ExecutionsKeysState {
  level: Level;
  readOnly: boolean;
  /** The selected (or open) execution, if any, and its status. */
  status?: string;
  hasSchedule: boolean;
  /** The selected state's EMR step can be shown (graph and state levels): undefined, or why not. */
  stepBlocked?: string;
  scheduleEnabled?: boolean;
  list: { height: number; total: number };
}

export interface ExecutionsKeysActions {
  move(delta: number, list: { height: number; total: number }): void;
  jump(to: 'top' | 'bottom', list: { height: number; total: number }): void;
  open(): void;
  events(): void;
  back(): void;
  askStart(): void;
  askStop(): void;
  askRedrive(): void;
  askSchedule(): void;
  showStep(): void;
}

export const READ_ONLY_REASON = 'read-only mode (start lakedeck without --read-only to run the pipeline)';

export function executionsBindings(state: ExecutionsKeysState, actions: ExecutionsKeysActions): Binding[] {
  const { list, level } = state;
  const disabled = (reason: string | undefined) => (reason === undefined ? {} : { disabledReason: reason });
  const none = state.status === undefined ? 'select an execution first' : undefined;
  const stopBlocked = state.readOnly
    ? READ_ONLY_REASON
    : (none ?? (state.status !== 'RUNNING' ? `the execution is ${state.status}, not running` : undefined));
  const redriveBlocked = state.readOnly
    ? READ_ONLY_REASON
    : (none ??
      (state.status !== 'FAILED' && state.status !== 'TIMED_OUT'
        ? `only a failed run can be redriven (this is ${state.status})`
        : undefined));
  const table: Binding[] = [];
  if (level !== 'state') {
    table.push(
      { keys: ['up', 'k'], description: 'Move up', handler: () => actions.move(-1, list), palette: false },
      { keys: ['down', 'j'], description: 'Move down', handler: () => actions.move(1, list), palette: false },
      { keys: ['home', 'g'], description: 'Go to the first row', handler: () => actions.jump('top', list) },
      { keys: ['end', 'G'], description: 'Go to the last row', handler: () => actions.jump('bottom', list) },
    );
  }
  if (level === 'list' || level === 'graph') {
    table.push({
      keys: ['enter', 'right', 'l'],
      description: level === 'list' ? 'Show the execution as the state machine' : 'Show the state: input, output, error, retries',
      handler: actions.open,
      hint: 'open',
      ...disabled(list.total === 0 ? 'nothing to open' : undefined),
    });
  }
  if (level === 'graph' || level === 'state')
    table.push({ keys: ['e'], description: 'Show the execution’s events', handler: actions.events, hint: 'events' });
  if (level === 'graph' || level === 'state') {
    table.push({
      keys: ['t'],
      description: 'Show the step in the Steps pane',
      handler: actions.showStep,
      hint: state.stepBlocked === undefined ? 'step' : undefined,
      ...disabled(state.stepBlocked),
    });
  }
  if (level !== 'list')
    table.push({
      keys: ['esc', 'left', 'h'],
      description: level === 'graph' ? 'Back to the executions' : 'Back to the states',
      handler: actions.back,
      hint: 'back',
    });
  table.push({
    keys: ['n'],
    description: 'Start the pipeline (asks for run date and force first)',
    handler: actions.askStart,
    hint: state.readOnly ? undefined : 'start',
    ...disabled(state.readOnly ? READ_ONLY_REASON : undefined),
  });
  table.push({
    keys: ['x'],
    description: 'Stop the execution (asks first)',
    handler: actions.askStop,
    hint: stopBlocked ? undefined : 'stop',
    ...disabled(stopBlocked),
  });
  table.push({
    keys: ['R'],
    description: 'Redrive from the failed state (asks first)',
    handler: actions.askRedrive,
    hint: redriveBlocked ? undefined : 'redrive',
    ...disabled(redriveBlocked),
  });
  if (state.hasSchedule) {
    table.push({
      keys: ['S'],
      description: state.scheduleEnabled ? 'Turn the schedule off (asks first)' : 'Turn the schedule on (asks first)',
      handler: actions.askSchedule,
      ...disabled(state.readOnly ? READ_ONLY_REASON : state.scheduleEnabled === undefined ? 'the schedule is still loading' : undefined),
    });
  }
  return table;
}
