// The aws backend: SDK v3 clients configured once, the lake bucket found from the stack outputs
// (or --bucket).
import { S3Client } from '@aws-sdk/client-s3';
import type { Backend } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import { CallCounter } from '../call-counter.js';
import { backendLabel } from '../label.js';
import { clientConfig, countCalls } from './clients.js';
import { readStackOutputs, requireOutput, type StackOutputs } from './stack-outputs.js';
import { S3ZoneStore } from './zone-store.js';

export async function createAwsBackend(config: Config): Promise<Backend> {
  const calls = new CallCounter();
  const settings = clientConfig({ profile: config.profile, region: config.region, endpoint: config.endpoint });
  let outputs: StackOutputs = {};
  if (config.stack) {
    // Only a stack needs CloudFormation: `--bucket` runs never load its client.
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    const cloudFormation = countCalls(new CloudFormationClient(settings), calls);
    outputs = await readStackOutputs(cloudFormation, config.stack, config.endpoint);
    cloudFormation.destroy();
  }
  const bucket = config.bucket ?? requireOutput(outputs, 'LakeBucketName', config.stack as string);
  const s3 = countCalls(new S3Client(settings), calls);
  const zones = new S3ZoneStore(s3, bucket, config.endpoint);
  // EMR steps need the stack: it names the clusters (tag lakedeck:stack) and the Spark artifacts.
  const emr = config.stack
    ? (await import('./steps/index.js')).createEmrSteps({
        settings,
        calls,
        s3,
        stack: config.stack,
        bucket,
        artifactsPrefix: outputs.ArtifactsPrefix ?? 'artifacts/',
        readOnly: config.readOnly,
      })
    : undefined;
  return {
    kind: 'aws',
    label: backendLabel(config, bucket),
    readOnly: config.readOnly,
    calls,
    zones,
    steps: emr?.steps,
    close: async () => {
      emr?.close();
      s3.destroy();
    },
  };
}
