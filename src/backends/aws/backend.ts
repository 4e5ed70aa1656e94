// The aws backend's composition point: the target resolved once (target.ts), every SDK client
// from one counted factory (clients.ts), the bucket probed once (bucket-probe.ts), and every
// service the backend offers built here.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Backend } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import { assembleIngestion } from '../../pipeline/index.js';
import { pgDatabase } from '../../pipeline/reference/pg-database.js';
import { sourceSettingsFromEnv } from '../../pipeline/settings.js';
import { assembleBackend } from '../assemble.js';
import { backendLabel } from '../label.js';
import { probeBucket } from './bucket-probe.js';
import { AwsClients, clientConfig } from './clients.js';
import { databaseSettings } from './database-secret.js';
import { ActiveClusterLookup } from './metrics/active-clusters.js';
import { CloudWatchMetricsService } from './metrics/cloudwatch-metrics.js';
import { resolveAwsStack } from './target.js';
import { CloudFormationStackService } from './stack/cloudformation-stack.js';
import { SfnExecutionsService } from './executions/sfn-executions.js';
import { createEmrSteps } from './steps/index.js';
import { S3ZoneStore } from './zone-store.js';
import type { AwsTarget } from '../../core/backend.js';

/** The region is the configured one, else the one in the API's host name (…execute-api.REGION.amazonaws.com). */
async function signedApi(apiUrl: string, config: Config) {
  const region = config.region ?? process.env.AWS_REGION ?? /execute-api\.([a-z0-9-]+)\./.exec(apiUrl)?.[1];
  if (!region) return undefined;
  const { SignedQueryApi } = await import('./query-api.js');
  return new SignedQueryApi({ apiUrl, region, profile: config.profile });
}

/** Athena and Glue clients only when the stack names a workgroup and a database. */
async function athenaQuery(target: AwsTarget, clients: AwsClients) {
  if (!target.workGroup || !target.database) return undefined;
  const [athena, glue, { AthenaQueryService }] = await Promise.all([
    clients.load(async () => (await import('@aws-sdk/client-athena')).AthenaClient),
    clients.load(async () => (await import('@aws-sdk/client-glue')).GlueClient),
    import('./athena/query-service.js'),
  ]);
  return new AthenaQueryService(athena, glue, { workGroup: target.workGroup, database: target.database });
}

type Env = Record<string, string | undefined>;

export async function createAwsBackend(config: Config, env: Env = process.env): Promise<Backend> {
  const clients = new AwsClients(clientConfig({ profile: config.profile, region: config.region, endpoint: config.endpoint }));
  try {
    const { target, stack: described } = await resolveAwsStack(config, env, clients);
    // The Stack view: only with --stack (a --bucket run has no stack to show).
    const stack = described
      ? new CloudFormationStackService(described.client, {
          stackName: config.stack as string,
          endpoint: target.endpoint,
          seed: { stack: described.description, at: described.at },
        })
      : undefined;
    const settings = sourceSettingsFromEnv(env);
    const s3 = clients.get(S3Client);
    await probeBucket(s3, target.bucket, target.endpoint);
    const zones = new S3ZoneStore(s3, target.bucket, target.endpoint);
    // The relational source is the stack's PostgreSQL, reached with the target's secret, else PG*.
    const ingestion = assembleIngestion({
      zones,
      settings,
      database: pgDatabase(() => databaseSettings(clients, env, target.databaseSecretArn)),
    });
    // EMR steps need the stack: it names the clusters (tag lakedeck:stack) and the Spark artifacts.
    const steps = await createEmrSteps(clients, target, config.readOnly);
    // Executions need the stack's state machine; the schedule is its EventBridge rule.
    const executions = target.stateMachineArn
      ? new SfnExecutionsService({
          sfn: clients.get(SFNClient),
          events: target.scheduleRuleName ? clients.get(EventBridgeClient) : undefined,
          stateMachineArn: target.stateMachineArn,
          scheduleRuleName: target.scheduleRuleName,
          readOnly: config.readOnly,
          endpoint: target.endpoint,
        })
      : undefined;
    // The Metrics pane's EMR series: the stack's active clusters, as the Steps service lists them.
    const clusters = steps && target.stackName ? new ActiveClusterLookup(() => steps.clusters(), target.stackName) : undefined;
    const query = await athenaQuery(target, clients);
    const api = target.apiUrl ? await signedApi(target.apiUrl, config) : undefined;
    return assembleBackend({
      kind: 'aws',
      label: backendLabel(config, target.bucket),
      readOnly: config.readOnly,
      calls: clients.calls,
      target,
      services: {
        zones,
        ingestion,
        steps,
        executions,
        query,
        api,
        metrics: new CloudWatchMetricsService(clients.get(CloudWatchClient), target, clusters),
        stack,
      },
      release: () => clients.destroy(),
    });
  } catch (error) {
    clients.destroy();
    throw error;
  }
}
