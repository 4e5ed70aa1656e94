// TLS to the relational source against a real PostgreSQL speaking TLS with a certificate from a
// CA of the test's own (the stand-in for RDS and its CA): verified by default, a clear message
// when the CA is not trusted or the name does not match, and no silent downgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeError } from '../../src/core/errors.js';
import {
  DEFAULT_SSL_MODE,
  pgDatabase,
  pgSettingsFromEnv,
  pgSettingsFromSecret,
  type PgSettings,
} from '../../src/pipeline/reference/pg-database.js';
import { parseSslMode, tlsOptions } from '../../src/pipeline/reference/pg-tls.js';
import { makeCertificates, type TestCertificates } from './support/certificates.js';
import { startPostgres, type Postgres } from './support/postgres.js';

let certs: TestCertificates;
let postgres: Postgres;

beforeAll(async () => {
  certs = makeCertificates(['IP:127.0.0.1']);
  postgres = await startPostgres({ tls: { cert: certs.serverCert, key: certs.serverKey } });
}, 90_000);

afterAll(async () => {
  await postgres?.stop();
  certs?.remove();
});

/** Whether the session is encrypted, as the server sees it (the reference tables are loaded first). */
async function sessionUsesTls(settings: PgSettings): Promise<boolean> {
  const db = pgDatabase(async () => settings);
  try {
    return await db.use(async (client) => {
      const { rows } = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      return (rows[0] as { ssl: boolean }).ssl;
    });
  } finally {
    await db.close();
  }
}

async function failure(settings: PgSettings): Promise<LakeError> {
  const error = await sessionUsesTls(settings).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LakeError);
  return error as LakeError;
}

const server = () => ({
  host: postgres.host,
  port: postgres.port,
  user: postgres.user,
  password: postgres.password,
  database: postgres.database,
});

describe('TLS to PostgreSQL', () => {
  it('verifies the server against the CA named by PGSSLROOTCERT (verify-full)', async () => {
    const settings = { ...pgSettingsFromEnv({ PGSSLMODE: 'verify-full', PGSSLROOTCERT: certs.caFile }), ...server() };
    expect(await sessionUsesTls(settings)).toBe(true);
  }, 60_000);

  it('verifies by default and says how to trust the RDS CA when the CA is unknown', async () => {
    expect(DEFAULT_SSL_MODE).toBe('verify-full');
    const error = await failure(server());
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/not signed by a CA this process trusts/);
    expect(error.message).toContain('NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem');
    expect(error.message).toContain('PGSSLROOTCERT');
    expect(error.message).not.toContain(postgres.password);
  }, 60_000);

  it('refuses a certificate that does not name the host, which verify-ca accepts', async () => {
    const byName = { ...server(), host: 'localhost', sslRootCert: certs.caFile };
    const error = await failure({ ...byName, sslMode: 'verify-full' });
    expect(error.message).toMatch(/does not name this host/);
    expect(await sessionUsesTls({ ...byName, sslMode: 'verify-ca' })).toBe(true);
  }, 60_000);

  it('encrypts without checking only when asked to (require)', async () => {
    expect(await sessionUsesTls({ ...server(), sslMode: 'require' })).toBe(true);
  }, 60_000);
});

describe('sslmode settings', () => {
  it('lets the secret say sslmode and no longer forces an unverified connection', () => {
    expect(pgSettingsFromSecret(JSON.stringify({ username: 'u', password: 'p' })).sslMode).toBeUndefined();
    expect(pgSettingsFromSecret(JSON.stringify({ username: 'u', password: 'p', sslmode: 'verify-ca' })).sslMode).toBe('verify-ca');
    expect(pgSettingsFromEnv({ PGSSLMODE: 'prefer' }).sslMode).toBe('require');
  });

  it('rejects an unknown mode and an unreadable root certificate with a config error', () => {
    expect(() => parseSslMode('verify', 'PGSSLMODE')).toThrow(
      /PGSSLMODE: sslmode "verify" is not one of disable, require, verify-ca, verify-full/,
    );
    expect(() => tlsOptions('verify-full', '/nonexistent/rds.pem')).toThrow(/PGSSLROOTCERT \/nonexistent\/rds.pem cannot be read/);
    expect(tlsOptions('disable')).toBe(false);
    expect(tlsOptions('require')).toEqual({ rejectUnauthorized: false });
  });
});
