// The aws composition point against moto: one DescribeStacks names everything (target), every SDK
// client comes from the one counted factory (S3, CloudFormation and Secrets Manager included),
// and read-only mode is refused by the services themselves.
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsBackend } from '../../src/backends/aws/backend.js';
import { AwsClients, clientConfig } from '../../src/backends/aws/clients.js';
import { databaseSettings } from '../../src/backends/aws/database-secret.js';
import type { Config } from '../../src/config/config.js';
import { ReadOnlyError } from '../../src/core/errors.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';

let moto: Moto;
let s3: S3Client;
let secretArn: string;
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

beforeAll(async () => {
  moto = await startMoto();
  Object.assign(process.env, moto.env);
  s3 = s3For(moto);
  const secrets = new SecretsManagerClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
  // Port 9 (discard) on loopback: nothing listens, so a run fails fast after reading the secret.
  const secret = await secrets.send(
    new CreateSecretCommand({
      Name: 'composition/db',
      SecretString: JSON.stringify({ host: '127.0.0.1', port: 9, username: 'lakedeck', password: 'composition-secret-1', dbname: 'lake' }),
    }),
  );
  secrets.destroy();
  secretArn = secret.ARN as string;
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
});

const base = (): Config => ({
  backend: 'aws',
  lake: '/nonexistent',
  endpoint: moto.endpoint,
  region: 'us-east-1',
  readOnly: false,
  logFile: '/dev/null',
});

async function deployStack(name: string, bucket: string): Promise<void> {
  const cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
  // Literal outputs: moto drops outputs that refer to resources it does not model (state machine,
  // workgroup…), so the contract's names are given as values here.
  const template = {
    Resources: { Artifacts: { Type: 'AWS::S3::Bucket', Properties: { BucketName: `${name}-artifacts` } } },
    Outputs: {
      // The lake bucket outlives the stack here, so the test can delete the stack and go on.
      LakeBucketName: { Value: bucket },
      ArtifactsPrefix: { Value: `s3://${bucket}/artifacts/` },
      GlueDatabaseName: { Value: 'lakedeck_lake' },
      AthenaWorkGroupName: { Value: 'lakedeck' },
      StateMachineArn: { Value: 'arn:aws:states:us-east-1:123456789012:stateMachine:lakedeck-pipeline' },
      ScheduleRuleName: { Value: 'lakedeck-nightly' },
      AlarmTopicArn: { Value: 'arn:aws:sns:us-east-1:123456789012:lakedeck-alarms' },
      EmrLogUri: { Value: `s3://${bucket}/logs/emr/` },
      MetricsNamespace: { Value: 'LakedeckTest' },
      DatabaseSecretArn: { Value: secretArn },
    },
  };
  await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template) }));
  cfn.destroy();
}

describe('the aws composition point', () => {
  it('resolves the whole target from one DescribeStacks and never reads the stack again', async () => {
    await deployStack('composition', await freshBucket(s3, 'composition-lake'));
    const backend = await createAwsBackend({ ...base(), stack: 'composition' }, {});
    // DescribeStacks and the bucket probe (HeadBucket).
    expect(backend.calls.count).toBe(2);
    const bucket = backend.target.kind === 'aws' ? backend.target.bucket : '';
    expect(bucket).toMatch(/^composition-lake-/);
    expect(backend.target).toEqual({
      kind: 'aws',
      stackName: 'composition',
      region: 'us-east-1',
      endpoint: moto.endpoint,
      bucket,
      artifactsPrefix: `s3://${bucket}/artifacts/`,
      database: 'lakedeck_lake',
      workGroup: 'lakedeck',
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:lakedeck-pipeline',
      scheduleRuleName: 'lakedeck-nightly',
      ingestFunctionName: undefined,
      apiUrl: undefined,
      alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:lakedeck-alarms',
      emrLogUri: `s3://${bucket}/logs/emr/`,
      metricsNamespace: 'LakedeckTest',
      databaseSecretArn: secretArn,
    });
    expect(backend.label).toContain(`s3://${bucket}`);

    // With the stack gone, the services still have what they need: the target was read once.
    const cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
    await cfn.send(new DeleteStackCommand({ StackName: 'composition' }));
    cfn.destroy();
    await backend.zones.list('raw', '');
    expect(backend.calls.count).toBe(3);
    const run = await backend.ingestion!.run('divipola');
    // The secret was read (through the counted factory) and pointed at the closed port.
    expect(run).toMatchObject({ outcome: 'failed', error: expect.stringContaining('127.0.0.1:9') });
    expect(JSON.stringify(run)).not.toContain('composition-secret-1');
    await backend.close();
  }, 120_000);

  it('counts the Secrets Manager call, and builds each client class once', async () => {
    const clients = new AwsClients(clientConfig({ region: 'us-east-1', endpoint: moto.endpoint }));
    expect(clients.get(S3Client)).toBe(clients.get(S3Client));
    const settings = await databaseSettings(clients, {}, secretArn);
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 9, user: 'lakedeck', database: 'lake' });
    expect(clients.calls.count).toBe(1);
    await clients.get(S3Client).send(new ListObjectsV2Command({ Bucket: await freshBucket(s3) }));
    expect(clients.calls.count).toBe(2);
    expect(clients.size).toBe(2);
    clients.destroy();
    expect(clients.size).toBe(0);
  });

  it('with --bucket, reads no stack and takes the secret from LAKEDECK_DB_SECRET_ARN', async () => {
    const bucket = await freshBucket(s3);
    const backend = await createAwsBackend({ ...base(), bucket }, { LAKEDECK_DB_SECRET_ARN: secretArn });
    expect(backend.calls.count).toBe(1); // the bucket probe only
    expect(backend.target).toMatchObject({
      kind: 'aws',
      bucket,
      databaseSecretArn: secretArn,
      metricsNamespace: 'Lakedeck',
      stateMachineArn: undefined,
    });
    await backend.close();
  });
});

describe('opening says plainly what is wrong with the target', () => {
  it('names a missing bucket and an endpoint that does not answer', async () => {
    await expect(createAwsBackend({ ...base(), bucket: 'no-such-lake-bucket' }, {})).rejects.toThrow(
      `Bucket 'no-such-lake-bucket' does not exist at ${moto.endpoint}: check --bucket or the stack's LakeBucketName output`,
    );
    // Port 9 on loopback: nothing listens.
    const error = await createAwsBackend({ ...base(), bucket: 'any-bucket', endpoint: 'http://127.0.0.1:9' }, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/^Cannot reach AWS at http:\/\/127\.0\.0\.1:9 opening the lake bucket s3:\/\/any-bucket/),
    });
  }, 60_000);
});

describe('read-only on aws: the services refuse every write', () => {
  it('refuses put, delete and ingestion with a ReadOnlyError, writing nothing', async () => {
    const bucket = await freshBucket(s3);
    const backend = await createAwsBackend({ ...base(), bucket, readOnly: true }, {});
    await expect(backend.zones.put('raw', 'x/y.csv', 'a,b\n')).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(backend.zones.put('raw', 'x/y.csv', 'a,b\n')).rejects.toThrow(
      `Read-only mode: writing s3://${bucket}/raw/x/y.csv refused`,
    );
    await expect(backend.zones.delete('raw', 'x/y.csv')).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(backend.ingestion!.run('covid_csv')).rejects.toThrow('Read-only mode: ingestion of covid_csv refused');
    expect(backend.calls.count).toBe(1); // the bucket probe: no write was even attempted
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.KeyCount).toBe(0);
    // Reads still work.
    expect((await backend.zones.list('raw', '')).entries).toEqual([]);
    expect(await backend.ingestion!.history()).toEqual([]);
    await backend.close();
  });
});
