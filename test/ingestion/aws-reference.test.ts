// The aws relational path: a real PostgreSQL server on loopback reached with credentials from a
// Secrets Manager secret (moto), extracted by the same code into the S3 lake (moto).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/backends/index.js';
import { createAwsBackend } from '../../src/backends/aws/backend.js';
import type { Config } from '../../src/config/config.js';
import type { Backend } from '../../src/core/backend.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';
import { startPostgres, type Postgres } from './support/postgres.js';

let moto: Moto;
let postgres: Postgres;
let s3: S3Client;
let backend: Backend;
let config: Config;
let secretArn: string;

beforeAll(async () => {
  [moto, postgres] = await Promise.all([startMoto(), startPostgres()]);
  Object.assign(process.env, moto.env);
  s3 = s3For(moto);
  const secrets = new SecretsManagerClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const secret = await secrets.send(
    new CreateSecretCommand({
      Name: 'lakedeck/db',
      SecretString: JSON.stringify({
        engine: 'postgres',
        host: postgres.host,
        port: postgres.port,
        username: postgres.user,
        password: postgres.password,
        dbname: postgres.database,
        sslmode: 'disable',
      }),
    }),
  );
  secrets.destroy();
  secretArn = secret.ARN as string;
  process.env.LAKEDECK_DB_SECRET_ARN = secretArn;
  config = {
    backend: 'aws',
    lake: '/nonexistent',
    bucket: await freshBucket(s3),
    endpoint: moto.endpoint,
    region: 'us-east-1',
    readOnly: false,
    logFile: '/dev/null',
  };
  backend = await createBackend(config);
}, 90_000);

afterAll(async () => {
  await backend?.close();
  s3?.destroy();
  await Promise.all([moto?.stop(), postgres?.stop()]);
});

const header = (file: string) => readFileSync(`sample-data/${file}`, 'utf8').split('\n')[0];
const objectText = async (key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }))).Body!.transformToString();

describe('reference sources on aws: pg with a Secrets Manager secret, into S3', () => {
  it('loads the empty database on first use and lands DIVIPOLA in raw/ with its manifest', async () => {
    const run = await backend.ingestion!.run('divipola');
    expect(run).toMatchObject({ source: 'divipola', outcome: 'ingested', rows: 1122 });
    expect(run.origin).toBe(`postgres://lakedeck@127.0.0.1:${postgres.port}/lake: ${run.origin.split(': ').slice(1).join(': ')}`);
    expect(run.origin).not.toContain(postgres.password);
    const csv = await objectText(`raw/${run.key}`);
    expect(csv.split('\n')[0]).toBe(header('divipola_municipios.csv'));
    expect(csv).toContain('11,"BOGOTÁ, D.C.",11001,"BOGOTÁ, D.C.",Municipio,"-74,106992","4,649251"');
    const manifests = await backend.zones.list('raw', '_manifests/divipola/');
    expect(manifests.entries.map((e) => e.name)).toEqual([expect.stringMatching(new RegExp(`\\.ingested\\.${run.sha256}\\.json$`))]);
    expect(JSON.parse(await objectText(`raw/${manifests.entries[0].key}`))).toEqual(run);
  });

  it('skips an unchanged extract as a duplicate: one object in S3', async () => {
    const first = await backend.ingestion!.run('departments');
    const second = await backend.ingestion!.run('departments');
    expect([first.outcome, second.outcome]).toEqual(['ingested', 'duplicate']);
    expect(first.rows).toBe(33);
    const dated = await backend.zones.list('raw', 'departments/');
    const objects = await backend.zones.list('raw', dated.entries[0].key);
    expect(objects.entries.map((e) => e.key)).toEqual([first.key]);
    expect((await objectText(`raw/${first.key}`)).split('\n')[0]).toBe(header('departamentos_poblacion.csv'));
  });

  it('reads PG* variables when no secret is named, and fails without echoing a wrong password', async () => {
    // This server has no TLS; without PGSSLMODE the aws default (verify-full) would refuse it.
    const env = {
      PGHOST: postgres.host,
      PGPORT: String(postgres.port),
      PGUSER: postgres.user,
      PGPASSWORD: postgres.password,
      PGDATABASE: postgres.database,
      PGSSLMODE: 'disable',
    };
    const plain = await createAwsBackend(config, { ...env, LAKEDECK_DB_SECRET_ARN: '' });
    expect((await plain.ingestion!.run('departments')).outcome).toBe('duplicate');
    await plain.close();
    const wrong = await createAwsBackend(config, { ...env, LAKEDECK_DB_SECRET_ARN: '', PGPASSWORD: 'not-the-password-42' });
    const failed = await wrong.ingestion!.run('divipola');
    await wrong.close();
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toMatch(/password authentication failed/);
    expect(JSON.stringify(failed)).not.toContain('not-the-password-42');
  });
});
