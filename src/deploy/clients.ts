// The SDK clients a deploy or destroy uses, from the backends' one client factory (AwsClients:
// the shared settings — profile, region, AWS_ENDPOINT_URL — each client built once and counted),
// closed together.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { AwsClients, clientConfig, type AwsSettings } from '../backends/aws/clients.js';
import { LakeError } from '../core/errors.js';

export interface DeployClients {
  region: string;
  /** False only for a plain-HTTP custom endpoint (moto, LocalStack). */
  overTls: boolean;
  s3: S3Client;
  cf: CloudFormationClient;
  sts: STSClient;
  ec2: EC2Client;
  /** Requests sent so far (retries included). */
  calls(): number;
  close(): void;
}

export async function deployClients(settings: AwsSettings): Promise<DeployClients> {
  const factory = new AwsClients(clientConfig(settings));
  const cf = factory.get(CloudFormationClient);
  let region: string;
  try {
    region = await cf.config.region();
  } catch (error) {
    factory.destroy();
    throw new LakeError('config', 'No AWS region: pass --region or set AWS_REGION', { cause: error });
  }
  return {
    region,
    overTls: !settings.endpoint?.startsWith('http://'),
    s3: factory.get(S3Client),
    cf,
    sts: factory.get(STSClient),
    ec2: factory.get(EC2Client),
    calls: () => factory.calls.count,
    close: () => factory.destroy(),
  };
}
