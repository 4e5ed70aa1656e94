// Resolves the aws target once: one DescribeStacks for everything the services need (the output
// names are the contract with cloudformation/, see design.md), --bucket and LAKEDECK_DB_SECRET_ARN
// taking precedence over the stack's outputs.
import { DEFAULT_METRICS_NAMESPACE, type AwsTarget } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import type { AwsClients } from './clients.js';
import type { CloudFormationClient, Stack } from '@aws-sdk/client-cloudformation';
import { outputsOf, readStack, requireOutput, type StackOutputs } from './stack-outputs.js';

type Env = Record<string, string | undefined>;

export async function resolveAwsTarget(config: Config, env: Env, clients: AwsClients): Promise<AwsTarget> {
  return (await resolveAwsStack(config, env, clients)).target;
}

/** The target, and with --stack the DescribeStacks answer it came from (the Stack view starts from it). */
export interface ResolvedStack {
  target: AwsTarget;
  stack?: { description: Stack; at: number; client: CloudFormationClient };
}

export async function resolveAwsStack(config: Config, env: Env, clients: AwsClients): Promise<ResolvedStack> {
  if (!config.stack) return { target: targetFromOutputs({}, config, env) };
  // Only a stack needs CloudFormation: `--bucket` runs never load its client.
  const client = await clients.load(async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient);
  const description = await readStack(client, config.stack, config.endpoint);
  const outputs: StackOutputs = outputsOf(description);
  return { target: targetFromOutputs(outputs, config, env), stack: { description, at: Date.now(), client } };
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
    extractFunctionName: outputs.ExtractFunctionName,
    queryFunctionName: outputs.QueryFunctionName,
    dashboardName: outputs.DashboardName,
    apiUrl: outputs.ApiUrl,
    alarmTopicArn: outputs.AlarmTopicArn,
    emrLogUri: outputs.EmrLogUri,
    metricsNamespace: outputs.MetricsNamespace || DEFAULT_METRICS_NAMESPACE,
    databaseSecretArn: env.LAKEDECK_DB_SECRET_ARN || outputs.DatabaseSecretArn || undefined,
  };
}
