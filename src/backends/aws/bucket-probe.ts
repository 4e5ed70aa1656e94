// One HeadBucket when the aws backend opens: a missing bucket, an endpoint that does not answer
// or credentials that may not read the lake are said once, plainly, before any pane draws
// (instead of `? ? ?` summaries and every source showing `never run`).
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { LakeError } from '../../core/errors.js';
import { toLakeError } from './errors.js';

export async function probeBucket(s3: S3Client, bucket: string, endpoint?: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchBucket' || e.$metadata?.httpStatusCode === 404) {
      const where = endpoint ? ` at ${endpoint}` : '';
      throw new LakeError('no-bucket', `Bucket '${bucket}' does not exist${where}: check --bucket or the stack's LakeBucketName output`, {
        cause: error,
      });
    }
    throw toLakeError(error, { what: `opening the lake bucket s3://${bucket}`, endpoint, bucket });
  }
}
