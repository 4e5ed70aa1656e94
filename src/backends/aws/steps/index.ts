// Builds the EMR steps service of a stack (only a stack names its clusters and artifacts). The
// EMR SDK package loads only here, when a stack is in use.
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsTarget } from '../../../core/backend.js';
import type { AwsClients } from '../clients.js';
import { EmrStepsService } from './emr-steps.js';

export async function createEmrSteps(clients: AwsClients, target: AwsTarget, readOnly: boolean): Promise<EmrStepsService | undefined> {
  if (!target.stackName) return undefined;
  const emr = await clients.load(async () => (await import('@aws-sdk/client-emr')).EMRClient);
  return new EmrStepsService({
    emr,
    s3: clients.get(S3Client),
    stack: target.stackName,
    bucket: target.bucket,
    artifactsPrefix: target.artifactsPrefix ?? 'artifacts/',
    readOnly,
    endpoint: target.endpoint,
  });
}
