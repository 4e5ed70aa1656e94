// The Stack view's navigation as plain data: which section is shown, the cursor and scroll of
// each, and whether the selected row is open whole (Enter / y).
import { step, refit, type ListWindow } from '../../windowing.js';
import { SECTIONS, type StackSection } from './stack-rows.js';

export interface StackNav {
  section: StackSection;
  windows: Record<StackSection, ListWindow>;
  whole: boolean;
}

const TOP: ListWindow = { cursor: 0, offset: 0 };

/** Events first: what CloudFormation is doing (or did) is what one opens the view for. */
export const INITIAL_STACK_NAV: StackNav = { section: 'events', windows: { outputs: TOP, parameters: TOP, events: TOP }, whole: false };

export type StackNavAction =
  | { type: 'move'; delta: number; height: number; total: number }
  | { type: 'section'; delta: 1 | -1 }
  | { type: 'refit'; height: number; totals: Record<StackSection, number> }
  | { type: 'whole'; open: boolean };

export function stackNavReducer(state: StackNav, action: StackNavAction): StackNav {
  switch (action.type) {
    case 'move': {
      const window = step(state.windows[state.section], action.delta, action.height, action.total);
      return { ...state, windows: { ...state.windows, [state.section]: window } };
    }
    case 'section': {
      const index = (SECTIONS.indexOf(state.section) + action.delta + SECTIONS.length) % SECTIONS.length;
      return { ...state, section: SECTIONS[index], whole: false };
    }
    case 'refit': {
      const windows = { ...state.windows };
      let changed = false;
      for (const section of SECTIONS) {
        const next = refit(windows[section], action.height, action.totals[section]);
        if (next.cursor !== windows[section].cursor || next.offset !== windows[section].offset) {
          windows[section] = next;
          changed = true;
        }
      }
      return changed ? { ...state, windows } : state;
    }
    case 'whole':
      return state.whole === action.open ? state : { ...state, whole: action.open };
  }
}
