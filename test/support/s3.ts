// S3 clients and buckets against the moto server of a test file.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Moto } from './moto.js';

export function s3For(moto: Moto): S3Client {
  return new S3Client({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

let counter = 0;

export async function freshBucket(s3: S3Client, stem = 'lake'): Promise<string> {
  counter += 1;
  const bucket = `${stem}-${process.pid}-${counter}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}
