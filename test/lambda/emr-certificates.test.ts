// The EMR in-transit certificate custom resource against S3 on moto (127.0.0.1), with a loopback
// HTTP server standing in for CloudFormation's pre-signed response URL: what lands in the bucket
// (a zip of three PEM files that parse and belong together), what Update and Delete do to it, and
// that every failure reaches CloudFormation as FAILED with a reason.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomResourceEvent } from '../../src/lambda/cfn-response.js';
import { createEmrCertificatesHandler } from '../../src/lambda/emr-certificates.js';
import { internalDnsWildcard } from '../../src/lambda/emr-tls/issue.js';
import { startMoto, type Moto } from '../support/moto.js';

const BUCKET = 'lakedeck-lake-test';
const KEY = 'emr-tls/in-transit-certificates.zip';
const URI = `s3://${BUCKET}/${KEY}`;

let moto: Moto;
let s3: S3Client;
let server: Server;
let responseUrl: string;
const responses: Record<string, unknown>[] = [];
const logged: string[] = [];

beforeAll(async () => {
  moto = await startMoto();
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
  server = createServer((request, reply) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      responses.push({ method: request.method, ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as object) });
      reply.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response?X-Amz-Signature=x`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await moto.stop();
});

const handler = () => createEmrCertificatesHandler({ s3, log: (line) => logged.push(line) });

function event(requestType: CustomResourceEvent['RequestType'], extra: Partial<CustomResourceEvent> = {}): CustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/lakedeck/1',
    RequestId: `request-${responses.length}`,
    LogicalResourceId: 'EmrInTransitCertificates',
    ResourceProperties: { ServiceToken: 'arn:fn', Bucket: BUCKET, Key: KEY, DnsName: '*.ec2.internal', ValidityDays: '365', Rotation: '1' },
    ...extra,
  };
}

async function bundle(): Promise<Record<string, string>> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
  const files = unzipSync(await object.Body!.transformToByteArray());
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

async function versions(): Promise<number> {
  const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: KEY }));
  return (listed.Versions?.length ?? 0) + (listed.DeleteMarkers?.length ?? 0);
}

describe('internalDnsWildcard', () => {
  it('is *.ec2.internal in us-east-1 and *.<region>.compute.internal elsewhere', () => {
    expect(internalDnsWildcard('us-east-1')).toBe('*.ec2.internal');
    expect(internalDnsWildcard('us-west-2')).toBe('*.us-west-2.compute.internal');
    expect(() => internalDnsWildcard('us-west-2; rm')).toThrow(/not an AWS region/);
  });
});

describe('emrCertificates custom resource', () => {
  it('Create writes a zip of a key and a self-signed certificate for the wildcard, and answers its URI', async () => {
    const result = await handler()(event('Create'));
    expect(result).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: URI, Data: { S3Uri: URI } });
    expect(responses.at(-1)).toMatchObject({
      method: 'PUT',
      Status: 'SUCCESS',
      PhysicalResourceId: URI,
      Data: { S3Uri: URI },
      RequestId: 'request-0',
    });

    const files = await bundle();
    expect(Object.keys(files).sort()).toEqual(['certificateChain.pem', 'privateKey.pem', 'trustedCertificates.pem']);
    const certificate = new X509Certificate(files['certificateChain.pem']!);
    expect(certificate.subject).toContain('CN=*.ec2.internal');
    expect(certificate.subjectAltName).toBe('DNS:*.ec2.internal');
    expect(certificate.checkHost('ip-10-42-3-17.ec2.internal')).toBe('*.ec2.internal');
    expect(certificate.checkPrivateKey(createPrivateKey(files['privateKey.pem']!))).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(new X509Certificate(files['trustedCertificates.pem']!).fingerprint256).toBe(certificate.fingerprint256);
    const days = (Date.parse(certificate.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(363);
    expect(days).toBeLessThan(366);

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    // Nothing of the key reaches the logs.
    const keyBody = files['privateKey.pem']!.split('\n')[1]!;
    expect(logged.join('\n')).not.toContain(keyBody);
    expect(logged.join('\n')).not.toContain('PRIVATE KEY');
  });

  it('Update keeps the certificate when nothing it depends on changed, and re-issues on a new Rotation', async () => {
    const before = (await bundle())['certificateChain.pem'];
    const old = event('Create').ResourceProperties;
    const kept = await handler()(event('Update', { PhysicalResourceId: URI, OldResourceProperties: { ...old, ServiceToken: 'arn:old' } }));
    expect(kept).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: URI, Data: { S3Uri: URI } });
    expect((await bundle())['certificateChain.pem']).toBe(before);

    const rotated = await handler()(
      event('Update', { PhysicalResourceId: URI, OldResourceProperties: old, ResourceProperties: { ...old, Rotation: '2' } }),
    );
    expect(rotated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: URI });
    expect((await bundle())['certificateChain.pem']).not.toBe(before);
    // The replaced key does not stay behind as a noncurrent version.
    expect(await versions()).toBe(1);
  });

  it('Delete removes every version of the zip', async () => {
    const result = await handler()(event('Delete', { PhysicalResourceId: URI }));
    expect(result.Status).toBe('SUCCESS');
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: URI });
    expect(await versions()).toBe(0);
  });

  it('Delete of a resource whose Create failed touches nothing', async () => {
    await handler()(event('Create'));
    const result = await handler()(event('Delete', { PhysicalResourceId: 'failed:request-x' }));
    expect(result).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'failed:request-x' });
    expect(await versions()).toBe(1);
    await handler()(event('Delete', { PhysicalResourceId: URI }));
  });

  it('reports bad properties and S3 errors to CloudFormation as FAILED with the reason', async () => {
    const bad = await handler()(event('Create', { ResourceProperties: { ...event('Create').ResourceProperties, DnsName: 'not a name' } }));
    expect(bad.Status).toBe('FAILED');
    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/DnsName is not a DNS name/) });
    expect(String(responses.at(-1)!.PhysicalResourceId)).toMatch(/^failed:/);

    const missing = await handler()(
      event('Create', { ResourceProperties: { ...event('Create').ResourceProperties, Bucket: 'no-such-bucket' } }),
    );
    expect(missing.Status).toBe('FAILED');
    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/NoSuchBucket|does not exist/) });
  });
});
