// lakedeck deploy and destroy against moto, with a template of the same contract as
// cloudformation/lakedeck.yaml built from resource types moto models (test/deploy/fixtures):
// the first deploy creates the stack and uploads the artifacts; a second with no change says so
// and uploads nothing; a changed Lambda uploads one new object and updates the function; a
// deploy cut by expired credentials leaves nothing the next one trusts; destroy empties and deletes.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetBucketEncryptionCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { deployClients, type DeployClients } from '../../src/deploy/clients.js';
import { deploy, type DeployOptions } from '../../src/deploy/deploy.js';
import { destroy } from '../../src/deploy/destroy.js';
import { LakeError } from '../../src/core/errors.js';
import { startMoto, type Moto } from '../support/moto.js';

const ROOT = path.resolve('.');
const TEMPLATE = path.resolve('test/deploy/fixtures/moto-stack.yaml');
const DEPLOY_BUCKET = 'lakedeck-deploy-123456789012-us-east-1';
const STACK = 'lakedeck-test';
let moto: Moto;
let clients: DeployClients;
let lambda: LambdaClient;

function io() {
  const lines: string[] = [];
  return { lines, print: (line: string) => lines.push(line), confirm: async () => true, ask: async () => STACK };
}

function options(extra: Partial<DeployOptions> = {}): DeployOptions {
  return { stackName: STACK, root: ROOT, template: TEMPLATE, yes: true, pollMs: 0, sleep: async () => {}, ...extra };
}

async function keys(s3: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

async function versionCount(s3: S3Client, bucket: string): Promise<number> {
  const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
  return (page.Versions ?? []).length;
}

async function functionName(): Promise<string> {
  const { physicalId } = await import('../../src/deploy/stack-state.js');
  return (await physicalId(clients.cf, STACK, 'IngestFunction'))!;
}

function base64Sha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64');
}

async function objectBody(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return response.Body!.transformToByteArray();
}

beforeAll(async () => {
  moto = await startMoto();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_PROFILE: '' });
  clients = await deployClients({ region: 'us-east-1', endpoint: moto.endpoint });
  lambda = new LambdaClient({ region: 'us-east-1', endpoint: moto.endpoint });
});

afterAll(async () => {
  clients?.close();
  lambda?.destroy();
  await moto?.stop();
});

// Each deploy bundles the Lambda code and builds the Spark package: slow on a busy 2-core machine.
describe('lakedeck deploy against moto', { timeout: 300_000 }, () => {
  it('creates the stack, the private deployment bucket, uploads the artifacts and the Spark jobs', async () => {
    const out = io();
    const result = await deploy(clients, out, options());
    expect(result.outcome).toBe('deployed');
    expect(result.uploads.uploaded.map((e) => e.key.replace(/-[0-9a-f]{16}\./, '-<sha>.'))).toEqual([
      `${STACK}/lambda-<sha>.zip`,
      `${STACK}/statemachine-<sha>.json`,
      `${STACK}/template-<sha>.yaml`,
    ]);
    expect(await keys(clients.s3, DEPLOY_BUCKET, `${STACK}/`)).toEqual(
      [...result.uploads.uploaded.map((e) => e.key), `${STACK}/manifest.json`].sort(),
    );

    const block = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: DEPLOY_BUCKET }));
    expect(block.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const encryption = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: DEPLOY_BUCKET }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('aws:kms');

    const stack = (await clients.cf.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!;
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    // The function runs the uploaded zip: moto hashes the code it was given.
    const zip = await objectBody(clients.s3, DEPLOY_BUCKET, result.uploads.entries['lambda.zip']!.key);
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: await functionName() }));
    expect(fn.Configuration?.CodeSha256).toBe(base64Sha256(zip));

    const lake = (await import('../../src/deploy/stack-state.js')).physicalId(clients.cf, STACK, 'LakeBucket');
    expect(await keys(clients.s3, (await lake)!, 'artifacts/spark/')).toEqual([
      'artifacts/spark/jobs/analytics.py',
      'artifacts/spark/jobs/etl.py',
      'artifacts/spark/jobs/ml.py',
      'artifacts/spark/lakedeck-spark.zip',
      'artifacts/spark/manifest.json',
    ]);
    expect(out.lines.join('\n')).toContain(`add  IngestFunction (AWS::Lambda::Function)`);
    expect(out.lines.join('\n')).toContain(`lakedeck --stack ${STACK}`);
  });

  it('says so when nothing changed and uploads nothing', async () => {
    const before = await versionCount(clients.s3, DEPLOY_BUCKET);
    const out = io();
    const result = await deploy(clients, out, options());
    expect(result.outcome).toBe('no-changes');
    expect(result.uploads.uploaded).toEqual([]);
    expect(result.spark.uploaded).toEqual([]);
    expect(await versionCount(clients.s3, DEPLOY_BUCKET)).toBe(before);
    expect(out.lines).toContain(`No changes: stack '${STACK}' already runs this code and these parameters.`);
  });

  it('uploads one new object for a changed Lambda and updates the function', async () => {
    const dir = path.resolve('.lakedeck-test/deploy');
    mkdirSync(dir, { recursive: true });
    const entry = path.join(dir, 'changed-lambda.ts');
    writeFileSync(
      entry,
      `export * from ${JSON.stringify(path.resolve('src/lambda/index.ts'))};\nexport const deployedBuild = ${Date.now()};\n`,
    );
    const before = await keys(clients.s3, DEPLOY_BUCKET, `${STACK}/`);
    const result = await deploy(clients, io(), options({ lambdaEntry: entry }));
    expect(result.outcome).toBe('deployed');
    expect(result.uploads.uploaded.map((e) => e.key)).toEqual([result.uploads.entries['lambda.zip']!.key]);
    const after = await keys(clients.s3, DEPLOY_BUCKET, `${STACK}/`);
    expect(after.filter((k) => !before.includes(k))).toEqual([result.uploads.entries['lambda.zip']!.key]);
    const zip = await objectBody(clients.s3, DEPLOY_BUCKET, result.uploads.entries['lambda.zip']!.key);
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: await functionName() }));
    expect(fn.Configuration?.CodeSha256).toBe(base64Sha256(zip));
  });

  it('leaves nothing the next deploy trusts when credentials expire mid-upload', async () => {
    const dir = path.resolve('.lakedeck-test/deploy');
    const entry = path.join(dir, 'expired-lambda.ts');
    writeFileSync(
      entry,
      `export * from ${JSON.stringify(path.resolve('src/lambda/index.ts'))};\nexport const deployedBuild = 'expired-${Date.now()}';\n`,
    );
    const send = clients.s3.send.bind(clients.s3);
    let puts = 0;
    const expiring = {
      ...clients,
      s3: Object.assign(Object.create(clients.s3), {
        send: (command: unknown) => {
          if (command instanceof PutObjectCommand && ++puts === 1) {
            return send(command as never).then(() => {
              throw Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' });
            });
          }
          return send(command as never);
        },
      }) as S3Client,
    };
    await expect(deploy(expiring, io(), options({ lambdaEntry: entry }))).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof LakeError &&
        error.code === 'expired-credentials' &&
        /while uploading the artifacts.*not in the manifest/.test(error.message),
    );
    // The object did land, but the manifest never listed it: the next deploy uploads it again.
    const retry = await deploy(clients, io(), options({ lambdaEntry: entry }));
    expect(retry.uploads.uploaded.map((e) => e.key)).toEqual([retry.uploads.entries['lambda.zip']!.key]);
  });

  it('destroy asks for the name, then empties every bucket version and deletes the stack', async () => {
    const lake = (await (await import('../../src/deploy/stack-state.js')).physicalId(clients.cf, STACK, 'LakeBucket'))!;
    // moto's CloudFormation leaves the bucket's VersioningConfiguration out: turn it on here.
    await clients.s3.send(new PutBucketVersioningCommand({ Bucket: lake, VersioningConfiguration: { Status: 'Enabled' } }));
    await clients.s3.send(new PutObjectCommand({ Bucket: lake, Key: 'raw/covid_csv/a.csv', Body: 'v1' }));
    await clients.s3.send(new PutObjectCommand({ Bucket: lake, Key: 'raw/covid_csv/a.csv', Body: 'v2' }));

    // Deletion protection on: refused before anything is emptied.
    await deploy(clients, io(), options({ parameters: { DatabaseDeletionProtection: 'true' } }));
    await expect(destroy(clients, io(), { stackName: STACK, pollMs: 0, sleep: async () => {} })).rejects.toThrow(
      /deletion protection on.*nothing was deleted/,
    );
    expect(await versionCount(clients.s3, lake)).toBe(7);
    await deploy(clients, io(), options({ parameters: { DatabaseDeletionProtection: 'false' } }));

    const wrong = io();
    const cancelled = await destroy(
      clients,
      { ...wrong, ask: async () => 'lakedeck-tset' },
      { stackName: STACK, pollMs: 0, sleep: async () => {} },
    );
    expect(cancelled.outcome).toBe('cancelled');
    expect((await clients.cf.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!.StackStatus).not.toMatch(/DELETE/);

    const out = io();
    const result = await destroy(clients, out, { stackName: STACK, pollMs: 0, sleep: async () => {} });
    expect(result.outcome).toBe('destroyed');
    expect(out.lines.join('\n')).toMatch(new RegExp(`bucket ${lake}: 6 objects \\(7 versions`));
    await expect(clients.s3.send(new HeadBucketCommand({ Bucket: lake }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expect(clients.cf.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(/does not exist/);
    expect(await keys(clients.s3, DEPLOY_BUCKET, `${STACK}/`)).toEqual([]);
    expect(out.lines.some((l) => /DELETE_COMPLETE/.test(l))).toBe(true);
  });
});
