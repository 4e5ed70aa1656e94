// The SDK clients a deploy or destroy uses, built once from the shared settings (profile,
// region, AWS_ENDPOINT_URL) and closed together.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type AwsSettings } from '../backends/aws/clients.js';
import { LakeError } from '../core/errors.js';

export interface DeployClients {
  region: string;
  /** False only for a plain-HTTP custom endpoint (moto, LocalStack). */
  overTls: boolean;
  s3: S3Client;
  cf: CloudFormationClient;
  sts: STSClient;
  ec2: EC2Client;
  close(): void;
}

export async function deployClients(settings: AwsSettings): Promise<DeployClients> {
  const config = clientConfig(settings);
  const cf = new CloudFormationClient(config);
  let region: string;
  try {
    region = await cf.config.region();
  } catch (error) {
    cf.destroy();
    throw new LakeError('config', 'No AWS region: pass --region or set AWS_REGION', { cause: error });
  }
  const s3 = new S3Client(config);
  const sts = new STSClient(config);
  const ec2 = new EC2Client(config);
  return { region, overTls: !settings.endpoint?.startsWith('http://'), s3, cf, sts, ec2, close: () => [s3, cf, sts, ec2].forEach((c) => c.destroy()) };
}
