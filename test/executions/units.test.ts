// Pure parts of executions: where a redrive starts (a caught failure, a retried one), the
// interpreter's events in GetExecutionHistory's shape, the step job read from EMR step
// arguments, and the schedule's next run from cron and rate expressions.
import { describe, expect, it } from 'vitest';
import { loadPipelineDefinition } from '../../src/backends/local/executions/definition.js';
import type { StoredEvent } from '../../src/backends/local/executions/execution-files.js';
import { mapEvent } from '../../src/backends/local/executions/history-events.js';
import { redrivePoint } from '../../src/backends/local/executions/local-executions.js';
import { stepJobOf } from '../../src/backends/local/executions/task-handlers.js';
import { nextRun } from '../../src/backends/aws/executions/next-run.js';

const definition = loadPipelineDefinition();
const events = (list: [string, string?, Partial<StoredEvent>?][]): StoredEvent[] =>
  list.map(([type, stateName, extra], i) => ({
    id: i + 1,
    previousEventId: i,
    type,
    timestamp: '2026-11-29T00:00:00Z',
    stateName,
    ...extra,
  }));

describe('redrive point', () => {
  it('is the state whose failure the Catch took, with the input it had', () => {
    const history = events([
      ['ExecutionStarted'],
      ['TaskStateEntered', 'RunEtl', { input: '{"cluster":{"ClusterId":"j-1"}}' }],
      ['TaskFailed', 'RunEtl', { error: 'States.TaskFailed' }],
      ['TaskStateExited', 'RunEtl'],
      ['TaskStateEntered', 'TerminateClusterOnFailure'],
      ['TaskStateExited', 'TerminateClusterOnFailure'],
      ['FailStateEntered', 'PipelineFailed'],
      ['FailStateFailed', 'PipelineFailed'],
      ['ExecutionFailed'],
    ]);
    expect(redrivePoint(definition, history)).toEqual({ state: 'RunEtl', input: '{"cluster":{"ClusterId":"j-1"}}' });
  });

  it('skips a failure a retry overcame, names the Parallel for a branch, and reads only the last attempt', () => {
    const history = events([
      ['ExecutionStarted'],
      ['ParallelStateEntered', 'Ingest', { input: '{"a":1}' }],
      ['TaskStateEntered', 'IngestCovidApi'],
      ['TaskFailed', 'IngestCovidApi', { error: 'IngestionFailed' }],
      ['TaskScheduled', 'IngestCovidApi', { detail: 'retry 1' }],
      ['TaskStateExited', 'IngestCovidApi'],
      ['ParallelStateExited', 'Ingest'],
      ['ParallelStateEntered', 'AnalyticsAndMl', { input: '{"b":2}' }],
      ['TaskStateEntered', 'RunMl'],
      ['TaskFailed', 'RunMl'],
      ['ExecutionFailed'],
    ]);
    expect(redrivePoint(definition, history)).toEqual({ state: 'AnalyticsAndMl', input: '{"b":2}' });
    const redriven = [
      ...history,
      ...events([
        ['ExecutionRedriven'],
        ['ParallelStateEntered', 'AnalyticsAndMl'],
        ['ParallelStateExited', 'AnalyticsAndMl'],
        ['ExecutionSucceeded'],
      ]),
    ];
    expect(redrivePoint(definition, redriven)).toBeUndefined();
  });
});

describe('history events', () => {
  it('maps the interpreter’s events to Step Functions event types', () => {
    const state = { name: 'RunEtl', type: 'Task', input: { a: 1 }, output: { b: 2 } };
    expect(mapEvent({ type: 'StateEntered', timestamp: 0, state })).toEqual({
      type: 'TaskStateEntered',
      timestamp: '1970-01-01T00:00:00.000Z',
      stateName: 'RunEtl',
      input: '{"a":1}',
    });
    expect(mapEvent({ type: 'StateFailed', timestamp: 0, state, Error: 'States.TaskFailed', Cause: 'boom' })).toMatchObject({
      type: 'TaskFailed',
      error: 'States.TaskFailed',
      cause: 'boom',
    });
    expect(mapEvent({ type: 'StateExited', timestamp: 0, state: { ...state, type: 'Parallel', name: 'Ingest' } })).toMatchObject({
      type: 'ParallelStateExited',
      output: '{"b":2}',
    });
    expect(
      mapEvent({ type: 'StateRetried', timestamp: 0, state, retry: { attempt: 1, retrier: { ErrorEquals: ['EMR.ThrottlingException'] } } }),
    ).toMatchObject({ type: 'TaskScheduled', detail: 'retry 1 on EMR.ThrottlingException' });
    expect(mapEvent({ type: 'ExecutionTimeout', timestamp: 0 })?.type).toBe('ExecutionTimedOut');
    expect(mapEvent({ type: 'StateCaught', timestamp: 0, state })).toBeUndefined();
  });
});

describe('step job from EMR step arguments', () => {
  it('reads the job and run date the definition passes', () => {
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--py-files',
      's3://b/artifacts/spark/lakedeck-spark.zip',
      's3://b/artifacts/spark/jobs/ml.py',
      '--raw',
      's3://b/raw',
      '--run-date',
      '2026-11-29',
    ];
    expect(stepJobOf(args)).toEqual({ job: 'ml', runDate: '2026-11-29' });
    expect(() => stepJobOf(['spark-submit', 's3://b/jobs/other.py'])).toThrow(/runs no pipeline job/);
    expect(() => stepJobOf(['spark-submit', 's3://b/jobs/etl.py'])).toThrow(/has no --run-date/);
  });
});

describe('next run of the schedule', () => {
  const at = new Date('2026-11-29T20:00:00Z');
  it('reads cron and rate expressions, and declines what it cannot read', () => {
    expect(nextRun('cron(0 6 * * ? *)', at)).toEqual(new Date('2026-11-30T06:00:00Z'));
    expect(nextRun('cron(30 21 * * ? *)', at)).toEqual(new Date('2026-11-29T21:30:00Z'));
    expect(nextRun('cron(0 6 ? * MON-FRI *)', at)).toEqual(new Date('2026-11-30T06:00:00Z'));
    expect(nextRun('cron(0 6 ? * SAT *)', at)).toEqual(new Date('2026-12-05T06:00:00Z'));
    expect(nextRun('cron(0/15 * * * ? *)', at)).toEqual(new Date('2026-11-29T20:15:00Z'));
    expect(nextRun('rate(1 day)', at)).toEqual(new Date('2026-11-30T20:00:00Z'));
    expect(nextRun('cron(0 6 L * ? *)', at)).toBeUndefined();
    expect(nextRun('at(2026-12-01T00:00:00)', at)).toBeUndefined();
  });
});
