// Reports a pane's refresh state (last success, errors, busy) to the status bar, in the same
// commit as the pane's frame so the status bar never lags one frame behind.
import { useContext, useLayoutEffect } from 'react';
import { PaneHostContext } from './pane-host.js';
import type { PaneStatus } from './pane.js';

export function usePaneStatus(status: PaneStatus): void {
  const host = useContext(PaneHostContext);
  const { lastSuccess, staleAfterMs, busy, error, info } = status;
  useLayoutEffect(
    () => host.setStatus({ lastSuccess, staleAfterMs, busy, error, info }),
    [host, lastSuccess, staleAfterMs, busy, error, info],
  );
}
