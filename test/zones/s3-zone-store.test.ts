import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ZoneStore } from '../../src/backends/aws/zone-store.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';
import { zoneStoreContract } from './zone-store-contract.js';

let moto: Moto;
let s3: S3Client;
const buckets: string[] = [];

beforeAll(async () => {
  moto = await startMoto();
  s3 = s3For(moto);
  // The contract creates stores synchronously: make enough buckets up front.
  for (let i = 0; i < 8; i += 1) buckets.push(await freshBucket(s3));
});

afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
});

describe('S3ZoneStore against moto', () => {
  zoneStoreContract(() => new S3ZoneStore(s3, buckets.pop() as string, moto.endpoint));

  it('gives s3:// URIs the Spark jobs accept', () => {
    const store = new S3ZoneStore(s3, 'my-lake');
    expect(store.uri('refined', 'daily_cases/')).toBe('s3://my-lake/refined/daily_cases/');
  });

  it('pages a large prefix by continuation token, never asking for more than one page at a time', async () => {
    const store = new S3ZoneStore(s3, await freshBucket(s3), moto.endpoint);
    for (let i = 0; i < 30; i += 1) await store.put('raw', `big/o${String(i).padStart(2, '0')}`, 'x');
    const first = await store.list('raw', 'big/', { limit: 12 });
    expect(first.entries).toHaveLength(12);
    expect(first.nextToken).toBeDefined();
    const second = await store.list('raw', 'big/', { limit: 12, token: first.nextToken });
    expect(second.entries[0].name).toBe('o12');
  });

  it('says plainly that a bucket is missing', async () => {
    const store = new S3ZoneStore(s3, 'no-such-lake-bucket', moto.endpoint);
    await expect(store.list('raw', '')).rejects.toThrow(/Bucket 'no-such-lake-bucket' does not exist/);
  });

  it('publishes a multipart upload whole, and aborts it when the stream fails', async () => {
    const bucket = await freshBucket(s3);
    const store = new S3ZoneStore(s3, bucket, moto.endpoint);
    const part = Buffer.alloc(16 * 1024 * 1024, 7);
    const { Readable } = await import('node:stream');
    await store.put('raw', 'mp/whole.bin', Readable.from([part, part, Buffer.from('tail')]));
    expect((await store.stat('raw', 'mp/whole.bin'))?.size).toBe(2 * part.length + 4);

    const failing = Readable.from(
      (async function* () {
        yield part;
        yield part;
        throw new Error('source cut mid-stream');
      })(),
    );
    await expect(store.put('raw', 'mp/cut.bin', failing)).rejects.toThrow(/source cut mid-stream/);
    expect(await store.stat('raw', 'mp/cut.bin')).toBeUndefined();
    const { ListMultipartUploadsCommand } = await import('@aws-sdk/client-s3');
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });
});

describe('S3ZoneStore cancellation', () => {
  it('returns from a cancelled multipart upload only once the upload is aborted', async () => {
    const bucket = await freshBucket(s3);
    const store = new S3ZoneStore(s3, bucket, moto.endpoint);
    const { Readable } = await import('node:stream');
    const { ListMultipartUploadsCommand } = await import('@aws-sdk/client-s3');
    const controller = new AbortController();
    const part = Buffer.alloc(16 * 1024 * 1024, 3);
    const endless = Readable.from(
      (async function* () {
        yield part;
        yield part;
        controller.abort(new Error('cancelled by the user'));
        for (;;) yield part;
      })(),
    );
    await expect(store.put('raw', 'mp/cancelled.bin', endless, { signal: controller.signal })).rejects.toThrow(/cancelled by the user/);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
    expect(await store.stat('raw', 'mp/cancelled.bin')).toBeUndefined();
  });
});
