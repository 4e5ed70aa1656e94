// The Metrics pane's navigation as plain data: the range, the selected series in the grid, the
// full-width view of one series (Enter), and the alarms list (a) with its scroll.
import { RANGE_KEYS, type RangeKey } from '../../../core/metric-range.js';

export type MetricsView = 'grid' | 'chart' | 'alarms';

export interface MetricsNav {
  range: RangeKey;
  view: MetricsView;
  /** Index of the selected series among those shown (after the filter). */
  cursor: number;
  /** First alarm line shown in the alarms view. */
  alarmsTop: number;
}

export const INITIAL_METRICS_NAV: MetricsNav = { range: '1d', view: 'grid', cursor: 0, alarmsTop: 0 };

export type MetricsAction =
  | { type: 'move'; delta: number; total: number }
  | { type: 'range'; delta: number }
  | { type: 'set-range'; range: RangeKey }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'toggle-alarms' }
  | { type: 'scroll-alarms'; delta: number; total: number; height: number };

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

export function metricsNavReducer(state: MetricsNav, action: MetricsAction): MetricsNav {
  switch (action.type) {
    case 'move':
      return { ...state, cursor: clamp(state.cursor + action.delta, 0, Math.max(0, action.total - 1)) };
    case 'range': {
      const index = clamp(RANGE_KEYS.indexOf(state.range) + action.delta, 0, RANGE_KEYS.length - 1);
      return { ...state, range: RANGE_KEYS[index] };
    }
    case 'set-range':
      return { ...state, range: action.range };
    case 'open':
      return { ...state, view: 'chart' };
    case 'back':
      return { ...state, view: 'grid' };
    case 'toggle-alarms':
      return { ...state, view: state.view === 'alarms' ? 'grid' : 'alarms', alarmsTop: 0 };
    case 'scroll-alarms':
      return { ...state, alarmsTop: clamp(state.alarmsTop + action.delta, 0, Math.max(0, action.total - action.height)) };
  }
}
