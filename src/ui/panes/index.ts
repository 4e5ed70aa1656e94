// The pane registry. A pane is listed only when the backend offers its service, so the console
// never shows a pane that cannot work. To add one: give it a folder with a PaneDefinition (see
// README.md) and append it here; its slot is its number key.
import type { Backend } from '../../core/backend.js';
import type { PaneDefinition } from '../shell/pane.js';
import { executionsPane } from './executions/index.js';
import { ingestionPane } from './ingestion/index.js';
import { metricsPane } from './metrics/index.js';
import { queryPane } from './query/index.js';
import { stepsPane } from './steps/index.js';
import { zonesPane } from './zones/index.js';

export const PANES: readonly PaneDefinition[] = [zonesPane, ingestionPane, stepsPane, executionsPane, queryPane, metricsPane];

/** The panes this backend can show, in slot order. */
export function availablePanes(backend: Backend, panes: readonly PaneDefinition[] = PANES): PaneDefinition[] {
  return panes.filter((pane) => pane.available?.(backend) ?? true).sort((a, b) => a.slot - b.slot);
}
