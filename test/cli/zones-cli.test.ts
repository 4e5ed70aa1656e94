// The built CLI against a real local lake and against moto (with a CloudFormation stack whose
// outputs name the bucket), as a script would call it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalZoneStore } from '../../src/backends/local/zone-store.js';
import { startMoto, type Moto } from '../support/moto.js';
import { s3For } from '../support/s3.js';

const run = promisify(execFile);
const CLI = path.resolve('bin/lakedeck.js');
let moto: Moto;
const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-cli-'));
const isolatedEnv = { ...process.env, XDG_CONFIG_HOME: lake, XDG_STATE_HOME: lake, AWS_ENDPOINT_URL: '', AWS_PROFILE: '' };

async function lakedeck(args: string[], env: Record<string, string | undefined> = {}) {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env: { ...isolatedEnv, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  moto = await startMoto();
  const store = new LocalZoneStore(lake);
  await store.put(
    'raw',
    'covid_csv/ingest_date=2020-03-06/covid_csv_20200306_000000.csv',
    readFileSync('sample-data/covid_casos_sample_700.csv'),
  );
  await store.put('raw', 'covid_csv/ingest_date=2020-03-07/covid_csv_20200307_000000.csv', 'a,b\n1,2\n');
});

afterAll(async () => {
  await moto?.stop();
});

describe('lakedeck zones ls / preview', () => {
  it('lists partitions of the local lake as JSON', async () => {
    const result = await lakedeck(['--lake', lake, 'zones', 'ls', 'raw/covid_csv/', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { kind: 'prefix', zone: 'raw', key: 'raw/covid_csv/ingest_date=2020-03-06/', name: 'ingest_date=2020-03-06' },
      { kind: 'prefix', zone: 'raw', key: 'raw/covid_csv/ingest_date=2020-03-07/', name: 'ingest_date=2020-03-07' },
    ]);
  });

  it('gives keys that preview takes as they are, and refuses --rows that is not a number', async () => {
    const listed = await lakedeck(['--lake', lake, 'zones', 'ls', 'raw/covid_csv/ingest_date=2020-03-07/', '--json']);
    const [object] = JSON.parse(listed.stdout) as { key: string }[];
    const shown = await lakedeck(['--lake', lake, 'preview', object.key]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('covid_csv_20200307_000000.csv');
    const refused = await lakedeck(['--lake', lake, 'preview', object.key, '--rows', 'abc']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("option '--rows <n>' argument 'abc' is invalid. expected a whole number of at least 1");
  });

  it('answers lakedeck help zones', async () => {
    const result = await lakedeck(['help', 'zones']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: lakedeck zones');
    expect(result.stdout).toContain('ls [options] <path>');
  });

  it('previews the CSV as a table with accents intact', async () => {
    const result = await lakedeck([
      '--lake',
      lake,
      'preview',
      'raw/covid_csv/ingest_date=2020-03-06/covid_csv_20200306_000000.csv',
      '--rows',
      '3',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Fecha de notificación');
    expect(result.stdout).toContain('(first 3 rows)');
  });

  it('finds the bucket from a stack on moto and lists it', async () => {
    const cfn = new CloudFormationClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const template = {
      Resources: { Lake: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'cli-stack-lake' } } },
      Outputs: { LakeBucketName: { Value: { Ref: 'Lake' } } },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'lakedeck-cli', TemplateBody: JSON.stringify(template) }));
    await s3For(moto).send(
      new PutObjectCommand({
        Bucket: 'cli-stack-lake',
        Key: 'raw/divipola/ingest_date=2024-01-01/divipola_20240101_000000.csv',
        Body: 'x',
      }),
    );
    const result = await lakedeck(['--stack', 'lakedeck-cli', 'zones', 'ls', 'raw/divipola/', '--json'], moto.env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      { kind: 'prefix', zone: 'raw', key: 'raw/divipola/ingest_date=2024-01-01/', name: 'ingest_date=2024-01-01' },
    ]);
    // moto's first CloudFormation stack takes ~25 s to create on a busy two-core machine.
  }, 90_000);

  it('says plainly when the stack or the bucket does not exist, with exit codes 2 and 1', async () => {
    const noStack = await lakedeck(['--stack', 'missing-stack', 'zones', 'ls', 'raw/'], moto.env);
    expect(noStack.code).toBe(2);
    expect(noStack.stderr).toMatch(/Stack 'missing-stack' does not exist/);
    const noBucket = await lakedeck(['--bucket', 'missing-bucket', 'zones', 'ls', 'raw/'], moto.env);
    expect(noBucket.code).toBe(1);
    expect(noBucket.stderr).toMatch(/Bucket 'missing-bucket' does not exist at http:\/\/127\.0\.0\.1/);
  });

  it('rejects paths outside the zones and bad configuration', async () => {
    expect((await lakedeck(['--lake', lake, 'zones', 'ls', 'landing/'])).stderr).toMatch(/does not start with a zone/);
    const bad = await lakedeck(['--backend', 'gcp', 'zones', 'ls', 'raw/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown backend 'gcp'/);
  });
});
