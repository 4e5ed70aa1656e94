// The Steps pane's key table, a pure function of what is true when a key is pressed (the level,
// the selected cluster or step, read-only mode, whether the backend can terminate clusters).
import type { Binding } from '../../shell/bindings.js';
import type { Level } from './steps-nav.js';

export interface StepsKeysState {
  level: Level;
  readOnly: boolean;
  /** The selected (or shown) step is pending or running. */
  stepActive?: boolean;
  /** A step is selected (steps level) or shown (detail). */
  hasStep: boolean;
  /** A cluster is selected (clusters level) or open. */
  hasCluster: boolean;
  clusterActive?: boolean;
  canTerminate: boolean;
  list: { height: number; total: number };
}

export interface StepsKeysActions {
  move(delta: number, list: { height: number; total: number }): void;
  jump(to: 'top' | 'bottom', list: { height: number; total: number }): void;
  open(): void;
  back(): void;
  askRun(): void;
  askCancel(): void;
  askTerminate(): void;
  openLog(): void;
}

export const READ_ONLY_REASON = 'read-only mode (start lakedeck without --read-only to change steps)';

export function stepsBindings(state: StepsKeysState, actions: StepsKeysActions): Binding[] {
  const { list, level } = state;
  // Running a job on the cluster and terminating it need the same: a writable lake and a live cluster.
  const clusterBlocked = state.readOnly
    ? READ_ONLY_REASON
    : !state.hasCluster
      ? 'no cluster selected'
      : state.clusterActive === false
        ? 'the cluster has ended'
        : undefined;
  const cancelBlocked = state.readOnly
    ? READ_ONLY_REASON
    : level === 'clusters' || !state.hasStep
      ? 'select a step first'
      : !state.stepActive
        ? 'the step is not pending or running'
        : undefined;
  const disabled = (reason: string | undefined) => (reason === undefined ? {} : { disabledReason: reason });
  const table: Binding[] = [];
  if (level !== 'detail') {
    table.push(
      { keys: ['up', 'k'], description: 'Move up', handler: () => actions.move(-1, list), palette: false },
      { keys: ['down', 'j'], description: 'Move down', handler: () => actions.move(1, list), palette: false },
      { keys: ['home', 'g'], description: 'Go to the first row', handler: () => actions.jump('top', list) },
      { keys: ['end', 'G'], description: 'Go to the last row', handler: () => actions.jump('bottom', list) },
      {
        keys: ['enter', 'right', 'l'],
        description: level === 'clusters' ? 'Show the cluster’s steps' : 'Show the step: stages, metric lines, log tail',
        handler: actions.open,
        hint: 'open',
        ...disabled(list.total === 0 ? 'nothing to open' : undefined),
      },
    );
  }
  if (level !== 'clusters')
    table.push({
      keys: ['esc', 'left', 'h'],
      description: level === 'detail' ? 'Back to the steps' : 'Back to the clusters',
      handler: actions.back,
      hint: 'back',
    });
  table.push({
    keys: ['n'],
    description: 'Run a job as a new step (asks first)',
    handler: actions.askRun,
    hint: state.readOnly ? undefined : 'run',
    ...disabled(clusterBlocked),
  });
  if (level !== 'clusters') {
    table.push({
      keys: ['L'],
      description: 'Open the step’s full log in $PAGER (less -R by default)',
      handler: actions.openLog,
      hint: level === 'detail' ? 'full log' : undefined,
      ...disabled(state.hasStep ? undefined : 'select a step first'),
    });
  }
  if (level !== 'clusters')
    table.push({
      keys: ['x'],
      description: 'Cancel the step (asks first)',
      handler: actions.askCancel,
      hint: cancelBlocked ? undefined : 'cancel',
      ...disabled(cancelBlocked),
    });
  if (state.canTerminate && level === 'clusters') {
    table.push({
      keys: ['T'],
      description: 'Terminate the cluster (asks first)',
      handler: actions.askTerminate,
      ...disabled(clusterBlocked),
    });
  }
  return table;
}
