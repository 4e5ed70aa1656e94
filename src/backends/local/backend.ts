// The local backend's composition point: the lake folder opened once (lake-folder.ts), its target
// (every path the services use, derived from the lake root), and every service it offers.
import type { Backend } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import { assembleIngestion } from '../../pipeline/index.js';
import { pgliteDatabase } from '../../pipeline/reference/pglite-database.js';
import { sourceSettingsFromEnv } from '../../pipeline/settings.js';
import { assembleBackend } from '../assemble.js';
import { CallCounter } from '../call-counter.js';
import { backendLabel } from '../label.js';
import { openLakeFolder } from './lake-folder.js';
import { localTarget } from './target.js';
import { sweepDeadTempFiles } from './temp-sweep.js';
import { LocalZoneStore } from './zone-store.js';

type Env = Record<string, string | undefined>;

export { localTarget, pgliteDirFor } from './target.js';

export async function createLocalBackend(config: Config, env: Env = process.env): Promise<Backend> {
  await openLakeFolder(config.lake, { create: config.createLake ?? false, readOnly: config.readOnly });
  // Temp files of writers killed mid-write: removed in the background, off the start-up path.
  if (!config.readOnly) void sweepDeadTempFiles(config.lake).catch(() => {});
  const target = localTarget(config.lake);
  const calls = new CallCounter();
  const zones = new LocalZoneStore(target.lakeRoot, calls);
  const ingestion = assembleIngestion({
    zones,
    settings: sourceSettingsFromEnv(env),
    database: pgliteDatabase(target.pgliteDir),
  });
  return assembleBackend({
    kind: 'local',
    label: backendLabel(config),
    readOnly: config.readOnly,
    calls,
    target,
    services: { zones, ingestion },
  });
}
