// Ingestion on the aws backend: sources land in the lake bucket's raw/ prefix; the relational
// source is the stack's PostgreSQL, reached with the secret named by LAKEDECK_DB_SECRET_ARN or
// the stack output DatabaseSecretArn, else with the PG* environment variables.
import type { Backend } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import { assembleIngestion } from '../../pipeline/index.js';
import { pgDatabase } from '../../pipeline/reference/pg-database.js';
import { sourceSettingsFromEnv } from '../../pipeline/settings.js';
import { clientConfig, type ClientConfig } from './clients.js';
import { databaseSettings } from './database-secret.js';

type Env = Record<string, string | undefined>;

export function withAwsIngestion(backend: Backend, config: Config, env: Env = process.env): Backend {
  const settings = clientConfig({ profile: config.profile, region: config.region, endpoint: config.endpoint });
  const ingestion = assembleIngestion({
    zones: backend.zones,
    settings: sourceSettingsFromEnv(env),
    database: pgDatabase(() => databaseSettings(settings, env, () => secretArnFromStack(settings, config.stack))),
    readOnly: backend.readOnly,
  });
  return {
    ...backend,
    ingestion,
    close: async () => {
      await ingestion.close?.();
      await backend.close();
    },
  };
}

/** Asked only when a relational source runs: the stack output naming the database secret. */
async function secretArnFromStack(settings: ClientConfig, stack: string | undefined): Promise<string | undefined> {
  if (!stack) return undefined;
  const [{ CloudFormationClient }, { readStackOutputs }] = await Promise.all([
    import('@aws-sdk/client-cloudformation'),
    import('./stack-outputs.js'),
  ]);
  const client = new CloudFormationClient(settings);
  try {
    return (await readStackOutputs(client, stack, settings.endpoint)).DatabaseSecretArn;
  } finally {
    client.destroy();
  }
}
