// Whether the selected state of an execution can take the user to its EMR step in the Steps pane,
// and if not, why (in words for the key's disabledReason). Pure: graph rows and history in.
import { ADD_STEP_RESOURCE, stepOfState } from '../../../core/execution-steps.js';
import type { HistoryEvent } from '../../../core/executions.js';
import type { GraphRow } from './execution-graph.js';

export interface StepLink {
  target?: { clusterId: string; stepId: string };
  /** Why there is no step to show, when there is none. */
  reason?: string;
}

export function stepLinkOf(row: GraphRow | undefined, events: readonly HistoryEvent[]): StepLink {
  if (!row) return { reason: 'select a state first' };
  if (row.resource !== ADD_STEP_RESOURCE) return { reason: `${row.name} runs no EMR step` };
  if (row.mark === 'not-reached') return { reason: `${row.name} has not run in this execution` };
  const { clusterId, stepId } = stepOfState(events, row.name);
  if (clusterId && stepId) return { target: { clusterId, stepId } };
  if (row.mark === 'running') return { reason: `${row.name} has not started its step yet` };
  return { reason: `the history names no step for ${row.name}` };
}
