// The Stack view's keys as data (help, hints and dispatch read the same table): scroll, switch
// section, show a row whole, refresh, close. Pure: a function of what the view shows now.
import type { Binding } from '../../shell/bindings.js';
import type { StackSection } from './stack-rows.js';

export interface StackViewState {
  section: StackSection;
  whole: boolean;
  /** Rows in the shown section. */
  rows: number;
  refreshing: boolean;
  /** Older events exist beyond those loaded. */
  moreEvents: boolean;
}

export interface StackViewActions {
  move(delta: number): void;
  page(direction: 1 | -1): void;
  edge(end: boolean): void;
  section(delta: 1 | -1): void;
  whole(open: boolean): void;
  refresh(): void;
  close(): void;
}

export function stackViewBindings(state: StackViewState, actions: StackViewActions): Binding[] {
  const noRows = state.rows === 0 ? { disabledReason: `no ${state.section} to show` } : {};
  if (state.whole) {
    return [
      { keys: ['esc', 'enter', 'y', 'backspace'], description: 'Back to the list', handler: () => actions.whole(false), hint: 'back' },
      { keys: ['r'], description: 'Refresh the stack now', handler: actions.refresh, hint: 'refresh' },
      { keys: ['q'], description: 'Close the Stack view', handler: actions.close, palette: false },
    ];
  }
  return [
    { keys: ['esc', 'q'], description: 'Close the Stack view', handler: actions.close, hint: 'close' },
    {
      keys: ['tab', 'right', 'l'],
      description: 'Next section (outputs, parameters, events)',
      handler: () => actions.section(1),
      hint: 'section',
      hintKey: 'Tab',
    },
    { keys: ['shift-tab', 'left', 'h'], description: 'Previous section', handler: () => actions.section(-1) },
    {
      keys: ['enter', 'y'],
      description: 'Show the selected row whole (to read or select it)',
      handler: () => actions.whole(true),
      hint: 'whole',
      ...noRows,
    },
    {
      keys: ['r'],
      description: 'Refresh the stack now',
      handler: actions.refresh,
      hint: 'refresh',
      ...(state.refreshing ? { disabledReason: 'a refresh is running' } : {}),
    },
    {
      keys: ['down', 'j'],
      description: state.moreEvents ? 'Down (older events load as you reach them)' : 'Down',
      handler: () => actions.move(1),
      palette: false,
    },
    { keys: ['up', 'k'], description: 'Up', handler: () => actions.move(-1), palette: false },
    { keys: ['pgdn', 'space', 'ctrl-f'], description: 'Page down', handler: () => actions.page(1), palette: false },
    { keys: ['pgup', 'ctrl-b'], description: 'Page up', handler: () => actions.page(-1), palette: false },
    { keys: ['home', 'g'], description: 'First row', handler: () => actions.edge(false), palette: false },
    { keys: ['end', 'G'], description: 'Last row', handler: () => actions.edge(true), palette: false },
  ];
}
