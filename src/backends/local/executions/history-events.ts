// The interpreter's event stream (aws-local-stepfunctions' EventLog) in the shape of Step
// Functions' GetExecutionHistory: TaskStateEntered, TaskFailed, ParallelStateExited,
// ExecutionFailed… with input/output/error/cause as JSON text. Events Step Functions has no
// twin for (a Catch firing, a Parallel branch starting) are dropped: the next state shows them.
import type { StoredEvent } from './execution-files.js';

export interface InterpreterEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  retry?: { attempt: number; retrier: { ErrorEquals: string[] } };
  index?: number;
}

export type MappedEvent = Omit<StoredEvent, 'id' | 'previousEventId'>;

export function jsonText(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
}

function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

export function mapEvent(event: InterpreterEvent): MappedEvent | undefined {
  const timestamp = new Date(event.timestamp).toISOString();
  const state = event.state;
  switch (event.type) {
    case 'ExecutionStarted':
      return { type: 'ExecutionStarted', timestamp, input: jsonText(event.input) };
    case 'ExecutionSucceeded':
      return { type: 'ExecutionSucceeded', timestamp, output: jsonText(event.output) };
    case 'ExecutionFailed':
      return { type: 'ExecutionFailed', timestamp, error: event.Error, cause: causeText(event.Cause) };
    case 'ExecutionAborted':
      return { type: 'ExecutionAborted', timestamp };
    case 'ExecutionTimeout':
      return { type: 'ExecutionTimedOut', timestamp };
    case 'StateEntered':
      return state && { type: `${state.type}StateEntered`, timestamp, stateName: state.name, input: jsonText(state.input) };
    case 'StateExited':
      return state && { type: `${state.type}StateExited`, timestamp, stateName: state.name, output: jsonText(state.output) };
    case 'StateFailed':
      return (
        state && {
          type: state.type === 'Task' ? 'TaskFailed' : `${state.type}StateFailed`,
          timestamp,
          stateName: state.name,
          error: event.Error,
          cause: causeText(event.Cause),
        }
      );
    case 'StateRetried':
      // Step Functions shows a retry as the task scheduled again.
      return (
        state && {
          type: 'TaskScheduled',
          timestamp,
          stateName: state.name,
          detail: `retry ${event.retry?.attempt ?? '?'} on ${event.retry?.retrier.ErrorEquals.join(', ') ?? 'an error'}`,
        }
      );
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return { type: event.type, timestamp, detail: `iteration ${event.index ?? '?'}`, error: event.Error, cause: causeText(event.Cause) };
    default:
      return undefined;
  }
}
