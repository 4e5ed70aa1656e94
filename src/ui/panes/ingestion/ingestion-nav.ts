// The Ingestion pane's navigation state, as a pure reducer: which list has the cursor (sources
// or run history), where each cursor is, the pending confirmation and the detail view.
import type { SourceName } from '../../../core/ingestion.js';
import { refit, step, type ListWindow } from '../../windowing.js';

export type Focus = 'sources' | 'history';

export interface IngestionNav {
  focus: Focus;
  sources: ListWindow;
  history: ListWindow;
  /** A run asked for and waiting for y/n. */
  confirming?: SourceName;
  /** The selected history run's full record is shown. */
  detail: boolean;
}

export const INITIAL_NAV: IngestionNav = {
  focus: 'sources',
  sources: { cursor: 0, offset: 0 },
  history: { cursor: 0, offset: 0 },
  detail: false,
};

export type NavAction =
  | { type: 'move'; delta: number; height: number; total: number }
  | { type: 'jump'; to: 'top' | 'bottom'; height: number; total: number }
  | { type: 'focus'; focus: Focus }
  | { type: 'confirm'; source: SourceName }
  | { type: 'dismiss' }
  | { type: 'detail'; open: boolean };

export function navReducer(nav: IngestionNav, action: NavAction): IngestionNav {
  switch (action.type) {
    case 'move':
      return { ...nav, [nav.focus]: step(nav[nav.focus], action.delta, action.height, action.total) };
    case 'jump': {
      const cursor = action.to === 'top' ? 0 : Math.max(0, action.total - 1);
      return { ...nav, [nav.focus]: refit({ cursor, offset: nav[nav.focus].offset }, action.height, action.total) };
    }
    case 'focus':
      return { ...nav, focus: action.focus, detail: action.focus === 'history' && nav.detail };
    case 'confirm':
      return { ...nav, confirming: action.source };
    case 'dismiss':
      return { ...nav, confirming: undefined };
    case 'detail':
      return { ...nav, detail: action.open };
  }
}
