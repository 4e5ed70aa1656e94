// The aws relational source: PostgreSQL (RDS) through `pg`. Credentials come from a Secrets
// Manager secret in the RDS format ({host, port, username, password, dbname}) when an ARN is
// configured, otherwise from the standard PG* environment variables. The password is held only
// in the connection settings: never in a message, the manifest or a log.
import { sampleDataDir } from '../sample-data.js';
import { sharedConnection, type ReferenceDatabase } from './database.js';
import { ensureReferenceData } from './load.js';

export interface PgSettings {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** RDS enforces TLS; its CA is not in Node's store, so the default is encrypted, unverified. */
  ssl?: false | { rejectUnauthorized: boolean };
}

export type PgSettingsLoader = () => Promise<PgSettings>;

export function pgDatabase(load: PgSettingsLoader, sampleDir: () => string = () => sampleDataDir()): ReferenceDatabase {
  let where = 'postgres';
  return sharedConnection(
    () => where,
    async () => {
      const settings = await load();
      where = `postgres://${settings.user ?? ''}@${settings.host ?? 'localhost'}:${settings.port ?? 5432}/${settings.database ?? ''}`;
      const { default: pg } = await import('pg');
      const client = new pg.Client({ ...settings, connectionTimeoutMillis: 15_000 });
      await client.connect();
      return {
        client: { query: async (sql, params) => client.query(sql, params) },
        close: () => client.end(),
      };
    },
    (client) => ensureReferenceData(client, sampleDir),
  );
}

/** PG* variables as libpq reads them (PGSSLMODE=require turns TLS on). */
export function pgSettingsFromEnv(env: Record<string, string | undefined>): PgSettings {
  return {
    host: env.PGHOST,
    port: env.PGPORT ? Number(env.PGPORT) : undefined,
    user: env.PGUSER,
    password: env.PGPASSWORD,
    database: env.PGDATABASE,
    ssl: env.PGSSLMODE && env.PGSSLMODE !== 'disable' ? { rejectUnauthorized: env.PGSSLMODE.startsWith('verify') } : false,
  };
}

/** The RDS-managed secret's JSON, as Secrets Manager returns it. */
export function pgSettingsFromSecret(secretString: string): PgSettings {
  const secret = JSON.parse(secretString) as Record<string, unknown>;
  const text = (key: string) => (typeof secret[key] === 'string' ? (secret[key] as string) : undefined);
  return {
    host: text('host'),
    port: secret.port === undefined ? undefined : Number(secret.port),
    user: text('username'),
    password: text('password'),
    database: text('dbname') ?? text('database'),
    ssl: text('sslmode') === 'disable' ? false : { rejectUnauthorized: false },
  };
}
