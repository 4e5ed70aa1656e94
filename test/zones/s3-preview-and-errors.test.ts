// Previews on S3 read only what they need, and every way S3 can fail reads as a plain message.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ZoneStore } from '../../src/backends/aws/zone-store.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { countCalls } from '../../src/backends/aws/clients.js';
import { previewObject } from '../../src/preview/index.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';
import { writeParquet } from '../support/parquet.js';

let moto: Moto;
let s3: S3Client;
let faults: Server;
let faultEndpoint: string;

// A loopback server answering every request with one S3 error document, as S3 itself does.
const S3_ERRORS: Record<string, [number, string]> = {
  expired: [400, 'ExpiredToken'],
  denied: [403, 'AccessDenied'],
  slow: [503, 'SlowDown'],
};

beforeAll(async () => {
  moto = await startMoto();
  s3 = s3For(moto);
  faults = createServer((request, response) => {
    const bucket = (request.url ?? '/').split('/')[1] ?? '';
    const [status, code] = S3_ERRORS[bucket] ?? [500, 'InternalError'];
    response.writeHead(status, { 'content-type': 'application/xml' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} from test</Message><RequestId>1</RequestId></Error>`,
    );
  });
  await new Promise<void>((resolve) => faults.listen(0, '127.0.0.1', resolve));
  const address = faults.address();
  faultEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
  await new Promise((resolve) => faults?.close(resolve));
});

function faultStore(bucket: string, endpoint = faultEndpoint): S3ZoneStore {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  return new S3ZoneStore(client, bucket, endpoint);
}

describe('S3 previews', () => {
  it('reads a Parquet footer and first row group by ranges, not the whole object', async () => {
    const file = path.join(os.tmpdir(), `lakedeck-big-${process.pid}.parquet`);
    await writeParquet('SELECT range AS case_id, md5(range::VARCHAR) AS digest FROM range(300000)', file, 50000);
    const body = readFileSync(file);
    const calls = new CallCounter();
    const store = new S3ZoneStore(countCalls(s3For(moto), calls), await freshBucket(s3), moto.endpoint);
    await store.put('trusted', 'cases/part-00000.parquet', body);
    const before = calls.count;
    const preview = await previewObject(store, 'trusted', 'cases/part-00000.parquet', { rows: 5, headBytes: 1024 });
    const fetched = Number(/read (\d+) of/.exec(preview.notes.join(' '))?.[1]);
    expect(fetched).toBeLessThan(body.length / 3);
    expect(preview.notes).toContain('5 of 300000 rows');
    const rows = preview.sections[1];
    if (rows.kind !== 'table') throw new Error('expected a table');
    expect(rows.rows[0]).toEqual(['0', 'cfcd208495d565ef66e7dff9f98764da']);
    // One HEAD, then a handful of ranged GETs (footer, first row group's column chunks).
    expect(calls.count - before).toBeLessThanOrEqual(6);
  });
});

describe('S3 failures read as plain messages', () => {
  it('expired credentials', async () => {
    await expect(faultStore('expired').list('raw', '')).rejects.toThrow(/AWS credentials have expired: refresh them/);
  });

  it('access denied', async () => {
    await expect(faultStore('denied').list('raw', '')).rejects.toThrow(/Access denied listing s3:\/\/denied\/raw\//);
  });

  it('throttling is marked for back-off', async () => {
    await expect(faultStore('slow').list('raw', '')).rejects.toMatchObject({ code: 'throttled' });
  });

  it('an unreachable endpoint', async () => {
    const closed = faultStore('any', 'http://127.0.0.1:9');
    await expect(closed.list('raw', '')).rejects.toThrow(/Cannot reach AWS at http:\/\/127.0.0.1:9 listing/);
  });
});
