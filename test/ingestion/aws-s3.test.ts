// covid_csv on aws: the Lambda handler's contract, multipart uploads to S3 (moto) that complete
// for new content and are aborted for duplicates and cancelled runs.
import { GetObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../src/backends/index.js';
import type { Config } from '../../src/config/config.js';
import { handler } from '../../src/lambda/index.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';
import { SAMPLE_CSV } from './support/api-rows.js';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';

// ~40 MB of real rows: three 16 MiB parts.
const [head, ...rest] = readFileSync(SAMPLE_CSV, 'utf8').split('\n');
const rows = rest.filter(Boolean).join('\n');
const big = Buffer.from(`${head}\n${Array.from({ length: 330 }, () => rows).join('\n')}\n`);
const bigSha = createHash('sha256').update(big).digest('hex');
let moto: Moto;
let s3: S3Client;
let server: FixtureServer;

beforeAll(async () => {
  [moto, server] = await Promise.all([startMoto(), startFixtureServer({ '/big.csv': { body: big } })]);
  Object.assign(process.env, moto.env);
  s3 = s3For(moto);
}, 60_000);
afterAll(async () => {
  s3?.destroy();
  await Promise.all([moto?.stop(), server?.close()]);
});

const pendingUploads = async (bucket: string) => (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
const objectsUnder = async (bucket: string, prefix: string) => {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  return ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);
};

describe('the ingestion Lambda', () => {
  it('answers with the manifest record, isNew and the object URI; a second identical run is not new', async () => {
    const bucket = await freshBucket(s3);
    Object.assign(process.env, {
      LAKEDECK_BUCKET: bucket,
      LAKEDECK_COVID_CSV_URL: server.url('/big.csv'),
      LAKEDECK_METRICS_NAMESPACE: 'LakedeckTest',
    });
    const stdout = vi.spyOn(process.stdout, 'write');
    const first = await handler({ source: 'covid_csv' }, { getRemainingTimeInMillis: () => 900_000 });
    const metrics = stdout.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line));
    stdout.mockRestore();
    expect(metrics).toEqual([
      expect.objectContaining({ Source: 'covid_csv', RowsIngested: 330 * 700, BytesIngested: big.length, DuplicateRuns: 0, FailedRuns: 0 }),
    ]);
    expect(metrics[0]._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'LakedeckTest', Dimensions: [['Source']] });
    expect(first).toMatchObject({
      source: 'covid_csv',
      outcome: 'ingested',
      isNew: true,
      bytes: big.length,
      sha256: bigSha,
      rows: 330 * 700,
    });
    expect(first.uri).toBe(`s3://${bucket}/raw/${first.key}`);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `raw/${first.key}` }))).Body!.transformToByteArray();
    expect(createHash('sha256').update(body).digest('hex')).toBe(bigSha);

    const second = await handler({ source: 'covid_csv' });
    expect(second).toMatchObject({ outcome: 'duplicate', isNew: false, duplicateOf: first.runId, sha256: bigSha });
    expect(second.uri).toBeUndefined();
    expect(await objectsUnder(bucket, 'raw/covid_csv/')).toEqual([`raw/${first.key}`]);
    expect(await pendingUploads(bucket)).toEqual([]);
  }, 60_000);

  it('throws BadEvent for an unknown source and IngestionFailed after recording a failed run', async () => {
    await expect(handler({ source: 'nope' as never })).rejects.toMatchObject({ name: 'BadEvent' });
    const bucket = await freshBucket(s3);
    Object.assign(process.env, { LAKEDECK_BUCKET: bucket, LAKEDECK_COVID_CSV_URL: server.url('/gone.csv') });
    await expect(handler({ source: 'covid_csv' })).rejects.toMatchObject({
      name: 'IngestionFailed',
      message: expect.stringMatching(/HTTP 404/),
    });
    const manifests = await objectsUnder(bucket, 'raw/_manifests/covid_csv/');
    expect(manifests).toEqual([expect.stringMatching(/\.failed\.json$/)]);
  });
});

describe('an interrupted upload to S3', () => {
  it('leaves no object and no multipart upload behind', async () => {
    const config: Config = {
      backend: 'aws',
      lake: '/nonexistent',
      bucket: await freshBucket(s3),
      endpoint: moto.endpoint,
      region: 'us-east-1',
      readOnly: false,
      logFile: '/dev/null',
    };
    const backend = await createBackend(config);
    const controller = new AbortController();
    const run = await backend.ingestion!.run('covid_csv', {
      url: server.url('/big.csv'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes > 34 * 1024 * 1024) controller.abort();
      },
    });
    await backend.close();
    expect(run).toMatchObject({ outcome: 'cancelled', note: expect.stringMatching(/cancelled/) });
    expect(await objectsUnder(config.bucket as string, 'raw/covid_csv/')).toEqual([]);
    expect(await pendingUploads(config.bucket as string)).toEqual([]);
  }, 60_000);
});
