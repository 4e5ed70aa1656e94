// The Executions pane's navigation as a pure reducer: the executions list → one execution drawn
// as the state machine (a cursor over its states) → a state's detail or the event list; and the
// question being asked (start with run date and force, stop, redrive, schedule on/off).
import { moveWindow, refit, type ListMove, type ListWindow } from '../../windowing.js';

export type Level = 'list' | 'graph' | 'state' | 'events';

export type Prompt =
  | { kind: 'start'; runDate: string; force: boolean }
  | { kind: 'stop'; arn: string; name: string }
  | { kind: 'redrive'; arn: string; name: string }
  | { kind: 'schedule'; enable: boolean; ruleName: string };

export interface ExecutionsNav {
  level: Level;
  list: ListWindow;
  states: ListWindow;
  events: ListWindow;
  arn?: string;
  prompt?: Prompt;
}

export const INITIAL_EXECUTIONS_NAV: ExecutionsNav = {
  level: 'list',
  list: { cursor: 0, offset: 0 },
  states: { cursor: 0, offset: 0 },
  events: { cursor: 0, offset: 0 },
};

export type ExecutionsNavAction =
  | ListMove
  | { type: 'open-execution'; arn: string }
  | { type: 'select-state'; index: number; height: number; total: number }
  | { type: 'open-state' }
  | { type: 'open-events' }
  | { type: 'back' }
  | { type: 'ask'; prompt: Prompt }
  | { type: 'edit-date'; text: string }
  | { type: 'toggle-force' }
  | { type: 'dismiss' };

const DATE_CHARS = /^[0-9-]$/;

function listOf(level: Level): 'list' | 'states' | 'events' {
  return level === 'list' ? 'list' : level === 'events' ? 'events' : 'states';
}

export function executionsNavReducer(nav: ExecutionsNav, action: ExecutionsNavAction): ExecutionsNav {
  const list = listOf(nav.level);
  switch (action.type) {
    case 'move':
    case 'jump':
      return { ...nav, [list]: moveWindow(nav[list], action) };
    case 'open-execution':
      return {
        ...nav,
        level: 'graph',
        arn: action.arn,
        states: nav.arn === action.arn ? nav.states : { cursor: 0, offset: 0 },
        events: { cursor: 0, offset: 0 },
      };
    case 'select-state':
      return { ...nav, states: refit({ cursor: action.index, offset: nav.states.offset }, action.height, action.total) };
    case 'open-state':
      return nav.level === 'graph' ? { ...nav, level: 'state' } : nav;
    case 'open-events':
      return nav.level === 'list' ? nav : { ...nav, level: 'events' };
    case 'back':
      return { ...nav, level: nav.level === 'graph' ? 'list' : nav.level === 'list' ? 'list' : 'graph' };
    case 'ask':
      return { ...nav, prompt: action.prompt };
    case 'edit-date': {
      if (nav.prompt?.kind !== 'start') return nav;
      const current = nav.prompt.runDate;
      const runDate =
        action.text === '\b' ? current.slice(0, -1) : DATE_CHARS.test(action.text) && current.length < 10 ? current + action.text : current;
      return { ...nav, prompt: { ...nav.prompt, runDate } };
    }
    case 'toggle-force':
      return nav.prompt?.kind === 'start' ? { ...nav, prompt: { ...nav.prompt, force: !nav.prompt.force } } : nav;
    case 'dismiss':
      return { ...nav, prompt: undefined };
  }
}
