// The aws backend's composition point: the target resolved once (target.ts), every SDK client
// from one counted factory (clients.ts), the bucket probed once (bucket-probe.ts), and every
// service the backend offers built here.
import { S3Client } from '@aws-sdk/client-s3';
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
import { resolveAwsTarget } from './target.js';
import { S3ZoneStore } from './zone-store.js';

type Env = Record<string, string | undefined>;

export async function createAwsBackend(config: Config, env: Env = process.env): Promise<Backend> {
  const clients = new AwsClients(clientConfig({ profile: config.profile, region: config.region, endpoint: config.endpoint }));
  try {
    const target = await resolveAwsTarget(config, env, clients);
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
    return assembleBackend({
      kind: 'aws',
      label: backendLabel(config, target.bucket),
      readOnly: config.readOnly,
      calls: clients.calls,
      target,
      services: { zones, ingestion },
      release: () => clients.destroy(),
    });
  } catch (error) {
    clients.destroy();
    throw error;
  }
}
