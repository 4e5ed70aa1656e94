// The CloudWatch metrics service against moto: points put with PutMetricData come back from one
// GetMetricData call for a whole screen of series, more than 500 series page into more calls,
// and the stack's alarms (only those named after the stack) come with state, reason and time.
import { CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls } from '../../src/backends/aws/clients.js';
import { CloudWatchMetricsService } from '../../src/backends/aws/metrics/cloudwatch-metrics.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import type { AwsTarget } from '../../src/core/backend.js';
import { rangeFor } from '../../src/core/metric-range.js';
import type { SeriesSpec } from '../../src/core/metrics.js';
import { startMoto, type Moto } from '../support/moto.js';

const STACK = 'lakedeck-metrics-test';
const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:lakedeck-pipeline';
let moto: Moto;
let cloudwatch: CloudWatchClient;
let calls: CallCounter;

const target: AwsTarget = {
  kind: 'aws',
  stackName: STACK,
  bucket: 'lake-bucket',
  metricsNamespace: 'LakedeckTest',
  stateMachineArn: ARN,
  ingestFunctionName: `${STACK}-IngestFunction-ABC`,
  dashboardName: `${STACK}-lakedeck`,
};

beforeAll(async () => {
  moto = await startMoto();
  calls = new CallCounter();
  cloudwatch = countCalls(
    new CloudWatchClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    }),
    calls,
  );
});
afterAll(async () => {
  cloudwatch?.destroy();
  await moto?.stop();
});

describe('CloudWatch metrics service (moto)', () => {
  it('reads the points put for the pipeline namespace, a screen of series in one GetMetricData call', async () => {
    const now = new Date();
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'LakedeckTest',
        MetricData: [
          {
            MetricName: 'RowsIngested',
            Dimensions: [{ Name: 'Source', Value: 'covid_csv' }],
            Value: 700,
            Unit: 'Count',
            Timestamp: new Date(now.getTime() - 120_000),
          },
          { MetricName: 'RowsIngested', Dimensions: [{ Name: 'Source', Value: 'covid_csv' }], Value: 50, Unit: 'Count', Timestamp: now },
          { MetricName: 'BytesIngested', Dimensions: [{ Name: 'Source', Value: 'covid_api' }], Value: 4096, Unit: 'Bytes', Timestamp: now },
        ],
      }),
    );
    const service = new CloudWatchMetricsService(cloudwatch, target);
    const specs = service.catalog();
    expect(specs.length).toBeGreaterThan(12);
    expect(specs.find((s) => s.name === 'ExecutionsFailed')?.dimensions).toEqual({ StateMachineArn: ARN });
    // No function name in the target: its series are left out rather than asked for with a blank.
    expect(specs.filter((s) => s.namespace === 'AWS/Lambda').map((s) => s.dimensions.FunctionName)).toEqual([
      target.ingestFunctionName,
      target.ingestFunctionName,
    ]);
    const before = calls.count;
    const series = await service.query(specs, rangeFor('1h', now));
    expect(calls.count - before).toBe(1);
    expect(series.find((s) => s.id === 'pipeline:RowsIngested:covid_csv')!.points.map((p) => p.value)).toEqual([700, 50]);
    expect(series.find((s) => s.id === 'pipeline:BytesIngested:covid_api')!.points.map((p) => p.value)).toEqual([4096]);
    expect(series.find((s) => s.id === 'pipeline:RowsIngested:divipola')!.points).toEqual([]);
    expect(service.dashboardName).toBe(`${STACK}-lakedeck`);
  });

  it('pages beyond the 500 queries a call allows', async () => {
    const service = new CloudWatchMetricsService(cloudwatch, target);
    const many: SeriesSpec[] = Array.from({ length: 501 }, (_, i) => ({
      id: `s${i}`,
      label: `s${i}`,
      namespace: 'LakedeckTest',
      name: 'RowsIngested',
      dimensions: { Source: i === 500 ? 'covid_csv' : `none${i}` },
      stat: 'Sum',
      unit: 'Count',
    }));
    const before = calls.count;
    const series = await service.query(many, rangeFor('1h', new Date()));
    expect(calls.count - before).toBe(2);
    expect(series[500].points.map((p) => p.value)).toEqual([700, 50]);
  });

  it("lists the stack's alarms with state, reason and time, and no other alarm", async () => {
    const alarm = (name: string) =>
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'AWS/States',
        MetricName: 'ExecutionsFailed',
        Dimensions: [{ Name: 'StateMachineArn', Value: ARN }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    await cloudwatch.send(alarm(`${STACK}-ExecutionsFailedAlarm-X1`));
    await cloudwatch.send(alarm('someone-elses-alarm'));
    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: `${STACK}-ExecutionsFailedAlarm-X1`,
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed: 1 datapoint',
      }),
    );
    const alarms = await new CloudWatchMetricsService(cloudwatch, target).alarms();
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      name: `${STACK}-ExecutionsFailedAlarm-X1`,
      state: 'ALARM',
      reason: 'Threshold Crossed: 1 datapoint',
      metric: { namespace: 'AWS/States', name: 'ExecutionsFailed' },
    });
    expect(alarms[0].updatedAt).toBeInstanceOf(Date);
  });
});
