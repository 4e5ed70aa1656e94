// The global key table: the same everywhere, read by the dispatcher, `?` help and `:` palette.
import type { Binding } from './bindings.js';
import type { PaneDefinition } from './pane.js';

export interface ShellActions {
  toggleHelp(): void;
  openPalette(): void;
  openFilter(): void;
  clearFilter(): void;
  refresh(): void;
  goTo(paneId: string): void;
  cycle(step: 1 | -1): void;
  /** Quits (asking first while work is in flight) with the exit status `code`. */
  quit(code: number): void;
  /** Ctrl-L: draw the whole screen again. */
  redraw(): void;
  /** Opens the Stack view. */
  openStack(): void;
}

/** What the global keys depend on, read when a key is pressed. */
export interface ShellState {
  panes: readonly PaneDefinition[];
  /** The shown pane can refresh (it registered a refresh). */
  canRefresh: boolean;
  filterActive: boolean;
  /** Why the Stack view cannot open on this backend; absent when it can. */
  stackUnavailable?: string;
}

/** Keys that must win over a pane's own (Esc clears a filter before it means "back"). */
export function shellFirstBindings(state: ShellState, actions: ShellActions): Binding[] {
  return state.filterActive ? [{ keys: ['esc'], description: 'Clear the filter', handler: actions.clearFilter }] : [];
}

export function globalBindings(state: ShellState, actions: ShellActions): Binding[] {
  const { panes } = state;
  const several = panes.length > 1;
  return [
    // Help and quit first: on a narrow status bar they are the hints that must stay.
    { keys: ['?'], description: 'Show or hide the help', handler: actions.toggleHelp, hint: 'help' },
    { keys: ['q'], description: 'Quit lakedeck', handler: () => actions.quit(0), hint: 'quit' },
    // Ctrl-C ends with status 130, as an interrupted program does.
    { keys: ['ctrl-c'], description: 'Quit lakedeck (interrupted)', handler: () => actions.quit(130), palette: false },
    { keys: [':'], description: 'Open the command palette', handler: actions.openPalette, hint: 'commands', palette: false },
    { keys: ['/'], description: 'Filter the rows of this pane', handler: actions.openFilter, hint: 'filter' },
    {
      keys: ['r'],
      description: 'Refresh this pane now',
      handler: actions.refresh,
      hint: 'refresh',
      ...(state.canRefresh ? {} : { disabledReason: 'this pane has nothing to refresh' }),
    },
    ...(several
      ? [
          { keys: ['tab'], description: 'Next pane', handler: () => actions.cycle(1) },
          { keys: ['shift-tab'], description: 'Previous pane', handler: () => actions.cycle(-1) },
        ]
      : []),
    { keys: ['ctrl-l'], description: 'Redraw the screen', handler: actions.redraw },
    {
      keys: ['s'],
      // Short when refused: the status line says "Stack view: <reason>" in full at 80 columns.
      description: state.stackUnavailable === undefined ? 'Stack view: status, outputs, parameters, events' : 'Stack view',
      handler: actions.openStack,
      paletteWhenDisabled: true,
      ...(state.stackUnavailable !== undefined ? { disabledReason: state.stackUnavailable } : {}),
    },
    ...panes.map((pane) => ({
      keys: [String(pane.slot)],
      description: `Go to the ${pane.title} pane`,
      handler: () => actions.goTo(pane.id),
    })),
  ];
}
