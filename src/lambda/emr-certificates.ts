// CloudFormation custom resource (handler `index.emrCertificates`): issues the PEM zip the EMR
// security configuration's in-transit encryption reads, writes it to the lake bucket (private,
// SSE-KMS) and answers its S3 URI; on Delete removes every version of it. An Update re-issues
// only when the certificate's inputs change (a new Rotation value rotates it).
//
// Properties  Bucket, Key (the zip's object), DnsName (the nodes' private DNS wildcard),
//             ValidityDays (1-825), Rotation (any string; change it to re-issue).
// Data        S3Uri "s3://<Bucket>/<Key>". PhysicalResourceId is that URI too, so CloudFormation
//             deletes the old object when Bucket or Key change, and nothing when they do not.
// The key material is never logged: only the certificate's SHA-256 and expiry.
import {
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  type ObjectVersion,
  type DeleteMarkerEntry,
} from '@aws-sdk/client-s3';
import { clientConfig } from '../backends/aws/clients.js';
import { sendResponse, type CustomResourceEvent, type CustomResourceResult } from './cfn-response.js';
import { issueBundle } from './emr-tls/issue.js';

interface CertificateProperties {
  bucket: string;
  key: string;
  dnsName: string;
  validityDays: number;
  rotation: string;
}

const DNS_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export function certificateProperties(raw: Record<string, unknown> | undefined): CertificateProperties {
  const text = (name: string): string => {
    const value = raw?.[name];
    if (typeof value !== 'string' || value === '') throw new Error(`property ${name} is required`);
    return value;
  };
  const bucket = text('Bucket');
  const key = text('Key');
  if (key.startsWith('/') || key.endsWith('/')) throw new Error(`Key must name an object, not ${JSON.stringify(key)}`);
  const dnsName = text('DnsName');
  if (!DNS_NAME.test(dnsName)) throw new Error(`DnsName is not a DNS name or wildcard: ${JSON.stringify(dnsName)}`);
  // CloudFormation passes every property as a string; a direct invoke may pass a number.
  const validityDays = typeof raw?.ValidityDays === 'number' ? raw.ValidityDays : Number(text('ValidityDays'));
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > 825) {
    throw new Error(`ValidityDays must be a whole number from 1 to 825, not ${JSON.stringify(raw?.ValidityDays)}`);
  }
  const rotation = typeof raw?.Rotation === 'string' ? raw.Rotation : '';
  return { bucket, key, dnsName, validityDays, rotation };
}

const uriOf = (p: CertificateProperties): string => `s3://${p.bucket}/${p.key}`;

function sameCertificate(a: CertificateProperties, b: CertificateProperties): boolean {
  return (
    a.bucket === b.bucket && a.key === b.key && a.dnsName === b.dnsName && a.validityDays === b.validityDays && a.rotation === b.rotation
  );
}

export interface EmrCertificatesDeps {
  s3: S3Client;
  now?: () => Date;
  log?: (line: string) => void;
}

export function createEmrCertificatesHandler(deps: EmrCertificatesDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));

  /** Deletes every version and delete marker of the object, except `keep`. */
  async function removeVersions(bucket: string, key: string, keep?: string): Promise<number> {
    let removed = 0;
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      const page = await deps.s3.send(
        new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
      );
      const entries: (ObjectVersion | DeleteMarkerEntry)[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
      for (const entry of entries) {
        if (entry.Key !== key || entry.VersionId === keep) continue;
        await deps.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: entry.VersionId }));
        removed += 1;
      }
      if (!page.IsTruncated) return removed;
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
  }

  async function issue(p: CertificateProperties): Promise<string> {
    const bundle = issueBundle(p.dnsName, p.validityDays, deps.now?.() ?? new Date());
    const put = await deps.s3.send(
      new PutObjectCommand({
        Bucket: p.bucket,
        Key: p.key,
        Body: bundle.zip,
        ContentType: 'application/zip',
        ServerSideEncryption: 'aws:kms',
      }),
    );
    // The replaced certificate's key must not linger as a noncurrent version.
    const removed = put.VersionId ? await removeVersions(p.bucket, p.key, put.VersionId) : 0;
    return `issued ${p.dnsName} until ${bundle.notAfter.toISOString()} (certificate sha256 ${bundle.certificateSha256}) to ${uriOf(p)}, removed ${removed} older version(s)`;
  }

  async function act(event: CustomResourceEvent): Promise<CustomResourceResult> {
    const props = certificateProperties(event.ResourceProperties);
    const uri = uriOf(props);
    if (event.RequestType === 'Delete') {
      // Only the object this resource wrote: a Create that failed has another physical id.
      if (event.PhysicalResourceId !== uri) {
        return { Status: 'SUCCESS', Reason: 'nothing was issued under this id', PhysicalResourceId: event.PhysicalResourceId ?? uri };
      }
      const removed = await removeVersions(props.bucket, props.key);
      return { Status: 'SUCCESS', Reason: `removed ${removed} version(s) of ${uri}`, PhysicalResourceId: uri };
    }
    if (event.RequestType === 'Update' && event.PhysicalResourceId === uri) {
      let previous: CertificateProperties | undefined;
      try {
        previous = certificateProperties(event.OldResourceProperties);
      } catch {
        previous = undefined;
      }
      if (previous && sameCertificate(previous, props)) {
        return { Status: 'SUCCESS', Reason: `kept ${uri}`, PhysicalResourceId: uri, Data: { S3Uri: uri } };
      }
    }
    return { Status: 'SUCCESS', Reason: await issue(props), PhysicalResourceId: uri, Data: { S3Uri: uri } };
  }

  return async function emrCertificates(event: CustomResourceEvent): Promise<CustomResourceResult> {
    let result: CustomResourceResult;
    try {
      result = await act(event);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      result = { Status: 'FAILED', Reason: reason, PhysicalResourceId: event.PhysicalResourceId ?? `failed:${event.RequestId}` };
    }
    log(JSON.stringify({ requestType: event.RequestType, status: result.Status, reason: result.Reason }));
    await sendResponse(event, result);
    return result;
  };
}

let cached: ((event: CustomResourceEvent) => Promise<CustomResourceResult>) | undefined;

export async function emrCertificates(event: CustomResourceEvent): Promise<CustomResourceResult> {
  cached ??= createEmrCertificatesHandler({
    s3: new S3Client(clientConfig({ region: process.env.AWS_REGION, endpoint: process.env.AWS_ENDPOINT_URL })),
  });
  return await cached(event);
}
