// Counting and emptying a versioned bucket: every object version and delete marker, in batches
// of 1000 (DeleteObjects' limit). A bucket that is already gone counts as empty.
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { toLakeError } from '../backends/aws/errors.js';

export interface BucketContents {
  bucket: string;
  objects: number;
  versions: number;
  bytes: number;
}

function isMissing(error: unknown): boolean {
  return (error as { name?: string }).name === 'NoSuchBucket';
}

async function* versionPages(s3: S3Client, bucket: string, prefix?: string) {
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
    );
    yield page;
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
}

export async function countContents(s3: S3Client, bucket: string, prefix?: string): Promise<BucketContents> {
  const contents: BucketContents = { bucket, objects: 0, versions: 0, bytes: 0 };
  try {
    for await (const page of versionPages(s3, bucket, prefix)) {
      for (const v of page.Versions ?? []) {
        contents.versions += 1;
        contents.bytes += v.Size ?? 0;
        if (v.IsLatest) contents.objects += 1;
      }
      contents.versions += (page.DeleteMarkers ?? []).length;
    }
  } catch (error) {
    if (isMissing(error)) return contents;
    throw toLakeError(error, { what: `counting the objects of s3://${bucket}`, bucket });
  }
  return contents;
}

/** Deletes every version and delete marker (under `prefix` when given). Returns how many. */
export async function emptyBucket(s3: S3Client, bucket: string, prefix?: string): Promise<number> {
  let deleted = 0;
  try {
    for await (const page of versionPages(s3, bucket, prefix)) {
      const ids: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
        Key: v.Key!,
        VersionId: v.VersionId,
      }));
      for (let i = 0; i < ids.length; i += 1000) {
        const batch = ids.slice(i, i + 1000);
        const result = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
        if (result.Errors?.length) {
          const first = result.Errors[0]!;
          throw new Error(`${result.Errors.length} objects not deleted, e.g. ${first.Key}: ${first.Code} ${first.Message}`);
        }
        deleted += batch.length;
      }
    }
  } catch (error) {
    if (isMissing(error)) return deleted;
    throw toLakeError(error, { what: `emptying s3://${bucket}${prefix ? `/${prefix}` : ''}`, bucket });
  }
  return deleted;
}

/** Empties and deletes a bucket; once more if objects arrived meanwhile (access logs do). */
export async function deleteBucket(s3: S3Client, bucket: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    await emptyBucket(s3, bucket);
    try {
      await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
      return;
    } catch (error) {
      if (isMissing(error)) return;
      if ((error as { name?: string }).name === 'BucketNotEmpty' && attempt < 2) continue;
      throw toLakeError(error, { what: `deleting bucket ${bucket}`, bucket });
    }
  }
}
