// The Steps pane's cost on EMR (moto), on a fake clock: an idle pane makes at most 6 EMR calls a
// minute, and a hidden one none.
import { EMRClient, RunJobFlowCommand } from '@aws-sdk/client-emr';
import type { S3Client } from '@aws-sdk/client-s3';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { countCalls } from '../../src/backends/aws/clients.js';
import { EmrStepsService } from '../../src/backends/aws/steps/emr-steps.js';
import { localTarget } from '../../src/backends/local/target.js';
import { App } from '../../src/ui/shell/app.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';
import { FakeClock } from '../ui/support/fake-clock.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { drive, KEY } from '../ui/support/render.js';

let moto: Moto;
let emr: EMRClient;
let s3: S3Client;
const emrCalls = new CallCounter();

beforeAll(async () => {
  moto = await startMoto();
  emr = countCalls(
    new EMRClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }),
    emrCalls,
  );
  s3 = s3For(moto);
  const bucket = await freshBucket(s3);
  await emr.send(
    new RunJobFlowCommand({
      Name: 'lakedeck-dev-2026-11-28',
      ReleaseLabel: 'emr-7.12.0',
      LogUri: `s3://${bucket}/logs/emr/`,
      Instances: { MasterInstanceType: 'm5.xlarge', InstanceCount: 1, KeepJobFlowAliveWhenNoSteps: true },
      JobFlowRole: 'EMR_EC2_DefaultRole',
      ServiceRole: 'EMR_DefaultRole',
      Tags: [{ Key: 'lakedeck:stack', Value: 'lakedeck-dev' }],
    }),
  );
});
afterAll(async () => {
  emr?.destroy();
  s3?.destroy();
  await moto?.stop();
});
afterEach(() => cleanup());

/** Moves the fake clock a minute, letting each due poll reach moto and come back. */
async function aMinute(clock: FakeClock): Promise<void> {
  let left = 60_000;
  while (left > 0) {
    const next = clock.pending().find((ms) => ms > 0) ?? left;
    const step = Math.min(left, Math.max(1, next));
    clock.advance(step);
    left -= step;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('Steps pane on EMR', () => {
  it('makes at most 6 EMR calls a minute while idle, and none while hidden', async () => {
    const clock = new FakeClock(Date.now());
    const steps = new EmrStepsService({
      emr,
      s3,
      stack: 'lakedeck-dev',
      bucket: 'unused',
      artifactsPrefix: 'artifacts/',
      readOnly: false,
      now: () => new Date(clock.now()),
    });
    const backend = assembleBackend({
      kind: 'aws',
      label: 'moto',
      readOnly: false,
      calls: emrCalls,
      target: localTarget('/lake'),
      services: { zones: new MemoryZoneStore(), steps },
    });
    const ui = await drive(<App backend={backend} />, { columns: 80, rows: 24, clock });
    await ui.press('3');
    await ui.waitFor('lakedeck-dev-2026-11-28', 'the cluster');

    const atClusters = emrCalls.count;
    await aMinute(clock);
    const clustersPerMinute = emrCalls.count - atClusters;

    await ui.press(KEY.enter);
    await ui.waitFor('no steps yet', 'the empty step list');
    const atSteps = emrCalls.count;
    await aMinute(clock);
    const stepsPerMinute = emrCalls.count - atSteps;

    await ui.press('1');
    const hidden = emrCalls.count;
    await aMinute(clock);

    expect(clustersPerMinute).toBeGreaterThanOrEqual(2);
    expect(clustersPerMinute).toBeLessThanOrEqual(6);
    expect(stepsPerMinute).toBeGreaterThanOrEqual(2);
    expect(stepsPerMinute).toBeLessThanOrEqual(6);
    expect(emrCalls.count - hidden).toBe(0);
  }, 120_000);
});
