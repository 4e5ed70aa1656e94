// The Ingestion pane's key table, a pure function of what is true when a key is pressed (which
// list has the cursor, whether a run is going, read-only mode). Tested without rendering.
import type { Binding } from '../../shell/bindings.js';
import type { Focus } from './ingestion-nav.js';

export interface IngestionKeysState {
  focus: Focus;
  /** A run is in progress. */
  running: boolean;
  readOnly: boolean;
  detail: boolean;
  /** Rows (height, total) of the list that has the cursor. */
  list: { height: number; total: number };
}

export interface IngestionKeysActions {
  move(delta: number, list: { height: number; total: number }): void;
  jump(to: 'top' | 'bottom', list: { height: number; total: number }): void;
  focus(focus: Focus): void;
  /** Ask to ingest the selected source (the y/n question). */
  ask(): void;
  showDetail(open: boolean): void;
  cancel(): void;
}

export const READ_ONLY_REASON = 'read-only mode (start lakedeck without --read-only to ingest)';

export function ingestionBindings(state: IngestionKeysState, actions: IngestionKeysActions): Binding[] {
  const { list } = state;
  const onSources = state.focus === 'sources';
  const ingestBlocked = state.readOnly ? READ_ONLY_REASON : state.running ? 'a run is in progress (x cancels it)' : undefined;
  const ingest = ingestBlocked === undefined ? {} : { disabledReason: ingestBlocked };
  return [
    { keys: ['up', 'k'], description: 'Move up', handler: () => actions.move(-1, list), palette: false },
    { keys: ['down', 'j'], description: 'Move down', handler: () => actions.move(1, list), palette: false },
    { keys: ['home', 'g'], description: 'Go to the first row (top)', handler: () => actions.jump('top', list) },
    { keys: ['end', 'G'], description: 'Go to the last row (bottom)', handler: () => actions.jump('bottom', list) },
    onSources
      ? { keys: ['right', 'l'], description: 'Focus the run history', handler: () => actions.focus('history') }
      : { keys: ['left', 'h'], description: 'Focus the sources', handler: () => actions.focus('sources') },
    { keys: ['i'], description: 'Ingest the selected source (asks first)', handler: actions.ask, hint: 'ingest', ...ingest },
    onSources
      ? { keys: ['enter'], description: 'Ingest the selected source (asks first)', handler: actions.ask, palette: false, ...ingest }
      : {
          keys: ['enter'],
          description: 'Show or hide everything recorded about the run',
          handler: () => actions.showDetail(!state.detail),
          hint: 'details',
        },
    ...(state.detail ? [{ keys: ['esc'], description: 'Hide the run details', handler: () => actions.showDetail(false) }] : []),
    state.running
      ? { keys: ['x'], description: 'Cancel the running ingestion', handler: actions.cancel, hint: 'cancel' }
      : { keys: ['x'], description: 'Cancel the running ingestion', handler: actions.cancel, disabledReason: 'no run in progress' },
  ];
}
