// The Metrics pane's cost on CloudWatch (moto), on a fake clock: a screen of series is one
// GetMetricData call a refresh (plus one DescribeAlarms), an idle pane at its fastest range (1h,
// one-minute periods) makes at most 2 calls a minute, and a hidden one none.
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { countCalls } from '../../src/backends/aws/clients.js';
import { CloudWatchMetricsService } from '../../src/backends/aws/metrics/cloudwatch-metrics.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import type { AwsTarget } from '../../src/core/backend.js';
import { App } from '../../src/ui/shell/app.js';
import { startMoto, type Moto } from '../support/moto.js';
import { FakeClock } from '../ui/support/fake-clock.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { drive } from '../ui/support/render.js';

let moto: Moto;
let cloudwatch: CloudWatchClient;
const calls = new CallCounter();
const target: AwsTarget = { kind: 'aws', stackName: 'lakedeck-dev', bucket: 'lake', metricsNamespace: 'Lakedeck', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:p' };

beforeAll(async () => {
  moto = await startMoto();
  cloudwatch = countCalls(new CloudWatchClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }), calls);
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Lakedeck', MetricData: [{ MetricName: 'RowsIngested', Dimensions: [{ Name: 'Source', Value: 'covid_csv' }], Value: 700, Unit: 'Count' }] }));
});
afterAll(async () => {
  cloudwatch?.destroy();
  await moto?.stop();
});
afterEach(() => cleanup());

async function minutes(clock: FakeClock, count: number): Promise<void> {
  let left = count * 60_000;
  while (left > 0) {
    const next = clock.pending().find((ms) => ms > 0) ?? left;
    const step = Math.min(left, Math.max(1, next));
    clock.advance(step);
    left -= step;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('Metrics pane on CloudWatch', () => {
  it('reads a screen in one GetMetricData call, at most 2 calls a minute while idle, none while hidden', async () => {
    const clock = new FakeClock(Date.now());
    const metrics = new CloudWatchMetricsService(cloudwatch, target);
    const backend = assembleBackend({ kind: 'aws', label: 'moto', readOnly: false, calls, target, services: { zones: new MemoryZoneStore(), metrics } });
    const ui = await drive(<App backend={backend} />, { columns: 80, rows: 24, clock });
    await ui.press('6');
    await ui.waitFor(/700 {2}↓700 ↑700/, 'the series');
    await ui.press('[', '[');
    await ui.waitFor('last 1h in 1 min periods', 'the 1h range');
    await ui.waitFor(/700 {2}↓700 ↑700/, 'the series at 1h');
    const idle = calls.count;
    await minutes(clock, 3);
    const perMinute = (calls.count - idle) / 3;

    await ui.press('1');
    const hidden = calls.count;
    await minutes(clock, 2);

    // One refresh = one GetMetricData for every series + one DescribeAlarms.
    expect(perMinute).toBeGreaterThan(0);
    expect(perMinute).toBeLessThanOrEqual(2);
    expect(calls.count - hidden).toBe(0);
  }, 120_000);
});
