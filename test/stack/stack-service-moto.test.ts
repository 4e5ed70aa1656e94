// The Stack view's service on aws against moto: the reduced lakedeck stack (test/deploy/fixtures,
// packaged as `lakedeck deploy` packages it) created and then updated, described (status, outputs,
// parameters) and its events read newest first; the start-time DescribeStacks serves the
// view's first look; a deleted stack says so; and NextToken paging walks older events.
import { readFileSync } from 'node:fs';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  UpdateStackCommand,
  type StackEvent as SdkEvent,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsBackend } from '../../src/backends/aws/backend.js';
import { CloudFormationStackService, SEED_FRESH_MS } from '../../src/backends/aws/stack/cloudformation-stack.js';
import type { Config } from '../../src/config/config.js';
import { LakeError } from '../../src/core/errors.js';
import { packageTemplate } from '../../src/deploy/template.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';

const STACK = 'stack-view';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
let moto: Moto;
let s3: S3Client;
let cf: CloudFormationClient;
let template: string;
let codeBucket: string;

beforeAll(async () => {
  moto = await startMoto();
  Object.assign(process.env, moto.env);
  s3 = s3For(moto);
  cf = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
  codeBucket = await freshBucket(s3, 'deploy');
  await s3.send(
    new PutObjectCommand({
      Bucket: codeBucket,
      Key: 'lakedeck/lambda.zip',
      Body: readFileSync('test/deploy/fixtures/statemachine/pipeline.asl.json'),
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: codeBucket,
      Key: 'statemachine/pipeline.asl.json',
      Body: readFileSync('test/deploy/fixtures/statemachine/pipeline.asl.json'),
    }),
  );
  template = packageTemplate(readFileSync('test/deploy/fixtures/moto-stack.yaml', 'utf8'), {
    bucket: codeBucket,
    key: 'statemachine/pipeline.asl.json',
  });
  await cf.send(
    new CreateStackCommand({
      StackName: STACK,
      TemplateBody: template,
      Parameters: [{ ParameterKey: 'LambdaCodeBucket', ParameterValue: codeBucket }],
    }),
  );
  // An update: a second round of events on top of the creation's.
  await cf.send(
    new UpdateStackCommand({
      StackName: STACK,
      TemplateBody: template,
      Parameters: [
        { ParameterKey: 'LambdaCodeBucket', ParameterValue: codeBucket },
        { ParameterKey: 'IngestMemorySize', ParameterValue: '2048' },
      ],
    }),
  );
}, 120_000);

afterAll(async () => {
  cf?.destroy();
  s3?.destroy();
  await moto?.stop();
});

const config = (): Config => ({
  backend: 'aws',
  lake: '/nonexistent',
  endpoint: moto.endpoint,
  region: 'us-east-1',
  stack: STACK,
  readOnly: false,
  logFile: '/dev/null',
});

describe('the Stack service on aws (moto)', () => {
  it('describes the stack from the DescribeStacks the target came from, then asks CloudFormation again', async () => {
    const backend = await createAwsBackend(config(), {});
    try {
      expect(backend.stack?.stackName).toBe(STACK);
      const before = backend.calls.count;
      const first = await backend.stack!.describe();
      // The view's first look costs nothing: it is the answer the target was resolved from.
      expect(backend.calls.count).toBe(before);
      expect(first.name).toBe(STACK);
      expect(first.status).toBe('UPDATE_COMPLETE');
      expect(first.outputs.find((o) => o.key === 'LakeBucketName')?.value).toMatch(/\S/);
      expect(first.outputs.find((o) => o.key === 'ArtifactsPrefix')?.value).toBe('artifacts/');
      expect(first.parameters).toContainEqual({ key: 'LambdaCodeBucket', value: codeBucket });
      expect(first.parameters).toContainEqual({ key: 'IngestMemorySize', value: '2048' });
      const again = await backend.stack!.describe();
      expect(backend.calls.count).toBe(before + 1);
      expect(again.status).toBe('UPDATE_COMPLETE');
    } finally {
      await backend.close();
    }
  });

  it('reads the events newest first: the update, then the creation', async () => {
    const service = new CloudFormationStackService(cf, { stackName: STACK });
    const page = await service.events();
    const { events } = page;
    expect(page.nextToken).toBeUndefined(); // moto answers with one page (paging: the next test)
    for (let i = 1; i < events.length; i++) expect(events[i - 1].at.getTime()).toBeGreaterThanOrEqual(events[i].at.getTime());
    expect(events[0]).toMatchObject({ logicalId: STACK, resourceType: 'AWS::CloudFormation::Stack', status: 'UPDATE_COMPLETE' });
    // moto records the stack's own events only (no per-resource ones): assert on what it records.
    expect(events.map((e) => `${e.logicalId} ${e.status}`)).toEqual([
      `${STACK} UPDATE_COMPLETE`,
      `${STACK} UPDATE_IN_PROGRESS`,
      `${STACK} CREATE_COMPLETE`,
      `${STACK} CREATE_IN_PROGRESS`,
    ]);
    expect(events[1].reason).toBe('User Initiated');
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('keeps the start-time description only while it is fresh', async () => {
    const seed = { stack: { StackName: STACK, StackStatus: 'CREATE_IN_PROGRESS' as const, CreationTime: new Date() }, at: 1_000 };
    let now = 1_000 + SEED_FRESH_MS + 1;
    const stale = new CloudFormationStackService(cf, { stackName: STACK, seed, now: () => now });
    expect((await stale.describe()).status).toBe('UPDATE_COMPLETE');
    now = 1_000;
    const fresh = new CloudFormationStackService(cf, { stackName: STACK, seed, now: () => now });
    expect((await fresh.describe()).status).toBe('CREATE_IN_PROGRESS');
    expect((await fresh.describe()).status).toBe('UPDATE_COMPLETE');
  });

  it('says a stack deleted since the start no longer exists', async () => {
    const bucket = await freshBucket(s3, 'gone');
    await cf.send(
      new CreateStackCommand({
        StackName: 'gone',
        TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } }, Outputs: { LakeBucketName: { Value: bucket } } }),
      }),
    );
    const service = new CloudFormationStackService(cf, { stackName: 'gone' });
    expect((await service.describe()).status).toBe('CREATE_COMPLETE');
    await cf.send(new DeleteStackCommand({ StackName: 'gone' }));
    const error = await service.describe().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LakeError);
    expect((error as LakeError).message).toMatch(/no longer exists/);
  });
});

describe('event paging', () => {
  it('hands the NextToken on and returns each page in CloudFormation order', async () => {
    const event = (n: number): SdkEvent => ({
      EventId: `e${n}`,
      StackName: STACK,
      StackId: 'id',
      Timestamp: new Date(Date.UTC(2026, 10, 29, 12, 0, 60 - n)),
      LogicalResourceId: `R${n}`,
      ResourceType: 'AWS::S3::Bucket',
      ResourceStatus: 'CREATE_COMPLETE',
    });
    const pages: Record<string, { StackEvents: SdkEvent[]; NextToken?: string }> = {
      first: { StackEvents: [event(1), event(2)], NextToken: 'older' },
      older: { StackEvents: [event(3)] },
    };
    const asked: (string | undefined)[] = [];
    const client = {
      send: async (command: { input: { NextToken?: string } }) => {
        asked.push(command.input.NextToken);
        return pages[command.input.NextToken ?? 'first'];
      },
    } as unknown as CloudFormationClient;
    const service = new CloudFormationStackService(client, { stackName: STACK });
    const one = await service.events();
    expect(one.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(one.nextToken).toBe('older');
    const two = await service.events(one.nextToken);
    expect(two.events.map((e) => e.logicalId)).toEqual(['R3']);
    expect(two.nextToken).toBeUndefined();
    expect(asked).toEqual([undefined, 'older']);
  });
});
