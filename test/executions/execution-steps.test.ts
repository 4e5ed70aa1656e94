// Which EMR step a Task state ran, read from the history as each backend records it: Step
// Functions' own events for addStep.sync (flattened from the SDK's shape) and the local
// backend's TaskSubmitted; and what the Executions pane says when there is none.
import type { HistoryEvent as SfnEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { flattenHistory } from '../../src/backends/aws/executions/sfn-history.js';
import { ADD_STEP_RESOURCE, stepOfState } from '../../src/core/execution-steps.js';
import type { HistoryEvent } from '../../src/core/executions.js';
import { eventLine } from '../../src/format/executions.js';
import { graphRows, type GraphRow } from '../../src/ui/panes/executions/execution-graph.js';
import { stepLinkOf } from '../../src/ui/panes/executions/execution-step-link.js';

const at = new Date('2026-11-29T06:00:00Z');

describe('the step of a state', () => {
  it('reads ClusterId from TaskScheduled parameters and StepId from TaskSubmitted on aws', () => {
    const sfn: SfnEvent[] = [
      {
        id: 10,
        previousEventId: 9,
        type: 'TaskStateEntered',
        timestamp: at,
        stateEnteredEventDetails: { name: 'RunEtl', input: '{"cluster":{"ClusterId":"j-AAA"}}' },
      },
      {
        id: 11,
        previousEventId: 10,
        type: 'TaskScheduled',
        timestamp: at,
        taskScheduledEventDetails: {
          resourceType: 'elasticmapreduce',
          resource: 'addStep.sync',
          region: 'us-east-1',
          parameters: '{"ClusterId":"j-AAA","Step":{"Name":"s-etl"}}',
        },
      },
      {
        id: 12,
        previousEventId: 11,
        type: 'TaskStarted',
        timestamp: at,
        taskStartedEventDetails: { resourceType: 'elasticmapreduce', resource: 'addStep.sync' },
      },
      {
        id: 13,
        previousEventId: 12,
        type: 'TaskSubmitted',
        timestamp: at,
        taskSubmittedEventDetails: { resourceType: 'elasticmapreduce', resource: 'addStep.sync', output: '{"StepId":"s-BBB"}' },
      },
    ];
    const events = flattenHistory(sfn);
    expect(events[1]).toMatchObject({ stateName: 'RunEtl', input: '{"ClusterId":"j-AAA","Step":{"Name":"s-etl"}}' });
    expect(stepOfState(events, 'RunEtl')).toEqual({ clusterId: 'j-AAA', stepId: 's-BBB' });
    expect(stepOfState(events, 'RunMl')).toEqual({});
  });

  it('takes the step of the latest attempt after a redrive, and a DescribeStep-shaped result', () => {
    const events: HistoryEvent[] = [
      { id: 1, type: 'TaskStateEntered', timestamp: at, stateName: 'RunEtl' },
      { id: 2, type: 'TaskSubmitted', timestamp: at, stateName: 'RunEtl', output: '{"ClusterId":"local-1","StepId":"step-old"}' },
      { id: 3, type: 'TaskFailed', timestamp: at, stateName: 'RunEtl', cause: 'Step step-old FAILED' },
      { id: 4, type: 'ExecutionRedriven', timestamp: at },
      { id: 5, type: 'TaskStateEntered', timestamp: at, stateName: 'RunEtl' },
      { id: 6, type: 'TaskScheduled', timestamp: at, stateName: 'RunEtl', input: '{"ClusterId":"local-1"}' },
      {
        id: 7,
        type: 'TaskSucceeded',
        timestamp: at,
        stateName: 'RunEtl',
        output: '{"Step":{"Id":"step-new","Status":{"State":"COMPLETED"}}}',
      },
    ];
    expect(stepOfState(events, 'RunEtl')).toEqual({ clusterId: 'local-1', stepId: 'step-new' });
  });

  it('says why the Steps pane cannot be opened at a state', () => {
    const row = (over: Partial<GraphRow>): GraphRow => ({
      name: 'RunEtl',
      type: 'Task',
      resource: ADD_STEP_RESOURCE,
      depth: 0,
      mark: 'running',
      retries: 0,
      ...over,
    });
    const entered: HistoryEvent = { id: 1, type: 'TaskStateEntered', timestamp: at, stateName: 'RunEtl' };
    const submitted: HistoryEvent = {
      id: 2,
      type: 'TaskSubmitted',
      timestamp: at,
      stateName: 'RunEtl',
      output: '{"ClusterId":"c","StepId":"s"}',
    };
    expect(stepLinkOf(undefined, [])).toEqual({ reason: 'select a state first' });
    expect(stepLinkOf(row({ name: 'CreateCluster', resource: 'arn:aws:states:::elasticmapreduce:createCluster.sync' }), [])).toEqual({
      reason: 'CreateCluster runs no EMR step',
    });
    expect(stepLinkOf(row({ mark: 'not-reached' }), [])).toEqual({ reason: 'RunEtl has not run in this execution' });
    expect(stepLinkOf(row({}), [entered])).toEqual({ reason: 'RunEtl has not started its step yet' });
    expect(stepLinkOf(row({ mark: 'failed' }), [entered])).toEqual({ reason: 'the history names no step for RunEtl' });
    expect(stepLinkOf(row({}), [entered, submitted])).toEqual({ target: { clusterId: 'c', stepId: 's' } });
  });
});

describe('retries as each backend records them', () => {
  const definition = JSON.stringify({ StartAt: 'RunEtl', States: { RunEtl: { Type: 'Task', Resource: 'x', End: true } } });
  const scheduled = (id: number, previousEventId: number): SfnEvent => ({
    id,
    previousEventId,
    type: 'TaskScheduled',
    timestamp: at,
    taskScheduledEventDetails: { resourceType: 'elasticmapreduce', resource: 'addStep.sync', region: 'us-east-1', parameters: '{}' },
  });

  it('aws: the first TaskScheduled of an entry is the attempt, one after a failure is a retry', () => {
    const sfn: SfnEvent[] = [
      { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: at, stateEnteredEventDetails: { name: 'RunEtl', input: '{}' } },
      scheduled(3, 2),
      {
        id: 4,
        previousEventId: 3,
        type: 'TaskFailed',
        timestamp: at,
        taskFailedEventDetails: { resourceType: 'elasticmapreduce', resource: 'addStep.sync', error: 'EMR.Throttling', cause: 'slow down' },
      },
      scheduled(5, 4),
      {
        id: 6,
        previousEventId: 5,
        type: 'TaskStarted',
        timestamp: at,
        taskStartedEventDetails: { resourceType: 'elasticmapreduce', resource: 'addStep.sync' },
      },
    ];
    const events = flattenHistory(sfn);
    expect(events[1]).toMatchObject({ type: 'TaskScheduled', stateName: 'RunEtl', detail: 'elasticmapreduce:addStep.sync' });
    expect(events[1].retry).toBeUndefined();
    expect(events[3]).toMatchObject({ type: 'TaskScheduled', stateName: 'RunEtl', retry: true, detail: 'retry on EMR.Throttling' });
    expect(graphRows(definition, events)[0]).toMatchObject({ name: 'RunEtl', retries: 1, mark: 'running' });
    expect(events.map(eventLine).filter((line) => line?.includes('retry'))).toEqual([
      '06:00:00  retry   RunEtl  (retry on EMR.Throttling)',
    ]);
  });

  it('aws: a run that never retried shows no retry', () => {
    const sfn: SfnEvent[] = [
      { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: at, stateEnteredEventDetails: { name: 'RunEtl', input: '{}' } },
      scheduled(3, 2),
    ];
    expect(graphRows(definition, flattenHistory(sfn))[0].retries).toBe(0);
  });
});
