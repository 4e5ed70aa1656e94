// The stack's alarms read from the template and evaluated over local points: the same alarm goes
// to ALARM locally when fed past its threshold, and back to OK once its periods pass.
import { describe, expect, it } from 'vitest';
import { evaluateAlarm } from '../../src/core/alarm-evaluation.js';
import { executionPoints } from '../../src/core/metric-points.js';
import { readTemplateAlarms } from '../../src/backends/local/metrics/template-alarms.js';

describe('template alarms', () => {
  const alarms = readTemplateAlarms();

  it('reads every single-metric alarm of the template with its definition', () => {
    expect(alarms.map((alarm) => alarm.name)).toEqual([
      'ExecutionsFailedAlarm',
      'ExecutionsTimedOutAlarm',
      'ExecutionsAbortedAlarm',
      'IngestErrorsAlarm',
      'ExtractErrorsAlarm',
      'QueryErrorsAlarm',
    ]);
    expect(alarms[0]).toMatchObject({
      metric: { namespace: 'AWS/States', name: 'ExecutionsFailed', dimensions: { StateMachineArn: 'PipelineStateMachine' } },
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    });
  });

  it('puts the failed-execution alarm in ALARM for the period of a failed execution, then back to OK', () => {
    const failed = alarms.find((alarm) => alarm.name === 'ExecutionsFailedAlarm')!;
    const endedAt = new Date('2026-11-29T20:41:10Z');
    const points = executionPoints({ status: 'FAILED', startedAt: new Date('2026-11-29T20:40:00Z'), endedAt }).filter(
      (point) => point.name === failed.metric.name && point.dimensions.StateMachineArn === failed.metric.dimensions.StateMachineArn,
    );
    expect(points).toHaveLength(1);
    const during = evaluateAlarm(failed, points, new Date('2026-11-29T20:42:00Z'));
    expect(during.state).toBe('ALARM');
    expect(during.reason).toContain('greater than or equal to the threshold (1)');
    expect(evaluateAlarm(failed, points, new Date('2026-11-29T20:46:00Z')).state).toBe('OK');
    expect(evaluateAlarm(failed, [], new Date('2026-11-29T20:42:00Z')).state).toBe('OK');
  });

  it('stays OK below the threshold and honours several evaluation periods', () => {
    const base = alarms.find((alarm) => alarm.name === 'ExecutionsFailedAlarm')!;
    const twoOfTwo = { ...base, evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 2 };
    const failedStep = (endedAt: string) =>
      executionPoints({ status: 'FAILED', startedAt: new Date(new Date(endedAt).getTime() - 10_000), endedAt: new Date(endedAt) }).filter(
        (point) => point.name === base.metric.name,
      );
    const one = [...failedStep('2026-11-29T20:00:10Z'), ...failedStep('2026-11-29T20:05:10Z')];
    expect(evaluateAlarm(twoOfTwo, one, new Date('2026-11-29T20:06:00Z')).state).toBe('OK');
    const two = [...one, ...failedStep('2026-11-29T20:01:00Z'), ...failedStep('2026-11-29T20:06:00Z')];
    expect(evaluateAlarm(twoOfTwo, two, new Date('2026-11-29T20:07:00Z')).state).toBe('ALARM');
    expect(evaluateAlarm({ ...twoOfTwo, treatMissingData: 'missing' }, [], new Date('2026-11-29T20:07:00Z')).state).toBe(
      'INSUFFICIENT_DATA',
    );
  });
});
