// The aws relational source: PostgreSQL (RDS) through `pg`. Credentials come from a Secrets
// Manager secret in the RDS format ({host, port, username, password, dbname}) when an ARN is
// configured, otherwise from the standard PG* environment variables. The password is held only
// in the connection settings: never in a message, the manifest or a log. TLS: see pg-tls.ts.
import { sampleDataDir } from '../sample-data.js';
import { sharedConnection, type ReferenceDatabase } from './database.js';
import { ensureReferenceData } from './load.js';
import { explainTlsFailure, parseSslMode, tlsOptions, type SslMode } from './pg-tls.js';

export interface PgSettings {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** libpq's sslmode; unset means `verify-full` (RDS enforces TLS on PostgreSQL 15 and later). */
  sslMode?: SslMode;
  /** PGSSLROOTCERT: a PEM file of the CAs to trust instead of Node's store. */
  sslRootCert?: string;
}

export const DEFAULT_SSL_MODE: SslMode = 'verify-full';

export type PgSettingsLoader = () => Promise<PgSettings>;

export function pgDatabase(load: PgSettingsLoader, sampleDir: () => string = () => sampleDataDir()): ReferenceDatabase {
  let where = 'postgres';
  return sharedConnection(
    () => where,
    async () => {
      const settings = await load();
      where = `postgres://${settings.user ?? ''}@${settings.host ?? 'localhost'}:${settings.port ?? 5432}/${settings.database ?? ''}`;
      const { default: pg } = await import('pg');
      const mode = settings.sslMode ?? DEFAULT_SSL_MODE;
      const { host, port, user, password, database } = settings;
      const client = new pg.Client({
        host,
        port,
        user,
        password,
        database,
        ssl: tlsOptions(mode, settings.sslRootCert),
        connectionTimeoutMillis: 15_000,
      });
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => {});
        throw explainTlsFailure(error, where, mode) ?? error;
      }
      return {
        client: { query: async (sql, params) => client.query(sql, params) },
        close: () => client.end(),
      };
    },
    (client) => ensureReferenceData(client, sampleDir),
  );
}

/** PG* variables as libpq reads them (PGSSLMODE, PGSSLROOTCERT included). */
export function pgSettingsFromEnv(env: Record<string, string | undefined>): PgSettings {
  return {
    host: env.PGHOST,
    port: env.PGPORT ? Number(env.PGPORT) : undefined,
    user: env.PGUSER,
    password: env.PGPASSWORD,
    database: env.PGDATABASE,
    sslMode: parseSslMode(env.PGSSLMODE, 'PGSSLMODE'),
    sslRootCert: env.PGSSLROOTCERT || undefined,
  };
}

/** The RDS-managed secret's JSON, as Secrets Manager returns it (an `sslmode` field is honoured). */
export function pgSettingsFromSecret(secretString: string): PgSettings {
  const secret = JSON.parse(secretString) as Record<string, unknown>;
  const text = (key: string) => (typeof secret[key] === 'string' ? (secret[key] as string) : undefined);
  return {
    host: text('host'),
    port: secret.port === undefined ? undefined : Number(secret.port),
    user: text('username'),
    password: text('password'),
    database: text('dbname') ?? text('database'),
    sslMode: parseSslMode(text('sslmode'), 'the database secret'),
  };
}
