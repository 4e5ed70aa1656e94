// Step Functions' HistoryEvent (one `*EventDetails` member per type) flattened to the port's
// HistoryEvent; events that name no state (TaskScheduled, TaskFailed…) take the name of the state
// they belong to from the StateEntered event earlier in the chain.
import type { HistoryEvent as SfnEvent } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '../../../core/executions.js';

type Details = {
  name?: string;
  input?: string;
  parameters?: string;
  output?: string;
  error?: string;
  cause?: string;
  resource?: string;
  resourceType?: string;
};

function detailsOf(event: SfnEvent): Details | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') return value as Details;
  }
  return undefined;
}

export function flattenHistory(events: SfnEvent[], knownStates: Map<number, string> = new Map()): HistoryEvent[] {
  // Oldest first for the name chain, whatever order the page came in.
  const ordered = [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const byId = new Map<number, HistoryEvent>();
  for (const event of ordered) {
    const details = detailsOf(event) ?? {};
    const id = event.id ?? 0;
    const stateName = details.name ?? (event.previousEventId !== undefined ? knownStates.get(event.previousEventId) : undefined);
    if (stateName && /StateEntered$|^Task|StateExited$|StateFailed$/.test(event.type ?? '')) knownStates.set(id, stateName);
    if (/StateExited$/.test(event.type ?? '')) knownStates.delete(id);
    // Step Functions schedules every attempt: the first follows the state's entry, a retry the
    // failure before it (a task scheduled again after a page boundary counts as a first).
    const previous = event.previousEventId !== undefined ? byId.get(event.previousEventId) : undefined;
    const retry = event.type === 'TaskScheduled' && previous !== undefined && !previous.type.endsWith('StateEntered');
    byId.set(id, {
      id,
      previousEventId: event.previousEventId,
      type: event.type ?? 'Unknown',
      timestamp: event.timestamp ?? new Date(0),
      stateName: /^Execution/.test(event.type ?? '') ? undefined : stateName,
      // A TaskScheduled event's input is the task's effective parameters (ClusterId of a step…).
      input: details.input ?? details.parameters,
      output: details.output,
      error: details.error,
      cause: details.cause,
      detail: retry
        ? `retry on ${previous.error ?? previous.type}`
        : details.resourceType
          ? `${details.resourceType}:${details.resource ?? ''}`
          : undefined,
      ...(retry ? { retry } : {}),
    });
  }
  return events.map((event) => byId.get(event.id ?? 0)!);
}
