// The local relational source end to end: the sample-lake seeding creates the embedded Postgres,
// loads the real reference data and extracts it into raw with the sample files' exact headers.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBackend, pgliteDirFor } from '../../src/backends/local/backend.js';
import type { Config } from '../../src/config/config.js';
import type { Backend } from '../../src/core/backend.js';
import type { IngestRun } from '../../src/core/ingestion.js';
import { pgliteDatabase } from '../../src/pipeline/reference/pglite-database.js';
import { prebuiltCluster } from '../../src/pipeline/reference/prebuilt-cluster.js';
import { seedSampleLake } from '../../src/pipeline/seed.js';

const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-seed-'));
const config: Config = { backend: 'local', lake, readOnly: false, logFile: path.join(lake, 'log') };
const sample = (file: string) => readFileSync(path.resolve('sample-data', file), 'utf8');
const records = (csv: string) =>
  (parse(csv) as string[][])
    .slice(1)
    .map((r) => r.join('|'))
    .sort();
let backend: Backend;
let seeded: IngestRun[];

beforeAll(async () => {
  backend = await createLocalBackend(config, {});
  seeded = await seedSampleLake(backend);
}, 120_000);
afterAll(async () => {
  await backend?.close();
  rmSync(lake, { recursive: true, force: true });
});

describe('seeding and PGlite extraction', () => {
  it('seeds an empty lake with one local ingestion run per bundled source, once', async () => {
    expect(seeded.map((r) => [r.source, r.outcome, r.rows])).toEqual([
      ['covid_csv', 'ingested', 700],
      ['divipola', 'ingested', 1122],
      ['departments', 'ingested', 33],
    ]);
    expect(seeded[0].origin).toMatch(/^file:\/\/.*covid_casos_sample_700\.csv$/);
    expect(await seedSampleLake(backend)).toEqual([]);
    expect((await backend.ingestion?.history())?.length).toBe(3);
  });

  it('extracts DIVIPOLA and departments with the sample headers, values and decimal commas', async () => {
    const [, divipola, departments] = seeded;
    const landed = (run: IngestRun) => readFileSync(path.join(lake, 'raw', run.key as string), 'utf8');
    for (const [run, file] of [
      [divipola, 'divipola_municipios.csv'],
      [departments, 'departamentos_poblacion.csv'],
    ] as const) {
      expect(landed(run).split('\n')[0]).toBe(sample(file).split('\n')[0]);
      expect(records(landed(run))).toEqual(records(sample(file)));
    }
    expect(landed(divipola)).toContain('5,ANTIOQUIA,05001,MEDELLÍN,Municipio,"-75,581775","6,246631"');
    expect(divipola.key).toMatch(/^divipola\/ingest_date=[\d-]+\/divipola_\d{8}_\d{6}\.csv$/);
    expect(divipola.origin).toMatch(/^pglite .*: SELECT .* FROM reference\.divipola_municipios ORDER BY codigo_municipio$/);
    expect(divipola.watermark).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('skips an unchanged table as a duplicate and lands a changed one with a later watermark', async () => {
    const ingestion = backend.ingestion!;
    const again = await ingestion.run('divipola');
    expect(again).toMatchObject({ outcome: 'duplicate', duplicateOf: seeded[1].runId, rows: 1122 });
    expect(existsSync(`${pgliteDirFor(lake)}.lock`)).toBe(false);

    const database = pgliteDatabase(pgliteDirFor(lake));
    await database.use((client) =>
      client.query(
        "UPDATE reference.departamentos_poblacion SET poblacion = poblacion + 1, updated_at = now() + interval '1 second' WHERE codigo_departamento = '91'",
      ),
    );
    await database.close();
    const changed = await ingestion.run('departments');
    expect(changed.outcome).toBe('ingested');
    expect(changed.watermark! > seeded[2].watermark!).toBe(true);
    expect(readFileSync(path.join(lake, 'raw', changed.key as string), 'utf8')).toContain('91,Amazonas,79509');
  });
});

describe('a new embedded database', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  const count = (dataDir: string, cluster: () => Blob | undefined) => {
    const database = pgliteDatabase(dataDir, undefined, cluster);
    return database
      .use((client) => client.query('SELECT count(*)::int AS n FROM reference.divipola_municipios'))
      .finally(() => database.close());
  };
  const fresh = () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pglite-'));
    folders.push(folder);
    return path.join(folder, '.pglite');
  };

  it('starts from the dump the build made, with the reference data loaded', async () => {
    const dump = prebuiltCluster();
    expect(dump, 'dist/pglite-cluster.tgz (npm run build makes it)').toBeDefined();
    let asked = 0;
    const dataDir = fresh();
    const { rows } = await count(dataDir, () => (asked++, dump));
    expect(rows).toEqual([{ n: 1122 }]);
    expect(asked).toBe(1);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    // An existing cluster is opened, never loaded over.
    await count(dataDir, () => (asked++, dump));
    expect(asked).toBe(1);
  }, 120_000);

  it('falls back to initdb when the dump cannot be loaded', async () => {
    const { rows } = await count(fresh(), () => new Blob([Buffer.from('not a tarball')]));
    expect(rows).toEqual([{ n: 1122 }]);
  }, 120_000);
});
