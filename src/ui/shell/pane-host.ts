// The context through which a pane hands its bindings and status to the shell.
import { createContext } from 'react';
import type { PaneHost } from './pane.js';

const detached: PaneHost = { setControls: () => {}, setStatus: () => {}, clearFilter: () => {} };

export const PaneHostContext = createContext<PaneHost>(detached);
