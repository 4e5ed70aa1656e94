// Connection settings for the relational source on aws: the Secrets Manager secret (RDS format)
// when the target names one, completed by the PG* variables for fields the secret lacks (an
// RDS-managed master secret holds only username and password). TLS is verified unless a setting
// says otherwise (pg-tls.ts).
import { LakeError } from '../../core/errors.js';
import { pgSettingsFromEnv, pgSettingsFromSecret, type PgSettings } from '../../pipeline/reference/pg-database.js';
import type { AwsClients } from './clients.js';
import { toLakeError } from './errors.js';

type Env = Record<string, string | undefined>;

/** `secretArn`: LAKEDECK_DB_SECRET_ARN, else the stack output DatabaseSecretArn (see target.ts). */
export async function databaseSettings(clients: AwsClients, env: Env, secretArn: string | undefined): Promise<PgSettings> {
  const fromEnv = pgSettingsFromEnv(env);
  if (!secretArn) {
    if (!fromEnv.host) {
      throw new LakeError(
        'config',
        'No database for the reference sources: set LAKEDECK_DB_SECRET_ARN (or deploy the stack output DatabaseSecretArn) or PGHOST/PGUSER/PGPASSWORD/PGDATABASE',
      );
    }
    return fromEnv;
  }
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = clients.get(SecretsManagerClient);
  try {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!secret.SecretString) throw new LakeError('config', `Secret ${secretArn} has no string value`);
    const fromSecret = pgSettingsFromSecret(secret.SecretString);
    const merged: PgSettings = { ...fromEnv };
    for (const [key, value] of Object.entries(fromSecret) as [keyof PgSettings, never][]) if (value !== undefined) merged[key] = value;
    return merged;
  } catch (error) {
    throw toLakeError(error, { what: `reading the database secret ${secretArn}`, endpoint: clients.config.endpoint });
  }
}
