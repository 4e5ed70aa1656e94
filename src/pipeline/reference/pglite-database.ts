// The local relational source: an embedded Postgres (PGlite) in a folder beside the zones,
// created and loaded with the bundled reference data on first use. Imported lazily: the WASM
// engine costs nothing until a reference source actually runs.
import { rm } from 'node:fs/promises';
import { sampleDataDir } from '../sample-data.js';
import { sharedConnection, type ReferenceDatabase } from './database.js';
import { lockDirectory } from './dir-lock.js';
import { ensureReferenceData } from './load.js';
import { needsCluster, prebuiltCluster } from './prebuilt-cluster.js';

/** Measured opening a lake's database: peak RSS 339 MB with the defaults, 184 MB with these. */
export const PGLITE_SETTINGS = 'shared_buffers = 8MB';

/** `cluster`: the dump a new database is loaded from (tests hand a damaged one). */
export function pgliteDatabase(
  dataDir: string,
  sampleDir: () => string = () => sampleDataDir(),
  cluster: () => Blob | undefined = prebuiltCluster,
): ReferenceDatabase {
  return sharedConnection(
    () => `pglite ${dataDir}`,
    async () => {
      const release = await lockDirectory(dataDir);
      try {
        const { PGlite } = await import('@electric-sql/pglite');
        // Two tables of ~1 000 rows need no 128 MB buffer pool: 8 MB halves the engine's memory.
        const options = { postgresqlconf: PGLITE_SETTINGS };
        const dump = needsCluster(dataDir) ? cluster() : undefined;
        const db = dump
          ? await PGlite.create(dataDir, { ...options, loadDataDir: dump }).catch(async () => {
              // A dump this PGlite cannot load: the folder is emptied and initdb makes the cluster.
              await rm(dataDir, { recursive: true, force: true });
              return PGlite.create(dataDir, options);
            })
          : await PGlite.create(dataDir, options);
        return {
          client: { query: async (sql, params) => db.query<Record<string, unknown>>(sql, params) },
          close: async () => {
            await db.close();
            await release();
          },
        };
      } catch (error) {
        await release();
        throw error;
      }
    },
    (client) => ensureReferenceData(client, sampleDir),
  );
}
