// Receives the targets another pane sends to this one (host.openPane('steps', {…})), typed by the
// pane's own entry in PaneTargets. A target sent before this pane mounted arrives at its first
// commit. The handler may change the pane's navigation; keep it stable or read refs in it.
import { useContext, useLayoutEffect, useRef } from 'react';
import { PaneHostContext } from './pane-host.js';
import type { PaneTargetId, PaneTargets } from './pane.js';

export function usePaneTarget<Id extends PaneTargetId>(_pane: Id, receive: (target: PaneTargets[Id]) => void): void {
  const host = useContext(PaneHostContext);
  const latest = useRef(receive);
  latest.current = receive;
  useLayoutEffect(() => host.onTarget((target) => latest.current(target as PaneTargets[Id])), [host]);
}
