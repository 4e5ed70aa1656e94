// The local relational source: an embedded Postgres (PGlite) in a folder beside the zones,
// created and loaded with the bundled reference data on first use. Imported lazily: the WASM
// engine costs nothing until a reference source actually runs.
import { sampleDataDir } from '../sample-data.js';
import { sharedConnection, type ReferenceDatabase } from './database.js';
import { lockDirectory } from './dir-lock.js';
import { ensureReferenceData } from './load.js';

/** Measured opening a lake's database: peak RSS 339 MB with the defaults, 184 MB with these. */
export const PGLITE_SETTINGS = 'shared_buffers = 8MB';

export function pgliteDatabase(dataDir: string, sampleDir: () => string = () => sampleDataDir()): ReferenceDatabase {
  return sharedConnection(
    () => `pglite ${dataDir}`,
    async () => {
      const release = await lockDirectory(dataDir);
      try {
        const { PGlite } = await import('@electric-sql/pglite');
        // Two tables of ~1 000 rows need no 128 MB buffer pool: 8 MB halves the engine's memory.
        const db = await PGlite.create(dataDir, { postgresqlconf: PGLITE_SETTINGS });
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
