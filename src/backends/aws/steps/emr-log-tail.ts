// Reads the end of an EMR step log (`<LogUri><cluster>/steps/<step>/stderr.gz`) from S3. Gzip
// cannot be entered in the middle, so the object is streamed through gunzip once and only the
// last lines are kept; an object larger than the cap is refused rather than downloaded.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { LakeError } from '../../../core/errors.js';

const MAX_COMPRESSED_BYTES = 32 * 1024 * 1024;

export interface S3Location {
  bucket: string;
  key: string;
}

/** s3://bucket/prefix/ (or s3n://, s3a://) → bucket and prefix ending in '/'. */
export function parseLogUri(uri: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3[an]?:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) return undefined;
  const prefix = match[2] && !match[2].endsWith('/') ? `${match[2]}/` : match[2];
  return { bucket: match[1], prefix };
}

export function stepLogLocation(logUri: string, clusterId: string, stepId: string, file: 'stderr' | 'stdout'): S3Location | undefined {
  const parsed = parseLogUri(logUri);
  return parsed ? { bucket: parsed.bucket, key: `${parsed.prefix}${clusterId}/steps/${stepId}/${file}.gz` } : undefined;
}

/** A log object of at most this size (compressed) is downloaded whole for the pager. */
const MAX_PAGED_COMPRESSED_BYTES = 256 * 1024 * 1024;

/** The object's body, or undefined when it is not there (yet); one over `maxBytes` is refused. */
async function openLogObject(s3: S3Client, location: S3Location, maxBytes: number): Promise<Readable | undefined> {
  let response;
  try {
    response = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
    throw error;
  }
  if ((response.ContentLength ?? 0) > maxBytes) {
    (response.Body as Readable | undefined)?.destroy();
    throw new LakeError(
      'bad-input',
      `s3://${location.bucket}/${location.key} is ${response.ContentLength} bytes compressed: open it with the AWS CLI instead`,
    );
  }
  return response.Body as Readable;
}

/**
 * Downloads a gzip log object decompressed into `file` (created, owner-only); false when the
 * object is not there (yet).
 */
export async function downloadGzip(s3: S3Client, location: S3Location, file: string): Promise<boolean> {
  const body = await openLogObject(s3, location, MAX_PAGED_COMPRESSED_BYTES);
  if (!body) return false;
  await pipeline(body, createGunzip(), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  return true;
}

/** The last `lines` lines, or undefined when the log is not there (yet: EMR uploads every few minutes). */
export async function readGzipTail(s3: S3Client, location: S3Location, lines: number): Promise<string[] | undefined> {
  const body = await openLogObject(s3, location, MAX_COMPRESSED_BYTES);
  if (!body) return undefined;
  const kept: string[] = [];
  let partial = '';
  const gunzip = body.pipe(createGunzip());
  for await (const chunk of gunzip) {
    const parts = (partial + (chunk as Buffer).toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    kept.push(...parts);
    if (kept.length > lines * 2) kept.splice(0, kept.length - lines);
  }
  if (partial) kept.push(partial);
  return kept.slice(-lines);
}
