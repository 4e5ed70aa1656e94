// Ingestion on the local backend: the sources land in the lake folder's raw zone; the relational
// source is an embedded Postgres (PGlite) kept in <lake>/.pglite, created on first use.
import path from 'node:path';
import type { Backend } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import { assembleIngestion } from '../../pipeline/index.js';
import { pgliteDatabase } from '../../pipeline/reference/pglite-database.js';
import { sourceSettingsFromEnv } from '../../pipeline/settings.js';

export function pgliteDirFor(lake: string): string {
  return path.join(lake, '.pglite');
}

export function withLocalIngestion(backend: Backend, config: Config, env: Record<string, string | undefined> = process.env): Backend {
  const ingestion = assembleIngestion({
    zones: backend.zones,
    settings: sourceSettingsFromEnv(env),
    database: pgliteDatabase(pgliteDirFor(config.lake)),
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
