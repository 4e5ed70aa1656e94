// Resolves the aws target once: one DescribeStacks for everything the services need (the output
// names are the contract with cloudformation/, see design.md), --bucket and LAKEDECK_DB_SECRET_ARN
// taking precedence over the stack's outputs.
import { DEFAULT_METRICS_NAMESPACE, type AwsTarget } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import type { AwsClients } from './clients.js';
import { readStackOutputs, requireOutput, type StackOutputs } from './stack-outputs.js';

type Env = Record<string, string | undefined>;

export async function resolveAwsTarget(config: Config, env: Env, clients: AwsClients): Promise<AwsTarget> {
  let outputs: StackOutputs = {};
  if (config.stack) {
    // Only a stack needs CloudFormation: `--bucket` runs never load its client.
    const cloudFormation = await clients.load(async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient);
    outputs = await readStackOutputs(cloudFormation, config.stack, config.endpoint);
  }
  return targetFromOutputs(outputs, config, env);
}

export function targetFromOutputs(outputs: StackOutputs, config: Config, env: Env): AwsTarget {
  return {
    kind: 'aws',
    stackName: config.stack,
    region: config.region,
    endpoint: config.endpoint,
    bucket: config.bucket ?? requireOutput(outputs, 'LakeBucketName', config.stack as string),
    artifactsPrefix: outputs.ArtifactsPrefix,
    database: outputs.GlueDatabaseName,
    workGroup: outputs.AthenaWorkGroupName,
    stateMachineArn: outputs.StateMachineArn,
    scheduleRuleName: outputs.ScheduleRuleName,
    ingestFunctionName: outputs.IngestFunctionName,
    apiUrl: outputs.ApiUrl,
    alarmTopicArn: outputs.AlarmTopicArn,
    emrLogUri: outputs.EmrLogUri,
    metricsNamespace: outputs.MetricsNamespace || DEFAULT_METRICS_NAMESPACE,
    databaseSecretArn: env.LAKEDECK_DB_SECRET_ARN || outputs.DatabaseSecretArn || undefined,
  };
}
