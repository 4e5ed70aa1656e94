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

/** The region is the configured one, else the one in the API's host name (…execute-api.REGION.amazonaws.com). */
async function signedApi(apiUrl: string, config: Config) {
  const region = config.region ?? process.env.AWS_REGION ?? /execute-api\.([a-z0-9-]+)\./.exec(apiUrl)?.[1];
  if (!region) return undefined;
  const { SignedQueryApi } = await import('./query-api.js');
  return new SignedQueryApi({ apiUrl, region, profile: config.profile });
}

/** Athena and Glue clients only when the stack names a workgroup and a database. */
async function athenaQuery(outputs: StackOutputs, settings: ReturnType<typeof clientConfig>, calls: CallCounter) {
  const workGroup = outputs.AthenaWorkGroupName;
  const database = outputs.GlueDatabaseName;
  if (!workGroup || !database) return undefined;
  const [{ AthenaClient }, { GlueClient }, { AthenaQueryService }] = await Promise.all([
    import('@aws-sdk/client-athena'),
    import('@aws-sdk/client-glue'),
    import('./athena/query-service.js'),
  ]);
  const athena = countCalls(new AthenaClient(settings), calls);
  const glue = countCalls(new GlueClient(settings), calls);
  return {
    service: new AthenaQueryService(athena, glue, { workGroup, database }),
    close: () => {
      athena.destroy();
      glue.destroy();
    },
  };
}

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
  const query = await athenaQuery(outputs, settings, calls);
  const api = outputs.ApiUrl ? await signedApi(outputs.ApiUrl, config) : undefined;
  return {
    kind: 'aws',
    label: backendLabel(config, bucket),
    readOnly: config.readOnly,
    calls,
    zones,
    query: query?.service,
    api,
    close: async () => {
      s3.destroy();
      query?.close();
    },
  };
}
