// Registers a pane's bindings (and refresh) with the shell; pass a memoised object so the
// registration runs only when the bindings really change, not on every keypress.
import { useContext, useEffect } from 'react';
import { PaneHostContext } from '../panes/pane-host.js';
import type { PaneControls } from '../panes/pane.js';

export function usePaneControls(controls: PaneControls): void {
  const host = useContext(PaneHostContext);
  useEffect(() => host.setControls(controls), [host, controls]);
}
