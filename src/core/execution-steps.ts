// Which EMR step a Task state of an execution ran, read from the execution's history on both
// backends: Step Functions records an `elasticmapreduce:addStep.sync` task as TaskScheduled (its
// parameters, with ClusterId), TaskSubmitted (AddJobFlowSteps' answer: StepId) and TaskSucceeded
// or TaskFailed (DescribeStep's Step, with Id); the local backend records the same TaskSubmitted
// with the local cluster and step ids as soon as its step starts.
import type { HistoryEvent } from './executions.js';

export const ADD_STEP_RESOURCE = 'arn:aws:states:::elasticmapreduce:addStep.sync';

export interface StateStep {
  clusterId?: string;
  stepId?: string;
}

function parsed(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function stepIdIn(value: Record<string, unknown>): string | undefined {
  const step = value.Step && typeof value.Step === 'object' ? (value.Step as Record<string, unknown>) : undefined;
  const ids = Array.isArray(value.StepIds) ? value.StepIds : [];
  return text(value.StepId) ?? text(ids[0]) ?? text(step?.Id);
}

/** The cluster and step of the latest attempt of `stateName` (the last time it was entered). */
export function stepOfState(events: readonly HistoryEvent[], stateName: string): StateStep {
  let from = 0;
  events.forEach((event, index) => {
    if (event.stateName === stateName && event.type.endsWith('StateEntered')) from = index;
  });
  const found: StateStep = {};
  for (const event of events.slice(from)) {
    if (event.stateName !== stateName || !/^Task(Scheduled|Submitted|Succeeded|Failed)$/.test(event.type)) continue;
    for (const value of [parsed(event.input), parsed(event.output), parsed(event.cause)]) {
      if (!value) continue;
      found.clusterId ??= text(value.ClusterId);
      found.stepId ??= stepIdIn(value);
    }
  }
  return found;
}
