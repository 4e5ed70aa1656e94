// The zone store on S3: one bucket, zones as the top-level prefixes raw/, trusted/, refined/.
// Listings are paged by continuation token and fetched only as the caller asks for more.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import type { ListOptions, ListPage, ObjectInfo, PrefixSummary, PutOptions, Zone, ZoneEntry, ZoneStore } from '../../core/zones.js';
import { toLakeError } from './errors.js';

const DEFAULT_PAGE = 1000;
// 16 MiB parts keep memory flat (4 in flight) and allow objects up to ~160 GB.
const PART_SIZE = 16 * 1024 * 1024;

export class S3ZoneStore implements ZoneStore {
  readonly location: string;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly endpoint?: string,
  ) {
    this.location = `s3://${bucket}`;
  }

  uri(zone: Zone, key = ''): string {
    return `s3://${this.bucket}/${zone}/${key}`;
  }

  private fail(error: unknown, what: string): never {
    throw toLakeError(error, { what, endpoint: this.endpoint, bucket: this.bucket });
  }

  async list(zone: Zone, prefix: string, options: ListOptions = {}): Promise<ListPage> {
    const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    const fullPrefix = `${zone}/${base}`;
    const response = await this.client
      .send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: fullPrefix,
          Delimiter: '/',
          MaxKeys: options.limit ?? DEFAULT_PAGE,
          ContinuationToken: options.token,
        }),
      )
      .catch((error) => this.fail(error, `listing ${this.uri(zone, base)}`));
    const prefixes: ZoneEntry[] = (response.CommonPrefixes ?? []).map((p) => {
      const key = (p.Prefix ?? '').slice(zone.length + 1);
      return { kind: 'prefix', key, name: key.slice(base.length, -1) };
    });
    const objects: ZoneEntry[] = (response.Contents ?? [])
      .filter((o) => o.Key !== undefined && o.Key !== fullPrefix) // skip "folder marker" objects
      .map((o) => {
        const key = (o.Key as string).slice(zone.length + 1);
        return { kind: 'object', key, name: key.slice(base.length), size: o.Size, modified: o.LastModified };
      });
    return { entries: [...prefixes, ...objects], nextToken: response.IsTruncated ? response.NextContinuationToken : undefined };
  }

  async summarize(zone: Zone, prefix: string, signal?: AbortSignal): Promise<PrefixSummary> {
    const summary: PrefixSummary = { objects: 0, bytes: 0 };
    let token: string | undefined;
    do {
      signal?.throwIfAborted();
      const response = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${zone}/${prefix}`, ContinuationToken: token }), {
          abortSignal: signal,
        })
        .catch((error) => this.fail(error, `summarising ${this.uri(zone, prefix)}`));
      for (const object of response.Contents ?? []) {
        summary.objects += 1;
        summary.bytes += object.Size ?? 0;
        if (object.LastModified && (!summary.lastModified || object.LastModified > summary.lastModified)) {
          summary.lastModified = object.LastModified;
        }
      }
      token = response.IsTruncated ? response.NextContinuationToken : undefined;
    } while (token);
    return summary;
  }

  async stat(zone: Zone, key: string): Promise<ObjectInfo | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: `${zone}/${key}` }));
      return { key, size: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0) };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return undefined;
      this.fail(error, `reading ${this.uri(zone, key)}`);
    }
  }

  async readRange(zone: Zone, key: string, start: number, end: number): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    const response = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: `${zone}/${key}`, Range: `bytes=${start}-${end - 1}` }))
      .catch((error) => this.fail(error, `reading ${this.uri(zone, key)}`));
    return (await response.Body?.transformToByteArray()) ?? new Uint8Array(0);
  }

  async read(zone: Zone, key: string): Promise<Readable> {
    const response = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: `${zone}/${key}` }))
      .catch((error) => this.fail(error, `reading ${this.uri(zone, key)}`));
    return response.Body as Readable;
  }

  async put(zone: Zone, key: string, body: Readable | Uint8Array | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const { signal } = options;
    signal?.throwIfAborted();
    // Upload sends small bodies in one PutObject and large ones as a multipart upload that is
    // completed only when every part arrived, and aborted on failure: never a partial object.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: `${zone}/${key}`, Body: body, ContentType: options.contentType },
      partSize: PART_SIZE,
      queueSize: 4,
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', (progress) => {
      if (progress.loaded !== undefined) options.onProgress?.(progress.loaded);
    });
    // Cancelling fails the body rather than Upload's own abort, whose promise settles before the
    // AbortMultipartUpload call is made: this way done() returns only once the parts are gone.
    const cancel = () => {
      if (body instanceof Readable) body.destroy(signal?.reason instanceof Error ? signal.reason : new Error('upload cancelled'));
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      await upload.done();
    } catch (error) {
      this.fail(error, `writing ${this.uri(zone, key)}`);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    const info = await this.stat(zone, key);
    if (!info) throw toLakeError(new Error('object missing after upload'), { what: `writing ${this.uri(zone, key)}` });
    return info;
  }

  async delete(zone: Zone, key: string): Promise<void> {
    await this.client
      .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: `${zone}/${key}` }))
      .catch((error) => this.fail(error, `deleting ${this.uri(zone, key)}`));
  }
}
