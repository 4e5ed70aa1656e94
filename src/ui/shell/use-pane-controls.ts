// Registers a pane's bindings (and refresh) with the shell, in the same commit as the pane's
// first frame (a layout effect), so a key pressed right away already finds them. Pass a memoised
// object so the registration runs only when the bindings change, not on every keypress.
import { useContext, useLayoutEffect } from 'react';
import { PaneHostContext } from './pane-host.js';
import type { PaneControls } from './pane.js';

export function usePaneControls(controls: PaneControls): void {
  const host = useContext(PaneHostContext);
  useLayoutEffect(() => host.setControls(controls), [host, controls]);
}
