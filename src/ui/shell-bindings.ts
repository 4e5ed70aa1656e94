// The global key table: the same everywhere, read by the dispatcher, `?` help and `:` palette.
import type { Binding } from './bindings.js';
import type { PaneDefinition } from './panes/pane.js';

export interface ShellActions {
  toggleHelp(): void;
  openPalette(): void;
  openFilter(): void;
  clearFilter(): void;
  refresh(): void;
  goTo(paneId: string): void;
  cycle(step: 1 | -1): void;
  quit(): void;
  /** Ctrl-L: draw the whole screen again. */
  redraw(): void;
  /** Live state the `when` predicates read. */
  canRefresh(): boolean;
  filterActive(): boolean;
}

/** Keys that must win over a pane's own (Esc clears a filter before it means "back"). */
export function shellFirstBindings(actions: ShellActions): Binding[] {
  return [{ keys: ['esc'], description: 'Clear the filter', handler: actions.clearFilter, when: actions.filterActive }];
}

export function globalBindings(actions: ShellActions, panes: readonly PaneDefinition[]): Binding[] {
  const several = (): boolean => panes.length > 1;
  return [
    // Help and quit first: on a narrow status bar they are the hints that must stay.
    { keys: ['?'], description: 'Show or hide the help', handler: actions.toggleHelp, hint: 'help' },
    { keys: ['q', 'ctrl-c'], description: 'Quit lakedeck', handler: actions.quit, hint: 'quit' },
    { keys: [':'], description: 'Open the command palette', handler: actions.openPalette, hint: 'commands', palette: false },
    { keys: ['/'], description: 'Filter the rows of this pane', handler: actions.openFilter, hint: 'filter' },
    { keys: ['r'], description: 'Refresh this pane now', handler: actions.refresh, when: actions.canRefresh, hint: 'refresh' },
    { keys: ['ctrl-l'], description: 'Redraw the screen', handler: actions.redraw },
    { keys: ['tab'], description: 'Next pane', handler: () => actions.cycle(1), when: several },
    { keys: ['shift-tab'], description: 'Previous pane', handler: () => actions.cycle(-1), when: several },
    ...panes.map((pane) => ({
      keys: [String(pane.slot)],
      description: `Go to the ${pane.title} pane`,
      handler: () => actions.goTo(pane.id),
    })),
  ];
}
