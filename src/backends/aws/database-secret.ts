// Connection settings for the relational source on aws: the Secrets Manager secret (RDS format)
// when one is named, completed by the PG* variables for fields the secret lacks (an RDS-managed
// master secret holds only username and password). TLS is verified unless a setting says
// otherwise (pg-tls.ts).
import { LakeError } from '../../core/errors.js';
import { pgSettingsFromEnv, pgSettingsFromSecret, type PgSettings } from '../../pipeline/reference/pg-database.js';
import type { ClientConfig } from './clients.js';
import { toLakeError } from './errors.js';

type Env = Record<string, string | undefined>;

export async function databaseSettings(settings: ClientConfig, env: Env, stackSecretArn: () => Promise<string | undefined>): Promise<PgSettings> {
  const fromEnv = pgSettingsFromEnv(env);
  const arn = env.LAKEDECK_DB_SECRET_ARN || (await stackSecretArn());
  if (!arn) {
    if (!fromEnv.host) {
      throw new LakeError('config', 'No database for the reference sources: set LAKEDECK_DB_SECRET_ARN (or deploy the stack output DatabaseSecretArn) or PGHOST/PGUSER/PGPASSWORD/PGDATABASE');
    }
    return fromEnv;
  }
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient(settings);
  try {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!secret.SecretString) throw new LakeError('config', `Secret ${arn} has no string value`);
    const fromSecret = pgSettingsFromSecret(secret.SecretString);
    const merged: PgSettings = { ...fromEnv };
    for (const [key, value] of Object.entries(fromSecret) as [keyof PgSettings, never][]) if (value !== undefined) merged[key] = value;
    return merged;
  } catch (error) {
    throw toLakeError(error, { what: `reading the database secret ${arn}`, endpoint: settings.endpoint });
  } finally {
    client.destroy();
  }
}
