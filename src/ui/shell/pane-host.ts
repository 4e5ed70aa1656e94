// The context through which a pane hands its bindings and status to the shell.
import { createContext, useContext } from 'react';
import type { PaneHost } from './pane.js';

const detached: PaneHost = {
  setControls: () => {},
  setStatus: () => {},
  clearFilter: () => {},
  openPane: () => {},
  onTarget: () => () => {},
  runFullScreen: (work) => work(),
};

export const PaneHostContext = createContext<PaneHost>(detached);

/** The shell's services for this pane (pane switching, handing the terminal to a pager). */
export function usePaneHost(): PaneHost {
  return useContext(PaneHostContext);
}
