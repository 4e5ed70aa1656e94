// The deployment bucket: where the Lambda zip, the state machine definition and the packaged
// template go before CloudFormation reads them. One per account and region, created on first
// deploy with the lake bucket's guarantees — Block Public Access, default encryption (SSE-KMS,
// AWS managed key, bucket key on), objects owned by the account (no ACLs), a policy refusing
// anything but TLS 1.2+ — and reused (and those guarantees re-applied) afterwards.
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { toLakeError } from '../backends/aws/errors.js';

export function deploymentBucketName(account: string, region: string): string {
  return `lakedeck-deploy-${account}-${region}`;
}

export function tlsOnlyPolicy(bucket: string): string {
  const resources = [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyOldTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      },
    ],
  });
}

async function exists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return false;
    throw toLakeError(error, { what: `checking the deployment bucket ${bucket}`, bucket });
  }
}

/**
 * Creates the bucket if needed and (re)applies its guarantees. Returns true when it was created.
 * `overTls` false (a plain-HTTP endpoint such as a local moto) leaves out the TLS-only policy,
 * which would refuse that very connection; AWS endpoints are always HTTPS.
 */
export async function ensureDeploymentBucket(s3: S3Client, bucket: string, region: string, overTls = true): Promise<boolean> {
  const created = !(await exists(s3, bucket));
  try {
    if (created) {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          ObjectOwnership: 'BucketOwnerEnforced',
          ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
        }),
      );
    }
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await s3.send(
      new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }],
        },
      }),
    );
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    if (overTls) await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: tlsOnlyPolicy(bucket) }));
  } catch (error) {
    throw toLakeError(error, { what: `${created ? 'creating' : 'securing'} the deployment bucket ${bucket}`, bucket });
  }
  return created;
}
