// The Metrics pane's cost on CloudWatch (moto), on a fake clock: a screen of series is one
// GetMetricData call a refresh (plus one DescribeAlarms), an idle pane at its fastest range (1h,
// one-minute periods) makes at most 2 calls a minute, and a hidden one none. The EMR series of the
// stack's active cluster join that one call and show at 80×24; without one, the pane says so.
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EMRClient, RunJobFlowCommand, TerminateJobFlowsCommand } from '@aws-sdk/client-emr';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { countCalls } from '../../src/backends/aws/clients.js';
import { ActiveClusterLookup } from '../../src/backends/aws/metrics/active-clusters.js';
import { CloudWatchMetricsService } from '../../src/backends/aws/metrics/cloudwatch-metrics.js';
import { EmrStepsService } from '../../src/backends/aws/steps/emr-steps.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import type { AwsTarget } from '../../src/core/backend.js';
import { App } from '../../src/ui/shell/app.js';
import { NO_ACTIVE_CLUSTER } from '../../src/core/metric-catalog.js';
import { startMoto, type Moto } from '../support/moto.js';
import { s3For } from '../support/s3.js';
import { FakeClock } from '../ui/support/fake-clock.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { drive, KEY, lines } from '../ui/support/render.js';

let moto: Moto;
let cloudwatch: CloudWatchClient;
const calls = new CallCounter();
const target: AwsTarget = {
  kind: 'aws',
  stackName: 'lakedeck-dev',
  bucket: 'lake',
  metricsNamespace: 'Lakedeck',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:p',
};

beforeAll(async () => {
  moto = await startMoto();
  cloudwatch = countCalls(
    new CloudWatchClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    }),
    calls,
  );
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'Lakedeck',
      MetricData: [{ MetricName: 'RowsIngested', Dimensions: [{ Name: 'Source', Value: 'covid_csv' }], Value: 700, Unit: 'Count' }],
    }),
  );
});
afterAll(async () => {
  cloudwatch?.destroy();
  await moto?.stop();
});
afterEach(() => cleanup());

/**
 * Waits for the requests already under way to reach moto (a refresh's GetMetricData follows its
 * alarm and cluster reads): the count is taken once it has stopped moving for half a second.
 */
async function settled(): Promise<number> {
  let last = -1;
  let still = 0;
  for (let waited = 0; still < 5 && waited < 20_000; waited += 100) {
    still = calls.count === last ? still + 1 : 0;
    last = calls.count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return calls.count;
}

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
    // As the backend builds it: the stack's clusters from the Steps service, kept five minutes.
    const emr = countCalls(
      new EMRClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }),
      calls,
    );
    const s3 = s3For(moto);
    const steps = new EmrStepsService({ emr, s3, stack: 'lakedeck-dev', bucket: 'lake', artifactsPrefix: 'artifacts/', readOnly: true });
    // moto loads its EMR backend on the first EMR request: not inside the pane's first wait.
    await steps.clusters();
    const metrics = new CloudWatchMetricsService(
      cloudwatch,
      target,
      new ActiveClusterLookup(
        () => steps.clusters(),
        'lakedeck-dev',
        () => clock.now(),
      ),
    );
    const backend = assembleBackend({
      kind: 'aws',
      label: 'moto',
      readOnly: false,
      calls,
      target,
      services: { zones: new MemoryZoneStore(), metrics },
    });
    const ui = await drive(<App backend={backend} />, { columns: 80, rows: 24, clock });
    await ui.press('6');
    await ui.waitFor(/700 {2}↓700 ↑700/, 'the series');
    await ui.press('[', '[');
    await ui.waitFor('last 1h in 1 min periods', 'the 1h range');
    await ui.waitFor(/700 {2}↓700 ↑700/, 'the series at 1h');
    const idle = await settled();
    await minutes(clock, 5);
    const perMinute = (calls.count - idle) / 5;

    await ui.press('1');
    const hidden = await settled();
    await minutes(clock, 2);

    // A refresh a minute = one GetMetricData for every series; one DescribeAlarms every other
    // minute; once in five minutes one ListClusters for the stack's active clusters.
    expect(perMinute).toBeGreaterThan(0);
    expect(perMinute).toBeLessThanOrEqual(2);
    expect(calls.count - hidden).toBe(0);
    emr.destroy();
    s3.destroy();
  }, 120_000);
});

describe('Metrics pane: EMR series of the active cluster', () => {
  it("shows the stack's active cluster's series at 80×24 from the same one call, and says when none is active", async () => {
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    const emr = new EMRClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
    const s3 = s3For(moto);
    try {
      const { JobFlowId } = await emr.send(
        new RunJobFlowCommand({
          Name: 'lakedeck-dev-2026-11-30',
          ReleaseLabel: 'emr-7.12.0',
          Instances: { MasterInstanceType: 'm5.large', InstanceCount: 1, KeepJobFlowAliveWhenNoSteps: true },
          JobFlowRole: 'EMR_EC2_DefaultRole',
          ServiceRole: 'EMR_DefaultRole',
          Tags: [{ Key: 'lakedeck:stack', Value: 'lakedeck-dev' }],
        }),
      );
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/ElasticMapReduce',
          MetricData: [{ MetricName: 'AppsRunning', Dimensions: [{ Name: 'JobFlowId', Value: JobFlowId! }], Value: 3, Unit: 'Count' }],
        }),
      );
      const paneWith = async () => {
        const steps = new EmrStepsService({
          emr,
          s3,
          stack: 'lakedeck-dev',
          bucket: 'lake',
          artifactsPrefix: 'artifacts/',
          readOnly: true,
        });
        const metrics = new CloudWatchMetricsService(cloudwatch, target, new ActiveClusterLookup(() => steps.clusters(), 'lakedeck-dev'));
        const backend = assembleBackend({
          kind: 'aws',
          label: 'moto',
          readOnly: false,
          calls,
          target,
          services: { zones: new MemoryZoneStore(), metrics },
        });
        const ui = await drive(<App backend={backend} />, { columns: 80, rows: 24, clock: new FakeClock(Date.now()) });
        await ui.press('6');
        await ui.waitFor(/700 {2}↓700 ↑700/, 'the series');
        return ui;
      };

      const ui = await paneWith();
      expect(ui.lastFrame()).not.toContain(NO_ACTIVE_CLUSTER);
      await ui.press('/');
      await ui.press(...'emr apps'.split(''));
      const filtered = await ui.press(KEY.enter);
      for (const line of lines(filtered)) expect(line.length).toBeLessThanOrEqual(80);
      expect(lines(filtered).length).toBeLessThanOrEqual(24);
      expect(lines(filtered).find((line) => line.includes('▶'))).toMatch(/▶ EMR apps running 2026-11-30 +EMR apps pending 2026-11-30$/);
      expect(filtered).toMatch(/ 3 {2}↓3 ↑3 +no data/);
      cleanup();

      await emr.send(new TerminateJobFlowsCommand({ JobFlowIds: [JobFlowId!] }));
      const after = await paneWith();
      const frame = after.lastFrame();
      expect(lines(frame).length).toBeLessThanOrEqual(24);
      // Below the grid, instead of empty charts.
      const note = lines(frame).findIndex((line) => line.startsWith('EMR'));
      expect(lines(frame)[note]).toBe(NO_ACTIVE_CLUSTER);
      expect(note).toBeGreaterThan(Math.max(...lines(frame).map((line, i) => (line.includes('┼') ? i : -1))));
      expect(frame).not.toContain('EMR apps running');
    } finally {
      emr.destroy();
      s3.destroy();
    }
  }, 120_000);
});
