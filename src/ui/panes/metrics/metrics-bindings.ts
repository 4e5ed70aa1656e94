// The Metrics pane's key table, a pure function of what is true when a key is pressed: the view,
// the grid's columns and how many series are shown. Range keys: [ and ] step through 1h … 30d
// (the digits switch panes).
import { RANGE_KEYS, type RangeKey } from '../../../core/metric-range.js';
import type { Binding } from '../../shell/bindings.js';
import type { MetricsView } from './metrics-nav.js';

export interface MetricsKeysState {
  view: MetricsView;
  range: RangeKey;
  /** Series shown (after the filter). */
  total: number;
  /** Cells per grid row. */
  columns: number;
  alarms: number;
}

export interface MetricsKeysActions {
  move(delta: number): void;
  range(delta: number): void;
  open(): void;
  back(): void;
  toggleAlarms(): void;
  scrollAlarms(delta: number): void;
}

export function metricsBindings(state: MetricsKeysState, actions: MetricsKeysActions): Binding[] {
  const at = RANGE_KEYS.indexOf(state.range);
  const table: Binding[] = [];
  if (state.view === 'grid') {
    table.push(
      { keys: ['up', 'k'], description: 'Select the series above', handler: () => actions.move(-state.columns), palette: false },
      { keys: ['down', 'j'], description: 'Select the series below', handler: () => actions.move(state.columns), palette: false },
      { keys: ['left', 'h'], description: 'Select the series on the left', handler: () => actions.move(-1), palette: false },
      { keys: ['right', 'l'], description: 'Select the series on the right', handler: () => actions.move(1), palette: false },
      {
        keys: ['enter'],
        description: 'Show the series full width with its axes',
        handler: actions.open,
        hint: 'zoom',
        ...(state.total === 0 ? { disabledReason: 'no series shown' } : {}),
      },
    );
  } else if (state.view === 'chart') {
    table.push({ keys: ['esc', 'enter'], description: 'Back to the grid', handler: actions.back, hint: 'back' });
  } else {
    table.push(
      { keys: ['up', 'k'], description: 'Scroll the alarms up', handler: () => actions.scrollAlarms(-1), palette: false },
      { keys: ['down', 'j'], description: 'Scroll the alarms down', handler: () => actions.scrollAlarms(1), palette: false },
      { keys: ['esc'], description: 'Back to the grid', handler: actions.back },
    );
  }
  table.push(
    {
      keys: ['['],
      description: 'Shorter range',
      handler: () => actions.range(-1),
      hint: 'range',
      hintKey: '[/]',
      ...(at === 0 ? { disabledReason: `${RANGE_KEYS[0]} is the shortest range` } : {}),
    },
    {
      keys: [']'],
      description: 'Longer range',
      handler: () => actions.range(1),
      ...(at === RANGE_KEYS.length - 1 ? { disabledReason: `${RANGE_KEYS.at(-1)} is the longest range` } : {}),
    },
    {
      keys: ['a'],
      description: state.view === 'alarms' ? 'Back to the charts' : 'Show the alarms with reasons',
      handler: actions.toggleAlarms,
      hint: state.view === 'alarms' ? 'charts' : 'alarms',
      ...(state.alarms === 0 && state.view !== 'alarms' ? { disabledReason: 'the backend lists no alarms' } : {}),
    },
  );
  return table;
}
