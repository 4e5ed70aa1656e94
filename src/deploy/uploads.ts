// Content-addressed uploads with a manifest written last. Each artifact goes to a key derived
// from its sha256, so an object at a key is that content or nothing (a PUT is atomic and S3
// checks the SHA-256 we send). The manifest lists what a finished upload put where; the next
// deploy trusts only what the manifest lists, so a deploy cut short (expired credentials, a
// dropped connection) leaves nothing the next one skips by mistake: it is uploaded again.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { toLakeError } from '../backends/aws/errors.js';
import { artifact as makeArtifact, type Artifact } from './artifacts.js';

export interface ManifestEntry {
  key: string;
  sha256: string;
  bytes: number;
}

export type UploadManifest = Record<string, ManifestEntry>;

export interface UploadReport {
  uploaded: ManifestEntry[];
  unchanged: ManifestEntry[];
  entries: UploadManifest;
}

/** `<prefix>lambda-<first 16 hex of sha256>.zip`: a new key only when the content changes. */
export function contentKey(prefix: string, artifact: Artifact): string {
  const dot = artifact.name.lastIndexOf('.');
  const stem = dot > 0 ? artifact.name.slice(0, dot) : artifact.name;
  const ext = dot > 0 ? artifact.name.slice(dot) : '';
  return `${prefix}${stem}-${artifact.sha256.slice(0, 16)}${ext}`;
}

export async function readManifest(s3: S3Client, bucket: string, key: string): Promise<UploadManifest> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await response.Body!.transformToString()) as UploadManifest;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return {};
    if (error instanceof SyntaxError) return {};
    throw toLakeError(error, { what: `reading the upload manifest s3://${bucket}/${key}`, bucket });
  }
}

export async function putVerified(s3: S3Client, bucket: string, key: string, artifact: Artifact, contentType?: string): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: artifact.body,
        ContentType: contentType,
        ChecksumSHA256: Buffer.from(artifact.sha256, 'hex').toString('base64'),
      }),
    );
  } catch (error) {
    throw toLakeError(error, { what: `uploading ${artifact.name} to s3://${bucket}/${key}`, bucket });
  }
}

/**
 * Uploads each artifact not already listed (same sha256) in the manifest at `manifestKey`, to
 * its content key under `prefix`, then writes the new manifest — only when something changed.
 */
export async function uploadContentAddressed(
  s3: S3Client,
  bucket: string,
  prefix: string,
  artifacts: Artifact[],
  manifestKey = `${prefix}manifest.json`,
): Promise<UploadReport> {
  const previous = await readManifest(s3, bucket, manifestKey);
  const report: UploadReport = { uploaded: [], unchanged: [], entries: {} };
  for (const artifact of artifacts) {
    const known = previous[artifact.name];
    const entry: ManifestEntry = { key: contentKey(prefix, artifact), sha256: artifact.sha256, bytes: artifact.body.byteLength };
    if (known && known.sha256 === entry.sha256 && known.key === entry.key) {
      report.unchanged.push(entry);
    } else {
      await putVerified(s3, bucket, entry.key, artifact);
      report.uploaded.push(entry);
    }
    report.entries[artifact.name] = entry;
  }
  if (report.uploaded.length > 0) {
    const body = new TextEncoder().encode(`${JSON.stringify({ ...previous, ...report.entries }, null, 2)}\n`);
    await putVerified(s3, bucket, manifestKey, makeArtifact('manifest.json', body), 'application/json');
  }
  return report;
}

/**
 * The Spark artifacts live at fixed paths (`<ArtifactsPrefix>spark/jobs/etl.py`…: the state
 * machine names them), so they cannot be content-addressed by key. Their own manifest.json
 * (from build_artifacts.py) is uploaded last and compared first: a file is uploaded when its
 * sha256 differs from what the last finished upload recorded.
 */
export async function uploadSparkArtifacts(
  s3: S3Client,
  bucket: string,
  prefix: string,
  files: Artifact[],
  manifest: Artifact,
): Promise<{ uploaded: string[]; unchanged: string[] }> {
  const previous = (await readManifest(s3, bucket, `${prefix}manifest.json`)) as unknown as Record<string, { sha256?: string }>;
  const uploaded: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    if (previous[file.name]?.sha256 === file.sha256) {
      unchanged.push(file.name);
      continue;
    }
    await putVerified(s3, bucket, `${prefix}${file.name}`, file);
    uploaded.push(file.name);
  }
  if (uploaded.length > 0) await putVerified(s3, bucket, `${prefix}manifest.json`, manifest, 'application/json');
  return { uploaded, unchanged };
}
